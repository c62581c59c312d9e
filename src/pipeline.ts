/**
 * The ingest pipeline: reader items → finalised articles → store → stories.
 *
 * Storing. Articles are stored in batches, each one transaction ({@link Store.addArticles}): a
 * commit costs far more than an insert, so one per article would dominate the work. A batch is
 * committed when it holds {@link BATCH_MAX} articles, when its first article has waited
 * {@link BATCH_MS} ms (also while the reader is blocked, e.g. on a slow URL or a quiet stdin), and
 * at the end of the input. Progress and the summary count an article as added only once its batch
 * is committed, so a crash loses nothing already reported stored; a rerun finds the committed
 * articles as duplicates and stores the rest.
 *
 * Stories. Clustering (near-duplicates, stories, entities) runs on pages of {@link PAGE_SIZE}
 * stored-but-unclustered articles in insertion order, each page placed in arrival (publication)
 * order. A page is placed as soon as that many articles are waiting, interleaved with storing, and
 * the rest at the end; the pages are the same as if everything had been stored first, so stories do
 * not depend on batch sizes or timing. Articles this process has just stored are taken from memory
 * rather than read back (the store guarantees they read back equal).
 *
 * Checkpoints. The stage state (dedupe index, clusterer, entity resolver) is saved together with
 * the story assignments, relations and entities placed since the previous checkpoint, in one
 * transaction, so the store never holds assignments its saved state does not know. Serialising the
 * state costs time proportional to the whole store, so checkpoints are rare: see
 * {@link checkpointDue}. Every call ends with one. After a crash, articles placed since the last
 * checkpoint are still unclustered in the store and the next run places them again.
 */
import type { Article, ArticleRelation, ReadFailure, ReadItem } from './types.js';
import { StaleStateError, type ClusterCheckpoint, type Store } from './store/types.js';
import { finalizeArticle } from './ingest/finalize.js';
import { DedupeIndex, copyTarget, type DedupeState } from './dedupe/index.js';
import { StoryClusterer, arrivalOrder, type ClustererState } from './cluster/index.js';
import { EntityResolver, extractMentions, type Mention, type ResolverState } from './entities/index.js';

export interface IngestProgress {
  read: number;
  added: number;
  duplicates: number;
  failed: number;
  current: string;
}

export interface IngestSummary {
  added: number;
  duplicates: number;
  failed: ReadFailure[];
  /** Ids of the articles added, in order. */
  addedIds: string[];
  /** Each duplicate input and the stored article it duplicates. */
  duplicateOf: Array<{ input: string; id: string; by: string }>;
  /** Problems with items that were still usable (see ReadItem.warnings), one per problem. */
  warnings: ReadFailure[];
}

/**
 * Milliseconds spent per stage, accumulated over calls (pass the same object to several calls).
 * What the ingest benchmark reports; cheap enough (two clock reads per stage and article) to keep
 * on always.
 */
export interface StageTimes {
  /** Waiting for the reader: file and network I/O, decoding, parsing into drafts. */
  read: number;
  /** `finalizeArticle`: ids, content hash, language identification, attribution hints. */
  finalize: number;
  /** Batched article inserts with their full-text index rows, and commits. */
  store: number;
  /** Reading back pending articles not held in memory, and loading a saved stage state. */
  load: number;
  dedupe: number;
  cluster: number;
  /** Entity mention extraction. */
  extract: number;
  /** Entity resolution. */
  resolve: number;
  /** Building checkpoints: exporting the stage state and the touched entities. */
  checkpointExport: number;
  /** Writing checkpoints: assignments, story rows, relations, entities, mentions, state JSON. */
  checkpointWrite: number;
}

export function newStageTimes(): StageTimes {
  return {
    read: 0,
    finalize: 0,
    store: 0,
    load: 0,
    dedupe: 0,
    cluster: 0,
    extract: 0,
    resolve: 0,
    checkpointExport: 0,
    checkpointWrite: 0,
  };
}

