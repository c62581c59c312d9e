/**
 * Storage: the {@link Store} interface and its default engine. Open a store with {@link openStore};
 * callers depend on the interface only.
 */
export type * from './types.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './types.js';

/** Default database path: `$PARALLAX_DB`, else `./parallax.db`. */
export function defaultDbPath(): string {
  return process.env.PARALLAX_DB || 'parallax.db';
}

/** Open the default engine (SQLite) at `path`, creating and migrating the database as needed. */
export function openStore(path: string = defaultDbPath()): Store {
  return new SqliteStore(path);
}
