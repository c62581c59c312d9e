/**
 * Streaming event clustering: single-pass assignment of arriving articles to stories.
 *
 * The method is the classic one of Topic Detection and Tracking (Allan et al., 1998; Yang et al.,
 * 1998): each arriving article is compared with the centroids of the live stories and joins the
 * most similar one when the similarity clears a threshold, else it opens a new story. Choices and
 * their reasons:
 *
 * - **Similarity** is the cosine between the article's TF-IDF vector and the story centroid
 *   (sum of its members' unit vectors). Features are content words, proper names and numbers
 *   (see `features.ts`); IDF squared weights each shared feature in the dot product, so rare
 *   shared specifics (a ship's name, "23 pirates") count far more than topic words ("pirates").
 * - **IDF is late-bound**: centroids store term-frequency mass, and IDF from the whole stream
 *   seen so far is applied at comparison time. Early articles are therefore re-weighted as
 *   statistics improve instead of being frozen with the IDF of an almost empty stream.
 * - **Time**: the further an article's publication time lies outside a story's time span, the
 *   higher the threshold: `threshold + timePenalty · log2(1 + gapDays / timeScaleDays)`. Weak
 *   evidence cannot join stories weeks apart, strong evidence still can (trial follow-ups). When
 *   either time is unknown there is no penalty — unknown is not evidence of distance.
 * - **Candidates** come from an inverted index from each live story's most salient features to
 *   the story; an article looks up only its own most salient features and scores the few stories
 *   that share the most weight with it. There is never a scan of all stories.
 * - **Bounded state**: a story keeps only its `storyTerms` heaviest centroid features; stories idle
 *   for long (in stream time *and* in arrivals) are retired from the index — they keep their id
 *   and members, but no vector.
 * - **Merging**: every `mergeEvery` arrivals the stories that changed are compared with their
 *   candidates centroid-to-centroid; pairs that have converged are merged, the younger story into
 *   the older, so a story keeps the id of its first article.
 * - **Copies** (`copyOf`) join their original's story without touching statistics or centroids:
 *   a copy repeats evidence, it adds none.
 * - **Determinism**: every loop runs in insertion order and ties go to the older story, so the
 *   same articles in the same order always give the same stories and ids.
 */
import type { Article } from '../types.js';
import { featurize, type ArticleFeatures, type FeatureWeights, DEFAULT_FEATURE_WEIGHTS } from './features.js';
import { Vocabulary } from './vocab.js';

/** Parameters of the clusterer. One set of defaults, {@link DEFAULT_CLUSTER_OPTIONS}, is used everywhere. */
export interface ClusterOptions {
  /** Minimum cosine similarity (article to story centroid) to join a story when times agree. */
  threshold: number;
  /** Threshold increase per doubling of (1 + gap / timeScaleDays); see the module comment. */
  timePenalty: number;
  /** Time scale of the time penalty, in days. */
  timeScaleDays: number;
  /** Minimum centroid-to-centroid cosine for two stories to merge (time penalty applies too). */
  mergeThreshold: number;
  /** Arrivals between merge checks of the stories changed since the previous check. */
  mergeEvery: number;
  /** Centroid features kept per story (heaviest by weight × IDF). */
  storyTerms: number;
  /** Salient features per story entered in the inverted index. */
  postingTerms: number;
  /** Salient features of an arriving article looked up in the inverted index. */
  queryTerms: number;
  /** Most recent valid entries read from one posting list. */
  postingScan: number;
  /** Candidate stories scored exactly per article. */
  maxCandidates: number;
  /** A story idle this many days of stream time (and `idleArrivals`) is retired from the index. */
  idleDays: number;
  /** A story must also have been idle this many arrivals to be retired. */
  idleArrivals: number;
  /** Arrivals between retirement sweeps. */
  sweepEvery: number;
  /** Feature weight multipliers passed to `featurize`. */
  featureWeights: FeatureWeights;
}