export interface IngestOptions {
  onProgress?: (p: IngestProgress) => void;
  /** Called once per failed item, as it happens (the CLI prints one line each). */
  onFailure?: (f: ReadFailure) => void;
  /** Called once per warning on a usable item (see ReadItem.warnings), as it happens. */
  onWarning?: (w: ReadFailure) => void;
  /** Fold new articles into stories (default true). */
  cluster?: boolean;
  /** Clustering progress: articles placed so far of those pending. */
  onClusterProgress?: (done: number, total: number) => void;
  /** Accumulates time per stage when given. */
  times?: StageTimes;
  /**
   * End the batch with the end-of-stream story checks ({@link consolidateStories}); default
   * false (a stream: `watch`, the HTTP API). `parallax ingest` sets it unless `--stream`.
   */
  endBatch?: boolean;
}

/** Most articles in one store transaction (larger batches gained nothing measurable). */
export const BATCH_MAX = 500;
/** Longest an article waits for its batch to commit, in ms: bounds what a crash can lose unreported. */
export const BATCH_MS = 200;
/** Articles per clustering page (see the module comment). */
export const PAGE_SIZE = 5000;

const TIMEOUT = Symbol('timeout');

/**
 * Let the event loop turn. The pipeline's awaits are mostly on work already done (SQLite calls
 * are synchronous), which never leaves the microtask queue: without a turn, timers, signal
 * handlers and the parent's disconnect (`followParent` in src/cli/runtime.ts) waited until the
 * whole input was processed — a restarted ingest whose parent was killed went on to the end,
 * writing beside whatever ran next. Called before each batch is stored and before each
 * clustering page, never inside one, so that another caller in this process interleaves only at
 * those boundaries.
 */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Store every good item; report every bad one; cluster what was added. */
