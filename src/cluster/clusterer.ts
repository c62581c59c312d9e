/**
 * Streaming event clustering: single-pass assignment of arriving articles to stories.
 *
 * The method is the classic one of Topic Detection and Tracking (Allan et al., 1998; Yang et al.,
 * 1998) — compare each arriving article with the centroids of the live stories, join the most
 * similar one when the similarity clears a threshold, else open a new story — with two delayed
 * second looks, because a decision taken on one article's evidence is the least reliable one:
 *
 * 1. **Join** (at arrival): cosine ≥ `threshold` with the best candidate story. A story holding a
 *    single article is a noisy estimate of its event, so joining it needs `singletonThreshold`.
 * 2. **Settle** (once, `settleAfter` arrivals later): a story that is still a single article has
 *    had the time to attract the rest of its event and did not; by then the stories around it
 *    have grown and their centroids are reliable, so it joins its most similar story at the much
 *    lower `settleThreshold` (the "periodic check", for singletons).
 * 3. **Merge** (queued, a few per arrival): a story that has grown by about half since its last
 *    check is compared centroid to centroid with its candidates; a pair at `mergeThreshold` or
 *    more has converged and is merged, the younger into the older (a story keeps the id of its
 *    first article).
 * 4. **Final check** (when a story retires, and for every story at the end of a stream): a story
 *    that ends with at most `fragmentSize` members is a fragment — a few reports that missed
 *    their event's story — and gets the settle check of a singleton: it joins its most similar
 *    story at `settleThreshold`. Its event is over, so the merge can no longer draw the next
 *    reports of a sibling event after it (the cascade that makes early merges of small stories
 *    unreliable, README "Session 5").
 *
 * Choices and their reasons:
 * - **Similarity** is the cosine between TF-IDF vectors of content words, proper names and
 *   numbers (`features.ts`). IDF enters the dot product squared, so rare shared specifics (a
 *   ship's name, "23 pirates") weigh far more than shared topic words ("pirates").
 * - **IDF is late-bound**: centroids keep term-frequency mass; IDF from the whole stream seen so
 *   far is applied at comparison time, so early stories are re-weighted as statistics improve (a
 *   story caches its IDF-weighted vector until it changes or the stream grows by a tenth).
 * - **Features live in a fixed hashed space** (`vocab.ts`): memory does not grow with the
 *   vocabulary of an endless stream.
 * - **Time**: the further an article lies outside a story's time span, the more evidence it
 *   needs: every threshold is raised by `timePenalty · log2(1 + gapDays / timeScaleDays)`.
 *   Unknown times add nothing — unknown is not evidence of distance.
 * - **Candidates** come from an inverted index from each live story's most salient features to
 *   the story; an article looks up its own most salient features and scores only the stories that
 *   share the most weight with it. There is never a scan of all stories.
 * - **Bounded work per arrival**: posting lists are read from their most recent end and only so
 *   far; the settle and merge checks are queued and run a few per arrival, so no arrival pays for
 *   a batch of them.
 * - **Bounded state**: a story keeps its `storyTerms` heaviest centroid features; stories idle for
 *   `idleDays` of stream time *and* `idleArrivals` arrivals are retired from the index (they keep
 *   their id and members). Both conditions are needed because a stream whose order does not follow
 *   publication time (a shuffled file) has an unreliable clock.
 * - **Event arguments** (`slots.ts`): a join or merge that contradicts the story's consensus on
 *   a quantity of the lead (magnitude 5.6 against 5.9) or on the person the reports are about is
 *   refused whatever the similarity — sibling events share most words, not their arguments.
 * - **Copies** (`copyOf`) join their original's story without touching statistics or centroids: a
 *   copy repeats evidence, it adds none.
 * - **Determinism**: loops run in insertion order, ties go to the older story, and the exported
 *   state includes the order of the inverted index, so the same articles in the same order give
 *   the same stories and ids — also across `exportState`/`fromState`.
 *
 * How the numeric defaults were chosen is written down in `src/cluster/README.md`.
 */
import type { Article } from '../types.js';
import { featurize, type ArticleFeatures, type FeatureWeights, DEFAULT_FEATURE_WEIGHTS } from './features.js';
import { FEATURE_BUCKETS, Vocabulary, bucketOf, featureHash, type VocabularyState } from './vocab.js';
import { articleConflicts, dominant, storiesConflict, tallyAdd, tallyMerge, type SlotTally } from './slots.js';
import { typedFromBase64, typedToBase64 } from '../text/base64.js';

/** Parameters of the clusterer. One set of defaults, {@link DEFAULT_CLUSTER_OPTIONS}, is used everywhere. */
export interface ClusterOptions {
  /** Minimum cosine (article to story centroid) to join a story at arrival. */
  threshold: number;
  /** Minimum cosine to join a story that holds a single article. */
  singletonThreshold: number;
  /** Arrivals after which a story still holding one article gets its settle check. */
  settleAfter: number;
  /** Minimum cosine for a settled single-article story to join its most similar story. */
  settleThreshold: number;
  /** Minimum centroid-to-centroid cosine for two stories to merge. */
  mergeThreshold: number;
  /** A story ending (retired, or at the end of a stream) with at most this many members gets the settle check of a singleton. */
  fragmentSize: number;
  /** Queued merge checks run per arrival (more when a backlog builds). */
  mergePerArrival: number;
  /** Threshold increase per doubling of (1 + gap / timeScaleDays). */
  timePenalty: number;
  /** Time scale of the time penalty, in days. */
  timeScaleDays: number;
  /** Centroid features kept per story (heaviest by mass × IDF). */
  storyTerms: number;
  /** Salient features per story entered in the inverted index. */
  postingTerms: number;
  /** Salient features of an arriving article looked up in the inverted index. */
  queryTerms: number;
  /** Most recent valid entries read from one posting list. */
  postingScan: number;
  /** Candidate stories scored exactly per lookup. */
  maxCandidates: number;
  /** Days of stream time a story must be idle to be retired. */
  idleDays: number;
  /** Arrivals a story must be idle to be retired. */
  idleArrivals: number;
  /** Arrivals between retirement sweeps. */
  sweepEvery: number;
  /** Feature weight multipliers passed to `featurize`. */
  featureWeights: FeatureWeights;
}

