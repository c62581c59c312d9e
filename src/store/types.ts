/**
 * The storage interface. Everything above the store (CLI, HTTP server, feed watcher) talks to this
 * interface only, so another engine (PostgreSQL, an in-memory store for tests) can replace SQLite
 * by implementing it. Methods are async so that a networked engine fits; the SQLite engine answers
 * synchronously underneath.
 *
 * Contract every engine must honour:
 * - `addArticle` is atomic: after a crash an article is either fully stored (row + full-text
 *   index) or absent. `addArticles` is atomic for the whole batch (all stored, or none).
 * - An article whose canonical URL or content hash is already held is not stored again; the
 *   result names the article it duplicates.
 * - A stored article reads back equal to the one given (`getArticle(a.id)` deep-equals `a`) when
 *   its paragraphs contain no blank line (`finalizeArticle` guarantees this), so a caller may keep
 *   using the article it stored instead of reading it back.
 */
import type { Article, ArticleRelation } from '../types.js';
import type { Entity, Mention } from '../entities/types.js';

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

/** Outcome of one article of {@link Store.addArticles}: as {@link AddResult}, or why it could not be stored. */
export type BatchAddResult = AddResult | { status: 'failed'; id: string; reason: string };

/**
 * Thrown by {@link Store.saveClusterCheckpoint} when the state has moved on since the caller loaded
 * it (another process saved a checkpoint): nothing was written, and the caller must reload.
 */
export class StaleStateError extends Error {
  constructor(key: string) {
    super(`the saved state "${key}" was changed by another process`);
    this.name = 'StaleStateError';
  }
}

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
  /**
   * When given, the checkpoint is applied only if the generation of `stateKey` is still this one
   * (null: no checkpoint saved yet); otherwise nothing is written and {@link StaleStateError} is
   * thrown. Guards against two processes clustering the same database at once.
   */
  expectGeneration?: string | null;
  /** Entities found in the articles of this checkpoint, saved in the same transaction. */
  entities?: EntityCheckpoint;
}

/**
 * Entities stage output for one checkpoint. `entities` is the full current form of every entity
 * touched (new or changed); `redirects` maps ids merged away to their surviving id — at least those
 * new or changed since the previous checkpoint (the store keeps earlier ones, and drops the entity
 * rows of redirected ids).
 */
export interface EntityCheckpoint {
  entities: Entity[];
  redirects: Array<[string, string]>;
  /** New mentions with the entity id assigned when they were resolved. */
  mentions: Array<Mention & { entityId: string }>;
}

/** A stored entity with its counts (see {@link Entity} for the fields). */
export interface EntityRow {
  id: string;
  name: string;
  type: string;
  variants: Array<{ name: string; count: number }>;
  roles: string[];
  affiliations: string[];
  mentions: number;
  articles: number;
}

/** Filters for listing entities. Most-mentioned first. */
export interface EntityQuery {
  /** Only entities mentioned in this story (counts are then within the story). */
  storyId?: string;
  /** Only entities of this article. */
  articleId?: string;
  /** Name or variant contains these characters (case-insensitive). */
  q?: string;
  type?: string;
  limit?: number;
  offset?: number;
}

export interface Store {
  // ---- articles ----
  addArticle(article: Article): Promise<AddResult>;
  /**
   * Store several articles in one atomic unit, in order (a later article of the batch can be a
   * duplicate of an earlier one). Cheaper per article than {@link Store.addArticle}. One article
   * that cannot be stored is reported as `failed` without failing the others.
   */
  addArticles(articles: Article[]): Promise<BatchAddResult[]>;
  /** The articles with these ids, in the order given (unknown ids are skipped). */
  articlesByIds(ids: string[]): Promise<Article[]>;
  getArticle(id: string): Promise<Article | null>;
  /** Articles by id prefix (at least 4 characters); used to resolve short ids typed by a person. */
  findArticleIds(prefix: string): Promise<string[]>;
  listArticles(query?: ArticleQuery): Promise<Article[]>;
  countArticles(query?: ArticleQuery): Promise<number>;
  stats(): Promise<StoreStats>;

  // ---- stories ----
  /** Articles not yet assigned to a story, in insertion order. */
  unclusteredArticles(limit?: number): Promise<Article[]>;
  /**
   * Ids of articles not yet assigned to a story, in insertion order, skipping the first `offset`
   * (which a caller may hold placed in memory but not yet checkpointed).
   */
  unclusteredIds(limit: number, offset?: number): Promise<string[]>;
  /** All articles in insertion order, in pages (for reclustering). */
  articlesInInsertionOrder(offset: number, limit: number): Promise<Article[]>;
  /**
   * Apply a clustering checkpoint atomically. Returns the new generation of the state under
   * `cp.stateKey`: a token that changes with every checkpoint, written in the same transaction, so a
   * process holding the state in memory can tell whether another process has moved it on.
   */
  saveClusterCheckpoint(cp: ClusterCheckpoint): Promise<string>;
  /** Generation of the state under `key` (see {@link Store.saveClusterCheckpoint}), or null. */
  stateGeneration(key: string): Promise<string | null>;
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

