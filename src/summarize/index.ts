/**
 * Story briefs: a headline and a short extractive summary of all articles of a story, every
 * sentence citing the articles that report it.
 *
 * Pipeline (each step documented in its module):
 * 1. `units.ts` — segment every article (datelines, bylines, credits removed), stem, extract
 *    concepts (stemmed bigrams) and mark the sentences that can stand alone.
 * 2. Concept weights — the number of *independent* articles that mention the concept (syndicated
 *   copies, i.e. equal content hashes, count once). Only concepts reported by at least two
 *   independent articles carry weight: cross-outlet agreement is what makes a fact central to a
 *   story rather than one outlet's aside. This is Gillick & Favre's document-frequency weighting;
 *   the threshold is the smallest that expresses agreement (they used 3 for 10-document TAC sets;
 *   we did not fit it to our evaluation data). A one-article story has no agreement to measure, so
 *   there a concept's weight is the number of its sentences that mention it (repetition within the
 *   article), again counting only concepts mentioned at least twice.
 * 3. `select.ts` — budgeted maximum concept coverage (greedy with guarantee + swap search).
 * 4. Order — by article time, then position in the article (`--since` and multi-day stories read
 *   chronologically; same-day reports interleave lead-first).
 * 5. `cite.ts` — every sentence cites each article with a sentence reporting the same content.
 * 6. `headline.ts` — the most representative member headline, or a compressed lead sentence.
 *
 * Focus (`focus`): the brief answers the question first. Sentences are scored by how many of the
 * question's content terms (stemmed; question framing such as "what about … part" removed) they
 * contain; those with at least half the best count form the first pool, which the same coverage
 * optimiser draws from; the remaining budget is then filled from all sentences. So the answer
 * comes first in the selection, and the story's context fills the rest.
 *
 * Updates (`since`): the articles published after `since` are the new ones. Only their sentences
 * are candidates; concepts already reported by an older article weigh nothing (they are known);
 * and a candidate whose content is already contained in an older sentence (see `cite.ts`) is
 * dropped. Articles with no known time count as old: they cannot be shown to be news.
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
  const keyOf = articles.map((a, i) => a.contentHash || a.id || String(i));
  const earliest = new Map<string, Map<number, number>>();
  for (const u of units) {
    if (!include(u.article)) continue;
    const key = keyOf[u.article];
    let m = earliest.get(key);
    if (!m) earliest.set(key, (m = new Map()));
    const p = positionWeight(u.sentence.index);
    for (const c of u.concepts) if ((m.get(c) ?? 0) < p) m.set(c, p);
  }
  if (earliest.size >= 2) {
    for (const m of earliest.values()) for (const [c, p] of m) w[c] += p;
  } else {
    for (const u of units) if (include(u.article)) for (const c of u.concepts) w[c] += positionWeight(u.sentence.index);
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

  const { units, conceptCount } = buildUnits(list, MIN_SENTENCE_WORDS);
  const newArticle = list.map((a) => {
    if (since === null) return true;
    const t = articleTime({ published: a.published ?? null, paragraphs: Array.isArray(a.paragraphs) ? a.paragraphs : [] });
    return t !== null && t > since;
  });
  const weights = conceptWeights(list, units, conceptCount, (i) => newArticle[i]);
  const idf = new IdfTable(units);
  const support = new SupportIndex(units, idf);

  const known = new Uint8Array(conceptCount);
  let candidates = units.map((_, i) => i).filter((i) => units[i].standalone && !units[i].repeat && newArticle[units[i].article]);
  if (since !== null) {
    // Known concepts weigh nothing; sentences already told by an older article are not news.
    for (const u of units) if (!newArticle[u.article]) for (const c of u.concepts) known[c] = 1;
    for (let c = 0; c < known.length; c++) if (known[c]) weights[c] = 0;
    // A candidate is old news when an older sentence says most of what it says, or when it says
    // most of what an older sentence says (the same two-way test as redundancy within a brief).
    const isOld = (u: number) => !newArticle[units[u].article];
    const restates = new Set<number>();
    units.forEach((o, oi) => {
      if (isOld(oi)) for (const u of support.supporters(o.stems, (x) => !isOld(x)).keys()) restates.add(u);
    });
    candidates = candidates.filter((i) => !restates.has(i) && support.supporters(units[i].stems, isOld).size === 0);
  }

  const redundancy = new Map<number, boolean>();
  const redundant = (a: number, b: number) => {
    const key = a < b ? a * units.length + b : b * units.length + a;
    let r = redundancy.get(key);
    if (r === undefined) {
      r = supports(units[a].stems, units[b].stems, idf) || supports(units[b].stems, units[a].stems, idf);
      redundancy.set(key, r);
    }
    return r;
  };
  let chosen: number[] = [];
  const focus = typeof opts.focus === 'string' ? opts.focus.trim() : '';
  if (focus) {
    const pool = focusPool(focus, candidates, units);
    if (pool.length > 0) {
      chosen = selectByCoverage({ units, weights: withFloor(weights, known, units, pool), candidates: pool, maxWords, maxSentences, redundant });
    }
  }
  chosen = selectByCoverage({ units, weights, candidates, maxWords, maxSentences, chosen, redundant });

  chosen.sort((a, b) => compareUnits(units[a], units[b]));
  const sentences: BriefSentence[] = chosen.map((u) => ({
    text: units[u].sentence.text,
    articleId: list[units[u].article].id,
    citations: citationsFor(u, units, list, support),
  }));
  return {
    headline: storyHeadline(list, units, weights),
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
function focusPool(focus: string, candidates: readonly number[], units: readonly Unit[]): number[] {
  const terms = [...new Set(contentStems(focus.replace(/-/g, ' ')).filter((t) => !QUESTION_FRAME.has(t)))];
  if (terms.length === 0) return [];
  const score = new Map<number, number>();
  let best = 0;
  for (const i of candidates) {
    const have = new Set(units[i].stems);
    let m = 0;
    for (const t of terms) if (have.has(t)) m++;
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
