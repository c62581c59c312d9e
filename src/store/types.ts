/**
 * The storage interface. Everything above the store (CLI, HTTP server, feed watcher) talks to this
 * interface only, so another engine (PostgreSQL, an in-memory store for tests) can replace SQLite
 * by implementing it. Methods are async so that a networked engine fits; the SQLite engine answers
 * synchronously underneath.
 *
 * Contract every engine must honour:
 * - `addArticle` is atomic: after a crash an article is either fully stored (row + full-text
 *   index) or absent.
 * - An article whose canonical URL or content hash is already held is not stored again; the
 *   result names the article it duplicates.
 */
import type { Article, ArticleRelation } from '../types.js';

/** Filters for listing articles. All optional; results are newest first (published, else ingested). */
export interface ArticleQuery {
  /** ISO time: only articles published (or, without a date, ingested) at or after it. */
  since?: string;
  /** ISO time: only articles published (or ingested) before it. */
  until?: string;
  /** Outlet name or domain (case-insensitive substring). */
  source?: string;
  /** Full-text query over headline and body (FTS5 syntax is escaped: plain words, all must match). */
  q?: string;
  /** Only these ids. */
  ids?: string[];
  limit?: number;
  offset?: number;
}

export type AddResult =
  | { status: 'added'; id: string }
  | { status: 'duplicate'; id: string; duplicateOf: string; by: 'id' | 'canonical_url' | 'content_hash' };

export interface StoreStats {
  articles: number;
  outlets: number;
  stories: number;
  /** Articles by input format. */
  formats: Record<string, number>;
  /** Articles by detected language. */
  languages: Record<string, number>;
  firstPublished: string | null;
  lastPublished: string | null;
  /** Articles not yet folded into stories (a crash between storing and clustering leaves some). */
  unclustered: number;
}

/** A story as stored: its members in arrival order. */
export interface StoredStory {
  id: string;
  members: string[];
}

/** Opaque, JSON-serialisable state of an incremental stage (e.g. the clusterer), checkpointed by the store. */
export type StageState = unknown;

/** One atomic clustering checkpoint: assignments, relations and the clusterer state that produced them. */
export interface ClusterCheckpoint {
  /** Article id → story id, for every article placed since the last checkpoint. */
  assignments: Array<{ articleId: string; storyId: string }>;
  /** Stories absorbed into another by a merge: every member of `from` moves to `into`. */
  merges: Array<{ from: string; into: string }>;
  relations: ArticleRelation[];
  /** State to resume from, stored under `stateKey`. */
  stateKey: string;
  state: StageState;
}

export interface Store {
  // ---- articles ----
  addArticle(article: Article): Promise<AddResult>;
  getArticle(id: string): Promise<Article | null>;
  /** Articles by id prefix (at least 4 characters); used to resolve short ids typed by a person. */
  findArticleIds(prefix: string): Promise<string[]>;
  listArticles(query?: ArticleQuery): Promise<Article[]>;
  countArticles(query?: ArticleQuery): Promise<number>;
  stats(): Promise<StoreStats>;

  // ---- stories ----
  /** Articles not yet assigned to a story, in insertion order. */
  unclusteredArticles(limit?: number): Promise<Article[]>;
  /** All articles in insertion order, in pages (for reclustering). */
  articlesInInsertionOrder(offset: number, limit: number): Promise<Article[]>;
  /** Apply a clustering checkpoint atomically. */
  saveClusterCheckpoint(cp: ClusterCheckpoint): Promise<void>;
  /** Drop all stories, memberships, relations and the named state (before a full recluster). */
  resetStories(stateKey: string): Promise<void>;
  loadState(key: string): Promise<StageState | null>;
  saveState(key: string, state: StageState): Promise<void>;
  listStories(query?: StoryQuery): Promise<StoryRow[]>;
  countStories(query?: StoryQuery): Promise<number>;
  getStory(id: string): Promise<StoredStory | null>;
  findStoryIds(prefix: string): Promise<string[]>;
  storyOfArticle(articleId: string): Promise<string | null>;
  relationsFor(articleIds: string[]): Promise<ArticleRelation[]>;

  /** Arbitrary small key/value metadata (e.g. that a database was made by `parallax demo`). */
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;

  close(): Promise<void>;
}

/** Filters for listing stories. Newest first (by last article time). */
export interface StoryQuery {
  since?: string;
  until?: string;
  /** Outlet name or domain (substring, case-insensitive). */
  outlet?: string;
  /** Full-text query: stories with at least one member matching. */
  q?: string;
  /** Only stories with at least this many articles. */
  minSize?: number;
  limit?: number;
  offset?: number;
}

/** A row of the stories listing. Times are ISO UTC (published when known, else ingest time). */
export interface StoryRow {
  id: string;
  size: number;
  outlets: string[];
  first_seen: string | null;
  last_seen: string | null;
  /** Headline of the earliest member that has one, else its first sentence. */
  headline: string;
}