/** The one set of defaults. `src/cluster/README.md` records how each value was chosen. */
export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  threshold: 0.3,
  singletonThreshold: 0.35,
  settleAfter: 200,
  settleThreshold: 0.15,
  mergeThreshold: 0.5,
  fragmentSize: 4,
  mergePerArrival: 2,
  timePenalty: 0.02,
  timeScaleDays: 7,
  storyTerms: 160,
  postingTerms: 24,
  queryTerms: 16,
  postingScan: 16,
  maxCandidates: 12,
  idleDays: 7,
  idleArrivals: 20_000,
  sweepEvery: 1_000,
  featureWeights: DEFAULT_FEATURE_WEIGHTS,
};

const DAY_MS = 86_400_000;
/**
 * Heaviest proper names of a fragment of which a story must hold one to absorb it (`finalCheck`).
 * Three: the who, where and a second actor; one was too strict (a fragment's top name can be a
 * quoted expert), five and three scored alike on ECB+ (README, "Session 5").
 */
const FRAGMENT_NAMES = 3;
const EMPTY_I32 = new Int32Array(0);
const EMPTY_F32 = new Float32Array(0);
const EMPTY_F64 = new Float64Array(0);

/** A story as the clusterer keeps it. */
interface Story {
  id: string;
  members: string[];
  /** Union-find parent (own index for a root). */
  parent: number;
  /** In the candidate index (not retired, not merged away). */
  live: boolean;
  /** Centroid feature ids, ascending. */
  terms: Int32Array;
  /** Centroid term-frequency mass per feature (IDF applied at comparison time). */
  mass: Float32Array;
  /** Cached comparison weights mass × IDF, their norm, and the document count they were computed at. */
  wt: Float32Array;
  wnorm: number;
  wAt: number;
  /** Members that contributed to the centroid (copies do not). */
  size: number;
  /** Earliest / latest known publication time (ms) of members; NaN when none known. */
  first: number;
  last: number;
  /** Arrival number when the story was opened / last joined. */
  born: number;
  lastArrival: number;
  /** Features entered in the inverted index for this story (ascending), with their posting sequence. */
  posted: Int32Array;
  postedSeq: Float64Array;
  /** Changed since the last merge check. */
  dirty: boolean;
  /** Tally of the members' event-argument slot values (`slots.ts`). */
  slots: SlotTally;
  /** Its dominant values (`slots.ts`), cached; null when the tally changed since. */
  dom: number[] | null;
}

/** Plain-JSON story in {@link ClustererState}. */
export interface StoryState {
  id: string;
  members: string[];
  live: boolean;
  terms: number[];
  mass: number[];
  /**
   * The cached comparison weights when valid (see `weights` in the clusterer): the document count
   * they were computed at, their norm, and the Float32 weights as base64 (little-endian, the
   * byte order of every platform Node runs on). They were computed with the IDF of an earlier
   * moment, which the state cannot rebuild; without them a resumed clusterer would compare this
   * story with fresher IDF than the uninterrupted one and could decide differently. Absent: none
   * (states saved before they were kept are resumed with fresh weights).
   */
  weights?: { at: number; norm: number; wt: string };
  size: number;
  first: number | null;
  last: number | null;
  born: number;
  lastArrival: number;
  posted: number[];
  postedSeq: number[];
  /** Still awaiting its settle check. */
  pending: boolean;
  /** Slot tally (`slots.ts`: flat slot, value, count triples); absent in states saved before slots: empty. */
  slots?: number[];
}

/** Plain-JSON state of a {@link StoryClusterer}: enough to continue exactly where it stopped. */
export interface ClustererState {
  version: 1;
  options: ClusterOptions;
  vocab: VocabularyState;
  arrivals: number;
  clock: number | null;
  postSeq: number;
  /** Root stories in creation order (stories merged away are gone: their members moved). */
  stories: StoryState[];
  /** Stories awaiting the next merge check, in the order they changed (indices into `stories`). */
  dirty: number[];
}

/** A merge: story `from` was absorbed into story `into`. */
export interface StoryMerge {
  from: string;
  into: string;
}

/** Result of {@link StoryClusterer.add}. */
export interface AddResult {
  /** The story the article is in after this call (after any merge this call triggered). */
  storyId: string;
  /** Ids of stories absorbed by merges during this call (they no longer exist). */
  merged: string[];
  /** The same merges with the story each was absorbed into (its id after this call). */
  merges: StoryMerge[];
  /** Similarity to the story joined (1 for copies), or 0 when the article opened a new story. */
  score: number;
}

/** Extra per-article inputs of {@link StoryClusterer.add}. */
export interface AddExtra {
  /** Canonical entity keys from the entities stage; the built-in name extractor is used without. */
  names?: string[];
  /** Id of the article this one is a copy of (from dedupe); it then joins that article's story. */
  copyOf?: string | null;
}

/**
 * Online story clusterer.
 *
 * @example
 * const c = new StoryClusterer();
 * for (const a of arrivalOrder(articles)) c.add(a);
 * c.consolidate();              // end of a finished batch only (evaluation, recluster, a batch ingest)
 * c.stories();                  // [{ id: 'a1', members: ['a1', 'a7'] }, …]
 */
export class StoryClusterer {
  readonly options: ClusterOptions;
  private vocab = new Vocabulary();
  private stories_: Story[] = [];
  /** Article id → index of the story it joined (resolve with `find`). */
  private articleStory = new Map<string, number>();
  /**
   * Feature id → indices of the live stories posting it, oldest posting first; a feature no live
   * story posts has no entry. A Map rather than an array indexed by feature id: such an array,
   * written at scattered ids, falls into V8's dictionary mode and keeps an entry for every feature
   * ever posted (millions over a long stream), which made each posting read slower as the stream grew.
   */
  private postings = new Map<number, number[]>();
  private postSeq = 0;
  private live: number[] = [];
  /** Stories changed since their last merge check, in the order they changed (a queue). */
  private dirty: number[] = [];
  private dirtyHead = 0;
  /** Single-article stories awaiting their settle check, by creation. */
  private pending: number[] = [];
  private pendingHead = 0;
  private arrivals = 0;
  /** Latest publication time seen (ms), the stream clock for retirement. */
  private clock = Number.NaN;
  // Scratch buffers reused across calls.
  private table = new IdTable();
  /** Weight each candidate story shares with the query (see `candidates`). */
  private shared = new IdTable();
  /**
   * Scratch of `candidates` (shared weights of the stories touched) and `bestStoryFor` (query
   * weights). Temporary typed arrays are reused rather than allocated: beyond a few elements V8
   * allocates their memory outside its heap, a microsecond each, and a few per arrival added up.
   */
  private cGot = new Float64Array(1024);
  private cTouched = new Int32Array(1024);
  private qW = new Float64Array(64);
  private mergesNow: StoryMerge[] = [];