  // ---- entities ----
  listEntities(query?: EntityQuery): Promise<EntityRow[]>;
  /** An entity by id (old ids of merged entities redirect to the survivor). */
  getEntity(id: string): Promise<EntityRow | null>;
  /** Entities whose canonical name or a variant equals `name` (case-insensitive), most mentioned first. */
  findEntitiesByName(name: string): Promise<EntityRow[]>;
  /** Mentions in an article, with the current (redirected) entity id, in text order. */
  mentionsOf(articleId: string): Promise<Array<Mention & { entityId: string }>>;
  /** Stories an entity is mentioned in, newest first. */
  storiesOfEntity(entityId: string): Promise<StoryRow[]>;

  /** Arbitrary small key/value metadata (e.g. that a database was made by `parallax demo`). */
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;

  // ---- feeds and alerts (`parallax feeds`, `watch`, `alerts`; see src/feeds/) ----
  /** Follow a feed. A URL already followed is not added again: the result names the existing feed. */
  addFeed(feed: NewFeed, now: string): Promise<{ status: 'added' | 'exists'; feed: FeedRecord }>;
  getFeed(id: number): Promise<FeedRecord | null>;
  findFeedByUrl(url: string): Promise<FeedRecord | null>;
  /** Every feed, in the order added. */
  listFeeds(): Promise<FeedRecord[]>;
  /** Stop following a feed (its item history goes too; stored articles stay). */
  removeFeed(id: number): Promise<boolean>;
  /**
   * Feeds to poll at `now`, earliest due first: those whose next poll time has come, or, with
   * `ignoreSchedule`, every feed not under a hold (back-off / Retry-After).
   */
  dueFeeds(now: string, opts?: { ignoreSchedule?: boolean }): Promise<FeedRecord[]>;
  /** The earliest next poll time of any feed, or null without feeds. */
  nextFeedPollAt(): Promise<string | null>;
  updateFeed(id: number, patch: FeedUpdate): Promise<void>;
  /** What became of these item keys of a feed (missing keys: never seen). */
  feedItems(feedId: number, keys: string[]): Promise<Map<string, FeedItemRecord>>;
  /** Record item outcomes (insert or replace) and mark them seen at `now`. */
  saveFeedItems(feedId: number, items: FeedItemRecord[], now: string): Promise<void>;
  /** Mark items still present in a feed as seen at `now` (keeps them from being pruned). */
  touchFeedItems(feedId: number, keys: string[], now: string): Promise<void>;
  /** Forget item keys last seen before `before`; returns how many. */
  pruneFeedItems(before: string): Promise<number>;

