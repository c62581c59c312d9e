/**
 * Date parsing for whatever a source gives: ISO-8601 (with or without zone), RFC 822/2822 (RSS),
 * plain dates ("2013-06-07"), epoch seconds/milliseconds. Output is always ISO-8601 UTC.
 *
 * A date without a time is taken as midnight UTC of that day; a date-time without a zone is taken
 * as UTC (the only neutral choice when the source is silent).
 */

/** Parse `value` into ISO-8601 UTC, or null when it is not a plausible publication time. */
export function toIsoUtc(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  let ms: number;
  if (typeof value === 'number') {
    ms = value < 1e11 ? value * 1000 : value;
  } else if (value instanceof Date) {
    ms = value.getTime();
  } else if (typeof value === 'string') {
    const s = value.trim();
    if (!s) return null;
    if (/^\d{9,13}$/.test(s)) {
      const n = Number(s);
      ms = n < 1e11 ? n * 1000 : n;
    } else if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
      ms = Date.parse(`${s}T00:00:00Z`);
    } else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) {
      ms = Date.parse(`${s.replace(' ', 'T')}Z`);
    } else if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$/.test(s)) {
      ms = Date.parse(s.replace(' ', 'T').replace(/\s+/g, ''));
    } else {
      ms = Date.parse(s);
    }
  } else {
    return null;
  }
  if (!Number.isFinite(ms)) return null;
  // Reject absurd values: before 1900 or more than two days in the future of the wall clock.
  if (ms < Date.UTC(1900, 0, 1) || ms > Date.now() + 2 * 86_400_000) return null;
  return new Date(ms).toISOString();
}