  constructor(opts: Partial<ClusterOptions> = {}) {
    this.options = {
      ...DEFAULT_CLUSTER_OPTIONS,
      ...opts,
      featureWeights: { ...DEFAULT_CLUSTER_OPTIONS.featureWeights, ...(opts.featureWeights ?? {}) },
    };
  }

  /** Number of articles placed. */
  get articleCount(): number {
    return this.articleStory.size;
  }

  /** Number of stories currently in the candidate index. */
  get liveStoryCount(): number {
    return this.live.length;
  }

  /**
   * Place one article (call in arrival order). Idempotent: adding an id already placed returns
   * its current story. Throws a clear error for an article without an id.
   */
  add(article: Article, extra: AddExtra = {}): AddResult {
    if (!article || typeof article.id !== 'string' || !article.id) throw new Error('article has no id');
    const known = this.articleStory.get(article.id);
    if (known !== undefined) return this.result(known, 1);
    const feats = featurize(article, { names: extra.names, weights: this.options.featureWeights });
    if (extra.copyOf) {
      const orig = this.articleStory.get(extra.copyOf);
      if (orig !== undefined) return this.addCopy(article.id, feats.time, this.find(orig));
    }
    return this.addFeatures(feats);
  }

  /** Place an article given its features (for callers that featurise themselves). */
  addFeatures(feats: ArticleFeatures): AddResult {
    const known = this.articleStory.get(feats.id);
    if (known !== undefined) return this.result(known, 1);
    this.arrivals++;
    this.mergesNow = [];
    if (feats.time !== null && !(feats.time <= this.clock)) this.clock = feats.time;

    // Feature ids in ascending order (a packed numeric sort of id·span + position); two keys of
    // one article in the same bucket are added together. The packed keys fit 32 bits for all but
    // articles of over a thousand distinct keys, and the native sort of 32-bit integers is about
    // twice as fast as that of doubles (it was a third of this function's own time).
    const nk = feats.keys.length;
    let span = 1;
    while (span <= nk) span *= 2;
    this.ensureArticleScratch(nk);
    const packed = span * FEATURE_BUCKETS <= 2 ** 32 ? this.sPacked32.subarray(0, nk) : this.sPacked.subarray(0, nk);
    for (let i = 0; i < nk; i++) packed[i] = bucketOf(feats.hashes?.[i] ?? featureHash(feats.keys[i])) * span + i;
    packed.sort();
    const idsAll = this.sIds;
    const rawAll = this.sRaw;
    let n = 0;
    for (let i = 0; i < nk; i++) {
      const pos = packed[i] % span;
      const id = (packed[i] - pos) / span;
      // (The flags spare a read of each key string, which the profile showed as a cache miss.)
      if (feats.nameFlags ? feats.nameFlags[pos] === 1 : isNameKey(feats.keys[pos])) this.vocab.markName(id);
      if (n > 0 && idsAll[n - 1] === id) rawAll[n - 1] += feats.weights[pos];
      else {
        idsAll[n] = id;
        rawAll[n++] = feats.weights[pos];
      }
    }
    const ids = idsAll.subarray(0, n);
    const raw = rawAll.subarray(0, n);
    this.vocab.addDocument(ids);
    const w = this.sW.subarray(0, n);
    let norm = 0;
    for (let i = 0; i < n; i++) {
      w[i] = raw[i] * this.vocab.idf(ids[i]);
      norm += w[i] * w[i];
    }
    norm = Math.sqrt(norm) || 1;
    // The unit TF-IDF vector goes into the article table for scoring.
    this.table.reset(n);
    for (let i = 0; i < n; i++) {
      w[i] /= norm;
      this.table.set(ids[i], w[i]);
    }

    // The best candidate above its (size- and time-adjusted) threshold.
    const t = feats.time ?? Number.NaN;
    let best = -1;
    let bestScore = 0;
    for (const s of this.candidates(ids, w, -1)) {
      const st = this.stories_[s];
      const score = this.scoreArticle(st);
      const base = st.size === 1 ? this.options.singletonThreshold : this.options.threshold;
      if (
        score >= this.withTime(base, gapDays(t, t, st.first, st.last)) &&
        (score > bestScore || (score === bestScore && s < best)) &&
        !this.articleConflict(st, feats)
      ) {
        best = s;
        bestScore = score;
      }
    }

    // Contribution to a centroid: term frequency over the article's TF-IDF norm, i.e. exactly the
    // article's unit vector under the IDF of this moment (ids are already ascending). Both stay
    // views of scratch buffers: a centroid only reads them, and a new story copies what it keeps.
    const cTerms = ids;
    const cMass = this.sMass.subarray(0, n);
    for (let i = 0; i < n; i++) cMass[i] = raw[i] / norm;

    let idx: number;
    if (best >= 0) {
      idx = best;
      const st = this.stories_[idx];
      st.members.push(feats.id);
      this.addMass(st, cTerms, cMass);
      st.size += 1;
      tallyAdd(st.slots, feats.slots);
      st.dom = null;
      widenTime(st, t);
      st.lastArrival = this.arrivals;
      // The salient features of a story move materially only when it grows by a good fraction:
      // re-enter them in the index at the same growth steps as the merge checks.
      if (growthStep(st.size)) {
        this.repost(idx);
        this.markDirty(idx);
      }
    } else {
      idx = this.newStory(feats.id, cTerms, cMass, t);
      tallyAdd(this.stories_[idx].slots, feats.slots);
    }
    this.articleStory.set(feats.id, idx);
    this.periodic();
    return this.result(idx, best >= 0 ? bestScore : 0);
  }

  /**
   * End of stream: give every single-article story its settle check now, run merge checks until
   * nothing changes, and give every story its final check (`finalCheck`). For a finished batch
   * (the evaluation, `parallax recluster`, the end of a `parallax ingest`: see consolidateStories
   * in src/pipeline.ts) — no more evidence will arrive, so waiting longer cannot help. A stream
   * must not call it after every batch: the settle delay exists so that the rest of an event can
   * arrive first, and a streamed story gets its final check when it retires. Returns the merges
   * made.
   */
  consolidate(): StoryMerge[] {
    this.mergesNow = [];
    this.settle(true);
    // Merges re-queue the stories they grow; the queue drains (a merge reduces the story count).
    while (this.dirtyHead < this.dirty.length) this.mergeCheck(this.dirty.length - this.dirtyHead);
    // Every story ends here: the fragments get their final check, in creation order.
    for (const s of this.live) {
      if (this.stories_[s].parent === s) this.finalCheck(s);
    }
    while (this.dirtyHead < this.dirty.length) this.mergeCheck(this.dirty.length - this.dirtyHead);
    const out = this.resolveMerges(this.mergesNow);
    this.mergesNow = [];
    return out;
  }

