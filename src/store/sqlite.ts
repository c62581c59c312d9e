/**
 * SQLite engine for the {@link Store} interface, on better-sqlite3.
 *
 * Choices:
 * - WAL journal + `synchronous=NORMAL`: readers never block the writer and a crash loses at most
 *   the last transactions, never consistency (a batch of articles is one transaction).
 * - FTS5 external-content table over headline and body. The store writes an article's index row
 *   in the same transaction as the article (not through a trigger: see migration 5); deletes and
 *   updates are kept in step by triggers.
 * - Mentions are one compact JSON row per article plus distinct (entity, article) pairs (see
 *   migration 6 and {@link EncodedMentions}): ~50 mentions per article made one row each the
 *   costliest write of ingest.
 * - Duplicates are decided by UNIQUE constraints (id, canonical URL, content hash) checked before
 *   insert inside the same transaction, so two processes cannot both add the same article.
 * - Story aggregates (size, outlets, first/last seen, headline) are denormalised into `stories`
 *   when a clustering checkpoint is saved, so listing stories is one indexed query.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Article, ArticleRelation, Attribution } from '../types.js';
import { MIGRATIONS } from './migrations.js';
import { datelineLength } from '../text/sentences.js';
import type { Mention } from '../entities/types.js';
import { StaleStateError } from './types.js';
import { readParts, writeParts } from './state-parts.js';
import type {
  AddResult,
  BatchAddResult,
  EntityCheckpoint,
  EntityQuery,
  EntityRow,
  ArticleQuery,
  ClusterCheckpoint,
  StageState,
  Store,
  StoreStats,
  StoredStory,
  StoryQuery,
  StoryRow,
} from './types.js';
import type {
  AlertDeliveryUpdate,
  AlertEventRecord,
  AlertRecord,
  AlertStoryState,
  FeedItemRecord,
  FeedRecord,
  FeedUpdate,
  NewAlert,
  NewAlertEvent,
  NewFeed,
} from './types.js';

interface ArticleRow {
  seq: number;
  id: string;
  external_id: string | null;
  headline: string | null;
  headline_derived: number;
  body: string;
  url: string | null;
  canonical_url: string | null;
  outlet_name: string | null;
  outlet_domain: string | null;
  authors: string;
  published: string | null;
  language: string | null;
  format: string;
  ingested_at: string;
  attributions: string;
  content_hash: string;
}

function rowToArticle(r: ArticleRow): Article {
  return {
    id: r.id,
    externalId: r.external_id,
    headline: r.headline,
    headlineDerived: r.headline_derived === 1,
    paragraphs: r.body.split('\n\n'),
    url: r.url,
    canonicalUrl: r.canonical_url,
    outlet: { name: r.outlet_name, domain: r.outlet_domain },
    authors: JSON.parse(r.authors) as string[],
    published: r.published,
    language: r.language,
    format: r.format as Article['format'],
    ingestedAt: r.ingested_at,
    attributions: JSON.parse(r.attributions) as Attribution[],
    contentHash: r.content_hash,
  };
}

/**
 * Turn user words into a safe FTS5 query: every word quoted, all required. Operators typed by a
 * person ("AND", "-", "*") are treated as words, so no input can produce an FTS5 syntax error.
 */
export function ftsQuery(q: string): string | null {
  const terms = q.match(/[\p{L}\p{N}]+/gu);
  if (!terms || terms.length === 0) return null;
  return terms.map((t) => `"${t}"`).join(' ');
}

/**
 * First and last seen of a story, from its members' publication times (`members` sorted by
 * seen_at). An undated article's time is when it was ingested, which says nothing of when the
 * event happened: it would stretch a 2005 story to today and sort it as the newest. So the span
 * covers the dated members only, and the ingest times only when no member is dated.
 */
function storySpan(members: ReadonlyArray<{ seen_at: string; published: string | null }>): [string, string] {
  const dated = members.filter((m) => m.published);
  const span = dated.length > 0 ? dated : members;
  return [span[0].seen_at, span[span.length - 1].seen_at];
}

/** Display name of an outlet: its name, else its domain. */
function outletLabel(name: string | null, domain: string | null): string | null {
  return name ?? domain ?? null;
}

export class SqliteStore implements Store {
  readonly db: Database.Database;

  constructor(readonly path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    // Another process may write the same database (two ingests, a watcher beside an ingest).
    // Every write transaction begins IMMEDIATE, taking the write lock first and waiting up to the
    // busy timeout for it: a deferred one that has read (the duplicate check, the checkpoint's
    // generation check) cannot wait for the lock when another writer committed meanwhile — SQLite
    // fails it at once with "database is locked", which failed whole batches of two concurrent
    // ingests of one file (260 of 772 in one run).
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
  }