  addAlert(alert: NewAlert, now: string): Promise<AlertRecord>;
  listAlerts(): Promise<AlertRecord[]>;
  /** Remove an alert and what it saw; its fired events stay in the alert log. */
  removeAlert(id: number): Promise<boolean>;
  /** Story rows for these ids (missing ids are skipped). */
  storyRows(ids: string[]): Promise<StoryRow[]>;
  /**
   * Those of `storyIds` with a member article matching `text` in the full-text index: every word
   * (`words`) or the exact phrase (`phrase`).
   */
  storiesMatchingText(storyIds: string[], text: string, mode: 'words' | 'phrase'): Promise<string[]>;
  /** What an alert last saw of these stories. */
  alertStoryStates(alertId: number, storyIds: string[]): Promise<Map<string, AlertStoryState>>;
  /** Record fired alerts and the story states they saw, in one transaction. */
  recordAlertEvents(events: NewAlertEvent[]): Promise<AlertEventRecord[]>;
  /** The alert log, newest first. */
  listAlertEvents(opts?: { limit?: number; alertId?: number }): Promise<AlertEventRecord[]>;
  /** Events whose delivery is pending and due at `now`, oldest first. */
  dueAlertDeliveries(now: string, limit?: number): Promise<AlertEventRecord[]>;
  updateAlertDelivery(id: number, patch: AlertDeliveryUpdate): Promise<void>;

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

// ==================================================================== feeds and alerts
// Records of `parallax feeds` / `watch` / `alerts` (src/feeds/). Times are ISO-8601 UTC strings.

/**
 * A followed feed and its polling state.
 *
 * @example { id: 3, url: 'https://www.theguardian.com/world/rss', title: 'World news | The Guardian', siteUrl: null,
 *   addedAt: '2026-11-23T10:00:00.000Z', etag: '"5f2c"', lastModified: 'Mon, 23 Nov 2026 09:58:00 GMT',
 *   nextPollAt: '2026-11-23T10:05:12.000Z', holdUntil: null, lastPollAt: '2026-11-23T10:00:00.000Z', lastStatus: 200,
 *   lastError: null, errorCount: 0, hintSeconds: null, itemsStored: 40, polls: 1 }
 */
export interface FeedRecord {
  id: number;
  url: string;
  title: string | null;
  /** The site the feed belongs to (OPML `htmlUrl`), if known. */
  siteUrl: string | null;
  addedAt: string;
  /** Validators of the last full response, sent back as If-None-Match / If-Modified-Since. */
  etag: string | null;
  lastModified: string | null;
  nextPollAt: string;
  /** A wait imposed by failures or Retry-After; honoured even by `watch --once`. */
  holdUntil: string | null;
  lastPollAt: string | null;
  /** HTTP status of the last poll (null: no response, see lastError). */
  lastStatus: number | null;
  /** Why the last poll failed (null when it succeeded). */
  lastError: string | null;
  /** Consecutive failed polls. */
  errorCount: number;
  /** Refresh interval the feed asked for (RSS ttl, Cache-Control max-age), seconds. */
  hintSeconds: number | null;
  /** Articles this feed has added to the store. */
  itemsStored: number;
  polls: number;
}

export interface NewFeed {
  url: string;
  title?: string | null;
  siteUrl?: string | null;
}

export type FeedUpdate = Partial<Omit<FeedRecord, 'id' | 'addedAt' | 'url'>>;

/**
 * What became of one feed item, by its key (the item's guid, else its link, else its text hash).
 * `retry`: the linked page could not be fetched yet; the item is tried again on later polls.
 *
 * @example { key: 'https://example.com/news/1', state: 'stored', articleId: '9f2c0e1d4b5a6978', attempts: 1 }
 */
export interface FeedItemRecord {
  key: string;
  state: 'stored' | 'failed' | 'retry';
  /** The stored article (or the article it duplicated). */
  articleId: string | null;
  attempts: number;
}

/**
 * A standing alert: fires when a story matching `query` (all words) or naming `entity` appears
 * with at least `minOutlets` outlets, or when such a story gains outlets or facts.
 *
 * @example { id: 1, query: null, entity: 'Ali Shamkhani', minOutlets: 2, webhook: 'https://hooks.example/x', exec: null, createdAt: '…' }
 */
export interface AlertRecord {
  id: number;
  query: string | null;
  entity: string | null;
  minOutlets: number;
  webhook: string | null;
  exec: string | null;
  createdAt: string;
}

export type NewAlert = Omit<AlertRecord, 'id' | 'createdAt'>;

/** What an alert last saw of a story: its outlet count and its number of distinct reports (non-copies). */
export interface AlertStoryState {
  outlets: number;
  facts: number;
}

/** Why an alert fired. */
export type AlertKind = 'new' | 'outlets' | 'facts';

/** The JSON body posted to a webhook / given to an exec command on stdin. */
export interface AlertPayload {
  alert: { id: number; query: string | null; entity: string | null; minOutlets: number };
  kind: AlertKind;
  at: string;
  story: { id: string; headline: string; size: number; facts: number; outlets: string[]; first_seen: string | null; last_seen: string | null };
  previous: AlertStoryState | null;
  /** The story's articles that arrived since the alert last fired for it (at most 20). */
  articles: Array<{ id: string; headline: string | null; outlet: string | null; url: string | null; published: string | null }>;
}

export interface NewAlertEvent {
  alertId: number;
  storyId: string;
  kind: AlertKind;
  at: string;
  payload: AlertPayload;
  /** `pending` when the alert has a webhook or exec target, `none` when it is kept in the log only. */
  delivery: 'pending' | 'none';
  nextAttempt: string | null;
  /** The story state to remember for this alert. */
  state: AlertStoryState;
}

export interface AlertEventRecord {
  id: number;
  alertId: number;
  storyId: string;
  kind: AlertKind;
  at: string;
  payload: AlertPayload;
  delivery: 'pending' | 'delivered' | 'failed' | 'none';
  attempts: number;
  nextAttempt: string | null;
  lastError: string | null;
}

export interface AlertDeliveryUpdate {
  delivery: AlertEventRecord['delivery'];
  attempts: number;
  nextAttempt: string | null;
  lastError: string | null;
}