/** The one set of defaults. See `src/cluster/README.md` for how each value was chosen. */
export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  threshold: 0.25,
  timePenalty: 0.05,
  timeScaleDays: 2,
  mergeThreshold: 0.35,
  mergeEvery: 32,
  storyTerms: 160,
  postingTerms: 24,
  queryTerms: 16,
  postingScan: 256,
  maxCandidates: 24,
  idleDays: 14,
  idleArrivals: 20_000,
  sweepEvery: 1_000,
  featureWeights: DEFAULT_FEATURE_WEIGHTS,
};

const DAY_MS = 86_400_000;

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
  /** Number of members that contributed to the centroid (copies do not). */
  size: number;
  /** Earliest / latest known publication time (ms) of members; NaN when none known. */
  first: number;
  last: number;
  /** Arrival number of the last article that joined. */
  lastArrival: number;
  /** Features currently entered in the inverted index for this story. */
  posted: Int32Array;
  /** Changed since the last merge check. */
  dirty: boolean;
  /** Arrival number at creation. */
  born: number;
}

/** Plain-JSON story in {@link ClustererState}. */
export interface StoryState {
  id: string;
  members: string[];
  live: boolean;
  terms: number[];
  mass: number[];
  size: number;
  first: number | null;
  last: number | null;
  lastArrival: number;
  dirty: boolean;
}

/** Plain-JSON state of a {@link StoryClusterer}: enough to continue exactly where it stopped. */
export interface ClustererState {
  version: 1;
  options: ClusterOptions;
  vocab: { keys: string[]; df: number[]; docs: number };
  arrivals: number;
  clock: number | null;
  /** Root stories in creation order (stories merged away are gone: their members moved). */
  stories: StoryState[];
}

/** Result of {@link StoryClusterer.add}. */
export interface AddResult {
  /** The story the article is in after this call (after any merge this call triggered). */
  storyId: string;
  /** Ids of stories absorbed by merges during this call (they no longer exist). */
  merged: string[];
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

const EMPTY_I32 = new Int32Array(0);
const EMPTY_F32 = new Float32Array(0);

/**
 * Online story clusterer.
 *
 * @example
 * const c = new StoryClusterer();
 * for (const a of arrivalOrder(articles)) c.add(a);
 * c.stories(); // [{ id: 'a1', members: ['a1', 'a7'] }, …]
 */
export class StoryClusterer {
  readonly options: ClusterOptions;
  private vocab = new Vocabulary();
  private stories_: Story[] = [];
  /** Article id → index of the story it joined (resolve with `find`). */
  private articleStory = new Map<string, number>();
  /** Feature id → indices of stories posting it (may hold stale entries; validated on read). */
  private postings: (number[] | undefined)[] = [];
  private live: number[] = [];
  private dirty: number[] = [];
  /** Stories opened as singletons, awaiting their settle check (FIFO by creation). */
  private pending: number[] = [];
  private arrivals = 0;
  /** Latest publication time seen (ms), the stream clock for retirement. */
  private clock = Number.NaN;
  // Scratch buffers reused across calls.
  private dense = new Float64Array(1024);
  private acc = new Float64Array(1024);
  private stamp = new Int32Array(1024);
  private stampNow = 0;
  private mergedNow: string[] = [];
  /** Feature id → number of live stories posting it. */
  private sf = new Int32Array(1024);

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
   * Place one article. Idempotent: adding an id already placed returns its current story.
   */
  add(article: Article, extra: AddExtra = {}): AddResult {
    const known = this.articleStory.get(article.id);
    if (known !== undefined) return { storyId: this.stories_[this.find(known)].id, merged: [], score: 1 };
    const feats = featurize(article, { names: extra.names, weights: this.options.featureWeights });
    if (extra.copyOf) {
      const orig = this.articleStory.get(extra.copyOf);
      if (orig !== undefined) return this.addCopy(article.id, feats.time, this.find(orig));
    }
    return this.addFeatures(feats);
  }