export async function ingestItems(
  store: Store,
  items: AsyncIterable<ReadItem> | Iterable<ReadItem>,
  opts: IngestOptions = {},
): Promise<IngestSummary> {
  const times = opts.times ?? newStageTimes();
  const cluster = opts.cluster !== false;
  const summary: IngestSummary = { added: 0, duplicates: 0, failed: [], addedIds: [], duplicateOf: [], warnings: [] };
  const fail = (f: ReadFailure) => {
    summary.failed.push(f);
    opts.onFailure?.(f);
  };
  // How many stored articles wait for a story (articles a crash left unclustered count too).
  let waiting = cluster ? (await store.unclusteredIds(PAGE_SIZE)).length : 0;
  let read = 0;
  let batch: Array<{ input: string; article: Article }> = [];
  let batchStarted = 0;
  let clusterFailed = false;

  const commit = async () => {
    if (batch.length === 0) return;
    const pending = batch;
    batch = [];
    await turn();
    const t0 = performance.now();
    let results;
    try {
      results = await store.addArticles(pending.map((p) => p.article));
    } catch (e) {
      // addArticles reports per article; a throw means the store itself is unusable (closed, I/O).
      results = pending.map((p) => ({ status: 'failed' as const, id: p.article.id, reason: (e as Error).message }));
    }
    times.store += performance.now() - t0;
    const recent = recentArticles(store);
    results.forEach((res, i) => {
      const { input, article } = pending[i];
      if (res.status === 'added') {
        summary.added++;
        summary.addedIds.push(res.id);
        remember(recent, article);
        waiting++;
      } else if (res.status === 'duplicate') {
        summary.duplicates++;
        summary.duplicateOf.push({ input, id: res.duplicateOf, by: res.by });
      } else fail({ input, reason: `could not store: ${res.reason}` });
    });
    while (cluster && !clusterFailed && waiting >= PAGE_SIZE) {
      try {
        await clusterPage(store, PAGE_SIZE, opts.onClusterProgress, times);
      } catch (e) {
        // Keep storing: the articles stay unclustered, and the final clusterPending retries (from
        // the other process's checkpoint, for a stale state) and reports any other error, as when
        // clustering ran only after storing.
        if (!(e instanceof StaleStateError)) clusterFailed = true;
      }
      waiting -= PAGE_SIZE;
    }
  };

  const iterator = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
  try {
    await readAll();
  } finally {
    // Also when a reader throws (readers report bad input as items; this is for the unexpected):
    // what was read and finalised is stored, and reported, before the error propagates.
    await commit();
  }
  const placed = cluster ? await clusterPending(store, opts.onClusterProgress, times) : 0;
  // a batch that brought nothing new (all duplicates, all failed) leaves the stories as they were
  if (cluster && opts.endBatch && (summary.added > 0 || placed > 0)) await consolidateStories(store, times);
  return summary;

  async function readAll(): Promise<void> {
    for (;;) {
      let t0 = performance.now();
      const next = Promise.resolve(iterator.next());
      let r: IteratorResult<ReadItem> | typeof TIMEOUT;
      if (batch.length > 0) {
        // Do not let a slow reader hold committed-looking work back: commit when the batch is due.
        let timer: NodeJS.Timeout | undefined;
        const due = new Promise<typeof TIMEOUT>((resolve) => {
          timer = setTimeout(() => resolve(TIMEOUT), Math.max(0, batchStarted + BATCH_MS - t0));
        });
        r = await Promise.race([next, due]);
        clearTimeout(timer);
        if (r === TIMEOUT) {
          times.read += performance.now() - t0;
          await commit();
          t0 = performance.now();
          r = await next;
        }
      } else r = await next;
      times.read += performance.now() - t0;
      if (r.done) break;
      const item = r.value;
      read++;
      if (!item.ok) fail({ input: item.input, reason: item.reason });
      else {
        for (const reason of item.warnings ?? []) {
          const w = { input: item.input, reason };
          summary.warnings.push(w);
          opts.onWarning?.(w);
        }
        const t1 = performance.now();
        try {
          const article = finalizeArticle(item.draft);
          if (batch.length === 0) batchStarted = t1;
          batch.push({ input: item.input, article });
        } catch (e) {
          fail({ input: item.input, reason: `could not process: ${(e as Error).message}` });
        }
        const t2 = performance.now();
        times.finalize += t2 - t1;
        if (batch.length >= BATCH_MAX || t2 - batchStarted >= BATCH_MS) await commit();
      }
      opts.onProgress?.({ read, added: summary.added, duplicates: summary.duplicates, failed: summary.failed.length, current: item.input });
    }
  }
}

// ---------------------------------------------------------------- articles held in memory

/** Most recently stored articles kept per store for clustering (bounds memory when nothing clusters them). */
const RECENT_MAX = 2 * PAGE_SIZE;

/** Articles this process stored and has not placed yet, by id, oldest first. */
const recentByStore = new WeakMap<Store, Map<string, Article>>();

function recentArticles(store: Store): Map<string, Article> {
  let m = recentByStore.get(store);
  if (!m) recentByStore.set(store, (m = new Map()));
  return m;
}

function remember(recent: Map<string, Article>, article: Article): void {
  recent.set(article.id, article);
  if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value as string);
}

/** The stored articles with these ids, in order: from memory when held, else read from the store. */
async function pendingArticles(store: Store, ids: string[], times: StageTimes): Promise<Article[]> {
  const recent = recentArticles(store);
  const missing = ids.filter((id) => !recent.has(id));
  let fetched = new Map<string, Article>();
  if (missing.length) {
    const t0 = performance.now();
    fetched = new Map((await store.articlesByIds(missing)).map((a) => [a.id, a]));
    times.load += performance.now() - t0;
  }
  const out: Article[] = [];
  for (const id of ids) {
    const a = recent.get(id) ?? fetched.get(id);
    recent.delete(id);
    if (a) out.push(a);
  }
  return out;
}

