/**
 * Request parameters: one declarative spec per parameter, used both to validate requests and to
 * describe them in `/api/openapi.json`, so the documentation cannot drift from what the server
 * accepts.
 *
 * Validation rules, and why:
 * - Every problem is reported, not just the first, each naming the parameter — a script author
 *   fixes a request in one round trip.
 * - API routes reject unknown query parameters (a typo such as `?limt=5` silently ignored would
 *   return the wrong page without a hint). HTML pages ignore them, since browsers and link
 *   shorteners add their own (`utm_*`).
 * - A parameter given twice is an error rather than "last wins": the intent is ambiguous.
 * - Strings have a length cap so a single request cannot make the server scan megabytes of query.
 */
import { ApiError, type ParamProblem } from './errors.js';

export type ParamKind = 'string' | 'integer' | 'time' | 'id';

/**
 * One parameter.
 *
 * @example { kind: 'integer', in: 'query', description: 'page size', min: 1, max: 100, default: 20 }
 */
export interface ParamSpec {
  kind: ParamKind;
  in: 'query' | 'path';
  description: string;
  required?: boolean;
  /** Integers: bounds (inclusive). */
  min?: number;
  max?: number;
  /** Strings: longest accepted value in characters (default 200). */
  maxLength?: number;
  default?: string | number;
  example?: string | number;
}

export type ParamSpecs = Record<string, ParamSpec>;

/** The validated values: integers as numbers, everything else as strings; absent optional → undefined. */
export type Parsed<T extends ParamSpecs> = {
  [K in keyof T]: (T[K]['kind'] extends 'integer' ? number : string) | (T[K] extends { required: true } | { default: unknown } ? never : undefined);
};

/** Identifiers (articles, stories, entities): letters, digits and `._:-`, at most 128 characters. */
export const ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

const DEFAULT_MAX_LENGTH = 200;

/**
 * Parse a time: an ISO-8601 date or date-time, or a span back from now such as `90m`, `24h`,
 * `7d`, `2w` (the same forms the CLI's `--since` accepts). Returns ISO UTC or null.
 */
export function parseTime(value: string, now: number = Date.now()): string | null {
  const rel = /^(\d{1,6})([mhdw])$/.exec(value.trim());
  if (rel) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[rel[2] as 'm' | 'h' | 'd' | 'w'];
    return new Date(now - Number(rel[1]) * unit).toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())) return null;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? `${value.trim()}T00:00:00Z` : value.trim());
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

function checkOne(name: string, spec: ParamSpec, raw: string, problems: ParamProblem[]): string | number | undefined {
  switch (spec.kind) {
    case 'integer': {
      if (!/^-?\d{1,15}$/.test(raw)) {
        problems.push({ param: name, message: `must be a whole number, got "${clipValue(raw)}"` });
        return undefined;
      }
      const n = Number(raw);
      if (spec.min !== undefined && n < spec.min) problems.push({ param: name, message: `must be at least ${spec.min}, got ${n}` });
      else if (spec.max !== undefined && n > spec.max) problems.push({ param: name, message: `must be at most ${spec.max}, got ${n}` });
      else return n;
      return undefined;
    }
    case 'time': {
      const t = parseTime(raw);
      if (t === null) problems.push({ param: name, message: `must be an ISO date/time (2017-07-23, 2017-07-23T10:00:00Z) or a span like 24h or 7d, got "${clipValue(raw)}"` });
      return t ?? undefined;
    }
    case 'id': {
      if (!ID_PATTERN.test(raw)) {
        problems.push({ param: name, message: `must be an id of 1-128 letters, digits or . _ : -, got "${clipValue(raw)}"` });
        return undefined;
      }
      return raw;
    }
    case 'string': {
      const max = spec.maxLength ?? DEFAULT_MAX_LENGTH;
      if ([...raw].length > max) {
        problems.push({ param: name, message: `must be at most ${max} characters, got ${[...raw].length}` });
        return undefined;
      }
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(raw)) {
        problems.push({ param: name, message: 'must not contain control characters' });
        return undefined;
      }
      return raw;
    }
  }
}

function clipValue(v: string): string {
  return v.length > 40 ? `${v.slice(0, 40)}…` : v;
}

/**
 * Validate raw query or path values against specs. Throws one {@link ApiError} (400) listing every
 * problem. Empty strings count as absent (an HTML form submits `?q=` for an empty box).
 */
export function parseParams<T extends ParamSpecs>(
  specs: T,
  raw: Record<string, unknown> | undefined,
  where: 'query' | 'path',
  opts: { allowUnknown?: boolean } = {},
): Parsed<T> {
  const problems: ParamProblem[] = [];
  const out: Record<string, string | number | undefined> = {};
  const given = raw ?? {};
  if (!opts.allowUnknown) {
    const known = Object.keys(specs).filter((k) => specs[k].in === where);
    for (const k of Object.keys(given)) {
      if (!known.includes(k)) problems.push({ param: k, message: `unknown ${where} parameter${known.length ? ` (accepted: ${known.join(', ')})` : ''}` });
    }
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.in !== where) continue;
    const v = given[name];
    if (Array.isArray(v)) {
      problems.push({ param: name, message: 'given more than once' });
      continue;
    }
    if (v === undefined || v === null || v === '') {
      if (spec.required) problems.push({ param: name, message: 'is required' });
      out[name] = spec.default;
      continue;
    }
    out[name] = checkOne(name, spec, String(v), problems);
  }
  if (problems.length) {
    throw new ApiError(400, 'invalid_parameter', problems.map((p) => `${p.param} ${p.message}`).join('; '), problems);
  }
  return out as Parsed<T>;
}