  /** Root stories in creation order, members in the order they joined. */
  stories(): Array<{ id: string; members: string[] }> {
    const out: Array<{ id: string; members: string[] }> = [];
    for (let i = 0; i < this.stories_.length; i++) {
      const s = this.stories_[i];
      if (s.parent === i) out.push({ id: s.id, members: s.members.slice() });
    }
    return out;
  }

  /** The story of an article, or null when the article was never added. */
  storyOf(articleId: string): string | null {
    const i = this.articleStory.get(articleId);
    return i === undefined ? null : this.stories_[this.find(i)].id;
  }

  /** Plain-JSON state; {@link StoryClusterer.fromState} continues exactly from it. */
  exportState(): ClustererState {
    const pending = new Set(this.pending.slice(this.pendingHead));
    const position = new Map<number, number>();
    const stories: StoryState[] = [];
    for (let i = 0; i < this.stories_.length; i++) {
      const s = this.stories_[i];
      if (s.parent !== i) continue;
      stories.push({
        id: s.id,
        members: s.members.slice(),
        live: s.live,
        terms: Array.from(s.terms),
        mass: Array.from(s.mass),
        weights:
          s.live && s.wAt !== -Infinity && s.wt.length === s.terms.length
            ? { at: s.wAt, norm: s.wnorm, wt: typedToBase64(s.wt) }
            : undefined,
        size: s.size,
        first: Number.isNaN(s.first) ? null : s.first,
        last: Number.isNaN(s.last) ? null : s.last,
        born: s.born,
        lastArrival: s.lastArrival,
        posted: Array.from(s.posted),
        postedSeq: Array.from(s.postedSeq),
        pending: pending.has(i),
        slots: s.slots.slice(),
      });
      position.set(i, stories.length - 1);
    }
    return {
      version: 1,
      options: structuredClone(this.options),
      vocab: this.vocab.exportState(),
      arrivals: this.arrivals,
      clock: Number.isNaN(this.clock) ? null : this.clock,
      postSeq: this.postSeq,
      stories,
      dirty: this.dirty.slice(this.dirtyHead).map((s) => position.get(this.find(s)) as number),
    };
  }

  /** Rebuild a clusterer from {@link StoryClusterer.exportState} output. */
  static fromState(state: ClustererState): StoryClusterer {
    if (!state || state.version !== 1 || !Array.isArray(state.stories)) {
      throw new Error('unsupported clusterer state (expected version 1)');
    }
    const c = new StoryClusterer(state.options);
    c.vocab = Vocabulary.fromState(state.vocab);
    c.arrivals = state.arrivals;
    c.clock = state.clock ?? Number.NaN;
    c.postSeq = state.postSeq;
    const postings: Array<[number, number, number]> = []; // [seq, feature, story]
    for (const ss of state.stories) {
      const idx = c.stories_.length;
      const st: Story = {
        id: ss.id,
        members: ss.members.slice(),
        parent: idx,
        live: ss.live,
        terms: Int32Array.from(ss.terms),
        mass: Float32Array.from(ss.mass),
        wt: EMPTY_F32,
        wnorm: 0,
        wAt: -Infinity,
        size: ss.size,
        first: ss.first ?? Number.NaN,
        last: ss.last ?? Number.NaN,
        born: ss.born,
        lastArrival: ss.lastArrival,
        posted: Int32Array.from(ss.posted),
        postedSeq: Float64Array.from(ss.postedSeq),
        dirty: false,
        slots: (ss.slots ?? []).slice(),
        dom: null,
      };
      const w = ss.weights ? typedFromBase64(ss.weights.wt, Float32Array) : null;
      if (w !== null && w.length === st.terms.length && Number.isFinite(ss.weights!.at) && Number.isFinite(ss.weights!.norm)) {
        st.wt = w;
        st.wnorm = ss.weights!.norm;
        st.wAt = ss.weights!.at;
      }
      c.stories_.push(st);
      for (const m of st.members) c.articleStory.set(m, idx);
      if (st.live) {
        c.live.push(idx);
        for (let k = 0; k < st.posted.length; k++) postings.push([st.postedSeq[k], st.posted[k], idx]);
      }
      if (ss.pending) c.pending.push(idx);
    }
    // Rebuild the inverted index in its original posting order, so candidate scans match exactly.
    postings.sort((a, b) => a[0] - b[0]);
    for (const [, f, s] of postings) c.post(f, s);
    for (const p of state.dirty ?? []) {
      c.dirty.push(p);
      c.stories_[p].dirty = true;
    }
    return c;
  }

  // ---------------------------------------------------------------------------------------------

  private result(idx: number, score: number): AddResult {
    const merges = this.resolveMerges(this.mergesNow);
    this.mergesNow = [];
    return { storyId: this.stories_[this.find(idx)].id, merged: merges.map((m) => m.from), merges, score };
  }

  /** Report each merge with the final id of the story it ended in. */
  private resolveMerges(list: StoryMerge[]): StoryMerge[] {
    return list.map((m) => {
      const i = this.articleStory.get(m.into);
      return { from: m.from, into: i === undefined ? m.into : this.stories_[this.find(i)].id };
    });
  }

  private addCopy(id: string, time: number | null, root: number): AddResult {
    this.arrivals++;
    this.mergesNow = [];
    const st = this.stories_[root];
    st.members.push(id);
    widenTime(st, time ?? Number.NaN);
    if (time !== null && !(time <= this.clock)) this.clock = time;
    st.lastArrival = this.arrivals;
    this.articleStory.set(id, root);
    this.periodic();
    return this.result(root, 1);
  }

  private newStory(id: string, terms: Int32Array, mass: Float32Array, t: number): number {
    const idx = this.stories_.length;
    const st: Story = {
      id,
      members: [id],
      parent: idx,
      live: true,
      terms,
      mass,
      wt: EMPTY_F32,
      wnorm: 0,
      wAt: -Infinity,
      size: 1,
      first: t,
      last: t,
      born: this.arrivals,
      lastArrival: this.arrivals,
      posted: EMPTY_I32,
      postedSeq: EMPTY_F64,
      dirty: false,
      slots: [],
      dom: null,
    };
    this.stories_.push(st);
    this.live.push(idx);
    this.prune(st);
    this.repost(idx);
    // Not queued for a merge check: it was just compared with its candidates as an article.
    this.pending.push(idx);
    return idx;
  }

