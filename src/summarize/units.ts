/**
 * Sentence units: every sentence of every article of a story, with what the summariser needs to
 * know about it — its stems, its concepts (stemmed word bigrams), its length, its time and
 * position, and whether it can stand alone in a brief.
 */
import type { Article } from '../types.js';
import { STOPWORDS } from '../text/tokenize.js';
import { leadingDate, splitSentences, type Sentence } from '../text/sentences.js';
import { porterStem } from './porter.js';

/** One candidate sentence. */
export interface Unit {
  /** Index of the article in the story's article array. */
  article: number;
  sentence: Sentence;
  /** Number of words (white-space separated), the unit of the `--words` budget. */
  words: number;
  /**
   * Distinct stems of the content words (no stopwords, no one-letter tokens), in order of first
   * occurrence, as ids into the story's vocabulary (`UnitSet.stems`).
   */
  stemIds: number[];
  /** Distinct concept ids (stemmed bigrams numbered per story, see `buildUnits`). */
  concepts: number[];
  /**
   * The sentence's distinct tokens as ids into `UnitSet.tokens` — exactly the tokens `lexTokens`
   * gives for its text — or null for the rare text where the two tokenisations may differ (letters
   * outside the Basic Multilingual Plane, a letter whose lower case is longer: "İ"); readers then
   * tokenise the text.
   */
  tokens: Int32Array | null;
  /**
   * Can this sentence be read on its own in a brief? (see `standaloneProblem`; a first sentence in
   * headlinese — a headline or photo caption at the top of the body, see `isHeadlineLike` — cannot)
   */
  standalone: boolean;
  /** True when an earlier sentence has the same words up to stemming (a syndicated copy). */
  repeat: boolean;
  /** Article time in ms since the epoch, or null when unknown. */
  time: number | null;
}

/** The units of a story with their vocabulary. */
export interface UnitSet {
  units: Unit[];
  /** Number of distinct concepts (concept ids are 0 … conceptCount − 1). */
  conceptCount: number;
  /** Stem of each stem id. */
  stems: string[];
  /** Stem id of each stem. */
  stemIds: ReadonlyMap<string, number>;
  /** Each distinct token of the story, case-folded as `lexTokens` folds it (`Unit.tokens` ids). */
  tokens: readonly string[];
}

const stemCache = new Map<string, string>();
/** Porter stem with a cache: news vocabulary repeats, so a story's stems are mostly cache hits. */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = porterStem(word);
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/**
 * Lower-case word tokens as ROUGE and most lexical summarisation work see them: runs of ASCII
 * letters/digits and any other letters (so "al-Hiyali" gives "al", "hiyali" and "Bío" stays whole).
 */
export function lexTokens(text: string): string[] {
  const lower = text.toLowerCase();
  // Most news text is ASCII; the ASCII pattern is several times faster than the Unicode one.
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(lower)) return lower.match(/[a-z0-9]+/g) ?? [];
  return lower.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Stems of the content words of a text (stopwords and one-letter tokens dropped). */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const t of lexTokens(text)) {
    if (t.length < 2 || STOPWORDS.has(t)) continue;
    out.push(stem(t));
  }
  return out;
}

/** Words that point back to something the reader of a brief has not seen. */
const DANGLING_START = new Set(
  (
    'he she it they him her them his hers its their theirs this these those that there here such ' +
    'but and or nor so yet also however meanwhile moreover furthermore nevertheless nonetheless instead ' +
    'still then thus therefore hence besides otherwise likewise similarly consequently accordingly ' +
    'additionally later afterwards earlier again indeed rather though although'
  ).split(' '),
);
/** Two-word openings with the same problem. */
const DANGLING_PHRASE =
  /^(?:in addition|as a result|in contrast|on the other hand|at the same time|for (?:his|her|their|its) part|in (?:that|this) case|after (?:that|this)|because of (?:that|this)|despite (?:that|this)|the (?:same|latter|former)|the other)\b/i;
/** Verbs that attribute a quotation to a speaker. */
const ATTRIBUTION = /\b(?:said|says|say|told|tells|added|adds|stated|states|stressed|noted|explained|asked|wrote|writes|announced|declared|according to|claimed|insisted|warned|urged|argued|replied|commented)\b/i;

