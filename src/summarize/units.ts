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
  /** Distinct stems of the content words (no stopwords), in order of first occurrence. */
  stems: string[];
  /** Distinct concept ids (stemmed bigrams numbered per story, see `buildUnits`). */
  concepts: number[];
  /** Can this sentence be read on its own in a brief? (see `standaloneProblem`) */
  standalone: boolean;
  /** True when an earlier article already has this exact sentence (a syndicated copy). */
  repeat: boolean;
  /** Article time in ms since the epoch, or null when unknown. */
  time: number | null;
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
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
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
 * - it is too short to state a fact (fewer than `minWords` words: headings, captions, "He was 95.");
 * - it does not end like a sentence (headings, list items, captions have no final `.`/`!` or
 *   closing quote after one), or it is a question;
 * - it starts in lower case (a fragment cut from a longer sentence);
 * - it opens with a pronoun, demonstrative or connective that refers back ("He added …",
 *   "However, …", "For his part, …"), or has a parenthetical "however" in its first clause;
 * - it is an unattributed or unbalanced quotation: quote marks that do not pair up (a piece of a
 *   multi-sentence quote), or a sentence that is mostly quotation with no speaker.
 */
export function standaloneProblem(text: string, minWords: number): string | null {
  const t = text.trim();
  const words = t.split(/\s+/);
  if (words.length < minWords) return 'too short';
  if (!/[.!]["'”’)\]]*$/.test(t)) return t.endsWith('?') ? 'question' : 'no final punctuation';
  if (/^[\p{Ll}]/u.test(t)) return 'starts in lower case';
  const first = (t.match(/^["'“‘(]*([\p{L}']+)/u)?.[1] ?? '').toLowerCase();
  if (DANGLING_START.has(first)) return `starts with "${first}"`;
  if (DANGLING_PHRASE.test(t.replace(/^["'“‘(]+/, ''))) return 'starts with a connective phrase';
  // "A spokesman, however, said …": a contrast with something the brief does not contain.
  if (/^(?:\S+\s+){0,10}\S*,\s*however\b/i.test(t)) return 'contrasts with an earlier sentence';
  const straight = (t.match(/"/g) ?? []).length;
  const open = (t.match(/[“]/g) ?? []).length;
  const close = (t.match(/[”]/g) ?? []).length;
  if (straight % 2 !== 0 || open !== close) return 'unbalanced quotation';
  if (/^["“‘']/.test(t) && !ATTRIBUTION.test(t)) return 'unattributed quotation';
  return null;
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
 * Exact repeats of a sentence (syndicated copies) are marked `repeat` after their first occurrence:
 * they are not candidates (copies would only crowd the search) but still count as support when
 * citing and in concept weights.
 */
export function buildUnits(articles: readonly Article[], minWords: number): { units: Unit[]; conceptCount: number } {
  // Pass 1: sentences, tokens and stem ids. `tokenCode` maps a token straight to
  // 2·(stem id) + (1 if stopword): one map lookup per token.
  const tokenCode = new Map<string, number>();
  const stemIds = new Map<string, number>();
  const stemOf: string[] = [];
  const sentences: Array<{ article: number; sentence: Sentence; codes: Int32Array; key: string; time: number | null }> = [];
  articles.forEach((a, ai) => {
    const paragraphs = Array.isArray(a.paragraphs) ? a.paragraphs.filter((p) => typeof p === 'string') : [];
    const time = articleTime({ published: a.published ?? null, paragraphs });
    for (const s of splitSentences(paragraphs)) {
      const toks = lexTokens(s.text);
      const codes = new Int32Array(toks.length);
      for (let i = 0; i < toks.length; i++) {
        const t = toks[i];
        let code = tokenCode.get(t);
        if (code === undefined) {
          const st = stem(t);
          let id = stemIds.get(st);
          if (id === undefined) {
            id = stemOf.length;
            stemIds.set(st, id);
            stemOf.push(st);
          }
          // One-letter tokens ("s" of "U.S.", initials) are not content words either.
          code = 2 * id + (STOPWORDS.has(t) || t.length < 2 ? 1 : 0);
          tokenCode.set(t, code);
        }
        codes[i] = code;
      }
      sentences.push({ article: ai, sentence: s, codes, key: toks.join(' '), time });
    }
  });
  // Pass 2: concepts keyed a·V + b (V = vocabulary size).
  const V = Math.max(1, stemOf.length);
  const totalTokens = Math.max(1, sentences.reduce((n, s) => n + s.codes.length, 0));
  const conceptIds = V * V < 2 ** 31 ? new IntIdTable(totalTokens) : new MapIdTable();
  const conceptStamp = new Int32Array(totalTokens);
  const stemStamp = new Int32Array(V);
  const units: Unit[] = [];
  const seen = new Set<string>();
  sentences.forEach((x, no) => {
    const stamp = no + 1;
    const concepts: number[] = [];
    const stems: string[] = [];
    let prevId = -1;
    let prevStop = true;
    for (let i = 0; i < x.codes.length; i++) {
      const id = x.codes[i] >> 1;
      const stop = (x.codes[i] & 1) === 1;
      if (i > 0 && !(stop && prevStop)) {
        const cid = conceptIds.idOf(prevId * V + id);
        if (conceptStamp[cid] !== stamp) {
          conceptStamp[cid] = stamp;
          concepts.push(cid);
        }
      }
      if (!stop && stemStamp[id] !== stamp) {
        stemStamp[id] = stamp;
        stems.push(stemOf[id]);
      }
      prevId = id;
      prevStop = stop;
    }
    const repeat = seen.has(x.key);
    seen.add(x.key);
    units.push({
      article: x.article,
      sentence: x.sentence,
      words: x.sentence.text.split(/\s+/).length,
      stems,
      concepts,
      standalone: standaloneProblem(x.sentence.text, minWords) === null,
      repeat,
      time: x.time,
    });
  });
  return { units, conceptCount: conceptIds.size };
}

/**
 * Dense ids for non-negative 31-bit integer keys: open addressing with linear probing in typed
 * arrays, sized once for the worst case (every bigram distinct) so it never rehashes. A JavaScript
 * Map costs ~15 ms per 64k integer keys on the benchmark machine; this costs about a tenth.
 */
class IntIdTable {
  private readonly keys: Int32Array;
  private readonly vals: Int32Array;
  private readonly mask: number;
  size = 0;
  constructor(maxKeys: number) {
    let cap = 16;
    while (cap < maxKeys * 2) cap *= 2;
    this.keys = new Int32Array(cap).fill(-1);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
  }
  idOf(key: number): number {
    let h = Math.imul(key, 0x9e3779b1) & this.mask;
    while (true) {
      const k = this.keys[h];
      if (k === key) return this.vals[h];
      if (k === -1) {
        this.keys[h] = key;
        this.vals[h] = this.size;
        return this.size++;
      }
      h = (h + 1) & this.mask;
    }
  }
}

/** The same interface over a Map, for vocabularies too large for 31-bit pair keys. */
class MapIdTable {
  private readonly map = new Map<number, number>();
  get size(): number {
    return this.map.size;
  }
  idOf(key: number): number {
    let id = this.map.get(key);
    if (id === undefined) this.map.set(key, (id = this.map.size));
    return id;
  }
}