  /**
   * The periodic checks, spread over arrivals so that no single arrival pays for many: the settle
   * checks that fell due, and `mergePerArrival` queued merge checks (more when a backlog builds).
   */
  private periodic(): void {
    const o = this.options;
    this.settle(false);
    const backlog = this.dirty.length - this.dirtyHead;
    if (backlog > 0) this.mergeCheck(o.mergePerArrival + Math.floor(backlog / 64));
    if (this.arrivals % o.sweepEvery === 0) this.sweep();
  }

  private find(i: number): number {
    let r = i;
    while (this.stories_[r].parent !== r) r = this.stories_[r].parent;
    while (this.stories_[i].parent !== r) {
      const next = this.stories_[i].parent;
      this.stories_[i].parent = r;
      i = next;
    }
    return r;
  }

  private markDirty(idx: number): void {
    const st = this.stories_[idx];
    if (!st.dirty) {
      st.dirty = true;
      this.dirty.push(idx);
    }
  }

  /** A base threshold raised for a time gap of `gap` days. */
  private withTime(base: number, gap: number): number {
    const o = this.options;
    return gap > 0 ? base + o.timePenalty * Math.log2(1 + gap / o.timeScaleDays) : base;
  }

  /** Scratch arrays for one arriving article's features (reused: an arrival allocates only what it keeps). */
  private sPacked = new Float64Array(512);
  private sPacked32 = new Uint32Array(512);
  private sIds = new Int32Array(512);
  private sRaw = new Float64Array(512);
  private sW = new Float64Array(512);
  private sMass = new Float32Array(512);

  private ensureArticleScratch(n: number): void {
    if (n <= this.sPacked.length) return;
    let m = this.sPacked.length;
    while (m < n) m *= 2;
    this.sPacked = new Float64Array(m);
    this.sPacked32 = new Uint32Array(m);
    this.sIds = new Int32Array(m);
    this.sRaw = new Float64Array(m);
    this.sW = new Float64Array(m);
    this.sMass = new Float32Array(m);
  }

  /**
   * The story's comparison weights (mass × IDF) and their norm, recomputed when the story changed
   * or the stream has grown by a tenth since they were computed. IDF stays late-bound — it follows
   * the stream — while a comparison reads one compact array instead of the IDF of every feature
   * (random reads over the whole feature space were the clusterer's main cost).
   */
  private weights(st: Story): Float32Array {
    const docs = this.vocab.docs;
    if (st.wt.length !== st.terms.length || docs > st.wAt * 1.1 + 1) {
      const wt = st.wt.length === st.terms.length ? st.wt : new Float32Array(st.terms.length);
      let nrm = 0;
      for (let k = 0; k < st.terms.length; k++) {
        const x = st.mass[k] * this.vocab.idf(st.terms[k]);
        wt[k] = x;
        nrm += x * x;
      }
      st.wt = wt;
      st.wnorm = Math.sqrt(nrm);
      st.wAt = docs;
    }
    return st.wt;
  }

  /**
   * Marks a story's cached weights stale (its centroid changed). The array is kept for reuse when
   * the centroid keeps its size (a story at `storyTerms` features always does): a typed array of
   * more than a few elements is allocated outside V8's heap, which costs about a microsecond.
   */
  private touch(st: Story): void {
    st.wAt = -Infinity;
  }

  /** The story's dominant slot values (cached until its tally changes). */
  private dominant(st: Story): number[] {
    return (st.dom ??= dominant(st.slots));
  }

  /**
   * The arriving article (its unit vector is in the article table) contradicts the story on an
   * event argument (`slots.ts`): the join is refused whatever the similarity.
   */
  private articleConflict(st: Story, feats: ArticleFeatures): boolean {
    if (!feats.slots || feats.slots.length === 0 || st.slots.length === 0) return false;
    return articleConflicts(
      feats.slots,
      st.slots,
      this.dominant(st),
      (v) => this.table.get(bucketOf(v)) !== 0,
      (v) => hasSorted(st.terms, bucketOf(v)),
    );
  }

  /** Two stories contradict each other on an event argument: they are not merged (`slots.ts`). */
  private storiesConflict(a: Story, b: Story): boolean {
    if (a.slots.length === 0 || b.slots.length === 0) return false;
    const da = this.dominant(a);
    return da.length > 0 && storiesConflict(a.slots, da, b.slots, this.dominant(b));
  }

  /** Cosine between the unit article vector in the article table and a story centroid. */
  private scoreArticle(st: Story): number {
    const wt = this.weights(st);
    if (st.wnorm === 0) return 0;
    const terms = st.terms;
    const table = this.table;
    let dot = 0;
    for (let k = 0; k < terms.length; k++) {
      const v = table.get(terms[k]);
      if (v !== 0) dot += v * wt[k];
    }
    return dot / st.wnorm;
  }

  /** Cosine between two story centroids (sorted merge join over cached weights). */
  private scoreStories(a: Story, b: Story): number {
    const wa = this.weights(a);
    const wb = this.weights(b);
    if (a.wnorm === 0 || b.wnorm === 0) return 0;
    let i = 0;
    let j = 0;
    let dot = 0;
    const ta = a.terms;
    const tb = b.terms;
    while (i < ta.length && j < tb.length) {
      const fa = ta[i];
      const fb = tb[j];
      if (fa === fb) dot += wa[i++] * wb[j++];
      else if (fa < fb) i++;
      else j++;
    }
    return dot / (a.wnorm * b.wnorm);
  }

  /**
   * Candidate stories for a query (feature ids with weights): the `queryTerms` heaviest features
   * are looked up; each posting list is read from its most recent end, at most `postingScan` valid
   * entries; stories are ranked by the weight × IDF they share with the query and the best
   * `maxCandidates` returned (ties to the older story). `exclude` skips one story.
   */
  private candidates(ids: ArrayLike<number>, w: ArrayLike<number>, exclude: number): number[] {
    const o = this.options;
    const qOrder = topK(w, ids, o.queryTerms, true);
    const acc = this.shared;
    const most = qOrder.length * o.postingScan;
    acc.reset(most);
    // The stories touched, in a reused buffer: a fresh array grown to a thousand entries per
    // lookup was a visible share of the garbage of a dense stream.
    if (this.cTouched.length < most) this.cTouched = new Int32Array(most);
    const touched = this.cTouched;
    let nt = 0;
    for (const q of qOrder) {
      const list = this.postings.get(ids[q]);
      if (list === undefined) continue;
      const gain = w[q] * this.vocab.idf(ids[q]);
      // Posting lists hold live stories only, each once, oldest posting first: read the most recent.
      const stop = Math.max(0, list.length - o.postingScan);
      for (let k = list.length - 1; k >= stop; k--) {
        const s = list[k];
        if (s === exclude) continue;
        if (acc.add(s, gain)) touched[nt++] = s;
      }
    }
    if (this.cGot.length < nt) this.cGot = new Float64Array(Math.max(nt, this.cGot.length * 2));
    const got = this.cGot.subarray(0, nt);
    for (let i = 0; i < nt; i++) got[i] = acc.get(touched[i]);
    const best = topK(got, touched.subarray(0, nt), o.maxCandidates, true);
    for (let i = 0; i < best.length; i++) best[i] = touched[best[i]];
    return best;
  }

