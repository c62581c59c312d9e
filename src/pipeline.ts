/**
 * The ingest pipeline: reader items → finalised articles → store → stories.
 *
 * Durability: each article is stored in its own transaction as soon as it is read, so a crash
 * loses nothing already stored. Clustering runs after storing, in checkpoints that save the
 * assignments and the clusterer state atomically; articles stored but not yet clustered (after a
 * crash) are picked up by the next run, so a rerun completes the work.
 */
import type { Article, ArticleRelation, ReadFailure, ReadItem } from './types.js';
import type { ClusterCheckpoint, Store } from './store/types.js';
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
}

export interface IngestOptions {
  onProgress?: (p: IngestProgress) => void;
  /** Called once per failed item, as it happens (the CLI prints one line each). */
  onFailure?: (f: ReadFailure) => void;
  /** Fold new articles into stories (default true). */
  cluster?: boolean;
  /** Clustering progress: articles placed so far of those pending. */
  onClusterProgress?: (done: number, total: number) => void;
}

/** Store every good item; report every bad one; then cluster what was added. */
export async function ingestItems(
  store: Store,
  items: AsyncIterable<ReadItem> | Iterable<ReadItem>,
  opts: IngestOptions = {},
): Promise<IngestSummary> {
  const summary: IngestSummary = { added: 0, duplicates: 0, failed: [], addedIds: [], duplicateOf: [] };
  let read = 0;
  for await (const item of items) {
    read++;
    if (!item.ok) {
      const f = { input: item.input, reason: item.reason };
      summary.failed.push(f);
      opts.onFailure?.(f);
    } else {
      try {
        const article = finalizeArticle(item.draft);
        const res = await store.addArticle(article);
        if (res.status === 'added') {
          summary.added++;
          summary.addedIds.push(res.id);
        } else {
          summary.duplicates++;
          summary.duplicateOf.push({ input: item.input, id: res.duplicateOf, by: res.by });
        }
      } catch (e) {
        const f = { input: item.input, reason: `could not store: ${(e as Error).message}` };
        summary.failed.push(f);
        opts.onFailure?.(f);
      }
    }
    opts.onProgress?.({
      read,
      added: summary.added,
      duplicates: summary.duplicates,
      failed: summary.failed.length,
      current: item.input,
    });
  }
  if (opts.cluster !== false) await clusterPending(store, opts.onClusterProgress);
  return summary;
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

/**
 * Seconds of clustering work between two checkpoints (each checkpoint is one transaction that
 * also serialises the whole stage state, so its cost grows with the store). Time-based rather
 * than count-based so the checkpoint overhead stays a bounded share of the work at any store
 * size; what a crash loses is at most this much clustering, which the next run redoes.
 */
const CHECKPOINT_SECONDS = 20;

/** The dedupe index and clusterer, resumed from the store's last checkpoint (or new). */
/**
 * Stages kept in memory per open store, with the checkpoint generation they correspond to, so a
 * long-running process (watch, serve) does not re-read and re-parse the whole state for every
 * batch. Another process writing the same database bumps the generation, and the next call
 * reloads from its checkpoint.
 */
const liveStages = new WeakMap<Store, { stage: StoryStage; generation: string | null }>();

async function loadStoryStage(store: Store): Promise<StoryStage> {
  const generation = await store.stateGeneration(STORY_STATE_KEY);
  const live = liveStages.get(store);
  if (live && live.generation === generation) return live.stage;
  const saved = (await store.loadState(STORY_STATE_KEY)) as StoryStageState | null;
  const stage = saved
    ? {
        dedupe: DedupeIndex.fromState(saved.dedupe),
        clusterer: StoryClusterer.fromState(saved.cluster),
        resolver: EntityResolver.fromState(saved.entities),
      }
    : newStoryStage();
  liveStages.set(store, { stage, generation });
  return stage;
}

function newStoryStage(): StoryStage {
  return { dedupe: new DedupeIndex(), clusterer: new StoryClusterer(), resolver: new EntityResolver() };
}

/**
 * Fold `articles` (already stored, in arrival order) into stories, saving a checkpoint every
 * {@link CHECKPOINT_SECONDS} seconds and at the end.
 */
async function placeArticles(
  store: Store,
  stage: StoryStage,
  articles: Article[],
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  let assignments: ClusterCheckpoint['assignments'] = [];
  let merges: ClusterCheckpoint['merges'] = [];
  let relations: ArticleRelation[] = [];
  let mentions: Array<Mention & { entityId: string }> = [];
  let lastFlush = performance.now();
  const flush = async () => {
    // Merges can move articles placed earlier in this batch: record their final story.
    const final = assignments.map((a) => ({ articleId: a.articleId, storyId: stage.clusterer.storyOf(a.articleId) ?? a.storyId }));
    const entityState = stage.resolver.exportState();
    // If saving fails, the in-memory stage is ahead of the store: forget it so the next call reloads.
    liveStages.delete(store);
    const generation = await store.saveClusterCheckpoint({
      assignments: final,
      merges,
      relations,
      stateKey: STORY_STATE_KEY,
      state: { dedupe: stage.dedupe.exportState(), cluster: stage.clusterer.exportState(), entities: entityState } satisfies StoryStageState,
      entities: { entities: touchedEntities(stage.resolver, mentions), redirects: entityState.redirects, mentions },
    });
    liveStages.set(store, { stage, generation });
    assignments = [];
    merges = [];
    relations = [];
    mentions = [];
    lastFlush = performance.now();
  };
  let done = 0;
  for (const article of articles) {
    const dup = stage.dedupe.add(article);
    relations.push(...dup.relations);
    const found = extractMentions(article);
    const placed = stage.clusterer.add(article, { copyOf: copyTarget(dup) });
    assignments.push({ articleId: article.id, storyId: placed.storyId });
    // Names resolve within the story first (partial names, spellings), then across the store.
    const ids = stage.resolver.add(found, { storyId: placed.storyId });
    for (const m of found) {
      const entityId = ids.get(m);
      if (entityId) mentions.push({ ...m, entityId });
    }
    for (const from of placed.merged) merges.push({ from, into: placed.storyId });
    done++;
    if (performance.now() - lastFlush > CHECKPOINT_SECONDS * 1000) await flush();
    onProgress?.(done, articles.length);
  }
  if (assignments.length || merges.length || relations.length) await flush();
}

/** The current form of every entity the given mentions were assigned to (merges included). */
function touchedEntities(resolver: EntityResolver, mentions: ReadonlyArray<{ entityId: string }>) {
  const ids = new Set(mentions.map((m) => resolver.canonicalId(m.entityId)));
  return resolver.entities().filter((e) => ids.has(e.id));
}

/**
 * Cluster every stored article that is not yet in a story (new ones, or ones a crash left
 * unclustered), page by page in arrival order, resuming from the last checkpoint.
 */
export async function clusterPending(store: Store, onProgress?: (done: number, total: number) => void): Promise<number> {
  let n = 0;
  let stage: StoryStage | null = null;
  for (;;) {
    const page = await store.unclusteredArticles(5000);
    if (page.length === 0) return n;
    stage ??= await loadStoryStage(store);
    await placeArticles(store, stage, arrivalOrder(page), onProgress);
    n += page.length;
  }
}

/** Drop all stories and rebuild them from every stored article, in arrival order. Deterministic. */
export async function reclusterAll(
  store: Store,
  opts: { onClusterProgress?: (done: number, total: number) => void } = {},
): Promise<{ articles: number; stories: number }> {
  await store.resetStories(STORY_STATE_KEY);
  liveStages.delete(store);
  const all: Article[] = [];
  for (let offset = 0; ; offset += 5000) {
    const page = await store.articlesInInsertionOrder(offset, 5000);
    all.push(...page);
    if (page.length < 5000) break;
  }
  await placeArticles(store, newStoryStage(), arrivalOrder(all), opts.onClusterProgress);
  return { articles: all.length, stories: await store.countStories() };
}