// ---------------------------------------------------------------- stories

/** Key of the dedupe + clusterer state in the store. */
export const STORY_STATE_KEY = 'stories.v1';

interface StoryStageState {
  dedupe: DedupeState;
  cluster: ClustererState;
  entities: ResolverState;
}

/** The incremental stages that run after storing: near-duplicates, stories, entities. */
interface StoryStage {
  dedupe: DedupeIndex;
  clusterer: StoryClusterer;
  resolver: EntityResolver;
}

/** Work placed in memory since the last checkpoint. */
interface Unsaved {
  /** Articles placed (they are the first `placed` unclustered articles of the store). */
  placed: number;
  assignments: ClusterCheckpoint['assignments'];
  merges: ClusterCheckpoint['merges'];
  relations: ArticleRelation[];
  mentions: Array<Mention & { entityId: string }>;
}

/**
 * The stages of one store, kept in memory between calls so that a long-running process (watch,
 * serve) or a long ingest does not re-read and re-parse the whole state per page.
 */
interface LiveStage {
  stage: StoryStage;
  /** Generation of the saved state this stage extends (another process saving changes it). */
  generation: string | null;
  unsaved: Unsaved;
  /** Entity redirects as last saved, so a checkpoint writes only new ones. */
  savedRedirects: Map<string, string>;
  /** performance.now() of the first placement since the last checkpoint. */
  unsavedSince: number;
  /** Duration of the last checkpoint, ms. */
  lastCheckpointMs: number;
}

const liveStages = new WeakMap<Store, LiveStage>();

function emptyUnsaved(): Unsaved {
  return { placed: 0, assignments: [], merges: [], relations: [], mentions: [] };
}

function newStoryStage(): StoryStage {
  return { dedupe: new DedupeIndex(), clusterer: new StoryClusterer(), resolver: new EntityResolver() };
}

/**
 * The live stage of `store`: the one in memory if no other process has saved a checkpoint since,
 * else resumed from the last checkpoint (or new). Work held unsaved by a stage another process has
 * overtaken is dropped: its articles are still unclustered in the store (or that process placed them).
 */
async function loadStoryStage(store: Store, times: StageTimes): Promise<LiveStage> {
  const t0 = performance.now();
  const generation = await store.stateGeneration(STORY_STATE_KEY);
  let live = liveStages.get(store);
  if (!live || live.generation !== generation) {
    const saved = (await store.loadState(STORY_STATE_KEY)) as StoryStageState | null;
    live = {
      stage: saved
        ? {
            dedupe: DedupeIndex.fromState(saved.dedupe),
            clusterer: StoryClusterer.fromState(saved.cluster),
            resolver: EntityResolver.fromState(saved.entities),
          }
        : newStoryStage(),
      generation,
      unsaved: emptyUnsaved(),
      savedRedirects: new Map(saved?.entities.redirects ?? []),
      unsavedSince: 0,
      lastCheckpointMs: 0,
    };
    liveStages.set(store, live);
  }
  times.load += performance.now() - t0;
  return live;
}

/** Shortest time between checkpoints, seconds. */
const CHECKPOINT_MIN_SECONDS = 20;
/** Checkpoints are spaced by at least this many times their own duration. */
const CHECKPOINT_SPACING = 10;
/**
 * Most articles placed between checkpoints (bounds the memory held by unsaved mentions): this
 * many, or {@link CHECKPOINT_MAX_SHARE} of the articles the stage holds if that is more.
 */
const CHECKPOINT_MAX_ARTICLES = 20_000;
const CHECKPOINT_MAX_SHARE = 0.2;

