import { existsSync } from 'node:fs';
/**
 * What every CLI command receives: where to write, which database, and a way to set the exit code.
 * Exit codes: 0 all good, 1 some inputs failed (or a lookup found nothing), 2 usage error.
 */
import type { Command } from 'commander';
import { openStore, defaultDbPath } from '../store/index.js';
import type { Store } from '../store/types.js';
import type { Io } from './output.js';

export class UsageError extends Error {}

export interface Context {
  io: Io;
  /** The database path from `--db`, `$PARALLAX_DB`, or `./parallax.db`. */
  dbPath(): string;
  /** Open the store (once per command); closed by `main` when the command ends. */
  store(): Store;
  /**
   * The store of a database that exists already: commands that only read use it, so that a
   * mistyped `--db` is an error rather than a new, empty database.
   */
  existingStore(): Store;
  exitCode: number;
  /** Stores opened during this run, closed at the end. */
  opened: Store[];
}

export function makeContext(io: Io, program: Command): Context {
  const ctx: Context = {
    io,
    exitCode: 0,
    opened: [],
    dbPath: () => (program.opts().db as string | undefined) ?? defaultDbPath(),
    store: () => {
      if (ctx.opened.length === 0) ctx.opened.push(openStore(ctx.dbPath()));
      return ctx.opened[0];
    },
    existingStore: () => {
      const path = ctx.dbPath();
      if (path !== ':memory:' && !existsSync(path)) throw new Error(`no database at ${path} (ingest some articles first, or give --db)`);
      return ctx.store();
    },
  };
  return ctx;
}

/** Parse a positive integer option, or throw a usage error naming the option. */
export function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${name} must be a positive whole number, got "${value}"`);
    return n;
  };
}

/** Accept one of `values` for an option, or throw a usage error naming the choices. */
export function oneOf(name: string, values: readonly string[]) {
  return (value: string): string => {
    if (!values.includes(value)) throw new UsageError(`${name} must be one of ${values.join(', ')}; got "${value}"`);
    return value;
  };
}

/** Parse a time option (ISO date/time, or a relative "24h", "7d"), or throw a usage error. */
export function timeOption(name: string) {
  return (value: string): string => {
    const rel = /^(\d+)([mhdw])$/.exec(value.trim());
    if (rel) {
      const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[rel[2] as 'm' | 'h' | 'd' | 'w'];
      return new Date(Date.now() - Number(rel[1]) * unit).toISOString();
    }
    const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
    if (!Number.isFinite(ms)) throw new UsageError(`${name} must be an ISO date/time or a span like 24h or 7d, got "${value}"`);
    return new Date(ms).toISOString();
  };
}
