/**
 * Article features for event clustering: what an article says, reduced to weighted sparse
 * features that the {@link StoryClusterer} compares.
 *
 * An event is defined by *what* happened, *who* was involved, *where* and *when*. The features
 * follow that principle and are kept in three namespaces so that each kind of evidence can be
 * weighted on its own:
 *
 * - `w:` content words (lower-cased, stopwords removed, plural `-s` stripped) — *what*;
 * - `n:` proper names — *who/where* — from an injected entity list when the entities stage
 *   provides one, else from a built-in capitalisation-based extractor ({@link extractNames});
 * - `#:` numbers and number words ("23", "$35,000", "twenty-three", "2008") — counts, ages,
 *   sums and years are the specific details that tell two similar events apart
 *   (23 vs 26 pirates captured; a 2008 vs a 2011 attack).
 *
 * Weights are raw term-frequency weights (1 + ln tf); IDF is *not* applied here because it
 * depends on the stream seen so far — the clusterer applies its incrementally maintained IDF at
 * comparison time. That keeps featurisation a pure function of the article.
 */
import type { Article } from '../types.js';
import { STOPWORDS, tokenize, type Token } from '../text/tokenize.js';

/**
 * The features of one article.
 *
 * @example
 * featurize(article) // →
 * { id: 'a1', time: 1370563200000, keys: ['w:rehab', 'n:lohan', '#:3', …], weights: [2.1, 1.7, 1, …],
 *   names: ['lindsay', 'lohan', 'betty', 'ford'] }
 */
export interface ArticleFeatures {
  /** The article's id. */
  id: string;
  /** Publication time in ms since the epoch, or null when unknown. */
  time: number | null;
  /** Feature keys (`w:`, `n:`, `#:` prefixed), each once, in first-occurrence order. */
  keys: string[];
  /** Raw weight of each key (parallel to `keys`): (1 + ln tf) × namespace weight. */
  weights: number[];
  /** The proper-name keys used (without prefix), for inspection. */
  names: string[];
}

/** Options of {@link featurize}. */
export interface FeaturizeOptions {
  /**
   * Canonical entity keys from the entities stage (e.g. "lindsay lohan", "betty ford center").
   * When given, they replace the built-in name extractor. Use them for all articles or for none,
   * so that keys are comparable across the stream.
   */
  names?: string[];
  /** Weight multipliers of the feature namespaces; see {@link DEFAULT_FEATURE_WEIGHTS}. */
  weights?: Partial<FeatureWeights>;
}

/** Multipliers applied to the raw weight of each namespace (and to headline occurrences). */
export interface FeatureWeights {
  /** Content words. */
  word: number;
  /** Proper names. */
  name: number;
  /** Numbers. */
  number: number;
  /** Each occurrence in the (non-derived) headline counts as this many body occurrences. */
  headline: number;
}

/**
 * Defaults, chosen a priori (not fitted): every kind of evidence counts the same per occurrence;
 * a name token is *also* a content word, so names already count twice — the "who/where" boost
 * without a tuned constant. A headline occurrence counts as two body occurrences because the
 * headline is the editor's own one-line summary of the event (a common choice in news
 * retrieval). See `src/cluster/README.md` for how these were checked.
 */
export const DEFAULT_FEATURE_WEIGHTS: FeatureWeights = { word: 1, name: 1, number: 2, headline: 2 };

/**
 * Harman's "S" stemmer (1991): folds English plurals only ("pirates" → "pirate", "ministries" →
 * "ministry") and nothing else. Chosen over Porter because it never conflates different words
 * ("police"/"policy"), which matters when small lexical differences separate two events.
 */
export function sStem(w: string): string {
  const n = w.length;
  if (n <= 3 || w.charCodeAt(n - 1) !== 115 /* s */) return w;
  if (w.endsWith('ies') && !w.endsWith('eies') && !w.endsWith('aies')) return w.slice(0, -3) + 'y';
  if (w.endsWith('es') && !w.endsWith('aes') && !w.endsWith('ees') && !w.endsWith('oes')) return w.slice(0, -1);
  if (w.endsWith('us') || w.endsWith('ss') || w.endsWith("'s")) return w;
  return w.slice(0, -1);
}

const NUMBER_WORDS: Record<string, string> = {
  two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
  eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15', sixteen: '16',
  seventeen: '17', eighteen: '18', nineteen: '19', twenty: '20', thirty: '30', forty: '40',
  fifty: '50', sixty: '60', seventy: '70', eighty: '80', ninety: '90', hundred: '100',
};

/**
 * Normalise a numeric token: thousands separators dropped ("35,000" → "35000"), ordinals reduced
 * ("13th" → "13"), anything else with letters kept as written ("1940s", "4x4").
 */