/**
 * A checkpoint serialises the whole stage state, so its cost grows with the store. It is due once
 * the unsaved work is older than both {@link CHECKPOINT_MIN_SECONDS} and
 * {@link CHECKPOINT_SPACING} × the last checkpoint's duration — which keeps checkpoints under about
 * a tenth of the clustering time at any store size — or holds {@link CHECKPOINT_MAX_ARTICLES}
 * articles, or a fifth of the stage's articles if that is more. A crash loses at most that much
 * clustering, which the next run redoes.
 *
 * Why the share: with a fixed cap, a large store checkpoints every 20,000 articles at a cost that
 * grows with the store, so the total cost grows with its square. Growing the cap with the store
 * keeps the number of checkpoints logarithmic; the unsaved mentions it lets wait (about 6 KB per
 * article) stay small beside the stage itself (about 25 KB per article held).
 */
function checkpointDue(live: LiveStage, now: number): boolean {
  if (live.unsaved.placed === 0) return false;
  const cap = Math.max(CHECKPOINT_MAX_ARTICLES, CHECKPOINT_MAX_SHARE * live.stage.clusterer.articleCount);
  if (live.unsaved.placed >= cap) return true;
  return now - live.unsavedSince >= Math.max(CHECKPOINT_MIN_SECONDS * 1000, CHECKPOINT_SPACING * live.lastCheckpointMs);
}

/**
 * Place `articles` (in the order given) into the live stage. With `checkpointWithin`, checkpoint
 * whenever one is due; without, the caller checkpoints between pages only — a page is placed in
 * arrival order, not insertion order, so only whole pages keep the placed-but-unsaved articles the
 * first ones of the store's unclustered list (see {@link Unsaved.placed}).
 */
async function placeArticles(
  store: Store,
  live: LiveStage,
  articles: Article[],
  times: StageTimes,
  checkpointWithin: boolean,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const { stage } = live;
  let done = 0;
  for (const article of articles) {
    const u = live.unsaved;
    if (u.placed === 0) live.unsavedSince = performance.now();
    const t0 = performance.now();
    const dup = stage.dedupe.add(article);
    for (const r of dup.relations) u.relations.push(r);
    const t1 = performance.now();
    const found = extractMentions(article);
    const t2 = performance.now();
    const placed = stage.clusterer.add(article, { copyOf: copyTarget(dup) });
    u.assignments.push({ articleId: article.id, storyId: placed.storyId });
    for (const from of placed.merged) u.merges.push({ from, into: placed.storyId });
    const t3 = performance.now();
    // Names resolve within the story first (partial names, spellings), then across the store.
    const ids = stage.resolver.add(found, { storyId: placed.storyId });
    for (const m of found) {
      const entityId = ids.get(m);
      if (entityId) u.mentions.push(storedMention(m, entityId));
    }
    const t4 = performance.now();
    times.dedupe += t1 - t0;
    times.extract += t2 - t1;
    times.cluster += t3 - t2;
    times.resolve += t4 - t3;
    u.placed++;
    done++;
    if (checkpointWithin && checkpointDue(live, t4)) await checkpoint(store, live, times);
    onProgress?.(done, articles.length);
  }
}

/**
 * What a checkpoint stores of a mention (see EntityCheckpoint), in an object of its own. The
 * mentions of every article placed since the last checkpoint wait in memory (see
 * {@link checkpointDue} for how many articles that can be), so they keep only the stored fields, and their surface text is copied out of the article body (a
 * substring made by slice() can be a view that keeps the whole body alive). Measured on 5,000
 * synthetic articles (bench/corpus.ts, 53 mentions each): 9.2 KB of heap per article waiting as
 * copies of the whole mention, 5.8 KB as these.
 */
function storedMention(m: Mention, entityId: string): Mention & { entityId: string } {
  return {
    articleId: m.articleId,
    text: m.text === m.name ? m.name : copyOfString(m.text),
    start: m.start,
    end: m.end,
    type: m.type,
    name: m.name,
    role: m.role,
    affiliation: m.affiliation,
    entityId,
  };
}

