/**
 * Response caching keyed by a cheap store version, and the ETags derived from it.
 *
 * Every read endpoint is a pure function of (URL, store contents). So the server keeps the
 * rendered body of recent requests and reuses it while the store is unchanged; "unchanged" is
 * decided by {@link storeVersion}, which costs one tiny SQLite statement instead of the queries
 * behind a page. This is what lets `GET /api/stories` answer thousands of requests a second, and
 * lets a client that revalidates with `If-None-Match` get a bodyless 304.
 *
 * The ETag is a hash of the body itself (not of the version), so two versions that render the
 * same page keep the same ETag and clients keep their copy.
 */
import { createHash } from 'node:crypto';
import type { Store } from '../store/types.js';

/**
 * A function returning a string that changes whenever the store's contents may have changed.
 *
 * For the SQLite engine it combines `PRAGMA data_version` (changes when *another* connection —
 * e.g. a `parallax ingest` running beside the server — commits) with `total_changes()` (counts
 * rows this connection wrote, e.g. through `POST /api/articles`). Both are O(1) in SQLite.
 *
 * Other engines (the Store interface has no version method yet) fall back to article and story
 * counts plus a counter the server bumps on its own writes: it misses re-clustering done by
 * another process that leaves both counts equal, so such engines should add a version method.
 */
export function storeVersion(store: Store): { current: () => Promise<string>; bump: () => void } {
  let local = 0;
  const db = (store as unknown as { db?: { prepare?: (sql: string) => { get: () => unknown } } }).db;
  if (db && typeof db.prepare === 'function') {
    const stmt = db.prepare('SELECT total_changes() AS c, (SELECT data_version FROM pragma_data_version) AS v');
    return {
      current: async () => {
        const r = stmt.get() as { c: number; v: number };
        return `${r.v}.${r.c}.${local}`;
      },
      bump: () => void local++,
    };
  }
  return {
    current: async () => `${await store.countArticles()}.${await store.countStories()}.${local}`,
    bump: () => void local++,
  };
}

/** Strong ETag for a body: 16 hex characters of SHA-1 (collision resistance is not needed here). */
export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
}

/** Does an `If-None-Match` header match this ETag? Handles lists, `*` and weak comparisons. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}

export interface CachedResponse {
  body: string;
  etag: string;
  contentType: string;
  status: number;
}

/**
 * A small LRU of rendered responses, emptied whenever the store version changes. Size-bounded in
 * entries and in total characters so that large pages cannot grow the process without limit.
 */
export class ResponseCache {
  private entries = new Map<string, CachedResponse>();
  private version: string | null = null;
  private chars = 0;

  constructor(
    private readonly maxEntries = 500,
    private readonly maxChars = 32 * 1024 * 1024,
  ) {}

  /** Drop everything if the store moved on since the last call. */
  sync(version: string): void {
    if (version !== this.version) {
      this.entries.clear();
      this.chars = 0;
      this.version = version;
    }
  }

  get(key: string): CachedResponse | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      // Refresh recency: Map iteration order is insertion order.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: CachedResponse): void {
    if (value.body.length > this.maxChars / 4) return;
    const old = this.entries.get(key);
    if (old) {
      this.chars -= old.body.length;
      this.entries.delete(key);
    }
    this.entries.set(key, value);
    this.chars += value.body.length;
    while (this.entries.size > this.maxEntries || this.chars > this.maxChars) {
      const [k, v] = this.entries.entries().next().value as [string, CachedResponse];
      this.entries.delete(k);
      this.chars -= v.body.length;
    }
  }

  /** Forget one entry. */
  delete(key: string): void {
    const old = this.entries.get(key);
    if (old) {
      this.chars -= old.body.length;
      this.entries.delete(key);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