/**
 * Why a sentence cannot stand alone in a brief, or null when it can. The rules, each a reason a
 * reader would stumble:
 * - it is too short to state a fact (fewer than `minWords` words: headings, captions, "He was 95.";
 *   `words` is the text's {@link countWords}, when the caller has it already);
 * - it does not end like a sentence (headings, list items, captions have no final `.`/`!` or
 *   closing quote after one), or it is a question;
 * - it starts in lower case (a fragment cut from a longer sentence);
 * - it is capitalised like a headline ("Colts Beat Chiefs 20 - 13 To Clinch Playoff Berth.", "COLTS
 *   TOP CHIEFS"): a heading or a headline glued into the body, not prose;
 * - it opens with a pronoun, demonstrative or connective that refers back ("He added …",
 *   "However, …", "For his part, …"), or has a parenthetical "however" in its first clause;
 * - it is an unattributed or unbalanced quotation: quote marks that do not pair up (a piece of a
 *   multi-sentence quote), or a sentence that is mostly quotation with no speaker.
 */
export function standaloneProblem(text: string, minWords: number, words = countWords(text)): string | null {
  const t = text.trim();
  if (words < minWords) return 'too short';
  if (!/[.!]["'”’)\]]*$/.test(t)) return t.endsWith('?') ? 'question' : 'no final punctuation';
  if (/^[\p{Ll}]/u.test(t)) return 'starts in lower case';
  if (isHeadlineCase(t)) return 'headline capitalisation';
  const first = (t.match(/^["'“‘(]*([\p{L}']+)/u)?.[1] ?? '').toLowerCase();
  if (DANGLING_START.has(first)) return `starts with "${first}"`;
  if (DANGLING_PHRASE.test(t.replace(/^["'“‘(]+/, ''))) return 'starts with a connective phrase';
  // "A spokesman, however, said …": a contrast with something the brief does not contain.
  if (/however/i.test(t) && /^(?:\S+\s+){0,10}\S*,\s*however\b/i.test(t)) return 'contrasts with an earlier sentence';
  const straight = (t.match(/"/g) ?? []).length;
  const open = (t.match(/[“]/g) ?? []).length;
  const close = (t.match(/[”]/g) ?? []).length;
  if (straight % 2 !== 0 || open !== close) return 'unbalanced quotation';
  if (/^["“‘']/.test(t) && !ATTRIBUTION.test(t)) return 'unattributed quotation';
  return null;
}

/**
 * Is the first sentence of an article a headline, caption or kicker rather than its lead? Sources
 * without a headline field (plain text, ECB+) often open with the headline as a line of its own
 * ("Microsoft rushes out security patch for Internet Explorer.", "Strong earthquake jolts southern
 * Iran, felt in Oman."), and web pages open with the caption of their lead photo ("Air France
 * A330-200 F-GZCP lands at Paris-Charles de Gaulle Airport on March 28, 2007."). Both are written in
 * headlinese, and what gives headlinese away is what it leaves out: it has no articles ("a", "an",
 * "the") and no auxiliaries of past or perfect tense ("has", "had", "was", "were"), and it is short
 * (at most 15 words). A news lead of that length without a single article or auxiliary is rare, and
 * a lead that ends in an attribution (", her rep told People.") is prose, not a headline. Only the
 * first sentence is judged so: later in the body such terse sentences are ordinary prose ("Sweden has
 * 17 confirmed dead, …"). Checked by reading the first sentences of ECB+ and MultiLing articles
 * (all 152 ECB+ first sentences it flags read as headlines; of the MultiLing leads it flags only the
 * photo caption), not by scoring summaries.
 */
export function isHeadlineLike(text: string): boolean {
  const t = text.trim();
  if (countWords(t) > HEADLINE_MAX_WORDS) return false;
  if (/\b(?:a|an|the|has|have|had|was|were)\b/i.test(t)) return false;
  if (/,\s*(?:[^,\s]+\s+){0,6}(?:said|says|told|tells|reported|reports|confirmed|announced)\b[^,]*$/i.test(t)) return false;
  return true;
}

/** Longest first sentence `isHeadlineLike` considers. */
export const HEADLINE_MAX_WORDS = 15;

/**
 * Headline capitalisation: every content word of four or more letters starts with a capital (Title
 * Case or ALL CAPS), and there are at least three such words. Prose always has lower-case content
 * words ("was charged with third-degree murder"); function words and the four-letter floor skip
 * what Title Case leaves in lower case ("to", "of", "with", "over").
 *
 * Read as one pass over the characters that stops at the first content word not capitalised — in
 * prose that comes within a few words; every sentence of every article of a story is judged, and
 * collecting all the words first was a tenth of a 200-article brief. Texts with characters outside
 * the Basic Multilingual Plane (astral letters are two code units) take the regular-expression way.
 */
function isHeadlineCase(text: string): boolean {
  let long = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return isHeadlineCaseRegex(text);
    if (!isLetterCode(c)) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isLetterCode(text.charCodeAt(i))) i++;
    if (i - start < 4) continue;
    const upper = c < 128 ? c >= 65 && c <= 90 : /^\p{Lu}/u.test(text[start]);
    if (upper && STOPWORDS_MAX_LENGTH < i - start) {
      long++;
      continue;
    }
    if (STOPWORDS.has(text.slice(start, i).toLowerCase())) continue;
    if (!upper) return false;
    long++;
  }
  return long >= 3;
}

/** The same test over `\p{L}{4,}` matches (for texts with astral characters). */
function isHeadlineCaseRegex(text: string): boolean {
  const long = (text.match(/\p{L}{4,}/gu) ?? []).filter((w) => !STOPWORDS.has(w.toLowerCase()));
  return long.length >= 3 && long.every((w) => /^\p{Lu}/u.test(w));
}

/** Longest stopword: a longer word is never one. */
const STOPWORDS_MAX_LENGTH = Math.max(...[...STOPWORDS].map((w) => w.length));

const LETTER = /\p{L}/u;
/** Is UTF-16 code unit `c` (not a surrogate) a letter? */
function isLetterCode(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return LETTER.test(String.fromCharCode(c));
}

/** Time of an article: its publication time, else the date line at its top, else null. */
export function articleTime(a: Pick<Article, 'published' | 'paragraphs'>): number | null {
  const iso = a.published ?? leadingDate(a.paragraphs);
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

/**
 * Segment all articles into units and number their concepts. Concepts are bigrams of adjacent
 * stemmed tokens, except bigrams made only of stopwords (Gillick & Favre 2009: "of the" says nothing
 * about the story; "attack on", "the president" do). Numbers are kept: casualty figures and dates
 * are central facts in news. A bigram is keyed by its two stem ids as one small integer, which
 * keeps the 200-article brief within its time budget (string keys cost most of it).
 *
 * Repeats of a sentence (the same token stems in the same order: syndicated copies, also when an
 * edition changed "says" to "said") are marked `repeat` after their first occurrence:
 * they are not candidates (copies would only crowd the search) but still count as support when
 * citing and in concept weights.
 */
export function buildUnits(articles: readonly Article[], minWords: number): UnitSet {
  const stemIds = new Map<string, number>();
  const stems: string[] = [];
  // Each distinct token gets a code 2·(stem id) + (1 if stopword).
  const table = new TokenTable((t) => {
    const st = stem(t);
    let id = stemIds.get(st);
    if (id === undefined) {
      id = stems.length;
      stemIds.set(st, id);
      stems.push(st);
    }
    // One-letter tokens ("s" of "U.S.", initials) are not content words either.
    return 2 * id + (STOPWORDS.has(t) || t.length < 2 ? 1 : 0);
  });
  const conceptIds = new PairIdTable();
  // Scratch state, reused for every sentence: stamps de-duplicate concepts and stems without Sets.
  let conceptStamp = new Int32Array(1024);
  let stemStamp = new Int32Array(1024);
  const codes: number[] = [];
  const tokenIds: number[] = [];
  let tokenStamp = new Int32Array(1024);
  const units: Unit[] = [];
  const seen = new Set<string>();
  articles.forEach((a, ai) => {
    const paragraphs = Array.isArray(a.paragraphs) ? a.paragraphs.filter((p) => typeof p === 'string') : [];
    const time = articleTime({ published: a.published ?? null, paragraphs });
    for (const sentence of splitSentences(paragraphs)) {
      codes.length = 0;
      tokenIds.length = 0;
      const exact = table.scan(sentence.text, codes, tokenIds);
      const stamp = units.length + 1;
      let tokens: Int32Array | null = null;
      if (exact) {
        let m = 0;
        for (const k of tokenIds) {
          if (k >= tokenStamp.length) tokenStamp = grow(tokenStamp, k);
          if (tokenStamp[k] !== stamp) {
            tokenStamp[k] = stamp;
            tokenIds[m++] = k;
          }
        }
        tokens = new Int32Array(m);
        for (let q = 0; q < m; q++) tokens[q] = tokenIds[q];
      }
      const concepts: number[] = [];
      const ids: number[] = [];
      let prevId = -1;
      let prevStop = true;
      for (let i = 0; i < codes.length; i++) {
        const id = codes[i] >> 1;
        const stop = (codes[i] & 1) === 1;
        if (id >= stemStamp.length) stemStamp = grow(stemStamp, id);
        if (i > 0 && !(stop && prevStop)) {
          const cid = conceptIds.idOf(prevId, id);
          if (cid >= conceptStamp.length) conceptStamp = grow(conceptStamp, cid);
          if (conceptStamp[cid] !== stamp) {
            conceptStamp[cid] = stamp;
            concepts.push(cid);
          }
        }
        if (!stop && stemStamp[id] !== stamp) {
          stemStamp[id] = stamp;
          ids.push(id);
        }
        prevId = id;
        prevStop = stop;
      }
      const key = sequenceKey(codes);
      const repeat = seen.has(key);
      seen.add(key);
      const words = countWords(sentence.text);
      units.push({
        article: ai,
        sentence,
        words,
        stemIds: ids,
        concepts,
        tokens,
        standalone:
          words >= minWords && standaloneProblem(sentence.text, minWords, words) === null && !(sentence.index === 0 && isHeadlineLike(sentence.text)),
        repeat,
        time,
      });
    }
  });
  return { units, conceptCount: conceptIds.size, stems, stemIds, tokens: table.tokens };
}

/** A copy of `a` large enough to hold index `i`. */
function grow(a: Int32Array<ArrayBuffer>, i: number): Int32Array<ArrayBuffer> {
  let n = a.length;
  while (n <= i) n *= 2;
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

/**
 * Dense ids for pairs of small non-negative integers (the two stem ids of a bigram): open
 * addressing with linear probing in typed arrays, doubling when half full. A JavaScript Map keyed
 * by a·V + b or by "a b" strings cost several times more on the 200-article benchmark.
 */
class PairIdTable {
  private keysA = new Int32Array(1 << 12).fill(-1);
  private keysB = new Int32Array(1 << 12);
  private vals = new Int32Array(1 << 12);
  private bits = 12;
  size = 0;

  private slot(a: number, b: number): number {
    // Fibonacci hashing of a mixed key: the high bits of x·φ·2³² spread any key pattern evenly.
    return Math.imul(Math.imul(a, 0x9e3779b1) ^ b, 0x9e3779b1) >>> (32 - this.bits);
  }

  idOf(a: number, b: number): number {
    const mask = (1 << this.bits) - 1;
    let h = this.slot(a, b);
    while (true) {
      const k = this.keysA[h];
      if (k === -1) {
        this.keysA[h] = a;
        this.keysB[h] = b;
        this.vals[h] = this.size;
        const id = this.size++;
        if (this.size * 2 > this.keysA.length) this.rehash();
        return id;
      }
      if (k === a && this.keysB[h] === b) return this.vals[h];
      h = (h + 1) & mask;
    }
  }

  private rehash(): void {
    const [oa, ob, ov] = [this.keysA, this.keysB, this.vals];
    this.bits++;
    const n = 1 << this.bits;
    this.keysA = new Int32Array(n).fill(-1);
    this.keysB = new Int32Array(n);
    this.vals = new Int32Array(n);
    const mask = n - 1;
    for (let i = 0; i < oa.length; i++) {
      if (oa[i] === -1) continue;
      let h = this.slot(oa[i], ob[i]);
      while (this.keysA[h] !== -1) h = (h + 1) & mask;
      this.keysA[h] = oa[i];
      this.keysB[h] = ob[i];
      this.vals[h] = ov[i];
    }
  }
}

/** Number of white-space separated words (as `text.split(/\s+/)` of a trimmed text counts them). */
export function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x3000 || c === 0x1680 || c === 0x202f || c === 0x205f;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** A collision-resistant key (two 32-bit FNV-1a hashes and the length) for a token-code sequence. */
function sequenceKey(codes: readonly number[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const c of codes) {
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ (c + 0x9e3779b9), 0x85ebca6b) ^ (h2 >>> 13);
  }
  return `${h1 >>> 0}.${h2 >>> 0}.${codes.length}`;
}

const UNICODE_WORD_CHAR = /[\p{L}\p{N}]/u;

/** Is char code `c` (at `i` in `t`) part of a token: ASCII letter/digit, or any Unicode letter/digit. */
function isTokenChar(c: number, t: string, i: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  return UNICODE_WORD_CHAR.test(t[i]);
}

/**
 * Token → code table reading tokens straight out of the text (the same tokens as `lexTokens`):
 * an FNV-1a hash is computed while scanning, and a substring is created only for a token never seen
 * before. A JavaScript Map would need a fresh string per token and hash it again; on the
 * 200-article benchmark that lookup was the single largest cost of a brief.
 */
class TokenTable {
  private slots = new Int32Array(1 << 14);
  private mask = (1 << 14) - 1;
  /** The distinct tokens, folded, by id (the order of first occurrence). */
  readonly tokens: string[] = [];
  private readonly hashes: number[] = [];
  private readonly codes: number[] = [];
  constructor(private readonly codeFor: (token: string) => number) {}

  /**
   * Append the codes of the tokens of `t` (case-folded as `lexTokens` does) to `out`, and their ids
   * to `ids`. Returns false when `lexTokens(t)` may split the text otherwise: it lower-cases the
   * whole text before matching, with code points, so a surrogate pair (an astral letter) or a
   * letter whose lower case has another length can make other tokens.
   */
  scan(t: string, out: number[], ids: number[]): boolean {
    const n = t.length;
    let i = 0;
    let exact = true;
    while (i < n) {
      const c0 = t.charCodeAt(i);
      if (!isTokenChar(c0, t, i)) {
        if (c0 >= 0xd800 && c0 <= 0xdfff) exact = false;
        i++;
        continue;
      }
      const start = i;
      let h = 0x811c9dc5;
      let ascii = true;
      while (i < n) {
        let c = t.charCodeAt(i);
        if (!isTokenChar(c, t, i)) break;
        if (c >= 65 && c <= 90) c += 32;
        else if (c >= 128) ascii = false;
        h = Math.imul(h ^ c, 0x01000193);
        i++;
      }
      let k: number;
      if (ascii) k = this.lookup(t, start, i, h >>> 0);
      else {
        const folded = t.slice(start, i).toLowerCase();
        // (Greek capital sigma is the one letter whose lower case depends on what follows it.)
        if (folded.length !== i - start || folded.includes('ς')) exact = false;
        k = this.lookupToken(folded);
      }
      out.push(this.codes[k]);
      ids.push(k);
    }
    return exact;
  }

  /** Non-ASCII tokens: fold with toLowerCase (which may change the length) and hash the result; returns the token id. */
  private lookupToken(token: string): number {
    let h = 0x811c9dc5;
    for (let j = 0; j < token.length; j++) h = Math.imul(h ^ token.charCodeAt(j), 0x01000193);
    return this.lookup(token, 0, token.length, h >>> 0, true);
  }

  private lookup(t: string, start: number, end: number, h: number, folded = false): number {
    let p = h & this.mask;
    while (true) {
      const slot = this.slots[p];
      if (slot === 0) {
        const token = t.slice(start, end);
        return this.insert(folded ? token : token.toLowerCase(), h, p);
      }
      const k = slot - 1;
      if (this.hashes[k] === h && this.same(this.tokens[k], t, start, end)) return k;
      p = (p + 1) & this.mask;
    }
  }

  /** Does `token` (folded) equal `t[start, end)` after folding ASCII capitals? */
  private same(token: string, t: string, start: number, end: number): boolean {
    if (token.length !== end - start) return false;
    for (let j = 0; j < token.length; j++) {
      let c = t.charCodeAt(start + j);
      if (c >= 65 && c <= 90) c += 32;
      if (token.charCodeAt(j) !== c) return false;
    }
    return true;
  }

  /** Add a new token; returns its id. */
  private insert(token: string, h: number, p: number): number {
    const code = this.codeFor(token);
    this.tokens.push(token);
    this.hashes.push(h);
    this.codes.push(code);
    this.slots[p] = this.tokens.length;
    if (this.tokens.length * 2 > this.slots.length) this.grow();
    return this.tokens.length - 1;
  }

  private grow(): void {
    const size = this.slots.length * 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let k = 0; k < this.tokens.length; k++) {
      let p = this.hashes[k] & this.mask;
      while (this.slots[p] !== 0) p = (p + 1) & this.mask;
      this.slots[p] = k + 1;
    }
  }
}