export function normalizeNumber(tok: string): string {
  const t = tok.toLowerCase();
  if (/^\d{1,3}(,\d{3})+$/.test(t)) return t.replace(/,/g, '');
  const ord = /^(\d+)(st|nd|rd|th)$/.exec(t);
  if (ord) return ord[1];
  return t;
}

/** Honorifics and abbreviations whose trailing period does not end a sentence. */
const ABBREVIATIONS = new Set(
  'mr mrs ms dr st gen sen rep gov lt col capt sgt cpl prof rev jr sr inc co corp ltd no vs mt ft maj adm cmdr supt det insp calif fla mass penn wash ariz ill jan feb mar apr jun jul aug sep sept oct nov dec'.split(
    ' ',
  ),
);

/** Lower-case connectors allowed inside a name run ("Gulf of Aden", "Leonardo da Vinci"). */
const NAME_CONNECTORS = new Set(['of', 'de', 'da', 'del', 'della', 'di', 'du', 'la', 'le', 'van', 'von', 'der', 'den', 'bin', 'ibn', 'al', 'el', 'y']);

function isUpperInitial(s: string): boolean {
  const c = s.charAt(0);
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

function isAllUpper(s: string): boolean {
  return s.toUpperCase() === s && s.toLowerCase() !== s;
}

/** Lower-case, strip a possessive. */
function nameKey(s: string): string {
  let k = s.toLowerCase();
  if (k.endsWith("'s") || k.endsWith('’s')) k = k.slice(0, -2);
  return k;
}

/** True when token `i` begins a sentence: first token, or a `.!?` between it and the previous token. */
function startsSentence(text: string, toks: Token[], i: number): boolean {
  if (i === 0) return true;
  const prev = toks[i - 1];
  const gap = text.slice(prev.end, toks[i].start);
  if (gap.includes('\n')) return true;
  if (!/[.!?]/.test(gap) && !/\.$/.test(prev.text)) return false;
  // "Dr. Smith", "Calif. rehab": a period after a known abbreviation is not a boundary.
  if (ABBREVIATIONS.has(prev.text.toLowerCase()) && !/[!?]/.test(gap)) return false;
  return true;
}

/**
 * Built-in proper-name extractor (fallback until the entities stage provides canonical keys).
 *
 * A name is a run of capitalised tokens (with lower-case connectors such as "of" inside). The
 * reasons for each rule:
 * - A capitalised word at the start of a sentence proves nothing, so it is kept only when the
 *   same word also appears capitalised inside a sentence somewhere in the article.
 * - In a title-cased line ("Lindsay Lohan Checks Into Betty Ford Rehab") every word is
 *   capitalised, so capitalisation there is no evidence either; such a line contributes only
 *   names confirmed elsewhere in the article. A line is title-cased when at least 4 of its
 *   content words are and at least 70 % of them are capitalised (ordinary prose is far below).
 * - Stopwords are never names ("The", "He", "On").
 *
 * Returns name *tokens* (lower-cased, possessive stripped): matching by token lets "Lohan" in one
 * report meet "Lindsay Lohan" in another without coreference resolution.
 *
 * @example extractNames("Police said Lindsay Lohan left. Lohan was seen in Malibu.")
 *   // ["lindsay", "lohan", "malibu"]  ("Police" is sentence-initial and never capitalised mid-sentence)
 */
export function extractNames(text: string): string[] {
  return namesOf(text, tokenize(text));
}

/** {@link extractNames} over already computed tokens of `text`. */
function namesOf(text: string, toks: Token[]): string[] {
  const n = toks.length;
  if (n === 0) return [];
  const sentStart = new Uint8Array(n);
  for (let i = 0; i < n; i++) sentStart[i] = startsSentence(text, toks, i) ? 1 : 0;

  // Sentence spans, and which of them are title-cased or shouted (all caps).
  const titled = new Uint8Array(n);
  for (let s = 0; s < n; ) {
    let e = s + 1;
    while (e < n && !sentStart[e]) e++;
    let content = 0;
    let caps = 0;
    let upper = 0;
    for (let i = s; i < e; i++) {
      const t = toks[i].text;
      if (!/^\p{L}/u.test(t) || STOPWORDS.has(t.toLowerCase())) continue;
      content++;
      if (isUpperInitial(t)) caps++;
      if (t.length > 1 && isAllUpper(t)) upper++;
    }
    const isTitled = (content >= 4 && caps >= 0.7 * content) || (content >= 3 && upper >= 0.7 * content);
    if (isTitled) for (let i = s; i < e; i++) titled[i] = 1;
    s = e;
  }

  // Words seen capitalised inside ordinary sentences: the evidence that a word is a name.
  const confirmed = new Set<string>();
  for (let i = 0; i < n; i++) {
    const t = toks[i].text;
    if (!sentStart[i] && !titled[i] && isUpperInitial(t)) confirmed.add(nameKey(t));
  }

  const out: string[] = [];
  const seen = new Set<string>();
  const push = (k: string) => {
    if (k.length < 2 || STOPWORDS.has(k) || seen.has(k)) return;
    seen.add(k);
    out.push(k);
  };
  for (let i = 0; i < n; i++) {
    const t = toks[i].text;
    if (!isUpperInitial(t) || !/^\p{L}/u.test(t)) continue;
    const k = nameKey(t);
    if (STOPWORDS.has(k)) continue;
    if (sentStart[i] || titled[i]) {
      if (confirmed.has(k)) push(k);
      continue;
    }
    push(k);
    // Connectors inside a run ("Gulf of Aden") are skipped, not names themselves.
    if (i + 2 < n && NAME_CONNECTORS.has(toks[i + 1].text) && isUpperInitial(toks[i + 2].text)) i++;
  }
  return out;
}

/** Options after defaults are applied. */
function fullWeights(w?: Partial<FeatureWeights>): FeatureWeights {
  return { ...DEFAULT_FEATURE_WEIGHTS, ...(w ?? {}) };
}

/** Count the word and number features of tokens into `counts`, `per` per occurrence. */
function countTokens(toks: Token[], per: number, counts: Map<string, number>): void {
  for (const tok of toks) {
    // Hyphenated compounds are split so "16-year-old" and "16 - year - old" agree.
    const parts = tok.text.includes('-') ? tok.text.split('-') : [tok.text];
    for (const raw of parts) {
      if (!raw) continue;
      let w = raw.toLowerCase();
      if (w.endsWith("'s") || w.endsWith('’s')) w = w.slice(0, -2);
      const c0 = w.charCodeAt(0);
      let key: string;
      if (c0 >= 48 && c0 <= 57) key = '#:' + normalizeNumber(w);
      else if (NUMBER_WORDS[w] !== undefined) key = '#:' + NUMBER_WORDS[w];
      else {
        if (w.length < 2 || STOPWORDS.has(w)) continue;
        key = 'w:' + sStem(w);
      }
      counts.set(key, (counts.get(key) ?? 0) + per);
    }
  }
}

/** Parse an ISO time to epoch ms, or null. */
export function timeOf(published: string | null | undefined): number | null {
  if (!published) return null;
  const ms = Date.parse(published);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Features of an article. Pure: the same article and options always give the same features.
 *
 * @param article the article (only `id`, `headline`, `headlineDerived`, `paragraphs`, `published` are read)
 * @param opts injected canonical names and weight multipliers
 */
export function featurize(
  article: Pick<Article, 'id' | 'headline' | 'headlineDerived' | 'paragraphs' | 'published'>,
  opts: FeaturizeOptions = {},
): ArticleFeatures {
  const fw = fullWeights(opts.weights);
  const body = (article.paragraphs ?? []).join('\n');
  const headline = article.headline && !article.headlineDerived ? article.headline : '';
  const bodyToks = tokenize(body);
  const headToks = headline ? tokenize(headline) : [];
  const counts = new Map<string, number>();
  countTokens(bodyToks, 1, counts);
  countTokens(headToks, fw.headline, counts);

  let names: string[];
  if (opts.names) {
    names = [];
    const seen = new Set<string>();
    for (const raw of opts.names) {
      const k = typeof raw === 'string' ? raw.toLowerCase().replace(/\s+/g, ' ').trim() : '';
      if (k && !seen.has(k)) {
        seen.add(k);
        names.push(k);
        counts.set('n:' + k, 1);
      }
    }
  } else {
    // Names are found over headline + body (a title-cased headline is confirmed by the body), then
    // counted: a name mentioned often is central to the report.
    const allText = headline ? headline + '\n' + body : body;
    names = namesOf(allText, headline ? tokenize(allText) : bodyToks);
    const set = new Set(names);
    const count = (toks: Token[], per: number) => {
      for (const tok of toks) {
        if (!isUpperInitial(tok.text)) continue;
        const k = nameKey(tok.text);
        if (set.has(k)) counts.set('n:' + k, (counts.get('n:' + k) ?? 0) + per);
      }
    };
    count(bodyToks, 1);
    count(headToks, fw.headline);
  }

  const keys: string[] = [];
  const weights: number[] = [];
  for (const [k, c] of counts) {
    const c0 = k.charCodeAt(0);
    const ns = c0 === 119 /* w */ ? fw.word : c0 === 110 /* n */ ? fw.name : fw.number;
    if (ns <= 0) continue;
    keys.push(k);
    weights.push((1 + Math.log(c)) * ns);
  }
  return { id: article.id, time: timeOf(article.published), keys, weights, names };
}