  /** Remove story `s` from the posting list of feature `f` (order of the others kept). */
  private unpost(f: number, s: number): void {
    const list = this.postings.get(f);
    if (list === undefined) return;
    for (let k = list.length - 1; k >= 0; k--) {
      if (list[k] === s) {
        list.splice(k, 1);
        break;
      }
    }
    if (list.length === 0) this.postings.delete(f);
  }

  /** Append story `s` to the posting list of feature `f`. */
  private post(f: number, s: number): void {
    const list = this.postings.get(f);
    if (list === undefined) this.postings.set(f, [s]);
    else list.push(s);
  }

  /** Take a story out of the inverted index entirely (merged away or retired). */
  private unpostAll(s: number): void {
    const st = this.stories_[s];
    for (let k = 0; k < st.posted.length; k++) this.unpost(st.posted[k], s);
    st.posted = EMPTY_I32;
    st.postedSeq = EMPTY_F64;
  }

  /** Add a contribution (sorted ids, mass) into a story centroid, then bound its size. */
  private addMass(st: Story, terms: Int32Array, mass: Float32Array): void {
    const a = st.terms;
    const am = st.mass;
    const need = a.length + terms.length;
    if (this.mT.length < need) {
      this.mT = new Int32Array(need * 2);
      this.mM = new Float32Array(need * 2);
    }
    const outT = this.mT;
    const outM = this.mM;
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < a.length || j < terms.length) {
      const fa = i < a.length ? a[i] : 0x7fffffff;
      const fb = j < terms.length ? terms[j] : 0x7fffffff;
      if (fa === fb) {
        outT[k] = fa;
        outM[k++] = am[i++] + mass[j++];
      } else if (fa < fb) {
        outT[k] = fa;
        outM[k++] = am[i++];
      } else {
        outT[k] = fb;
        outM[k++] = mass[j++];
      }
    }
    // Keep the heaviest `storyTerms` (or all) in arrays of their own; the merge buffer is scratch,
    // and the story's previous arrays, already read, are reused when the size is unchanged.
    st.terms = outT.subarray(0, k);
    st.mass = outM.subarray(0, k);
    this.prune(st, a, am);
    this.touch(st);
  }
  /** Scratch of {@link addMass}. */
  private mT = new Int32Array(1024);
  private mM = new Float32Array(1024);

  private pScore = new Float64Array(1024);
  private pKeep = new Int32Array(1024);

  /**
   * Keep the `storyTerms` heaviest features (weight = mass × IDF; ties to the lower id), in arrays
   * of the story's own: the story's arrays may be views of scratch buffers on entry. The result
   * goes into `reuseT` / `reuseM` (the story's previous arrays, no longer read) when they have the
   * right size — the common case of a story at `storyTerms` features — else into one new buffer
   * for both. Allocating typed-array memory (outside V8's heap) was a quarter of this function.
   */
  private prune(st: Story, reuseT: Int32Array = EMPTY_I32, reuseM: Float32Array = EMPTY_F32): void {
    const n = st.terms.length;
    const keep = this.salient(st, this.options.storyTerms);
    const k = keep.length;
    let t = reuseT;
    let m = reuseM;
    if (t.length !== k || m.length !== k) {
      const buf = new ArrayBuffer(k * 8);
      t = new Int32Array(buf, 0, k);
      m = new Float32Array(buf, k * 4, k);
    }
    if (k === n) {
      t.set(st.terms);
      m.set(st.mass);
    } else {
      for (let j = 0; j < k; j++) {
        t[j] = st.terms[keep[j]];
        m[j] = st.mass[keep[j]];
      }
    }
    st.terms = t;
    st.mass = m;
  }

  /**
   * Positions of a story's `cap` most salient features (mass × IDF; ties to the lower id), in
   * ascending order (a view of scratch, valid until the next call). The terms are ascending, so
   * position order is id order: the features above the cap-th largest score and the first ties
   * at it, read in one pass, are already sorted — no sort of the selection is needed.
   */
  private salient(st: Story, cap: number): Int32Array {
    const n = st.terms.length;
    if (this.pKeep.length < n) {
      this.pKeep = new Int32Array(n * 2);
      this.pScore = new Float64Array(n * 2);
    }
    const keep = this.pKeep;
    if (n <= cap) {
      for (let i = 0; i < n; i++) keep[i] = i;
      return keep.subarray(0, n);
    }
    const score = this.pScore.subarray(0, n);
    for (let i = 0; i < n; i++) score[i] = st.mass[i] * this.vocab.idf(st.terms[i]);
    const kth = kthLargest(score, cap);
    let above = 0;
    for (let i = 0; i < n; i++) if (score[i] > kth) above++;
    let ties = cap - above;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const x = score[i];
      if (x > kth || (x === kth && ties-- > 0)) keep[k++] = i;
    }
    return keep.subarray(0, k);
  }

  /** Re-enter a story's `postingTerms` most salient features in the inverted index. */
  private repost(idx: number): void {
    const st = this.stories_[idx];
    const top = this.salient(st, this.options.postingTerms);
    const prev = st.posted;
    const prevSeq = st.postedSeq;
    // Unchanged salient features (the common case for a grown story): nothing to re-enter.
    let same = top.length === prev.length;
    for (let k = 0; same && k < top.length; k++) same = st.terms[top[k]] === prev[k];
    if (same) return;
    const next = new Int32Array(top.length);
    for (let k = 0; k < top.length; k++) next[k] = st.terms[top[k]];
    for (let k = 0; k < prev.length; k++) if (!hasSorted(next, prev[k])) this.unpost(prev[k], idx);
    const seq = new Float64Array(next.length);
    for (let k = 0; k < next.length; k++) {
      const f = next[k];
      const at = indexSorted(prev, f);
      if (at >= 0) {
        seq[k] = prevSeq[at];
        continue;
      }
      seq[k] = this.postSeq++;
      this.post(f, idx);
    }
    st.posted = next;
    st.postedSeq = seq;
  }

  /** Settle checks for single-article stories old enough (all of them when `all`). */
  private settle(all: boolean): void {
    const o = this.options;
    const limit = this.arrivals - o.settleAfter;
    while (this.pendingHead < this.pending.length) {
      const s = this.pending[this.pendingHead];
      const st = this.stories_[s];
      if (!all && st.born > limit) break;
      this.pendingHead++;
      if (st.parent !== s || !st.live || st.size !== 1) continue;
      this.joinBest(s, o.settleThreshold);
    }
    if (this.pendingHead > 1024 && this.pendingHead * 2 > this.pending.length) {
      this.pending = this.pending.slice(this.pendingHead);
      this.pendingHead = 0;
    }
  }

  /**
   * The candidate story most similar (centroid cosine) to story `s`, any score, skipping
   * candidates that contradict it on an event argument. Contradictions are looked for only at
   * scores of at least `floor` (the caller's threshold before any time penalty): below it the
   * caller refuses the pair anyway.
   */
  private bestStoryFor(s: number, floor: number, accept?: (c: Story) => boolean): { idx: number; score: number } {
    const st = this.stories_[s];
    // Query with the story's posted features, weighted by their share of the centroid.
    const ids = st.posted;
    if (this.qW.length < ids.length) this.qW = new Float64Array(ids.length * 2);
    const w = this.qW.subarray(0, ids.length);
    for (let k = 0; k < ids.length; k++) {
      const pos = indexSorted(st.terms, ids[k]);
      w[k] = pos >= 0 ? st.mass[pos] * this.vocab.idf(ids[k]) : 0;
    }
    let idx = -1;
    let score = 0;
    for (const c of this.candidates(ids, w, s)) {
      if (accept && !accept(this.stories_[c])) continue;
      const sc = this.scoreStories(st, this.stories_[c]);
      if ((sc > score || (sc === score && c < idx)) && !(sc >= floor && this.storiesConflict(st, this.stories_[c]))) {
        idx = c;
        score = sc;
      }
    }
    return { idx, score };
  }

  /**
   * The final check of a story that ends (retires, or the stream ends): a fragment of at most
   * `fragmentSize` members joins its most similar story at `settleThreshold`, as a settling
   * singleton does, among the stories it could have joined and that are about the same people:
   * - the story existed when the fragment's last report arrived (born no later). A story opened
   *   after the fragment went quiet is a later event, not the story the fragment missed; and at
   *   retirement, weeks of later stories are the candidates;
   * - the story's centroid holds one of the fragment's `FRAGMENT_NAMES` heaviest proper names
   *   (when the fragment has names). A small story of a different event with the same topic words
   *   names other people and places; the fragment of an event names its event's.
   * Returns the root of the story afterwards (the older of the two after a merge).
   */
  private finalCheck(s: number): number {
    const o = this.options;
    const st = this.stories_[s];
    if (!st.live || st.size > o.fragmentSize) return s;
    const names = this.leadingNames(st, FRAGMENT_NAMES);
    return this.joinBest(
      s,
      o.settleThreshold,
      (c) => c.born <= st.lastArrival && (names.length === 0 || names.some((f) => hasSorted(c.terms, f))),
    );
  }

  /**
   * Merge story `s` with its most similar candidate (`bestStoryFor`, filtered by `accept`) when
   * their cosine clears `threshold` raised for the time gap between them — the one decision of
   * the settle, merge and final checks. Returns the root of `s` afterwards (the older of the two
   * after a merge).
   */
  private joinBest(s: number, threshold: number, accept?: (c: Story) => boolean): number {
    const st = this.stories_[s];
    const best = this.bestStoryFor(s, threshold, accept);
    if (best.idx < 0) return s;
    const other = this.stories_[best.idx];
    if (best.score < this.withTime(threshold, gapDays(st.first, st.last, other.first, other.last))) return s;
    this.merge(Math.min(s, best.idx), Math.max(s, best.idx));
    return Math.min(s, best.idx);
  }

  /** The story's `k` heaviest proper-name features (by mass × IDF), heaviest first. */
  private leadingNames(st: Story, k: number): number[] {
    const wt = this.weights(st);
    const at: number[] = [];
    for (let q = 0; q < st.terms.length; q++) if (this.vocab.isName(st.terms[q])) at.push(q);
    at.sort((x, y) => wt[y] - wt[x] || x - y);
    return at.slice(0, k).map((q) => st.terms[q]);
  }

  /** Compare each changed story with its candidates; merge converged pairs. */
  private mergeCheck(budget: number): void {
    for (let done = 0; done < budget && this.dirtyHead < this.dirty.length; done++) {
      const s0 = this.dirty[this.dirtyHead++];
      this.stories_[s0].dirty = false;
      const s = this.find(s0);
      const st = this.stories_[s];
      if (!st.live) continue;
      this.joinBest(s, this.options.mergeThreshold);
    }
    if (this.dirtyHead > 1024 && this.dirtyHead * 2 > this.dirty.length) {
      this.dirty = this.dirty.slice(this.dirtyHead);
      this.dirtyHead = 0;
    }
  }

  /** Merge story `b` into the older story `a`. */
  private merge(a: number, b: number): void {
    const sa = this.stories_[a];
    const sb = this.stories_[b];
    for (const m of sb.members) sa.members.push(m);
    sb.members = [];
    this.addMass(sa, sb.terms, sb.mass);
    sa.size += sb.size;
    tallyMerge(sa.slots, sb.slots);
    sa.dom = null;
    sb.slots = [];
    sb.dom = null;
    widenTime(sa, sb.first);
    widenTime(sa, sb.last);
    sa.lastArrival = Math.max(sa.lastArrival, sb.lastArrival);
    sb.parent = a;
    sb.live = false;
    this.unpostAll(b);
    sb.terms = EMPTY_I32;
    sb.mass = EMPTY_F32;
    sb.wt = EMPTY_F32;
    this.repost(a);
    this.markDirty(a);
    this.mergesNow.push({ from: sb.id, into: sa.id });
  }

  /** Idle for `idleDays` of stream time and `idleArrivals` arrivals: the story's event is over. */
  private idle(st: Story): boolean {
    const o = this.options;
    if (this.arrivals - st.lastArrival < o.idleArrivals) return false;
    return Number.isNaN(st.last) || Number.isNaN(this.clock) || this.clock - st.last >= o.idleDays * DAY_MS;
  }

  /**
   * Retire idle stories from the candidate index, each after its final check (a fragment may
   * join a story first; a story that absorbed a live one that way stays live).
   */
  private sweep(): void {
    const keep: number[] = [];
    for (const s of this.live) {
      const st = this.stories_[s];
      if (!st.live || st.parent !== s) continue;
      // Merged into an older story: that story was kept or retired earlier in this loop.
      if (this.idle(st) && this.finalCheck(s) !== s) continue;
      if (this.idle(st)) {
        st.live = false;
        this.unpostAll(s);
        st.terms = EMPTY_I32;
        st.mass = EMPTY_F32;
        st.wt = EMPTY_F32;
        // Out of the candidate index, its slot tally is never read again.
        st.slots = [];
        st.dom = null;
      } else {
        keep.push(s);
      }
    }
    this.live = keep;
  }
}

