/**
 * Citations: which articles report the content of a brief sentence.
 *
 * Article B supports sentence s when some sentence t of B contains most of what s says: the
 * idf-weighted share of s's distinct content stems that also occur in t is at least one half
 * ("more than half of the information of s is stated in t"). Why this measure:
 * - containment, not symmetric similarity: a longer sentence that says s and more still reports s;
 * - idf weighting (over the story's sentences, smoothed as ln(1 + N/df)): sharing the rare words —
 *   names, numbers, the specific verb — matters more than sharing the story's ubiquitous words, but
 *   the smoothing keeps common words from counting for nothing, so paraphrases that reword the
 *   specific details ("a host of military fields" / "various areas") still match on the core;
 * - reporting words ("reported", "news agency", "told reporters") are ignored: who relayed a fact
 *   is not part of the fact;
 * - one half is the natural majority threshold; it was checked by reading the seed pair and
 *   MultiLing clusters, not fitted to any score.
 * An inverted index over stems keeps this linear in the postings of s's stems.
 */
import type { Article } from '../types.js';
import type { Unit } from './units.js';

/**
 * A citation: one article supporting a brief sentence.
 *
 * @example { articleId: '632889e61b552585', outlet: 'Tehran Times', published: '2017-07-23T00:00:00.000Z',
 *            sentence: 'Iran and Iraq signed an initial agreement on Sunday to boost military cooperation …' }
 */
export interface Citation {
  articleId: string;
  /** Outlet name, else domain, else null. */
  outlet: string | null;
  /** Publication time (ISO-8601) as the article gives it, or null. */
  published: string | null;
  /** The supporting sentence in that article. */
  sentence: string;
}

/** Stems of words that say who relayed a fact rather than what the fact is. */
const REPORTING = new Set(['report', 'agenc', 'new', 'said', 'sai', 'told', 'tell', 'accord', 'quot', 'ad']);

/** Minimum containment for a sentence to support another (see module doc). */
export const SUPPORT_THRESHOLD = 0.5;

/**
 * Idf weights of a story's stems (by stem id, see `Unit.stemIds`): ln(1 + N/df) over the story's
 * N sentences, and 0 for reporting words, so that they never count.
 */
export class IdfTable {
  readonly weight: Float64Array;
  constructor(units: readonly Unit[], stems: readonly string[]) {
    const df = new Int32Array(stems.length);
    for (const u of units) for (const id of u.stemIds) df[id]++;
    const n = Math.max(1, units.length);
    this.weight = new Float64Array(stems.length);
    for (let id = 0; id < stems.length; id++) {
      this.weight[id] = REPORTING.has(stems[id]) ? 0 : Math.log(1 + n / Math.max(1, df[id]));
    }
  }
  /** Total weight of a set of stem ids. */
  mass(ids: readonly number[]): number {
    let m = 0;
    for (const id of ids) m += this.weight[id];
    return m;
  }
}

/**
 * Share of the idf mass of sentence `s` found in sentence `t` (distinct stem ids each).
 *
 * @example containment(unitA.stemIds, unitB.stemIds, idf) // 0.66
 */
export function containment(s: readonly number[], t: readonly number[], idf: IdfTable): number {
  const all = idf.mass(s);
  if (all <= 0) return 0;
  let have = 0;
  for (const id of s) if (t.includes(id)) have += idf.weight[id];
  return have / all;
}

/** True when `t` reports the content of `s`. */
export function supports(s: readonly number[], t: readonly number[], idf: IdfTable): boolean {
  return containment(s, t, idf) >= SUPPORT_THRESHOLD;
}

/**
 * Stem ids of a sentence sorted rarest first, cut after the shortest prefix that holds more than
 * (1 − threshold) of the idf mass. Prefix filtering (Chaudhuri et al. 2006): a sentence sharing
 * none of these stems misses more than (1 − threshold) of the mass, so it cannot reach the threshold.
 */
function prefixOf(ids: readonly number[], idf: IdfTable): { prefix: number[]; mass: number } {
  const ss = ids.filter((id) => idf.weight[id] > 0);
  ss.sort((a, b) => idf.weight[b] - idf.weight[a] || a - b);
  const mass = idf.mass(ss);
  const prefix: number[] = [];
  let acc = 0;
  for (const id of ss) {
    prefix.push(id);
    acc += idf.weight[id];
    if (acc > (1 - SUPPORT_THRESHOLD) * mass + 1e-12) break;
  }
  return { prefix, mass };
}