  /** Apply pending migrations, each in its own transaction. */
  private migrate(): void {
    const current = this.db.pragma('user_version', { simple: true }) as number;
    const latest = MIGRATIONS[MIGRATIONS.length - 1].version;
    // A newer build's database may keep data where this build would not look (or not write it):
    // refuse rather than read it wrongly or write it incompletely.
    if (current > latest) {
      this.db.close();
      throw new Error(`the database has schema version ${current}, newer than this build of parallax knows (${latest}); use a newer parallax`);
    }
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      // Re-read inside the write lock: another process opening the same new database may have
      // applied it meanwhile.
      this.db.transaction(() => {
        if ((this.db.pragma('user_version', { simple: true }) as number) >= m.version) return;
        this.db.exec(m.sql);
        this.db.pragma(`user_version = ${m.version}`);
      }).immediate();
    }
  }

  /** Schema version (for diagnostics and tests). */
  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  // ------------------------------------------------------------------ articles

  private insertStmt = () =>
    this.db.prepare(`
      INSERT INTO articles (id, external_id, headline, headline_derived, body, url, canonical_url,
        outlet_name, outlet_domain, authors, published, seen_at, language, format, ingested_at,
        attributions, content_hash)
      VALUES (@id, @external_id, @headline, @headline_derived, @body, @url, @canonical_url,
        @outlet_name, @outlet_domain, @authors, @published, @seen_at, @language, @format, @ingested_at,
        @attributions, @content_hash)`);

  private stmtCache = new Map<string, Database.Statement>();
  private stmt(sql: string): Database.Statement {
    let s = this.stmtCache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmtCache.set(sql, s);
    }
    return s;
  }

  /** One batch of articles, all-or-nothing (see {@link SqliteStore.addArticlesSync}). */
  private addBatchTx: Database.Transaction<(batch: readonly Article[]) => AddResult[]> | null = null;

  async addArticle(a: Article): Promise<AddResult> {
    return this.addBatch([a])[0];
  }

  async addArticles(articles: Article[]): Promise<BatchAddResult[]> {
    return this.addArticlesSync(articles);
  }

  /**
   * Store a batch in one transaction: per-article duplicate checks, the row, and its full-text
   * entry. One transaction per batch rather than per article because a commit (WAL append, FTS5
   * segment flush) costs far more than an insert. If the batch fails as a whole (an article SQLite
   * refuses, a full disk), nothing of it is kept and each article is retried in its own
   * transaction, so one bad article fails alone and the others are stored.
   */
  addArticlesSync(articles: readonly Article[]): BatchAddResult[] {
    if (articles.length === 0) return [];
    try {
      return this.addBatch(articles);
    } catch (e) {
      if (articles.length === 1) return [{ status: 'failed', id: articles[0].id, reason: (e as Error).message }];
      return articles.map((a): BatchAddResult => {
        try {
          return this.addBatch([a])[0];
        } catch (err) {
          return { status: 'failed', id: a.id, reason: (err as Error).message };
        }
      });
    }
  }

  private addBatch(batch: readonly Article[]): AddResult[] {
    if (!this.addBatchTx) {
      const insert = this.insertStmt();
      // The full-text row is written here, in the same transaction, rather than by a trigger:
      // see migration 5 for why (FTS5 flushes its pending index at every trigger savepoint).
      const index = this.db.prepare('INSERT INTO articles_fts (rowid, headline, body) VALUES (?, ?, ?)');
      const byId = this.db.prepare('SELECT id FROM articles WHERE id = ?');
      const byUrl = this.db.prepare('SELECT id FROM articles WHERE canonical_url = ?');
      const byHash = this.db.prepare('SELECT id FROM articles WHERE content_hash = ?');
      const one = (art: Article): AddResult => {
        const sameId = byId.get(art.id) as { id: string } | undefined;
        if (sameId) return { status: 'duplicate', id: art.id, duplicateOf: sameId.id, by: 'id' };
        if (art.canonicalUrl) {
          const sameUrl = byUrl.get(art.canonicalUrl) as { id: string } | undefined;
          if (sameUrl) return { status: 'duplicate', id: art.id, duplicateOf: sameUrl.id, by: 'canonical_url' };
        }
        const sameHash = byHash.get(art.contentHash) as { id: string } | undefined;
        if (sameHash) return { status: 'duplicate', id: art.id, duplicateOf: sameHash.id, by: 'content_hash' };
        const body = art.paragraphs.join('\n\n');
        const { lastInsertRowid } = insert.run({
          id: art.id,
          external_id: art.externalId,
          headline: art.headline,
          headline_derived: art.headlineDerived ? 1 : 0,
          body,
          url: art.url,
          canonical_url: art.canonicalUrl,
          outlet_name: art.outlet.name,
          outlet_domain: art.outlet.domain,
          authors: JSON.stringify(art.authors),
          published: art.published,
          seen_at: art.published ?? art.ingestedAt,
          language: art.language,
          format: art.format,
          ingested_at: art.ingestedAt,
          attributions: JSON.stringify(art.attributions),
          content_hash: art.contentHash,
        });
        index.run(lastInsertRowid, art.headline ?? '', body);
        return { status: 'added', id: art.id };
      };
      this.addBatchTx = this.db.transaction((b: readonly Article[]) => b.map(one));
    }
    return this.addBatchTx.immediate(batch);
  }

  async articlesByIds(ids: string[]): Promise<Article[]> {
    const byId = new Map<string, Article>();
    // Bounded IN lists: SQLite caps the number of bound parameters.
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = this.db.prepare(`SELECT * FROM articles WHERE id IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as ArticleRow[];
      for (const r of rows) byId.set(r.id, rowToArticle(r));
    }
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async getArticle(id: string): Promise<Article | null> {
    const r = this.stmt('SELECT * FROM articles WHERE id = ?').get(id) as ArticleRow | undefined;
    return r ? rowToArticle(r) : null;
  }

  async findArticleIds(prefix: string): Promise<string[]> {
    if (prefix.length < 4) return [];
    const rows = this.stmt("SELECT id FROM articles WHERE id >= ? AND id < ? || '\uffff' ORDER BY id LIMIT 10").all(
      prefix,
      prefix,
    ) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  private articleWhere(q: ArticleQuery): { where: string; params: unknown[]; fts: boolean } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    let fts = false;
    if (q.since) {
      clauses.push('a.seen_at >= ?');
      params.push(q.since);
    }
    if (q.until) {
      clauses.push('a.seen_at < ?');
      params.push(q.until);
    }
    if (q.source) {
      clauses.push("(lower(coalesce(a.outlet_name,'')) LIKE ? OR lower(coalesce(a.outlet_domain,'')) LIKE ?)");
      const like = `%${q.source.toLowerCase()}%`;
      params.push(like, like);
    }
    if (q.ids) {
      clauses.push(`a.id IN (${q.ids.map(() => '?').join(',') || "''"})`);
      params.push(...q.ids);
    }
    if (q.q !== undefined) {
      const match = ftsQuery(q.q);
      if (match === null) {
        clauses.push('0');
      } else {
        fts = true;
        clauses.push('articles_fts MATCH ?');
        params.push(match);
      }
    }
    return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params, fts };
  }

  async listArticles(q: ArticleQuery = {}): Promise<Article[]> {
    const { where, params, fts } = this.articleWhere(q);
    const from = fts ? 'articles a JOIN articles_fts ON articles_fts.rowid = a.seq' : 'articles a';
    const sql = `SELECT a.* FROM ${from} ${where} ORDER BY a.seen_at DESC, a.seq DESC LIMIT ? OFFSET ?`;
    const rows = this.db.prepare(sql).all(...params, q.limit ?? -1, q.offset ?? 0) as ArticleRow[];
    return rows.map(rowToArticle);
  }

  async countArticles(q: ArticleQuery = {}): Promise<number> {
    const { where, params, fts } = this.articleWhere(q);
    const from = fts ? 'articles a JOIN articles_fts ON articles_fts.rowid = a.seq' : 'articles a';
    const r = this.db.prepare(`SELECT count(*) AS n FROM ${from} ${where}`).get(...params) as { n: number };
    return r.n;
  }

  async stats(): Promise<StoreStats> {
    const n = (sql: string) => (this.db.prepare(sql).get() as { n: number | string | null }).n;
    const group = (col: string) =>
      Object.fromEntries(
        (
          this.db.prepare(`SELECT coalesce(${col}, 'unknown') AS k, count(*) AS n FROM articles GROUP BY k ORDER BY n DESC`).all() as Array<{
            k: string;
            n: number;
          }>
        ).map((r) => [r.k, r.n]),
      );
    return {
      articles: n('SELECT count(*) AS n FROM articles') as number,
      outlets: n(
        "SELECT count(DISTINCT coalesce(outlet_domain, outlet_name)) AS n FROM articles WHERE coalesce(outlet_domain, outlet_name) IS NOT NULL",
      ) as number,
      stories: n('SELECT count(*) AS n FROM stories') as number,
      formats: group('format'),
      languages: group('language'),
      firstPublished: n('SELECT min(published) AS n FROM articles') as string | null,
      lastPublished: n('SELECT max(published) AS n FROM articles') as string | null,
      unclustered: n('SELECT count(*) AS n FROM articles WHERE story_id IS NULL') as number,
    };
  }

  // ------------------------------------------------------------------ stories

  async unclusteredArticles(limit = 1000): Promise<Article[]> {
    const rows = this.stmt('SELECT * FROM articles WHERE story_id IS NULL ORDER BY seq LIMIT ?').all(limit) as ArticleRow[];
    return rows.map(rowToArticle);
  }

  async unclusteredIds(limit: number, offset = 0): Promise<string[]> {
    const rows = this.stmt('SELECT id FROM articles WHERE story_id IS NULL ORDER BY seq LIMIT ? OFFSET ?').all(limit, offset) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  async articlesInInsertionOrder(offset: number, limit: number): Promise<Article[]> {
    const rows = this.stmt('SELECT * FROM articles ORDER BY seq LIMIT ? OFFSET ?').all(limit, offset) as ArticleRow[];
    return rows.map(rowToArticle);
  }

  private refreshStory(id: string): void {
    const members = this.stmt(
      `SELECT seq, headline, outlet_name, outlet_domain, seen_at, published FROM articles WHERE story_id = ? ORDER BY seen_at, seq`,
    ).all(id) as Array<{ seq: number; headline: string | null; outlet_name: string | null; outlet_domain: string | null; seen_at: string; published: string | null }>;
    if (members.length === 0) {
      this.stmt('DELETE FROM stories WHERE id = ?').run(id);
      return;
    }
    const outlets = [...new Set(members.map((m) => outletLabel(m.outlet_name, m.outlet_domain)).filter((o): o is string => !!o))].sort();
    const withHeadline = members.find((m) => m.headline);
    // Without any headline: the first sentence of the earliest article, its dateline ("TEHRAN –") removed.
    let headline = withHeadline?.headline;
    if (!headline) {
      const { body } = this.stmt('SELECT body FROM articles WHERE seq = ?').get(members[0].seq) as { body: string };
      headline = firstSentence(body.slice(datelineLength(body)));
    }
    this.stmt(
      `INSERT INTO stories (id, size, outlets, first_seen, last_seen, headline) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET size = excluded.size, outlets = excluded.outlets,
         first_seen = excluded.first_seen, last_seen = excluded.last_seen, headline = excluded.headline`,
    ).run(id, members.length, JSON.stringify(outlets), ...storySpan(members), headline);
  }

  private checkpointTx: Database.Transaction<(cp: ClusterCheckpoint) => string> | null = null;

  async saveClusterCheckpoint(cp: ClusterCheckpoint): Promise<string> {
    return this.saveClusterCheckpointSync(cp);
  }

  async stateGeneration(key: string): Promise<string | null> {
    return this.getMeta(`generation:${key}`);
  }

  saveClusterCheckpointSync(cp: ClusterCheckpoint): string {
    if (!this.checkpointTx) {
      const assign = this.db.prepare('UPDATE articles SET story_id = ? WHERE id = ?');
      const merge = this.db.prepare('UPDATE articles SET story_id = ? WHERE story_id = ?');
      const rel = this.db.prepare(
        `INSERT INTO relations (from_id, to_id, kind, score) VALUES (?, ?, ?, ?)
         ON CONFLICT(from_id, to_id) DO UPDATE SET kind = excluded.kind, score = excluded.score`,
      );
      // Its own statement: pluck() changes a statement for good, and stmt() shares them.
      const generationOf = this.db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
      this.checkpointTx = this.db.transaction((c: ClusterCheckpoint) => {
        if (c.expectGeneration !== undefined) {
          const current = (generationOf.get(`generation:${c.stateKey}`) as string | undefined) ?? null;
          if (current !== c.expectGeneration) throw new StaleStateError(c.stateKey);
        }
        const touched = new Set<string>();
        for (const a of c.assignments) {
          assign.run(a.storyId, a.articleId);
          touched.add(a.storyId);
        }
        for (const m of c.merges) {
          merge.run(m.into, m.from);
          touched.add(m.into);
          touched.add(m.from);
        }
        for (const r of c.relations) rel.run(r.from, r.to, r.kind, r.score);
        if (c.entities) this.saveEntitiesInTx(c.entities);
        this.writeStateInTx(c.stateKey, c.state);
        for (const id of [...touched].sort()) this.refreshStory(id);
        const generation = randomUUID();
        this.stmt('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
          `generation:${c.stateKey}`,
          generation,
        );
        return generation;
      });
    }
    return this.checkpointTx.immediate(cp);
  }

  async resetStories(stateKey: string): Promise<void> {
    this.db.transaction(() => {
      this.db.exec(
        'UPDATE articles SET story_id = NULL; DELETE FROM stories; DELETE FROM relations; DELETE FROM article_mentions; DELETE FROM entity_articles; DELETE FROM entities; DELETE FROM entity_redirects;',
      );
      this.db.prepare('DELETE FROM stage_state WHERE key = ?').run(stateKey);
      this.db.prepare('DELETE FROM stage_state_parts WHERE key = ?').run(stateKey);
    }).immediate();
  }

  async loadState(key: string): Promise<StageState | null> {
    const r = this.stmt('SELECT state FROM stage_state WHERE key = ?').get(key) as { state: string } | undefined;
    if (!r) return null;
    const part = this.db.prepare('SELECT json FROM stage_state_parts WHERE key = ? AND n = ?').pluck();
    return readParts(r.state, (n) => part.get(key, n) as string | undefined) as StageState;
  }

  async saveState(key: string, state: StageState): Promise<void> {
    this.db.transaction(() => this.writeStateInTx(key, state)).immediate();
  }

  /**
   * Write a stage state as its skeleton and parts (see state-parts.ts), each part straight into
   * its row so that no string holds the whole state; parts left from a larger earlier state are
   * dropped. Call inside a transaction.
   */
  private writeStateInTx(key: string, state: StageState): void {
    const put = this.stmt('INSERT INTO stage_state_parts (key, n, json) VALUES (?, ?, ?) ON CONFLICT(key, n) DO UPDATE SET json = excluded.json');
    let parts = 0;
    const skeleton = writeParts(state, (n, json) => {
      put.run(key, n, json);
      parts = n + 1;
    });
    this.stmt('DELETE FROM stage_state_parts WHERE key = ? AND n >= ?').run(key, parts);
    this.stmt('INSERT INTO stage_state (key, state) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET state = excluded.state').run(key, skeleton);
  }

  private storyWhere(q: StoryQuery): { where: string; params: unknown[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (q.since) {
      clauses.push('s.last_seen >= ?');
      params.push(q.since);
    }
    if (q.until) {
      clauses.push('s.first_seen < ?');
      params.push(q.until);
    }
    if (q.minSize) {
      clauses.push('s.size >= ?');
      params.push(q.minSize);
    }
    if (q.outlet) {
      clauses.push(
        "EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id AND (lower(coalesce(a.outlet_name,'')) LIKE ? OR lower(coalesce(a.outlet_domain,'')) LIKE ?))",
      );
      const like = `%${q.outlet.toLowerCase()}%`;
      params.push(like, like);
    }
    if (q.q !== undefined) {
      const match = ftsQuery(q.q);
      if (match === null) clauses.push('0');
      else {
        clauses.push(
          's.id IN (SELECT a.story_id FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ?)',
        );
        params.push(match);
      }
    }
    return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }

  async listStories(q: StoryQuery = {}): Promise<StoryRow[]> {
    const { where, params } = this.storyWhere(q);
    const rows = this.db
      .prepare(`SELECT * FROM stories s ${where} ORDER BY s.last_seen DESC, s.size DESC, s.id LIMIT ? OFFSET ?`)
      .all(...params, q.limit ?? -1, q.offset ?? 0) as Array<Omit<StoryRow, 'outlets'> & { outlets: string }>;
    return rows.map((r) => ({ ...r, outlets: JSON.parse(r.outlets) as string[] }));
  }

  async countStories(q: StoryQuery = {}): Promise<number> {
    const { where, params } = this.storyWhere(q);
    return (this.db.prepare(`SELECT count(*) AS n FROM stories s ${where}`).get(...params) as { n: number }).n;
  }

  async getStory(id: string): Promise<StoredStory | null> {
    const rows = this.stmt('SELECT id FROM articles WHERE story_id = ? ORDER BY seen_at, seq').all(id) as Array<{ id: string }>;
    if (rows.length === 0) return null;
    return { id, members: rows.map((r) => r.id) };
  }

  async findStoryIds(prefix: string): Promise<string[]> {
    if (prefix.length < 4) return [];
    const rows = this.stmt("SELECT id FROM stories WHERE id >= ? AND id < ? || '\uffff' ORDER BY id LIMIT 10").all(prefix, prefix) as Array<{
      id: string;
    }>;
    return rows.map((r) => r.id);
  }

  async storyOfArticle(articleId: string): Promise<string | null> {
    const r = this.stmt('SELECT story_id FROM articles WHERE id = ?').get(articleId) as { story_id: string | null } | undefined;
    return r?.story_id ?? null;
  }

  async relationsFor(articleIds: string[]): Promise<ArticleRelation[]> {
    if (articleIds.length === 0) return [];
    const ph = articleIds.map(() => '?').join(',');
    const rows = this.db
      .prepare(`SELECT from_id, to_id, kind, score FROM relations WHERE from_id IN (${ph}) OR to_id IN (${ph}) ORDER BY from_id, to_id`)
      .all(...articleIds, ...articleIds) as Array<{ from_id: string; to_id: string; kind: 'copy' | 'reuses'; score: number }>;
    return rows.map((r) => ({ from: r.from_id, to: r.to_id, kind: r.kind, score: r.score }));
  }

  // ------------------------------------------------------------------ feeds and alerts
  // `parallax feeds` / `watch` / `alerts` (src/feeds/). Item keys and alert states are written in
  // transactions of their own so a watcher stopped at any point leaves them consistent.

  async addFeed(feed: NewFeed, now: string): Promise<{ status: 'added' | 'exists'; feed: FeedRecord }> {
    return this.db.transaction(() => {
      const existing = this.stmt('SELECT * FROM feeds WHERE url = ?').get(feed.url) as FeedRow | undefined;
      if (existing) return { status: 'exists' as const, feed: rowToFeed(existing) };
      const info = this.stmt('INSERT INTO feeds (url, title, site_url, added_at, next_poll_at) VALUES (?, ?, ?, ?, ?)').run(
        feed.url,
        feed.title ?? null,
        feed.siteUrl ?? null,
        now,
        now,
      );
      const row = this.stmt('SELECT * FROM feeds WHERE id = ?').get(info.lastInsertRowid) as FeedRow;
      return { status: 'added' as const, feed: rowToFeed(row) };
    }).immediate();
  }

  async getFeed(id: number): Promise<FeedRecord | null> {
    const r = this.stmt('SELECT * FROM feeds WHERE id = ?').get(id) as FeedRow | undefined;
    return r ? rowToFeed(r) : null;
  }

  async findFeedByUrl(url: string): Promise<FeedRecord | null> {
    const r = this.stmt('SELECT * FROM feeds WHERE url = ?').get(url) as FeedRow | undefined;
    return r ? rowToFeed(r) : null;
  }

  async listFeeds(): Promise<FeedRecord[]> {
    return (this.stmt('SELECT * FROM feeds ORDER BY id').all() as FeedRow[]).map(rowToFeed);
  }

  async removeFeed(id: number): Promise<boolean> {
    return this.stmt('DELETE FROM feeds WHERE id = ?').run(id).changes > 0;
  }

  async dueFeeds(now: string, opts: { ignoreSchedule?: boolean } = {}): Promise<FeedRecord[]> {
    const sql = opts.ignoreSchedule
      ? 'SELECT * FROM feeds WHERE hold_until IS NULL OR hold_until <= ? ORDER BY next_poll_at, id'
      : 'SELECT * FROM feeds WHERE next_poll_at <= ? ORDER BY next_poll_at, id';
    return (this.stmt(sql).all(now) as FeedRow[]).map(rowToFeed);
  }

  async nextFeedPollAt(): Promise<string | null> {
    return (this.stmt('SELECT min(next_poll_at) AS t FROM feeds').get() as { t: string | null }).t;
  }

  async updateFeed(id: number, patch: FeedUpdate): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [];
    for (const [key, value] of Object.entries(patch)) {
      const col = FEED_COLUMNS[key as keyof FeedUpdate];
      if (!col || value === undefined) continue;
      sets.push(`${col} = ?`);
      params.push(value);
    }
    if (sets.length === 0) return;
    this.db.prepare(`UPDATE feeds SET ${sets.join(', ')} WHERE id = ?`).run(...params, id);
  }

  async feedItems(feedId: number, keys: string[]): Promise<Map<string, FeedItemRecord>> {
    const out = new Map<string, FeedItemRecord>();
    for (let i = 0; i < keys.length; i += 500) {
      const chunk = keys.slice(i, i + 500);
      const rows = this.db
        .prepare(`SELECT item_key, state, article_id, attempts FROM feed_items WHERE feed_id = ? AND item_key IN (${chunk.map(() => '?').join(',')})`)
        .all(feedId, ...chunk) as Array<{ item_key: string; state: FeedItemRecord['state']; article_id: string | null; attempts: number }>;
      for (const r of rows) out.set(r.item_key, { key: r.item_key, state: r.state, articleId: r.article_id, attempts: r.attempts });
    }
    return out;
  }

  async saveFeedItems(feedId: number, items: FeedItemRecord[], now: string): Promise<void> {
    const upsert = this.stmt(
      `INSERT INTO feed_items (feed_id, item_key, state, article_id, attempts, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(feed_id, item_key) DO UPDATE SET state = excluded.state, article_id = excluded.article_id,
         attempts = excluded.attempts, last_seen = excluded.last_seen`,
    );
    this.db.transaction(() => {
      for (const it of items) upsert.run(feedId, it.key, it.state, it.articleId, it.attempts, now, now);
    }).immediate();
  }

  async touchFeedItems(feedId: number, keys: string[], now: string): Promise<void> {
    const touch = this.stmt('UPDATE feed_items SET last_seen = ? WHERE feed_id = ? AND item_key = ?');
    this.db.transaction(() => {
      for (const k of keys) touch.run(now, feedId, k);
    }).immediate();
  }

  async pruneFeedItems(before: string): Promise<number> {
    return this.stmt("DELETE FROM feed_items WHERE last_seen < ? AND state != 'retry'").run(before).changes;
  }

  async addAlert(alert: NewAlert, now: string): Promise<AlertRecord> {
    const info = this.stmt('INSERT INTO alerts (query, entity, min_outlets, webhook, exec, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      alert.query,
      alert.entity,
      alert.minOutlets,
      alert.webhook,
      alert.exec,
      now,
    );
    return rowToAlert(this.stmt('SELECT * FROM alerts WHERE id = ?').get(info.lastInsertRowid) as AlertRow);
  }

  async listAlerts(): Promise<AlertRecord[]> {
    return (this.stmt('SELECT * FROM alerts ORDER BY id').all() as AlertRow[]).map(rowToAlert);
  }

  async removeAlert(id: number): Promise<boolean> {
    return this.stmt('DELETE FROM alerts WHERE id = ?').run(id).changes > 0;
  }

  async storyRows(ids: string[]): Promise<StoryRow[]> {
    const out: StoryRow[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = this.db.prepare(`SELECT * FROM stories WHERE id IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as Array<
        Omit<StoryRow, 'outlets'> & { outlets: string }
      >;
      for (const r of rows) out.push({ ...r, outlets: JSON.parse(r.outlets) as string[] });
    }
    return out;
  }

  async storiesMatchingText(storyIds: string[], text: string, mode: 'words' | 'phrase'): Promise<string[]> {
    const terms = text.match(/[\p{L}\p{N}]+/gu);
    if (!terms || storyIds.length === 0) return [];
    // Every term is quoted, so no user text can be read as FTS5 syntax; a phrase is one quoted run.
    const match = mode === 'phrase' ? `"${terms.join(' ')}"` : terms.map((t) => `"${t}"`).join(' ');
    const out: string[] = [];
    for (let i = 0; i < storyIds.length; i += 500) {
      const chunk = storyIds.slice(i, i + 500);
      const rows = this.db
        .prepare(
          `SELECT DISTINCT a.story_id AS id FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
           WHERE articles_fts MATCH ? AND a.story_id IN (${chunk.map(() => '?').join(',')})`,
        )
        .all(match, ...chunk) as Array<{ id: string }>;
      out.push(...rows.map((r) => r.id));
    }
    return out;
  }

  async alertStoryStates(alertId: number, storyIds: string[]): Promise<Map<string, AlertStoryState>> {
    const out = new Map<string, AlertStoryState>();
    for (let i = 0; i < storyIds.length; i += 500) {
      const chunk = storyIds.slice(i, i + 500);
      const rows = this.db
        .prepare(`SELECT story_id, outlets, facts FROM alert_stories WHERE alert_id = ? AND story_id IN (${chunk.map(() => '?').join(',')})`)
        .all(alertId, ...chunk) as Array<{ story_id: string; outlets: number; facts: number }>;
      for (const r of rows) out.set(r.story_id, { outlets: r.outlets, facts: r.facts });
    }
    return out;
  }

  async recordAlertEvents(events: NewAlertEvent[]): Promise<AlertEventRecord[]> {
    const insert = this.stmt(
      'INSERT INTO alert_events (alert_id, story_id, kind, at, payload, delivery, attempts, next_attempt) VALUES (?, ?, ?, ?, ?, ?, 0, ?)',
    );
    const state = this.stmt(
      `INSERT INTO alert_stories (alert_id, story_id, outlets, facts) VALUES (?, ?, ?, ?)
       ON CONFLICT(alert_id, story_id) DO UPDATE SET outlets = excluded.outlets, facts = excluded.facts`,
    );
    return this.db.transaction(() =>
      events.map((e): AlertEventRecord => {
        const info = insert.run(e.alertId, e.storyId, e.kind, e.at, JSON.stringify(e.payload), e.delivery, e.nextAttempt);
        state.run(e.alertId, e.storyId, e.state.outlets, e.state.facts);
        return {
          id: Number(info.lastInsertRowid),
          alertId: e.alertId,
          storyId: e.storyId,
          kind: e.kind,
          at: e.at,
          payload: e.payload,
          delivery: e.delivery,
          attempts: 0,
          nextAttempt: e.nextAttempt,
          lastError: null,
        };
      }),
    ).immediate();
  }

  async listAlertEvents(opts: { limit?: number; alertId?: number } = {}): Promise<AlertEventRecord[]> {
    const rows = (
      opts.alertId === undefined
        ? this.stmt('SELECT * FROM alert_events ORDER BY id DESC LIMIT ?').all(opts.limit ?? -1)
        : this.stmt('SELECT * FROM alert_events WHERE alert_id = ? ORDER BY id DESC LIMIT ?').all(opts.alertId, opts.limit ?? -1)
    ) as AlertEventRow[];
    return rows.map(rowToAlertEvent);
  }

  async dueAlertDeliveries(now: string, limit = 100): Promise<AlertEventRecord[]> {
    const rows = this.stmt(
      "SELECT * FROM alert_events WHERE delivery = 'pending' AND (next_attempt IS NULL OR next_attempt <= ?) ORDER BY id LIMIT ?",
    ).all(now, limit) as AlertEventRow[];
    return rows.map(rowToAlertEvent);
  }

  async updateAlertDelivery(id: number, patch: AlertDeliveryUpdate): Promise<void> {
    this.stmt('UPDATE alert_events SET delivery = ?, attempts = ?, next_attempt = ?, last_error = ? WHERE id = ?').run(
      patch.delivery,
      patch.attempts,
      patch.nextAttempt,
      patch.lastError,
      id,
    );
  }

  // ------------------------------------------------------------------ entities

  /**
   * Upsert entities, record redirects, add mentions; called inside the checkpoint transaction.
   * Redirects are kept collapsed (every id points at a surviving entity, never at another
   * redirected id), so one lookup gives an id's current entity.
   */
  private saveEntitiesInTx(e: EntityCheckpoint): void {
    const up = this.stmt(
      `INSERT INTO entities (id, name, type, variants, roles, affiliations, mentions, articles) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, type = excluded.type, variants = excluded.variants, roles = excluded.roles,
         affiliations = excluded.affiliations, mentions = excluded.mentions, articles = excluded.articles`,
    );
    const target = this.stmt('SELECT to_id FROM entity_redirects WHERE from_id = ?');
    const redirect = this.stmt('INSERT INTO entity_redirects (from_id, to_id) VALUES (?, ?) ON CONFLICT(from_id) DO UPDATE SET to_id = excluded.to_id');
    const retarget = this.stmt('UPDATE entity_redirects SET to_id = ? WHERE to_id = ?');
    const drop = this.stmt('DELETE FROM entities WHERE id = ?');
    const seqOf = this.stmt('SELECT seq FROM articles WHERE id = ?');
    const mentions = this.stmt('INSERT OR REPLACE INTO article_mentions (article_seq, mentions) VALUES (?, ?)');
    const pair = this.stmt('INSERT OR IGNORE INTO entity_articles (entity_id, article_seq) VALUES (?, ?)');
    for (const [from, to] of e.redirects) {
      const end = (target.get(to) as { to_id: string } | undefined)?.to_id ?? to;
      if (end === from) continue; // would point at itself: nothing to redirect
      redirect.run(from, end);
      retarget.run(end, from);
      drop.run(from);
    }
    for (const x of e.entities)
      up.run(x.id, x.name, x.type, JSON.stringify(x.variants), JSON.stringify(x.roles), JSON.stringify(x.affiliations), x.mentions, x.articles.length);
    // One row per article (see migration 6); mentions of one article arrive together, in text order.
    const byArticle = new Map<string, Array<Mention & { entityId: string }>>();
    for (const m of e.mentions) {
      let list = byArticle.get(m.articleId);
      if (!list) byArticle.set(m.articleId, (list = []));
      list.push(m);
    }
    for (const [articleId, list] of byArticle) {
      const row = seqOf.get(articleId) as { seq: number } | undefined;
      if (!row) continue; // not stored (cannot happen through the pipeline, which clusters stored articles)
      const encoded = encodeMentions(list);
      mentions.run(row.seq, JSON.stringify(encoded));
      for (const entityId of encoded.entities) pair.run(entityId, row.seq);
    }
  }

  /** Current entity id of each of `ids` (itself when not redirected). */
  private currentIds(ids: Iterable<string>): Map<string, string> {
    const out = new Map<string, string>();
    const list = [...new Set(ids)];
    for (let i = 0; i < list.length; i += 500) {
      const chunk = list.slice(i, i + 500);
      const rows = this.db
        .prepare(`SELECT from_id, to_id FROM entity_redirects WHERE from_id IN (${chunk.map(() => '?').join(',')})`)
        .all(...chunk) as Array<{ from_id: string; to_id: string }>;
      for (const r of rows) out.set(r.from_id, r.to_id);
    }
    for (const id of list) if (!out.has(id)) out.set(id, id);
    return out;
  }

  /** Stored mentions of these articles, entity ids as assigned, in text order per article. */
  private storedMentions(articleIds: string[]): Array<Mention & { entityId: string }> {
    const out: Array<Mention & { entityId: string }> = [];
    for (let i = 0; i < articleIds.length; i += 500) {
      const chunk = articleIds.slice(i, i + 500);
      const rows = this.db
        .prepare(
          `SELECT a.id, m.mentions FROM articles a JOIN article_mentions m ON m.article_seq = a.seq WHERE a.id IN (${chunk.map(() => '?').join(',')})`,
        )
        .all(...chunk) as Array<{ id: string; mentions: string }>;
      for (const r of rows) out.push(...decodeMentions(r.id, r.mentions));
    }
    return out;
  }

  async listEntities(q: EntityQuery = {}): Promise<EntityRow[]> {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (q.q) {
      clauses.push('(lower(e.name) LIKE ? OR lower(e.variants) LIKE ?)');
      const like = `%${q.q.toLowerCase()}%`;
      params.push(like, like);
    }
    if (q.type) {
      clauses.push('e.type = ?');
      params.push(q.type);
    }
    if (q.storyId || q.articleId) {
      // Counts within the story / article: its mentions, each under its current entity.
      const articleIds = q.storyId
        ? (this.stmt('SELECT id FROM articles WHERE story_id = ?').all(q.storyId) as Array<{ id: string }>).map((r) => r.id)
        : [q.articleId as string];
      const found = this.storedMentions(articleIds);
      const current = this.currentIds(found.map((m) => m.entityId));
      const tally = new Map<string, { n: number; articles: Set<string>; variants: Map<string, number> }>();
      for (const m of found) {
        const id = current.get(m.entityId) as string;
        let t = tally.get(id);
        if (!t) tally.set(id, (t = { n: 0, articles: new Set(), variants: new Map() }));
        t.n++;
        t.articles.add(m.articleId);
        t.variants.set(m.name, (t.variants.get(m.name) ?? 0) + 1);
      }
      const ids = [...tally.keys()];
      const rows: EntityDbRow[] = [];
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const where = [`e.id IN (${chunk.map(() => '?').join(',')})`, ...clauses].join(' AND ');
        rows.push(...(this.db.prepare(`SELECT e.* FROM entities e WHERE ${where}`).all(...chunk, ...params) as EntityDbRow[]));
      }
      const out = rows.map((r): EntityRow => {
        const t = tally.get(r.id)!;
        const variants = [...t.variants].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
        return { ...rowToEntity(r), variants, mentions: t.n, articles: t.articles.size };
      });
      // Most mentioned first, then by name (code-unit order, as SQLite's default collation).
      out.sort((a, b) => b.mentions - a.mentions || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const offset = q.offset ?? 0;
      return out.slice(offset, q.limit === undefined || q.limit < 0 ? undefined : offset + q.limit);
    }
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    const rows = this.db
      .prepare(`SELECT e.* FROM entities e ${where} ORDER BY e.mentions DESC, e.name LIMIT ? OFFSET ?`)
      .all(...params, q.limit ?? -1, q.offset ?? 0) as EntityDbRow[];
    return rows.map(rowToEntity);
  }

  async getEntity(id: string): Promise<EntityRow | null> {
    const to = (this.stmt('SELECT to_id FROM entity_redirects WHERE from_id = ?').get(id) as { to_id: string } | undefined)?.to_id;
    const r = this.stmt('SELECT * FROM entities WHERE id = ?').get(to ?? id) as EntityDbRow | undefined;
    return r ? rowToEntity(r) : null;
  }

  async findEntitiesByName(name: string): Promise<EntityRow[]> {
    const lower = name.toLowerCase();
    const rows = this.stmt(
      `SELECT e.* FROM entities e WHERE lower(e.name) = ? OR EXISTS (
         SELECT 1 FROM json_each(e.variants) v WHERE lower(json_extract(v.value, '$.name')) = ?)
       ORDER BY e.mentions DESC, e.name`,
    ).all(lower, lower) as EntityDbRow[];
    return rows.map(rowToEntity);
  }

  async mentionsOf(articleId: string): Promise<Array<Mention & { entityId: string }>> {
    const found = this.storedMentions([articleId]);
    const current = this.currentIds(found.map((m) => m.entityId));
    return found.map((m) => ({ ...m, entityId: current.get(m.entityId) as string }));
  }

  async storiesOfEntity(entityId: string): Promise<StoryRow[]> {
    const e = await this.getEntity(entityId);
    if (!e) return [];
    // The entity's own id and every id redirected to it (redirects are kept collapsed).
    const rows = this.stmt(
      `SELECT DISTINCT s.* FROM entity_articles ea JOIN articles a ON a.seq = ea.article_seq JOIN stories s ON s.id = a.story_id
       WHERE ea.entity_id IN (SELECT ? UNION ALL SELECT from_id FROM entity_redirects WHERE to_id = ?)
       ORDER BY s.last_seen DESC, s.id`,
    ).all(e.id, e.id) as Array<Omit<StoryRow, 'outlets'> & { outlets: string }>;
    return rows.map((r) => ({ ...r, outlets: JSON.parse(r.outlets) as string[] }));
  }

  // ------------------------------------------------------------------ meta

  async getMeta(key: string): Promise<string | null> {
    const r = this.stmt('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return r?.value ?? null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.stmt('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

interface EntityDbRow {
  id: string;
  name: string;
  type: string;
  variants: string;
  roles: string;
  affiliations: string;
  mentions: number;
  articles: number;
}

/**
 * One article's mentions as stored in `article_mentions` (JSON): the distinct entity ids, and per
 * mention `[start, end, entity, name, type, text, role, affiliation]` where `entity` indexes
 * `entities` (or, in rows migrated from schema 4, is the id itself), `text` is null when equal to
 * `name` (nine mentions in ten), and trailing nulls are dropped. About half the size of plain
 * objects, which is what the cost of writing these rows follows.
 *
 * @example { entities: ['e3f1c2a9b8d7e6f5'], mentions: [[120, 159, 0, 'Hossein Dehqan', 'person', 'Iranian Defense Minister Hossein Dehqan', 'Defense Minister', 'Iran']] }
 */
interface EncodedMentions {
  entities: string[];
  mentions: Array<[number, number, number | string, string, Mention['type'], (string | null)?, (string | null)?, (string | null)?]>;
}

function encodeMentions(list: ReadonlyArray<Mention & { entityId: string }>): EncodedMentions {
  const index = new Map<string, number>();
  const entities: string[] = [];
  const mentions: EncodedMentions['mentions'] = [];
  for (const m of [...list].sort((a, b) => a.start - b.start)) {
    let i = index.get(m.entityId);
    if (i === undefined) {
      index.set(m.entityId, (i = entities.length));
      entities.push(m.entityId);
    }
    const row: EncodedMentions['mentions'][number] = [m.start, m.end, i, m.name, m.type, m.text === m.name ? null : m.text, m.role ?? null, m.affiliation ?? null];
    while (row.length > 5 && row[row.length - 1] === null) row.pop();
    mentions.push(row);
  }
  return { entities, mentions };
}

function decodeMentions(articleId: string, json: string): Array<Mention & { entityId: string }> {
  const { entities, mentions } = JSON.parse(json) as EncodedMentions;
  return mentions
    .map(([start, end, entity, name, type, text, role, affiliation]) => ({
      articleId,
      start,
      end,
      entityId: typeof entity === 'number' ? entities[entity] : entity,
      text: text ?? name,
      name,
      type,
      ...(role ? { role } : {}),
      ...(affiliation ? { affiliation } : {}),
    }))
    .sort((a, b) => a.start - b.start);
}

function rowToEntity(r: EntityDbRow): EntityRow {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    variants: JSON.parse(r.variants) as EntityRow['variants'],
    roles: JSON.parse(r.roles) as string[],
    affiliations: JSON.parse(r.affiliations) as string[],
    mentions: r.mentions,
    articles: r.articles,
  };
}

/** First sentence of a text (up to ~200 characters), used as a fallback headline. */
export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const m = flat.match(/^(.{20,200}?[.!?])(\s|$)/);
  if (m) return m[1];
  return flat.length > 200 ? `${flat.slice(0, 197).replace(/\s\S*$/, '')}…` : flat;
}

/** Open (creating if needed) the SQLite store at `path`. */
export function openSqliteStore(path: string): SqliteStore {
  return new SqliteStore(path);
}

// ==================================================================== feeds and alerts: rows

interface FeedRow {
  id: number;
  url: string;
  title: string | null;
  site_url: string | null;
  added_at: string;
  etag: string | null;
  last_modified: string | null;
  next_poll_at: string;
  hold_until: string | null;
  last_poll_at: string | null;
  last_status: number | null;
  last_error: string | null;
  error_count: number;
  hint_seconds: number | null;
  items_stored: number;
  polls: number;
}

/** Updatable feed fields → columns (a whitelist: only these names ever reach SQL). */
const FEED_COLUMNS: Readonly<Record<keyof FeedUpdate, string>> = {
  title: 'title',
  siteUrl: 'site_url',
  etag: 'etag',
  lastModified: 'last_modified',
  nextPollAt: 'next_poll_at',
  holdUntil: 'hold_until',
  lastPollAt: 'last_poll_at',
  lastStatus: 'last_status',
  lastError: 'last_error',
  errorCount: 'error_count',
  hintSeconds: 'hint_seconds',
  itemsStored: 'items_stored',
  polls: 'polls',
};

function rowToFeed(r: FeedRow): FeedRecord {
  return {
    id: r.id,
    url: r.url,
    title: r.title,
    siteUrl: r.site_url,
    addedAt: r.added_at,
    etag: r.etag,
    lastModified: r.last_modified,
    nextPollAt: r.next_poll_at,
    holdUntil: r.hold_until,
    lastPollAt: r.last_poll_at,
    lastStatus: r.last_status,
    lastError: r.last_error,
    errorCount: r.error_count,
    hintSeconds: r.hint_seconds,
    itemsStored: r.items_stored,
    polls: r.polls,
  };
}

interface AlertRow {
  id: number;
  query: string | null;
  entity: string | null;
  min_outlets: number;
  webhook: string | null;
  exec: string | null;
  created_at: string;
}

function rowToAlert(r: AlertRow): AlertRecord {
  return { id: r.id, query: r.query, entity: r.entity, minOutlets: r.min_outlets, webhook: r.webhook, exec: r.exec, createdAt: r.created_at };
}

interface AlertEventRow {
  id: number;
  alert_id: number;
  story_id: string;
  kind: AlertEventRecord['kind'];
  at: string;
  payload: string;
  delivery: AlertEventRecord['delivery'];
  attempts: number;
  next_attempt: string | null;
  last_error: string | null;
}

function rowToAlertEvent(r: AlertEventRow): AlertEventRecord {
  return {
    id: r.id,
    alertId: r.alert_id,
    storyId: r.story_id,
    kind: r.kind,
    at: r.at,
    payload: JSON.parse(r.payload) as AlertEventRecord['payload'],
    delivery: r.delivery,
    attempts: r.attempts,
    nextAttempt: r.next_attempt,
    lastError: r.last_error,
  };
}