  /** Place an article given its features (lets callers featurise once, e.g. in benchmarks). */
  addFeatures(feats: ArticleFeatures): AddResult {
    const known = this.articleStory.get(feats.id);
    if (known !== undefined) return { storyId: this.stories_[this.find(known)].id, merged: [], score: 1 };
    this.arrivals++;
    this.mergedNow = [];
    if (feats.time !== null && !(feats.time <= this.clock)) this.clock = feats.time;

    // Intern, count the document, build the unit TF-IDF vector in the dense scratch buffer.
    const n = feats.keys.length;
    const ids = new Int32Array(n);
    for (let i = 0; i < n; i++) ids[i] = this.vocab.intern(feats.keys[i]);
    this.vocab.addDocument(ids);
    this.ensureDense(this.vocab.size);
    const w = new Float64Array(n);
    let norm = 0;
    for (let i = 0; i < n; i++) {
      w[i] = feats.weights[i] * this.vocab.idf(ids[i]);
      norm += w[i] * w[i];
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i++) w[i] /= norm;
    {
      // Scoring weights: IDF × story-frequency factor, unit length.
      let n2 = 0;
      for (let i = 0; i < n; i++) {
        const x = feats.weights[i] * this.fw(ids[i]);
        n2 += x * x;
      }
      n2 = Math.sqrt(n2) || 1;
      for (let i = 0; i < n; i++) this.dense[ids[i]] = (feats.weights[i] * this.fw(ids[i])) / n2;
    }

    // Candidates, then the best story above its time-adjusted threshold.
    const cands = this.candidates(ids, w, -1);
    let best = -1;
    let bestScore = 0;
    const t = feats.time ?? Number.NaN;
    for (const s of cands) {
      const st = this.stories_[s];
      const score = this.scoreDense(st);
      const xo = this.options as unknown as { joinSmall?: number };
      const need = this.thresholdFor(gapDays(t, t, st.first, st.last)) + (st.size === 1 && xo.joinSmall !== undefined ? xo.joinSmall - this.options.threshold : 0);
      if (score >= need && (score > bestScore || (score === bestScore && s < best))) {
        best = s;
        bestScore = score;
      }
    }
    for (let i = 0; i < n; i++) this.dense[ids[i]] = 0;

    // Contribution to a centroid: term frequency over the article's TF-IDF norm, so that with the
    // IDF of this moment the contribution is exactly the article's unit vector.
    const order = Array.from(ids.keys()).sort((a, b) => ids[a] - ids[b]);
    const cTerms = new Int32Array(n);
    const cMass = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      cTerms[i] = ids[order[i]];
      cMass[i] = feats.weights[order[i]] / norm;
    }

    let idx: number;
    if (best >= 0) {
      idx = best;
      const st = this.stories_[idx];
      st.members.push(feats.id);
      this.addMass(st, cTerms, cMass);
      st.size += 1;
      widenTime(st, t);
      st.lastArrival = this.arrivals;
      this.repost(idx);
      this.markDirty(idx);
    } else {
      idx = this.newStory(feats.id, cTerms, cMass, t);
    }
    this.articleStory.set(feats.id, idx);
    this.periodic();
    return { storyId: this.stories_[this.find(idx)].id, merged: this.mergedNow, score: best >= 0 ? bestScore : 0 };
  }

  /**
   * Run the merge check on every changed story now, repeating until nothing merges. Call at the
   * end of a batch (the evaluation does) so a batch's last arrivals get the same treatment as the
   * rest. Returns the ids of the stories absorbed.
   */
  consolidate(): string[] {
    const all: string[] = [];
    this.mergedNow = [];
    this.settle(true);
    all.push(...this.mergedNow);
    for (let round = 0; round < 8 && this.dirty.length > 0; round++) {
      this.mergedNow = [];
      this.mergeCheck();
      all.push(...this.mergedNow);
      if (this.mergedNow.length === 0) break;
    }
    this.mergedNow = [];
    return all;
  }