/** A copy of `s` that shares no storage with the string it was cut from (see storedMention). */
function copyOfString(s: string): string {
  // concatenation flattens into a new string; the slice of it keeps only that string alive
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Save the unsaved work and the stage state in one transaction. */
async function checkpoint(store: Store, live: LiveStage, times: StageTimes, force = false): Promise<void> {
  const { stage, unsaved } = live;
  if (!force && unsaved.placed === 0 && unsaved.merges.length === 0) return;
  const t0 = performance.now();
  // Merges can move articles placed earlier: record each article's final story.
  const assignments = unsaved.assignments.map((a) => ({ articleId: a.articleId, storyId: stage.clusterer.storyOf(a.articleId) ?? a.storyId }));
  // Entities merged since this work's mentions were resolved: store the final ids, so that the
  // resolver can forget the merged-away ids, which were never saved (EntityResolver.settleIds).
  for (const m of unsaved.mentions) m.entityId = stage.resolver.canonicalId(m.entityId);
  stage.resolver.settleIds();
  const entityState = stage.resolver.exportState();
  const redirects = entityState.redirects.filter(([from, to]) => live.savedRedirects.get(from) !== to);
  const state: StoryStageState = { dedupe: stage.dedupe.exportState(), cluster: stage.clusterer.exportState(), entities: entityState };
  const entities = touchedEntities(stage.resolver, unsaved.mentions);
  const t1 = performance.now();
  let generation: string;
  try {
    generation = await store.saveClusterCheckpoint({
      assignments,
      merges: unsaved.merges,
      relations: unsaved.relations,
      stateKey: STORY_STATE_KEY,
      state,
      expectGeneration: live.generation,
      entities: { entities, redirects, mentions: unsaved.mentions },
    });
  } catch (e) {
    // Nothing was saved and the in-memory stage is ahead of the store: forget it so the next
    // call resumes from the store (its articles are still unclustered there).
    liveStages.delete(store);
    throw e;
  }
  const t2 = performance.now();
  for (const [from, to] of redirects) live.savedRedirects.set(from, to);
  live.generation = generation;
  live.unsaved = emptyUnsaved();
  live.lastCheckpointMs = t2 - t0;
  times.checkpointExport += t1 - t0;
  times.checkpointWrite += t2 - t1;
}

/** The current form of every entity the given mentions were assigned to (merges included). */
function touchedEntities(resolver: EntityResolver, mentions: ReadonlyArray<{ entityId: string }>) {
  // Only the entities this batch touched are rebuilt and saved (not every entity held).
  return mentions.length === 0 ? [] : resolver.entitiesOf(mentions.map((m) => m.entityId));
}

/** Place the next page (at most `limit`) of unclustered articles; returns how many. */
async function clusterPage(
  store: Store,
  limit: number,
  onProgress: ((done: number, total: number) => void) | undefined,
  times: StageTimes,
): Promise<number> {
  const live = await loadStoryStage(store, times);
  // The first `placed` unclustered articles are already placed in memory, awaiting a checkpoint.
  const t0 = performance.now();
  const ids = await store.unclusteredIds(limit, live.unsaved.placed);
  times.load += performance.now() - t0;
  if (ids.length === 0) return 0;
  const page = await pendingArticles(store, ids, times);
  try {
    await placeArticles(store, live, arrivalOrder(page), times, false, onProgress);
  } catch (e) {
    // A half-placed page breaks the prefix property: resume from the last checkpoint next time.
    liveStages.delete(store);
    throw e;
  }
  if (checkpointDue(live, performance.now())) await checkpoint(store, live, times);
  return ids.length;
}

/**
 * Cluster every stored article that is not yet in a story (new ones, or ones a crash left
 * unclustered), page by page in insertion order, resuming from the last checkpoint, and save a
 * checkpoint. Returns how many articles were placed.
 */
export async function clusterPending(
  store: Store,
  onProgress?: (done: number, total: number) => void,
  times: StageTimes = newStageTimes(),
): Promise<number> {
  return againWhenStale(async () => {
    let n = 0;
    for (;;) {
      await turn();
      const placed = await clusterPage(store, PAGE_SIZE, onProgress, times);
      if (placed === 0) break;
      n += placed;
    }
    const live = liveStages.get(store);
    if (live) await checkpoint(store, live, times);
    return n;
  });
}

/**
 * Run `work`; when another process saved stories meanwhile (the checkpoint is stale), run it again
 * from that process's checkpoint — a few times. A failed checkpoint has already dropped the
 * in-memory stage, and loading compares generations, so the next attempt starts from the store.
 */
async function againWhenStale<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      if (!(e instanceof StaleStateError) || attempt >= 3) throw e;
    }
  }
}