/** Finds, among a story's sentences, those that support a sentence or that it supports. */
export class SupportIndex {
  /** Postings in compressed form: units containing stem id w are unitsOf[start[w] … start[w + 1]). */
  private readonly start: Int32Array;
  private readonly unitsOf: Int32Array;
  private prefix: { start: Int32Array; unitsOf: Int32Array } | null = null;
  private readonly mass: Float64Array;
  /** Scratch marks: mark[id] === stamp means stem id is in the current query sentence. */
  private readonly mark: Int32Array;
  private stamp = 0;
  constructor(
    private readonly units: readonly Unit[],
    private readonly idf: IdfTable,
  ) {
    const v = idf.weight.length;
    this.mark = new Int32Array(v);
    this.mass = new Float64Array(units.length);
    units.forEach((u, i) => (this.mass[i] = idf.mass(u.stemIds)));
    [this.start, this.unitsOf] = postings(v, units.map((u) => u.stemIds));
  }

  private postingsOf(w: number): Int32Array {
    return this.unitsOf.subarray(this.start[w], this.start[w + 1]);
  }

  private markAll(ids: readonly number[]): number {
    this.stamp++;
    for (const id of ids) this.mark[id] = this.stamp;
    return this.stamp;
  }

  /**
   * Units accepted by `filter` that contain at least the threshold share of the idf mass of a
   * sentence with stem ids `ids` (they support it), with that share. Only the postings of the rare
   * prefix are scanned (see `prefixOf`); each candidate is then checked in full.
   */
  supporters(ids: readonly number[], filter: (unit: number) => boolean = () => true): Map<number, number> {
    const out = new Map<number, number>();
    const { prefix, mass } = prefixOf(ids, this.idf);
    if (mass <= 0) return out;
    const stamp = this.markAll(ids);
    const seen = new Set<number>();
    for (const w of prefix) {
      for (const u of this.postingsOf(w)) {
        if (seen.has(u)) continue;
        seen.add(u);
        if (!filter(u)) continue;
        let m = 0;
        for (const x of this.units[u].stemIds) if (this.mark[x] === stamp) m += this.idf.weight[x];
        if (m / mass >= SUPPORT_THRESHOLD) out.set(u, m / mass);
      }
    }
    return out;
  }

  /**
   * Units accepted by `filter` of whose idf mass at least the threshold share occurs in a sentence
   * with stem ids `ids` (it supports them), with that share. Uses an index of every unit's rare
   * prefix, built on first use.
   */
  supported(ids: readonly number[], filter: (unit: number) => boolean = () => true): Map<number, number> {
    if (!this.prefix) {
      const [start, unitsOf] = postings(
        this.idf.weight.length,
        this.units.map((u) => prefixOf(u.stemIds, this.idf).prefix),
      );
      this.prefix = { start, unitsOf };
    }
    const pp = this.prefix;
    const out = new Map<number, number>();
    const stamp = this.markAll(ids);
    const seen = new Set<number>();
    for (const w of ids) {
      for (const u of pp.unitsOf.subarray(pp.start[w], pp.start[w + 1])) {
        if (seen.has(u)) continue;
        seen.add(u);
        if (!filter(u) || this.mass[u] <= 0) continue;
        let m = 0;
        for (const x of this.units[u].stemIds) if (this.mark[x] === stamp) m += this.idf.weight[x];
        if (m / this.mass[u] >= SUPPORT_THRESHOLD) out.set(u, m / this.mass[u]);
      }
    }
    return out;
  }
}

/** Inverted lists in compressed (CSR) form: one offsets array and one flat array of unit indices. */
function postings(vocabulary: number, lists: readonly (readonly number[])[]): [Int32Array, Int32Array] {
  const start = new Int32Array(vocabulary + 1);
  for (const l of lists) for (const w of l) start[w + 1]++;
  for (let w = 0; w < vocabulary; w++) start[w + 1] += start[w];
  const fill = start.slice(0, vocabulary);
  const unitsOf = new Int32Array(start[vocabulary]);
  lists.forEach((l, i) => {
    for (const w of l) unitsOf[fill[w]++] = i;
  });
  return [start, unitsOf];
}

/**
 * Citations of unit `ui`: its own article first, then every other article with a supporting
 * sentence (its best-supporting one), ordered by time (unknown last), then article order.
 */
export function citationsFor(ui: number, units: readonly Unit[], articles: readonly Article[], index: SupportIndex): Citation[] {
  const unit = units[ui];
  const best = new Map<number, { u: number; score: number }>();
  for (const [u, score] of index.supporters(unit.stemIds, (u) => units[u].article !== unit.article)) {
    const a = units[u].article;
    const cur = best.get(a);
    if (!cur || score > cur.score) best.set(a, { u, score });
  }
  const cite = (a: number, text: string): Citation => ({
    articleId: articles[a].id,
    outlet: articles[a].outlet?.name ?? articles[a].outlet?.domain ?? null,
    published: articles[a].published ?? null,
    sentence: text,
  });
  const others = [...best.entries()].sort(([a, x], [b, y]) => {
    const ta = units[x.u].time ?? Infinity;
    const tb = units[y.u].time ?? Infinity;
    return ta !== tb ? (ta < tb ? -1 : 1) : a - b;
  });
  return [cite(unit.article, unit.sentence.text), ...others.map(([a, x]) => cite(a, units[x.u].sentence.text))];
}