  /** Root stories in creation order, members in arrival order of joining. */
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
        size: s.size,
        first: Number.isNaN(s.first) ? null : s.first,
        last: Number.isNaN(s.last) ? null : s.last,
        lastArrival: s.lastArrival,
        dirty: s.dirty,
      });
    }
    return {
      version: 1,
      options: structuredClone(this.options),
      vocab: this.vocab.exportState(),
      arrivals: this.arrivals,
      clock: Number.isNaN(this.clock) ? null : this.clock,
      stories,
    };
  }

  /** Rebuild a clusterer from {@link StoryClusterer.exportState} output. */
  static fromState(state: ClustererState): StoryClusterer {
    if (!state || state.version !== 1) throw new Error('unsupported clusterer state (expected version 1)');
    const c = new StoryClusterer(state.options);
    c.vocab = Vocabulary.fromState(state.vocab);
    c.arrivals = state.arrivals;
    c.clock = state.clock ?? Number.NaN;
    for (const ss of state.stories) {
      const idx = c.stories_.length;
      const st: Story = {
        id: ss.id,
        members: ss.members.slice(),
        parent: idx,
        live: ss.live,
        terms: ss.live ? Int32Array.from(ss.terms) : EMPTY_I32,
        mass: ss.live ? Float32Array.from(ss.mass) : EMPTY_F32,
        size: ss.size,
        first: ss.first ?? Number.NaN,
        last: ss.last ?? Number.NaN,
        lastArrival: ss.lastArrival,
        posted: EMPTY_I32,
        dirty: false,
        born: ss.lastArrival,
      };
      c.stories_.push(st);
      for (const m of st.members) c.articleStory.set(m, idx);
      if (st.live) {
        c.live.push(idx);
        c.repost(idx);
      }
      if (ss.dirty && st.live) c.markDirty(idx);
    }
    return c;
  }

  // ---------------------------------------------------------------------------------------------

  private addCopy(id: string, time: number | null, root: number): AddResult {
    this.arrivals++;
    this.mergedNow = [];
    const st = this.stories_[root];
    st.members.push(id);
    widenTime(st, time ?? Number.NaN);
    if (time !== null && !(time <= this.clock)) this.clock = time;
    st.lastArrival = this.arrivals;
    this.articleStory.set(id, root);
    this.periodic();
    return { storyId: this.stories_[this.find(root)].id, merged: this.mergedNow, score: 1 };
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
      size: 1,
      first: t,
      last: t,
      lastArrival: this.arrivals,
      posted: EMPTY_I32,
      dirty: false,
      born: this.arrivals,
    };
    this.stories_.push(st);
    this.live.push(idx);
    this.prune(st);
    this.repost(idx);
    this.markDirty(idx);
    this.pending.push(idx);
    return idx;
  }

  private periodic(): void {
    const o = this.options;
    if (this.arrivals % o.mergeEvery === 0) this.mergeCheck();
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

  /** Comparison weight of a feature: IDF, divided among the live stories that feature it. */
  private fw(f: number): number {
    const mode = (this.options as unknown as { isf?: string }).isf;
    if (!mode || f >= this.sf.length) return this.vocab.idf(f);
    const c = this.sf[f];
    if (c <= 1) return this.vocab.idf(f);
    return this.vocab.idf(f) * (mode === 'inv' ? 1 / c : mode === 'sqrt' ? 1 / Math.sqrt(c) : 1 / (1 + Math.log(c)));
  }

  private sfAdd(f: number, d: number): void {
    if (f >= this.sf.length) {
      let m = Math.max(1024, this.sf.length);
      while (m <= f) m *= 2;
      const a = new Int32Array(m);
      a.set(this.sf);
      this.sf = a;
    }
    this.sf[f] += d;
  }

  /** Threshold for a time gap in days. */
  private thresholdFor(gap: number): number {
    const o = this.options;
    return gap > 0 ? o.threshold + o.timePenalty * Math.log2(1 + gap / o.timeScaleDays) : o.threshold;
  }

  private ensureDense(n: number): void {
    if (n <= this.dense.length) return;
    let m = this.dense.length;
    while (m < n) m *= 2;
    const d = new Float64Array(m);
    d.set(this.dense);
    this.dense = d;
  }

  private ensureStoryScratch(n: number): void {
    if (n <= this.acc.length) return;
    let m = this.acc.length;
    while (m < n) m *= 2;
    this.acc = new Float64Array(m);
    const s = new Int32Array(m);
    s.set(this.stamp);
    this.stamp = s;
  }

  /** Cosine between the unit article vector in `dense` and a story centroid. */
  private scoreDense(st: Story): number {
    let dot = 0;
    let nrm = 0;
    const terms = st.terms;
    const mass = st.mass;
    for (let k = 0; k < terms.length; k++) {
      const f = terms[k];
      const x = mass[k] * this.fw(f);
      nrm += x * x;
      dot += this.dense[f] * x;
    }
    return nrm > 0 ? dot / Math.sqrt(nrm) : 0;
  }

  /** Dot product of two story centroids. */
  private dotStories(a: Story, b: Story): number {
    let i = 0;
    let j = 0;
    let dot = 0;
    const ta = a.terms;
    const tb = b.terms;
    while (i < ta.length && j < tb.length) {
      if (ta[i] === tb[j]) {
        const idf = this.fw(ta[i]);
        dot += a.mass[i] * b.mass[j] * idf * idf;
        i++;
        j++;
      } else if (ta[i] < tb[j]) i++;
      else j++;
    }
    return dot;
  }

  /** Cosine between two story centroids (sorted merge join). */
  private scoreStories(a: Story, b: Story): number {
    let i = 0;
    let j = 0;
    let dot = 0;
    let na = 0;
    let nb = 0;
    const ta = a.terms;
    const tb = b.terms;
    while (i < ta.length || j < tb.length) {
      const fa = i < ta.length ? ta[i] : 0x7fffffff;
      const fb = j < tb.length ? tb[j] : 0x7fffffff;
      if (fa === fb) {
        const idf = this.fw(fa);
        const x = a.mass[i] * idf;
        const y = b.mass[j] * idf;
        dot += x * y;
        na += x * x;
        nb += y * y;
        i++;
        j++;
      } else if (fa < fb) {
        const x = a.mass[i] * this.fw(fa);
        na += x * x;
        i++;
      } else {
        const y = b.mass[j] * this.fw(fb);
        nb += y * y;
        j++;
      }
    }
    return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
  }

  /**
   * Candidate stories for a query vector (feature ids with unit weights): the `queryTerms`
   * heaviest features are looked up; each posting list is read from its most recent end, at most
   * `postingScan` valid entries; stories are ranked by the query weight × IDF they share and the
   * best `maxCandidates` returned (ties to the older story). `exclude` skips one story.
   */
  private candidates(ids: ArrayLike<number>, w: ArrayLike<number>, exclude: number): number[] {
    const o = this.options;
    const n = ids.length;
    const qOrder = Array.from({ length: n }, (_, i) => i).sort((a, b) => w[b] - w[a] || ids[a] - ids[b]);
    const qn = Math.min(n, o.queryTerms);
    this.ensureStoryScratch(this.stories_.length);
    const touched: number[] = [];
    for (let q = 0; q < qn; q++) {
      const f = ids[qOrder[q]];
      const list = this.postings[f];
      if (!list || list.length === 0) continue;
      const gain = w[qOrder[q]] * this.vocab.idf(f);
      this.stampNow++;
      let valid = 0;
      let stale = 0;
      for (let k = list.length - 1; k >= 0 && valid < o.postingScan; k--) {
        const s = list[k];
        const st = this.stories_[s];
        if (!st.live || !hasSorted(st.posted, f)) {
          stale++;
          continue;
        }
        if (this.stamp[s] === this.stampNow) continue; // duplicate entry
        this.stamp[s] = this.stampNow;
        valid++;
        if (s === exclude) continue;
        if (this.acc[s] === 0) touched.push(s);
        this.acc[s] += gain;
      }
      if (stale > 32 && stale * 2 > list.length) this.compactPosting(f);
    }
    touched.sort((a, b) => this.acc[b] - this.acc[a] || a - b);
    const out = touched.slice(0, o.maxCandidates);
    for (const s of touched) this.acc[s] = 0;
    return out;
  }

  private compactPosting(f: number): void {
    const list = this.postings[f];
    if (!list) return;
    this.stampNow++;
    const keep: number[] = [];
    for (const s of list) {
      const st = this.stories_[s];
      if (st.live && hasSorted(st.posted, f) && this.stamp[s] !== this.stampNow) {
        this.stamp[s] = this.stampNow;
        keep.push(s);
      }
    }
    this.postings[f] = keep;
  }

  /** Add a contribution (sorted ids, mass) into a story centroid, then bound its size. */
  private addMass(st: Story, terms: Int32Array, mass: Float32Array): void {
    const a = st.terms;
    const am = st.mass;
    const outT = new Int32Array(a.length + terms.length);
    const outM = new Float32Array(a.length + terms.length);
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
    st.terms = outT.subarray(0, k);
    st.mass = outM.subarray(0, k);
    this.prune(st);
  }

  /** Keep the `storyTerms` heaviest features (weight = mass × IDF; ties to the lower id). */
  private prune(st: Story): void {
    const cap = this.options.storyTerms;
    const n = st.terms.length;
    if (n <= cap) {
      if (st.terms.buffer.byteLength > n * 4 * 2) {
        st.terms = st.terms.slice();
        st.mass = st.mass.slice();
      }
      return;
    }
    const score = new Float64Array(n);
    for (let k = 0; k < n; k++) score[k] = st.mass[k] * this.vocab.idf(st.terms[k]);
    const idx = Array.from({ length: n }, (_, k) => k).sort((x, y) => score[y] - score[x] || x - y);
    const keep = idx.slice(0, cap).sort((x, y) => x - y);
    const t = new Int32Array(keep.length);
    const m = new Float32Array(keep.length);
    for (let k = 0; k < keep.length; k++) {
      t[k] = st.terms[keep[k]];
      m[k] = st.mass[keep[k]];
    }
    st.terms = t;
    st.mass = m;
  }

  /** Re-enter a story's `postingTerms` most salient features in the inverted index. */
  private repost(idx: number): void {
    const st = this.stories_[idx];
    const n = st.terms.length;
    const want = Math.min(n, this.options.postingTerms);
    const score = new Float64Array(n);
    for (let k = 0; k < n; k++) score[k] = st.mass[k] * this.vocab.idf(st.terms[k]);
    const order = Array.from({ length: n }, (_, k) => k).sort((x, y) => score[y] - score[x] || x - y);
    const next = new Int32Array(want);
    for (let k = 0; k < want; k++) next[k] = st.terms[order[k]];
    next.sort();
    const prev = st.posted;
    st.posted = next;
    for (let k = 0; k < prev.length; k++) if (!hasSorted(next, prev[k])) this.sfAdd(prev[k], -1);
    for (let k = 0; k < next.length; k++) {
      const f = next[k];
      if (hasSorted(prev, f)) continue;
      this.sfAdd(f, 1);
      let list = this.postings[f];
      if (!list) {
        list = [];
        this.postings[f] = list;
      }
      list.push(idx);
    }
  }

  /** Compare each changed story with its candidates; merge converged pairs. */
  /** Second chance for singletons that attracted nobody within `settleArrivals`. */
  private settle(all: boolean): void {
    const o = this.options as unknown as { settleArrivals?: number; settleThreshold?: number };
    if (o.settleThreshold === undefined) return;
    const limit = this.arrivals - (o.settleArrivals ?? 200);
    let k = 0;
    while (k < this.pending.length) {
      const s = this.pending[k];
      const st = this.stories_[s];
      if (!all && st.born > limit) break;
      k++;
      if (st.parent !== s || !st.live || st.size > ((o as { settleMaxSize?: number }).settleMaxSize ?? 1)) continue;
      const ids = st.posted;
      const w = new Float64Array(ids.length);
      for (let q = 0; q < ids.length; q++) {
        const pos = indexSorted(st.terms, ids[q]);
        w[q] = pos >= 0 ? st.mass[pos] * this.vocab.idf(ids[q]) : 0;
      }
      const cands = this.candidates(ids, w, s);
      let best = -1;
      let bestScore = 0;
      for (const c of cands) {
        const ct = this.stories_[c];
        const score = (o as { settleMode?: string }).settleMode === 'avg' ? this.dotStories(st, ct) / (st.size * ct.size) : this.scoreStories(st, ct);
        if (score > bestScore || (score === bestScore && c < best)) {
          best = c;
          bestScore = score;
        }
      }
      const small = best >= 0 && this.stories_[best].size === 1 && (o as { settleSmall?: number }).settleSmall !== undefined ? (o as { settleSmall?: number }).settleSmall! - o.settleThreshold : 0;
      const need = small + o.settleThreshold + (best >= 0 ? this.thresholdFor(gapDays(st.first, st.last, this.stories_[best].first, this.stories_[best].last)) - this.options.threshold : 0);
      if (best >= 0 && bestScore >= need) this.merge(Math.min(s, best), Math.max(s, best));
    }
    this.pending = this.pending.slice(k);
  }

  private mergeCheck(): void {
    this.settle(false);
    const work = this.dirty;
    this.dirty = [];
    for (const s of work) this.stories_[s].dirty = false;
    for (const s0 of work) {
      const s = this.find(s0);
      const st = this.stories_[s];
      if (!st.live) continue;
      // Query with the story's posted features, weighted by their share of the centroid.
      const ids = st.posted;
      const w = new Float64Array(ids.length);
      for (let k = 0; k < ids.length; k++) {
        const pos = indexSorted(st.terms, ids[k]);
        w[k] = pos >= 0 ? st.mass[pos] * this.vocab.idf(ids[k]) : 0;
      }
      const cands = this.candidates(ids, w, s);
      let best = -1;
      let bestScore = 0;
      for (const c of cands) {
        const ct = this.stories_[c];
        const score = (this.options as unknown as { mergeMode?: string }).mergeMode === 'avg'
          ? this.dotStories(st, ct) / (st.size * ct.size)
          : this.scoreStories(st, ct);
        const need = this.mergeThresholdFor(gapDays(st.first, st.last, ct.first, ct.last));
        if (score >= need && (score > bestScore || (score === bestScore && c < best))) {
          best = c;
          bestScore = score;
        }
      }
      if (best >= 0) this.merge(Math.min(s, best), Math.max(s, best));
    }
  }

  private mergeThresholdFor(gap: number): number {
    const o = this.options;
    return gap > 0 ? o.mergeThreshold + o.timePenalty * Math.log2(1 + gap / o.timeScaleDays) : o.mergeThreshold;
  }

  /** Merge story `b` into the older story `a`. */
  private merge(a: number, b: number): void {
    const sa = this.stories_[a];
    const sb = this.stories_[b];
    for (const m of sb.members) sa.members.push(m);
    sb.members = [];
    this.addMass(sa, sb.terms, sb.mass);
    sa.size += sb.size;
    widenTime(sa, sb.first);
    widenTime(sa, sb.last);
    sa.lastArrival = Math.max(sa.lastArrival, sb.lastArrival);
    sb.parent = a;
    sb.live = false;
    sb.terms = EMPTY_I32;
    sb.mass = EMPTY_F32;
    for (let k = 0; k < sb.posted.length; k++) this.sfAdd(sb.posted[k], -1);
    sb.posted = EMPTY_I32;
    this.repost(a);
    this.markDirty(a);
    this.mergedNow.push(sb.id);
  }

  /** Retire stories idle for `idleDays` of stream time and `idleArrivals` arrivals. */
  private sweep(): void {
    const o = this.options;
    const keep: number[] = [];
    for (const s of this.live) {
      const st = this.stories_[s];
      if (!st.live || st.parent !== s) continue;
      const idleA = this.arrivals - st.lastArrival >= o.idleArrivals;
      const timeIdle = Number.isNaN(st.last) || Number.isNaN(this.clock) || this.clock - st.last >= o.idleDays * DAY_MS;
      if (idleA && timeIdle) {
        st.live = false;
        st.terms = EMPTY_I32;
        st.mass = EMPTY_F32;
        for (let k = 0; k < st.posted.length; k++) this.sfAdd(st.posted[k], -1);
        st.posted = EMPTY_I32;
      } else {
        keep.push(s);
      }
    }
    this.live = keep;
  }
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

function indexSorted(a: Int32Array, x: number): number {
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

function hasSorted(a: Int32Array, x: number): boolean {
  return indexSorted(a, x) >= 0;
}