/**
 * End a batch: place whatever is unclustered, then run the clusterer's end-of-stream checks
 * (`consolidate`: the settle check of every pending singleton, merge checks, the final check of
 * every story) and save. Returns the number of story merges they made.
 *
 * Why: the settle check waits `settleAfter` (200) arrivals so that the rest of an event can
 * arrive first — right for a stream, but a one-off ingest of a folder ends before most of its
 * singletons get that check, and the user sees them as stories of their own (the bundled sample:
 * 83 single-article stories of 87 after ingest, 33 of 50 after `recluster`; ECB+: B-cubed F1
 * 0.899 after ingest, 0.927 after `recluster`). `parallax ingest` ends its batch with this by
 * default; `--stream` (frequent small ingests), `watch` and the HTTP API do not, since
 * consolidating every few articles would settle singletons before their events could arrive.
 * The cost: stories depend on where batches end, not only on the articles and their order (the
 * same batches give the same stories).
 */
export async function consolidateStories(store: Store, times: StageTimes = newStageTimes()): Promise<number> {
  return againWhenStale(async () => {
    await clusterPending(store, undefined, times);
    const live = await loadStoryStage(store, times);
    if (live.stage.clusterer.articleCount === 0) return 0;
    const t0 = performance.now();
    const merges = live.stage.clusterer.consolidate();
    for (const m of merges) live.unsaved.merges.push(m);
    times.cluster += performance.now() - t0;
    // saved even without merges: the checks changed the state (no singleton is pending now)
    await checkpoint(store, live, times, true);
    return merges.length;
  });
}

/**
 * Drop all stories and rebuild them from every stored article, in arrival order, as one finished
 * batch: after the last article the clusterer's end-of-stream checks run (`consolidate`: settle
 * checks of pending singletons, merge checks, the final check of every story), exactly as in
 * `parallax eval cluster`. Deterministic. Later ingests continue from the rebuilt stories.
 */
export async function reclusterAll(
  store: Store,
  opts: { onClusterProgress?: (done: number, total: number) => void; times?: StageTimes } = {},
): Promise<{ articles: number; stories: number }> {
  const times = opts.times ?? newStageTimes();
  await store.resetStories(STORY_STATE_KEY);
  liveStages.delete(store);
  recentByStore.delete(store);
  const all: Article[] = [];
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const page = await store.articlesInInsertionOrder(offset, PAGE_SIZE);
    all.push(...page);
    if (page.length < PAGE_SIZE) break;
  }
  const live: LiveStage = {
    stage: newStoryStage(),
    generation: await store.stateGeneration(STORY_STATE_KEY),
    unsaved: emptyUnsaved(),
    savedRedirects: new Map(),
    unsavedSince: 0,
    lastCheckpointMs: 0,
  };
  liveStages.set(store, live);
  // Not paged: every article is placed once, so checkpoints may fall anywhere.
  await placeArticles(store, live, arrivalOrder(all), times, true, opts.onClusterProgress);
  const t0 = performance.now();
  for (const m of live.stage.clusterer.consolidate()) live.unsaved.merges.push(m);
  times.cluster += performance.now() - t0;
  await checkpoint(store, live, times);
  return { articles: all.length, stories: await store.countStories() };
}