/**
 * A small open-addressing hash table from non-negative integer ids to numbers, cleared entry by
 * entry after use. Two uses, both in hot loops where a dense array would make every access a
 * cache miss while a few hundred or thousand entries stay in the processor's cache:
 * - the arriving article's unit vector (feature id → weight), read once per story term scored;
 * - the weight each candidate story shares with a query (story index → sum), one lookup touching
 *   at most `queryTerms × postingScan` stories — a dense array over every story ever opened
 *   (hundreds of thousands at a million articles) made each touch a miss.
 * Linear probing from a multiplicative hash of the id.
 */
class IdTable {
  private keys = new Int32Array(1024).fill(-1);
  private vals = new Float64Array(1024);
  private mask = 1023;
  private used: number[] = [];

  /** Empty the table, sized for `n` entries at load ≤ 1/2. */
  reset(n: number): void {
    for (const slot of this.used) this.keys[slot] = -1;
    this.used.length = 0;
    if (n * 2 > this.keys.length) {
      let cap = this.keys.length;
      while (cap < n * 2) cap *= 2;
      this.keys = new Int32Array(cap).fill(-1);
      this.vals = new Float64Array(cap);
      this.mask = cap - 1;
    }
  }

  /** The slot of `id`: where it is, or the empty slot where it would go. */
  private slotOf(id: number): number {
    let slot = Math.imul(id, 0x9e3779b1) & this.mask;
    for (;;) {
      const k = this.keys[slot];
      if (k === id || k === -1) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  set(id: number, v: number): void {
    const slot = this.slotOf(id);
    if (this.keys[slot] === -1) {
      this.keys[slot] = id;
      this.used.push(slot);
    }
    this.vals[slot] = v;
  }

  /** Add `v` to the value of `id`; true when that value was 0 (or absent) before. */
  add(id: number, v: number): boolean {
    const slot = this.slotOf(id);
    if (this.keys[slot] === -1) {
      this.keys[slot] = id;
      this.used.push(slot);
      this.vals[slot] = v;
      return true;
    }
    const was = this.vals[slot];
    this.vals[slot] = was + v;
    return was === 0;
  }

  get(id: number): number {
    const slot = this.slotOf(id);
    return this.keys[slot] === id ? this.vals[slot] : 0;
  }
}

/**
 * Positions of the `k` largest values of `score` (a per-position array) — best first when
 * `ordered`; ties go to the smaller `ids` value, so the choice is deterministic. The k-th largest value is found with a
 * native numeric sort of a copy, then one pass collects everything above it (and ties at it, by
 * id) — much cheaper than a comparator sort or a heap with callbacks.
 */
function topK(score: ArrayLike<number>, ids: ArrayLike<number>, k: number, ordered: boolean): number[] {
  const n = score.length;
  const cmp = (a: number, b: number) => score[b] - score[a] || ids[a] - ids[b];
  if (n <= k) {
    const all = Array.from({ length: n }, (_, i) => i);
    return ordered ? all.sort(cmp) : all;
  }
  const kth = kthLargest(score, k);
  const out: number[] = [];
  const ties: number[] = [];
  for (let i = 0; i < n; i++) {
    if (score[i] > kth) out.push(i);
    else if (score[i] === kth) ties.push(i);
  }
  if (ties.length > 1) ties.sort((a, b) => ids[a] - ids[b]);
  for (let t = 0; out.length < k; t++) out.push(ties[t]);
  return ordered ? out.sort(cmp) : out;
}

/** Scratch buffer of {@link kthLargest}. */
let selectBuf = new Float64Array(1024);

/**
 * The k-th largest of `score` (1 ≤ k ≤ n) by quickselect (Hoare partition, median-of-three
 * pivot): linear on average, no allocation once the scratch buffer is large enough. It replaced
 * a full sort of a copy, which was the largest single cost of candidate selection.
 */
function kthLargest(score: ArrayLike<number>, k: number): number {
  const n = score.length;
  if (selectBuf.length < n) selectBuf = new Float64Array(Math.max(n, selectBuf.length * 2));
  const a = selectBuf;
  for (let i = 0; i < n; i++) a[i] = score[i];
  const target = n - k; // index in ascending order
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    // median of three as pivot
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return a[target];
  }
  return a[target];
}

/**
 * True for the sizes at which a grown story is re-checked for merges: 2, 3, 4, 6, 8, 12, 16, 24 …
 * (each about 1.5 times the previous). A centroid moves materially only when the story grows by a
 * good fraction, so checking at every join would repeat the same comparison.
 */
function growthStep(size: number): boolean {
  if (size <= 4) return true;
  let p = 4;
  while (p < size) p *= 2;
  return size === p || size === (p / 4) * 3;
}

/** Gap in days between two time spans (NaN bounds = unknown → 0). */
function gapDays(a0: number, a1: number, b0: number, b1: number): number {
  if (Number.isNaN(a0) || Number.isNaN(b0)) return 0;
  if (a1 < b0) return (b0 - a1) / DAY_MS;
  if (b1 < a0) return (a0 - b1) / DAY_MS;
  return 0;
}

function widenTime(st: Story, t: number): void {
  if (Number.isNaN(t)) return;
  if (Number.isNaN(st.first) || t < st.first) st.first = t;
  if (Number.isNaN(st.last) || t > st.last) st.last = t;
}

function indexSorted(a: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = a[mid];
    if (v === x) return mid;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** A proper-name feature key (`n:` prefix, see `features.ts`). */
function isNameKey(key: string): boolean {
  return key.charCodeAt(0) === 110 && key.charCodeAt(1) === 58;
}

function hasSorted(a: ArrayLike<number>, x: number): boolean {
  return indexSorted(a, x) >= 0;
}
