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

/** Smoothed inverse document frequency over the story's sentences. */
export class IdfTable {
  private readonly df = new Map<string, number>();
  private readonly n: number;
  constructor(units: readonly Unit[]) {
    this.n = Math.max(1, units.length);
    for (const u of units) for (const s of u.stems) this.df.set(s, (this.df.get(s) ?? 0) + 1);
  }
  get(stem: string): number {
    return Math.log(1 + this.n / (this.df.get(stem) ?? 1));
  }
}

/** Distinct stems that carry content (reporting words removed). */
function factStems(stems: readonly string[]): string[] {
  return stems.filter((s) => !REPORTING.has(s));
}

/** Share of the idf mass of `s` found in `t`. */
export function containment(s: readonly string[], t: readonly string[], idf: IdfTable): number {
  const ss = factStems(s);
  if (ss.length === 0) return 0;
  const tt = new Set(t);
  let have = 0;
  let all = 0;
  for (const w of ss) {
    const v = idf.get(w);
    all += v;
    if (tt.has(w)) have += v;
  }
  return all > 0 ? have / all : 0;
}

/** Minimum containment for a sentence to support another (see module doc). */
export const SUPPORT_THRESHOLD = 0.5;

/** True when `t` reports the content of `s`. */
export function supports(s: readonly string[], t: readonly string[], idf: IdfTable): boolean {
  return containment(s, t, idf) >= SUPPORT_THRESHOLD;
}

/** Inverted index from stem to the units containing it, for finding supporting sentences fast. */
export class SupportIndex {
  private readonly postings = new Map<string, number[]>();
  constructor(
    private readonly units: readonly Unit[],
    private readonly idf: IdfTable,
  ) {
    units.forEach((u, i) => {
      for (const s of u.stems) {
        const list = this.postings.get(s);
        if (list) list.push(i);
        else this.postings.set(s, [i]);
      }
    });
  }

  /**
   * For each unit with containment ≥ threshold of `stems`, its containment; restricted to units
   * accepted by `filter`.
   */
  supporters(stems: readonly string[], filter: (unit: number) => boolean = () => true): Map<number, number> {
    const ss = factStems(stems);
    let all = 0;
    const acc = new Map<number, number>();
    for (const w of ss) {
      const v = this.idf.get(w);
      all += v;
      for (const u of this.postings.get(w) ?? []) if (filter(u)) acc.set(u, (acc.get(u) ?? 0) + v);
    }
    const out = new Map<number, number>();
    if (all <= 0) return out;
    for (const [u, m] of acc) if (m / all >= SUPPORT_THRESHOLD) out.set(u, m / all);
    return out;
  }
}

/**
 * Citations of unit `ui`: its own article first, then every other article with a supporting
 * sentence (its best-supporting one), ordered by time (unknown last), then article order.
 */
export function citationsFor(ui: number, units: readonly Unit[], articles: readonly Article[], index: SupportIndex): Citation[] {
  const unit = units[ui];
  const best = new Map<number, { u: number; score: number }>();
  for (const [u, score] of index.supporters(unit.stems, (u) => units[u].article !== unit.article)) {
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
