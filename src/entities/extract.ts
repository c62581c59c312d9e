/**
 * Mention extraction: find the proper names of people, organisations and places in an article,
 * with character offsets, roles and affiliations.
 *
 * The method, and why:
 * 1. **Tokens and sentences** come from the shared fast tokenizer; the text between two tokens
 *    (the "gap") tells punctuation, quotes, possessives and sentence ends. A full NLP pipeline on
 *    every article would cost most of the speed budget (see `src/text/pos.ts`).
 * 2. **Name tokens.** Inside an ordinary sentence a capitalised word that does not open the
 *    sentence is a proper-name word — the standard English cue. Capitalisation is uninformative
 *    for a sentence's first word and for headline-style sentences (title case or all capitals), so
 *    there the decision uses, in order: closed-class function words (never names); *document
 *    evidence* — the same word capitalised mid-sentence elsewhere in the article (a name) or
 *    written in lower case (a common word), the way truecasers decide; the gazetteer; and last
 *    wink-nlp's part-of-speech tag in context (PROPN), asked only for these few words.
 * 3. **Chunks** are maximal runs of name tokens separated by spaces only, kept together across
 *    name particles and hyphenated prefixes (al-, el-, bin, van, de, Abu), initials and title
 *    abbreviations ("W. Mark Felt", "Gov.Sarah Palin"), "of"/"for" after an organisation, place or
 *    role head word ("Gulf of Aden", "Secretary of State"), "and" inside institutional names
 *    ("Central Election and Referendum Commission"), multi-word gazetteer names ("Trinidad and
 *    Tobago") and quoted nicknames ('Vincent "The Chin" Gigante', kept as an alias).
 * 4. **Parse** each chunk from the right: the person name, then the role words before it
 *    ("Defense Minister", "Brigadier General"), then what precedes the role — a demonym or place
 *    (affiliation: "Iranian" → Iran) or an organisation (its own mention and the affiliation).
 *    Lower-case roles just before a name ("wide receiver Vincent Jackson") and appositives just
 *    after it (", the Iraqi defense minister,") are read the same way.
 * 5. **Classify** by cues: honorifics and titles → person; organisation head words (Ministry,
 *    Agency, Council, Party, Inc., …) → organisation; place head words (Gulf, Mount, …) and the
 *    gazetteer → place; acronyms → organisation; a known given name or an Arabic name particle →
 *    person. Then within the article a lone word equal to a known person's surname is that person
 *    (a city named "Jackson" next to "Vincent Jackson" is a person), and a word keeps its majority
 *    sense in the article (one sense per discourse: a lone "in Chiefs red" does not make every
 *    "Chiefs" a place).
 * 6. **Metonymy and headline roles.** In a sentence reporting a game score, a place name without a
 *    locative preposition before it is the team ("win over Jacksonville 31-24" → organisation). A
 *    role noun in a headline-style sentence is a (role-only) mention when the article also writes
 *    it before a name ("RECEIVER ARRESTED" … "wide receiver Vincent Jackson"); resolution links it
 *    to that holder.
 * 7. **Descriptions** (rule 10 of resolve.ts): a descriptor noun of the lexicon ("woman", "teen",
 *    "climber", "rehab", and lower-case role nouns: "the coach", "her rep") heading a phrase that
 *    refers back — determined by "the"/"this"/"that" (a possessive too for role nouns), or bare
 *    in headline style — is a mention of kind `description`; see {@link descriptions}. Person
 *    nouns inside quoted speech are the speaker's and are left alone. Alongside: the sex a
 *    person's mention states (`sex`: honorific, a one-sex given name, or the he/she pronoun after
 *    a sentence's subject), the place an organisation or facility phrase is located in
 *    (`locatedIn`: "Morningside Recovery in Newport Beach", "Malibu Rehab"), and a person's name
 *    used for the facility named after the person ("checks into Betty Ford", when the article
 *    also names "the Betty Ford Center") typed organisation. Capitalisation is no name evidence
 *    for a descriptor noun the article writes in lower case elsewhere ("Muslim Woman Shoots
 *    Co-workers"), nor for a capitalised -ed verb right before a given name ("76ERS Fired Jim
 *    O'Brien").
 * 8. **Speed.** Tokens are scanned by hand (the shared tokenizer's grammar, tested equal) rather
 *    than through regex match objects: allocation and garbage collection dominate extraction.
 *    The descriptor look-up shares the one per-word look-up of role words; per-token buffers are
 *    reused across articles.
 */
import type { Article } from '../types.js';
import type { EntityType, Mention } from './types.js';
import { STOPWORDS } from '../text/tokenize.js';
import { bodyText } from '../ingest/finalize.js';
import {
  ABBREVIATIONS,
  ADJECTIVAL_NAMES,
  DAYS,
  DEFINITE_DETERMINERS,
  DESIGNATORS,
  ENUMERATING_HEADS,
  FACILITY_DESCRIPTORS,
  FACILITY_HEADS,
  FUNCTION_WORDS,
  INSTITUTION_NOUNS,
  KINSHIP_NOUNS,
  HONORIFICS,
  HYPHEN_PREFIX_RE,
  MONTHS,
  TIME_ZONES,
  CURRENCY_CODES,
  COMPOUND_PARTICIPLES,
  KNOWN_ORGANISATIONS,
  NAME_PARTICLES,
  NAME_SUFFIXES,
  ORG_FOLLOWERS,
  ORG_WORDS,
  PERSON_DESCRIPTORS,
  PLACE_WORDS,
  ROLE_HEADS,
  ROLE_MODIFIERS,
  TITLE_ABBREVIATIONS,
} from './lexicon.js';
import { demonymCountry, demonymOf, isGivenName, lookupPlaceAbbreviation, lookupPlaceKey, maxPlaceTokens, type Place } from './gazetteer.js';
import { fold, givenNameSex, nameTokens, tokenSimilarity } from './names.js';
import { firstWordIsProperNoun, isLexiconWord, tagSnippet } from '../text/pos.js';

/**
 * The text mention offsets refer to: the headline, a blank line and the body paragraphs joined by
 * blank lines; only the body when there is no headline or it was derived from the body.
 */
export function entityText(article: Pick<Article, 'headline' | 'headlineDerived' | 'paragraphs'>): string {
  const body = bodyText(article);
  return article.headline && !article.headlineDerived ? `${article.headline}\n\n${body}` : body;
}

/** All person, organisation and place mentions of an article, in text order. */
export function extractMentions(article: Article): Mention[] {
  return extractMentionsFromText(entityText(article), article.id);
}

interface Tok extends WordInfo {
  start: number;
  end: number;
  sent: number;
  initial: boolean;
  name: boolean;
  /** A lone "s" after a spaced apostrophe ("Hollywood ’ s"): part of the previous possessive. */
  possMarker: boolean;
}

type Mode = 'normal' | 'title' | 'caps';

const UPPER = /^\p{Lu}/u;
const TITLE_OPENERS = new Set(['the', 'a', 'an', 'us']);
const HAS_LETTER = /\p{L}/u;
const ALL_CAPS = /^[\p{Lu}\d.&'’-]+$/u;
const DIGIT_NAME = /^\d+\p{L}+$/u;
/** An acronym of six to eight capitals ("UNFCCC"; see classify). */
const LONG_ACRONYM = /^[A-Z]{6,8}$/;
/** A flight number after "Flight" ("Flight 447"). */
const FLIGHT_NUMBER = /^\d{1,4}$/;
/** An airline's flight designator: two-letter IATA code and number ("AF447", "BA6634"). */
const FLIGHT_DESIGNATOR = /^[A-Z]{2}\d{1,4}$/;

function isFunction(lower: string): boolean {
  return FUNCTION_WORDS.has(lower) || STOPWORDS.has(lower);
}

function isRoleWord(lower: string): boolean {
  return ROLE_HEADS.has(lower) || ROLE_MODIFIERS.has(lower) || TITLE_ABBREVIATIONS.has(lower) || HONORIFICS.has(lower);
}

function titleCase(w: string): string {
  return w
    .toLowerCase()
    .replace(/(^|[\s\-'’])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase());
}

/** Extract from plain text (offsets index `text`). */
export function extractMentionsFromText(text: string, articleId: string): Mention[] {
  const toks = prepareTokens(text);
  if (toks.length === 0) return [];
  const modes = sentenceModes(toks);
  const known = new Map<string, string>(); // lower → mixed-case display seen mid-sentence
  const lowerSeen = new Set<string>();
  let anyNormal = false;
  const rolesStated = new Set<string>();
  let dcls: Uint8Array | null = null;
  let pronouns = false;
  const nouns: number[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (!t.alpha) continue;
    // one look-up per word serves role statements here, descriptions and pronouns later
    const cls = DESCRIPTOR_CLASS.get(t.lower);
    if (cls !== undefined) {
      (dcls ??= new Uint8Array(toks.length))[i] = cls;
      if (cls & (HE_WORD | SHE_WORD)) pronouns = true;
      if (cls & NOUNS) nouns.push(i);
    }
    if (cls !== undefined && cls & ROLE_NOUN && modes[t.sent] === 'normal') {
      const next = toks[i + 1];
      if (next && next.sent === t.sent && next.cap && !next.func && !t.poss) rolesStated.add(t.lower);
    }
    if (!t.cap) lowerSeen.add(t.lower);
    else if (!t.initial && modes[t.sent] === 'normal' && !t.func) {
      if (!t.caps || !known.has(t.lower)) known.set(t.lower, t.base);
    }
    if (modes[t.sent] === 'normal') anyNormal = true;
  }
  const ctx: Ctx = { text, toks, modes, known, lowerSeen, anyNormal, propn: new Map(), rolesStated, dcls, pronouns, nouns };
  for (let i = 0; i < toks.length; i++) toks[i].name = decideName(ctx, i);
  const chunks = chunk(ctx);
  return parseChunks(ctx, chunks, articleId);
}

// ---------------------------------------------------------------------------------------------
// tokens, sentences, modes

/** Is the character at `i` an ASCII digit (what `\d` matches)? */
function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

function isUpperAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  return UPPER.test(s.charAt(i));
}

/** Verbs of saying, after which a bare singular sentence opener is a name ("White said"). */
const REPORTING_VERBS = new Set(['said', 'says', 'told', 'tells', 'added', 'adds', 'stated', 'states', 'explained', 'explains', 'claimed', 'claims', 'noted', 'notes', 'insisted', 'admitted', 'denied', 'confirmed', 'confirms', 'argued', 'replied', 'wrote', 'writes', 'asked']);

/** Has the word an ASCII capital after its first letter ("DoD", "McCain", "iPhone")? */
function innerCapital(s: string): boolean {
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

/** Letters in a token, and whether all of them are upper case (results in two scratch variables). */
let statLetters = 0;
let statUpper = true;
function letterStats(s: string): void {
  let letters = 0;
  let upper = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) letters++;
    else if (c >= 97 && c <= 122) {
      letters++;
      upper = false;
    } else if (c >= 128) {
      const ch = s.charAt(i);
      if (HAS_LETTER.test(ch)) {
        letters++;
        if (ch === ch.toLowerCase() && ch !== ch.toUpperCase()) upper = false;
      }
    }
  }
  statLetters = letters;
  statUpper = upper;
}

const INITIAL_GAP = /:\s*$|["“‘`]\s*$|(^|\s)'\s*$|''\s*$|[-–—]\s*$/;

/**
 * The shared tokenizer's pattern (`text/tokenize.ts`). Extraction does not run it: the scanner
 * below produces exactly its tokens (a test compares the two on real articles) without the match
 * array, substring and token object the regex path allocates for every word — allocation, and the
 * garbage collection it causes, was the largest cost of extraction.
 */
export const TOKEN_PATTERN = /(?:\p{L}\.){2,}|\p{N}+(?:[.,:]\p{N}+)*(?:\p{L}+)?|[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

const LETTER = /\p{L}/u;
const NUMBER = /\p{N}/u;
/** Width in UTF-16 units of the code point last classified by {@link charClass}. */
let cpWidth = 1;
/** 1 letter, 2 number, 0 anything else, for the code point at `i` (sets {@link cpWidth}). */
function charClass(s: string, i: number): 0 | 1 | 2 {
  const c = s.charCodeAt(i);
  cpWidth = 1;
  if (c < 128) {
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return 1;
    return c >= 48 && c <= 57 ? 2 : 0;
  }
  let ch = s[i];
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    ch = s.slice(i, i + 2);
    cpWidth = 2;
  }
  if (LETTER.test(ch)) return 1;
  return NUMBER.test(ch) ? 2 : 0;
}

/** End of the token starting at `i` (a letter or number), by the alternatives of {@link TOKEN_PATTERN} in order. */
function tokenEnd(s: string, i: number, k: 1 | 2): number {
  const n = s.length;
  if (k === 1) {
    // (?:\p{L}\.){2,}: "U.S.", "D.C."
    let j = i;
    let reps = 0;
    while (j < n && charClass(s, j) === 1 && j + cpWidth < n && s.charCodeAt(j + cpWidth) === 46) {
      j += cpWidth + 1;
      reps++;
    }
    if (reps >= 2) return j;
  } else {
    // \p{N}+(?:[.,:]\p{N}+)*(?:\p{L}+)?: "3,197", "2.5", "76ers"
    let j = i;
    while (j < n && charClass(s, j) === 2) j += cpWidth;
    for (;;) {
      const c = s.charCodeAt(j);
      if ((c === 46 || c === 44 || c === 58) && j + 1 < n && charClass(s, j + 1) === 2) {
        j++;
        while (j < n && charClass(s, j) === 2) j += cpWidth;
      } else break;
    }
    while (j < n && charClass(s, j) === 1) j += cpWidth;
    return j;
  }
  // [\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*: "al-Hiyali", "Iran's"
  let j = i;
  while (j < n && charClass(s, j) !== 0) j += cpWidth;
  for (;;) {
    const c = s.charCodeAt(j);
    if ((c === 39 || c === 8217 || c === 45) && j + 1 < n && charClass(s, j + 1) !== 0) {
      j++;
      while (j < n && charClass(s, j) !== 0) j += cpWidth;
    } else break;
  }
  return j;
}

/** Token spans as flat [start, end, start, end, …] — the scanner of {@link prepareTokens}, for tests. */
export function scanTokenSpans(text: string): number[] {
  const out: number[] = [];
  for (let at = 0; at < text.length; ) {
    const k = charClass(text, at);
    if (k === 0) {
      at += cpWidth;
      continue;
    }
    const end = tokenEnd(text, at, k);
    out.push(at, end);
    at = end;
  }
  return out;
}

/** What a token's own text determines (the fields of {@link Tok} that do not depend on context). */
interface WordInfo {
  /** the token text (one shared string per distinct word) */
  text: string;
  /** Folded lower case, possessive removed, inner periods removed ("U.S." → "us"). */
  lower: string;
  /** Surface without possessive. */
  base: string;
  poss: boolean;
  cap: boolean;
  caps: boolean;
  alpha: boolean;
  /** a closed-class function word (computed once) */
  func: boolean;
}

/**
 * Word facts by token text. News text repeats its words (a few thousand distinct words cover most
 * tokens), so folding, letter statistics and the look-ups are done once per distinct word rather
 * than once per token, and the tokens share the strings (whose hashes the later set look-ups then
 * find computed). The table is open-addressed on a hash of the characters, compared in place in
 * the text, so that a word seen before costs no substring; bounded like the skeleton cache of
 * names.ts.
 */
const WORD_CACHE_MAX = 200_000;
let wordSlots = new Int32Array(1 << 14).fill(-1);
let wordHashes: number[] = [];
let wordInfos: WordInfo[] = [];

function wordHash(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/** The facts of the word text[start, end). */
function wordAt(text: string, start: number, end: number): WordInfo {
  const h = wordHash(text, start, end);
  const len = end - start;
  const mask = wordSlots.length - 1;
  let slot = h & mask;
  for (let e = wordSlots[slot]; e >= 0; e = wordSlots[slot]) {
    if (wordHashes[e] === h) {
      const w = wordInfos[e];
      if (w.text.length === len && text.startsWith(w.text, start)) return w;
    }
    slot = (slot + 1) & mask;
  }
  const info = wordInfo(text.slice(start, end));
  if (wordInfos.length >= WORD_CACHE_MAX) {
    wordSlots = new Int32Array(1 << 14).fill(-1);
    wordHashes = [];
    wordInfos = [];
  } else if (2 * (wordInfos.length + 1) > wordSlots.length) {
    // grow: keep the load at most one half
    wordSlots = new Int32Array(2 * wordSlots.length).fill(-1);
    for (let e = 0; e < wordInfos.length; e++) placeWord(e);
  }
  wordHashes.push(h);
  wordInfos.push(info);
  placeWord(wordInfos.length - 1);
  return info;
}

function placeWord(e: number): void {
  const mask = wordSlots.length - 1;
  let slot = wordHashes[e] & mask;
  while (wordSlots[slot] >= 0) slot = (slot + 1) & mask;
  wordSlots[slot] = e;
}

function wordInfo(rText: string): WordInfo {
  let t = rText;
  let poss = false;
  const n = t.length;
  if (n > 2 && (t.charCodeAt(n - 1) === 115 || t.charCodeAt(n - 1) === 83) && (t[n - 2] === "'" || t[n - 2] === '’')) {
    t = t.slice(0, -2);
    poss = true;
  }
  const hyphenName = t.includes('-') && HYPHEN_PREFIX_RE.test(t);
  const cap = isUpperAt(t, 0) || (hyphenName && isUpperAt(t.replace(HYPHEN_PREFIX_RE, ''), 0));
  letterStats(t);
  let lower = fold(t);
  if (lower.includes('.') || lower.includes("'")) lower = lower.replace(/[.']/g, '');
  return {
    text: rText,
    lower,
    base: t,
    poss,
    cap,
    caps: statLetters >= 2 && statUpper && ALL_CAPS.test(t),
    alpha: statLetters > 0,
    func: isFunction(lower),
  };
}

function prepareTokens(text: string): Tok[] {
  const toks: Tok[] = [];
  let sent = 0;
  let prev: Tok | null = null;
  const len = text.length;
  for (let at = 0; at < len; ) {
    const k = charClass(text, at);
    if (k === 0) {
      at += cpWidth;
      continue;
    }
    const rStart = at;
    const rEnd = tokenEnd(text, at, k);
    at = rEnd;
    const w = wordAt(text, rStart, rEnd);
    const rText = w.text;
    // most gaps are a single space: recognise them without slicing
    const simpleGap = !!prev && rStart === prev.end + 1 && text.charCodeAt(prev.end) === 32;
    const gap = simpleGap ? ' ' : prev ? text.slice(prev.end, rStart) : text.slice(0, rStart);
    let possMarker = false;
    if (prev && !simpleGap) {
      possMarker = (rText === 's' || rText === 'S') && /^\s*['’]\s*$/.test(gap);
      if (possMarker) prev.poss = true;
      // plural possessive "Chargers' "
      if (!prev.poss && /^['’](\s|$)/.test(gap) && /s$/i.test(prev.base)) prev.poss = true;
    }
    // sentence boundary?
    if (prev && !simpleGap && isBoundary(prev, gap, rText)) sent++;
    const tok: Tok = {
      text: w.text,
      start: rStart,
      end: rEnd,
      lower: w.lower,
      base: w.base,
      poss: w.poss,
      cap: w.cap,
      caps: w.caps,
      alpha: w.alpha,
      sent,
      initial: !prev || sent !== prev.sent || (!simpleGap && INITIAL_GAP.test(gap)),
      name: false,
      func: w.func,
      possMarker,
    };
    toks.push(tok);
    prev = tok;
  }
  return toks;
}

function isBoundary(prev: Tok, gap: string, next: string): boolean {
  if (gap.includes('\n')) return true;
  const c0 = next.charCodeAt(0);
  const nextCap = (c0 >= 48 && c0 <= 57) || isUpperAt(next, 0);
  const quote = gap.includes('"') || gap.includes('“') || gap.includes("'") || gap.includes('‘');
  if (gap.includes('!') || gap.includes('?')) return nextCap || quote;
  const dot = gap.indexOf('.');
  if (dot >= 0) {
    if (!nextCap && !quote) return false;
    if (gap.trimStart().startsWith('.')) {
      // "Dr. Gupta", "W. Mark Felt", "Gov. Palin": a title or an initial runs on into the name
      if (prev.base.length === 1 || HONORIFICS.has(prev.lower) || TITLE_ABBREVIATIONS.has(prev.lower)) return false;
      // "Calif.", "Inc.", "Jan.": a sentence ends there only if the next word plainly opens one
      if (ABBREVIATIONS.has(prev.lower)) return isFunction(fold(next));
    }
    return true;
  }
  // "in Washington, D.C. The" — period inside the token
  return prev.text.endsWith('.') && nextCap && gap.trim() === '' && isFunction(fold(next));
}

/**
 * Casing mode of each sentence. `caps`: at least 80% of its content words are in capitals (a
 * shouted headline; the 80% leaves room for a stray number-word or unit). `title`: three or more
 * content words and not one of them in lower case (a title-case headline; ordinary sentences,
 * even name-dense ones, contain a lower-case verb or noun). Function words are ignored, since
 * title case leaves them lower case; numbers ("76ers") are neutral.
 */
function sentenceModes(toks: Tok[]): Mode[] {
  const modes: Mode[] = [];
  let i = 0;
  while (i < toks.length) {
    const s = toks[i].sent;
    let content = 0;
    let caps = 0;
    let lower = 0;
    let j = i;
    for (; j < toks.length && toks[j].sent === s; j++) {
      const t = toks[j];
      if (!t.alpha || t.possMarker || t.func || isDigitAt(t.text, 0)) continue;
      content++;
      if (t.caps) caps++;
      if (!t.cap) lower++;
    }
    let mode: Mode = 'normal';
    if (content >= 2 && caps >= 0.8 * content) mode = 'caps';
    else if (content >= 3 && lower === 0) mode = 'title';
    modes[s] = mode;
    i = j;
  }
  return modes;
}

// ---------------------------------------------------------------------------------------------
// name-token decision

interface Ctx {
  text: string;
  toks: Tok[];
  modes: Mode[];
  known: Map<string, string>;
  lowerSeen: Set<string>;
  anyNormal: boolean;
  propn: Map<number, boolean>;
  /** Role head words the article writes just before a name, in an ordinary sentence ("wide receiver Vincent Jackson"). */
  rolesStated: Set<string>;
  /** Class bits of each word that can head a description or is a he/she pronoun (see {@link descriptions}); null when none is. */
  dcls: Uint8Array | null;
  /** Does the text have a he/she pronoun? */
  pronouns: boolean;
  /** Indices of the words that can head a description, in order. */
  nouns: number[];
}

function sentenceEndIndex(toks: Tok[], i: number): number {
  let j = i;
  while (j + 1 < toks.length && toks[j + 1].sent === toks[i].sent) j++;
  return j;
}

function capNeighbour(ctx: Ctx, i: number): boolean {
  const t = ctx.toks[i];
  for (const j of [i - 1, i + 1]) {
    const u = ctx.toks[j];
    if (!u || u.sent !== t.sent || !u.cap || u.func || ctx.lowerSeen.has(u.lower)) continue;
    if (SPACES.test(gapOf(ctx, Math.min(i, j), Math.max(i, j)))) return true;
  }
  return false;
}

function posProperNoun(ctx: Ctx, i: number): boolean {
  const cached = ctx.propn.get(i);
  if (cached !== undefined) return cached;
  const { toks, text } = ctx;
  const mode = ctx.modes[toks[i].sent];
  if (mode === 'normal') {
    // tag a short window around the word: two words of left context (unless it opens the
    // sentence) and a few after
    let s = i;
    while (s > 0 && s > i - 2 && toks[s - 1].sent === toks[i].sent && !toks[i].initial) s--;
    const last = Math.min(sentenceEndIndex(toks, i), i + 5);
    const base = toks[s].start;
    if (s === i) {
      const r = firstWordIsProperNoun(text.slice(base, toks[last].end));
      ctx.propn.set(i, r);
      return r;
    }
    const spans = tagSnippet(text.slice(base, toks[last].end));
    const r = spans.some((x) => x.start + base === toks[i].start && x.pos === 'PROPN');
    ctx.propn.set(i, r);
    return r;
  }
  // a document with no ordinary sentence: tag the whole (short) sentence once
  let s = i;
  while (s > 0 && toks[s - 1].sent === toks[i].sent) s--;
  const e = sentenceEndIndex(toks, i);
  const base = toks[s].start;
  const spans = tagSnippet(text.slice(base, toks[e].end));
  const byStart = new Map(spans.map((x) => [x.start + base, x.pos]));
  for (let k = s; k <= e; k++) ctx.propn.set(k, byStart.get(toks[k].start) === 'PROPN');
  return ctx.propn.get(i) ?? false;
}

function decideName(ctx: Ctx, i: number): boolean {
  const toks = ctx.toks;
  const t = toks[i];
  if (!t.alpha || t.possMarker) return false;
  if (!t.cap) return false;
  if (HYPHEN_PREFIX_RE.test(t.base)) return true;
  const lower = t.lower;
  if (lower === 'i' || DAYS.has(lower)) return false;
  // a time zone after a time ("03:30 UTC") is no organisation; "IST"/"EST" are also words, so only all-capitals
  if (t.caps && TIME_ZONES.has(lower)) return false;
  // nor a currency code ("500 million USD")
  if (t.caps && CURRENCY_CODES.has(lower)) return false;
  // a compound adjective ("Saudi-led", "US-based", "Jamaican-born") modifies the noun after it
  const dash = lower.lastIndexOf('-');
  if (dash > 0 && COMPOUND_PARTICIPLES.has(lower.slice(dash + 1))) return false;
  if (ctx.text.charCodeAt(t.end) === 46 && /^\.(?:com|org|net)\b/.test(ctx.text.slice(t.end, t.end + 5))) return true; // "People.com"

  if (MONTHS.has(lower)) {
    const next = ctx.toks[i + 1];
    return !!next && next.cap && next.sent === t.sent && isGivenName(lower) && !next.func && !t.initial;
  }
  const mode = ctx.modes[t.sent];
  // "US", "UK": an all-capitals function word that the gazetteer knows is the place
  if (t.caps && t.func && lookupPlaceKey(lower)) return true;
  if (mode === 'normal' && !t.initial) {
    // a capitalised article inside a sentence begins a title or name ("The Hollywood Reporter",
    // "A Boy"), as does "Us" ("Us Weekly"), when a capitalised word follows it
    if (t.func) {
      const next = ctx.toks[i + 1];
      return TITLE_OPENERS.has(lower) && !!next && next.sent === t.sent && next.cap && !next.func && SPACES.test(gapOf(ctx, i, i + 1));
    }
    // capitalised here but written in lower case elsewhere in the article: a headline verb
    // ("76ERS Fired Jim O'Brien") or a name that is also a word ("Larry Brown") — ask the tagger
    if (ctx.lowerSeen.has(lower) && !t.caps) {
      if (/(?:ed|ing)$/.test(lower) && lower.length >= 5) return false; // an inflected verb form ("Fired")
      // a descriptor noun ("Woman" in "… Muslim Woman Shoots Co-workers") is a capitalised common noun
      if (PERSON_DESCRIPTORS.has(lower) || FACILITY_DESCRIPTORS.has(lower)) return false;
      // head words of the lexicon are capitalised mid-sentence only inside names and titles
      // ("Endangered Species Act", "Police Department", "President Obama")
      if (isRoleWord(lower) || ORG_WORDS.has(lower) || PLACE_WORDS.has(lower)) return true;
      // next to another capitalised word that is never written in lower case: part of a name
      // ("Mark Felt", "Deep Throat")
      if (capNeighbour(ctx, i)) return true;
      return posProperNoun(ctx, i);
    }
    // a verb form before a name in a headline-like line ("76ERS Fired Jim O'Brien", "Hired Mo
    // Cheeks"): a capitalised -ed word that is no given name, directly before a given name
    if (lower.length >= 5 && /[a-z]ed$/.test(lower) && !isGivenName(lower) && !lookupPlaceKey(lower)) {
      const next = ctx.toks[i + 1];
      if (next && next.sent === t.sent && next.cap && isGivenName(next.lower) && SPACES.test(gapOf(ctx, i, i + 1))) return false;
    }
    return true;
  }
  if (t.func) return false;
  if (ctx.known.has(lower)) return true;
  if (mode === 'normal') {
    // first word of an ordinary sentence: not a name when the article writes it in lower case,
    // or its singular ("Officials said" beside "an official")
    if (ctx.lowerSeen.has(lower)) return false;
    if (lower.length > 4 && lower.endsWith('s') && !t.caps && ctx.lowerSeen.has(lower.slice(0, -1))) return false;
    const next = ctx.toks[i + 1];
    if (isRoleWord(lower) && next && next.sent === t.sent && next.cap) return true;
    // countries and regions; city names are too often also words ("Nice", "Mobile", "Reading")
    const place = lookupPlaceKey(lower);
    if (place && place.kind !== 'city') return true;
    // a given name opening a sentence before another capitalised word ("Lindsay Lohan said")
    if (isGivenName(lower) && next && next.sent === t.sent && next.cap && !next.func) return true;
    // an adverb or participle opening a sentence ("Additionally,", "Speaking to reporters")
    if (/(?:ly|ing)$/.test(lower) && lower.length > 4 && !(next && next.sent === t.sent && next.cap)) return false;
    // a common word of the lexicon opening a sentence ("National unity …") is not a name unless a
    // name follows it
    const lexical = ROLE_MODIFIERS.has(lower) || ORG_WORDS.has(lower) || PLACE_WORDS.has(lower) || ADJECTIVAL_NAMES.has(lower);
    if (lexical && !(next && next.sent === t.sent && next.cap && !t.caps)) return false;
    // a word of the language opening a sentence, before a lower-case word, that the article never
    // writes elsewhere ("Officials estimate …", "Heavy rains …", "Shots have been …", "Access to
    // one house …"): the tagger calls almost any capitalised opening word a proper noun, which
    // at a sentence start is capitalisation speaking, not the word. A name that is also a word
    // ("Salon notes …", "Dateline had …") is kept by the article's other, mid-sentence uses above.
    // Only at a sentence's true start, before a word in lower case after a space (not after an
    // opening quote: "‘ Twilight ’ films" is a title), and not for a word with a capital inside
    // ("DoD", "McCain" are written so only as names), a head word of the lexicon (its own rules
    // above: "Secretary of State Condoleezza Rice"), a place the gazetteer knows ("Anchorage"),
    // a name before the word for what it is ("Playboy magazine"), nor a singular word that is
    // the bare subject of a verb of saying ("White said he was …"):
    // English gives a singular common noun a determiner ("The official said"), so there it is a
    // name; plurals go bare ("Officials said").
    if (
      next && next.sent === t.sent && !next.cap && next.alpha && !t.caps && (i === 0 || toks[i - 1].sent !== t.sent) &&
      SPACES.test(gapOf(ctx, i, i + 1)) && !innerCapital(t.base) && !isRoleWord(lower) && !ORG_WORDS.has(lower) && !PLACE_WORDS.has(lower) &&
      !(REPORTING_VERBS.has(next.lower) && !lower.endsWith('s')) && !ORG_FOLLOWERS.has(next.lower) && !place && isLexiconWord(lower)
    ) return false;
    return posProperNoun(ctx, i);
  }
  // headline-style sentence: only words the article confirms, the gazetteer, or — when the whole
  // document is in headline style — the tagger
  if (lookupPlaceKey(lower) || demonymCountry(lower)) return true;
  // a role noun the article also writes before a name ("RECEIVER ARRESTED" … "wide receiver
  // Vincent Jackson"): the headline names that person by role (a role-only mention, see rule 9
  // of resolve.ts)
  if (ctx.rolesStated.has(lower)) return true;
  if (t.caps && t.base.length <= 4 && !ctx.lowerSeen.has(lower) && mode === 'title') return true;
  // a given name and the capitalised word after it ("Lindsay Lohan Checks Into Rehab")
  const next = ctx.toks[i + 1];
  const prev = ctx.toks[i - 1];
  if (isGivenName(lower) && !ctx.lowerSeen.has(lower) && next?.cap && next.sent === t.sent && !next.func) return true;
  if (prev && prev.sent === t.sent && isGivenName(prev.lower) && !ctx.lowerSeen.has(prev.lower) && !ctx.lowerSeen.has(lower) && !isFunction(prev.lower)) return true;
  if (!ctx.anyNormal) return !ctx.lowerSeen.has(lower) && posProperNoun(ctx, i);
  return false;
}

// ---------------------------------------------------------------------------------------------
// chunking

interface Chunk {
  /** token indices [from, to], inclusive; tokens between may be connectors */
  from: number;
  to: number;
  /** nickname token range inside the chunk (excluded from the name) */
  nick?: [number, number];
}

function gapOf(ctx: Ctx, a: number, b: number): string {
  return ctx.text.slice(ctx.toks[a].end, ctx.toks[b].start);
}

const SPACES = /^[ \t\u00a0]+$/;
/** A gap that is one comma, maybe with spaces around it: an apposition's boundary. */
const COMMA_GAP = /^\s*,\s*$/;

/** Can token b continue a chunk whose last token is a, as far as the gap between them goes? */
function joinableGap(ctx: Ctx, a: number, b: number): boolean {
  const ta = ctx.toks[a];
  const tb = ctx.toks[b];
  if (ta.sent !== tb.sent) {
    // "Dr. Gupta" may have been split as a boundary by a conservative rule; never join across
    return false;
  }
  if (ta.poss) {
    // A possessive ends a name ("Iran's Defense Minister") — except a title's: a title takes no
    // possessive before its holder, so "King's Cross", "Queen's Park" are one name.
    // ("the City Attorney's Office" stays the office of the role)
    return ctx.modes[ta.sent] === 'normal' && ta.cap && ROLE_HEADS.has(ta.lower) && tb.cap && !tb.func && !isRoleWord(tb.lower) && !ORG_WORDS.has(tb.lower) && SPACES.test(gapOf(ctx, a, b));
  }
  const gap = gapOf(ctx, a, b);
  if (SPACES.test(gap)) return true;
  if (/^\.\s*$/.test(gap)) {
    if (ta.base.length === 1 && ta.cap) return true; // initial
    if (ABBREVIATIONS.has(ta.lower) || TITLE_ABBREVIATIONS.has(ta.lower)) return true;
    if (gap === '.' && /^(com|org|net)$/.test(tb.lower)) return true;
    return false;
  }
  if (/^\s*&\s*$/.test(gap)) return ta.cap && tb.cap;
  return false;
}

function isParticle(t: Tok): boolean {
  return !t.cap && NAME_PARTICLES.has(t.lower);
}

function nameRunLength(ctx: Ctx, i: number): number {
  let n = 0;
  let k = i;
  while (k < ctx.toks.length && ctx.toks[k].name) {
    n++;
    if (k + 1 < ctx.toks.length && ctx.toks[k + 1].name && joinableGap(ctx, k, k + 1)) k++;
    else break;
  }
  return n;
}

/** Heads beside {@link ENUMERATING_HEADS} that take an "on" phrase in a name (see `chunk`). */
const ON_HEADS = new Set(['conference', 'panel', 'convention', 'forum', 'summit', 'tribunal', 'treaty', 'protocol', 'agreement', 'initiative']);

/** If a gazetteer name starts at token i and spans connectors ("Bosnia and Herzegovina"), its last token. */
function gazetteerSpan(ctx: Ctx, i: number): number {
  const toks = ctx.toks;
  const max = maxPlaceTokens();
  let key = toks[i].lower;
  let best = -1;
  let k = i;
  for (let n = 2; n <= max; n++) {
    const next = k + 1;
    if (next >= toks.length || !joinableGap(ctx, k, next)) break;
    const tn = toks[next];
    if (!tn.name && !NAME_PARTICLES.has(tn.lower) && !['of', 'and', 'the'].includes(tn.lower)) break;
    key += ' ' + tn.lower;
    k = next;
    if (tn.name && lookupPlaceKey(key)) best = k;
  }
  return best;
}

function chunk(ctx: Ctx): Chunk[] {
  const toks = ctx.toks;
  const chunks: Chunk[] = [];
  let i = 0;
  while (i < toks.length) {
    if (!toks[i].name) {
      i++;
      continue;
    }
    const c: Chunk = { from: i, to: i };
    let hasOfHead = false; // an "of"-phrase after an enumerating institution head
    const gz = gazetteerSpan(ctx, i);
    if (gz > i) c.to = gz;
    for (;;) {
      const a = c.to;
      const b = a + 1;
      if (b >= toks.length || toks[b].sent !== toks[a].sent) break;
      const tb = toks[b];
      if (tb.name && joinableGap(ctx, a, b)) {
        c.to = b;
        continue;
      }
      if ((DIGIT_NAME.test(tb.text) || /^(?:com|org|net)$/.test(tb.text)) && joinableGap(ctx, a, b)) {
        c.to = b; // "Philadelphia 76ers"
        continue;
      }
      // "Air France Flight 447": a flight's number is part of its name (see flightAt)
      if (toks[a].lower === 'flight' && toks[a].cap && !toks[a].poss && FLIGHT_NUMBER.test(tb.text) && joinableGap(ctx, a, b)) {
        c.to = b;
        break;
      }
      if (toks[a].poss) break;
      // name particle: "Osama bin Laden", "Ludwig van Beethoven"
      if (isParticle(tb) && joinableGap(ctx, a, b) && b + 1 < toks.length && toks[b + 1].name && joinableGap(ctx, b, b + 1)) {
        c.to = b + 1;
        continue;
      }
      // connector after a head word: "Gulf of Aden", "Secretary of State", "Commission for Elections"
      const la = toks[a].lower;
      if ((tb.lower === 'of' || tb.lower === 'for' || tb.lower === 'on') && !tb.cap && joinableGap(ctx, a, b)) {
        // "on" only after deliberative bodies and treaties ("Council on Foreign Relations",
        // "Intergovernmental Panel on Climate Change", "Convention on Biological Diversity"),
        // never "… Center on ABC"
        const head =
          tb.lower === 'on'
            ? ENUMERATING_HEADS.has(la) || ON_HEADS.has(la)
            : ORG_WORDS.has(la) || PLACE_WORDS.has(la) || ROLE_HEADS.has(la) || ENUMERATING_HEADS.has(la);
        let k = b + 1;
        if (k < toks.length && toks[k].lower === 'the' && joinableGap(ctx, b, k)) k++;
        if (head && k < toks.length && toks[k].name && joinableGap(ctx, k - 1, k)) {
          if (ENUMERATING_HEADS.has(la)) hasOfHead = true;
          c.to = k;
          continue;
        }
      }
      // "and" inside an institutional name
      if (tb.lower === 'and' && !tb.cap && joinableGap(ctx, a, b) && b + 1 < toks.length && toks[b + 1].name && joinableGap(ctx, b, b + 1)) {
        const run = nameRunLength(ctx, b + 1);
        const runEnd = b + run;
        const rightHead = ORG_WORDS.has(toks[runEnd].lower) && run <= 3;
        // the left part must be a short modifier run, not a name with a title before it
        let leftPlain = b - c.from <= 2 && !ORG_WORDS.has(la);
        for (let k = c.from; k < b && leftPlain; k++) leftPlain = !isRoleWord(toks[k].lower) && !toks[k].poss;
        const leftHead = !leftPlain;
        const rightPlaces = toks.slice(b + 1, runEnd + 1).some((t) => lookupPlaceKey(t.lower));
        if ((rightHead && !leftHead) || (hasOfHead && run <= 2 && !rightPlaces)) {
          c.to = runEnd;
          continue;
        }
      }
      // quoted nickname: Vincent "The Chin" Gigante, Mark 'Deep Throat' Felt
      const nick = nicknameAfter(ctx, a);
      if (nick) {
        c.nick = [nick[0], nick[1]];
        c.to = nick[2];
        continue;
      }
      break;
    }
    chunks.push(c);
    i = c.to + 1;
  }
  return chunks;
}

/** Airline words after which a chunk-final flight designator names a flight ("British Airways BA6634"). */
const AIRLINE_HEADS = new Set(['airways', 'airlines', 'airline', 'air']);

/**
 * The first token of a flight's name ending chunk [from, to], or -1. A flight is named by its
 * airline's name, "Flight" and a number ("Air France Flight 447", "American Airlines Flight 587")
 * or by the airline's designator ("British Airways BA6634"). The flight is a journey — an event,
 * typed other — and not the airline, and never a place, though "in Air France Flight 447" reads
 * like one. The flight's mention keeps the airline's name (the name the press uses for the
 * flight) and gives the airline as its affiliation. Two alternatives were tried and dropped:
 * splitting the airline off as an organisation mention of its own joins every "Air France …"
 * sentence of a story by one more shared entity, and cost the comparison evaluation an exclusive
 * fact (data/compare, airfrance-447); typing the article's lone "Air France" organisation makes
 * resolution (rule 3: an organisation's words contained in a longer name) merge the flight into
 * the airline.
 */
function flightAt(ctx: Ctx, from: number, to: number): number {
  const toks = ctx.toks;
  const last = toks[to];
  if (to === from) return -1;
  const before = toks[to - 1];
  // (the word tests first: the patterns are asked of flight-like chunks only)
  if (before.lower === 'flight' && before.cap && (FLIGHT_NUMBER.test(last.text) || FLIGHT_DESIGNATOR.test(last.base))) return to - 1;
  if (AIRLINE_HEADS.has(before.lower) && FLIGHT_DESIGNATOR.test(last.base)) return to;
  return -1;
}

/** After token a: opening quote, 1–3 capitalised words, closing quote, then a name token. */
function nicknameAfter(ctx: Ctx, a: number): [number, number, number] | null {
  const toks = ctx.toks;
  const b = a + 1;
  if (b >= toks.length || !toks[b].cap || toks[a].poss) return null;
  const g = gapOf(ctx, a, b);
  if (!/^\s+["“‘'`]{1,2}$/.test(g)) return null;
  for (let e = b; e < Math.min(b + 3, toks.length - 1); e++) {
    if (!toks[e].cap || toks[e].sent !== toks[a].sent) return null;
    const close = gapOf(ctx, e, e + 1);
    if (/^["”’'`]{1,2}\s*$/.test(close)) {
      const after = toks[e + 1];
      if (after.cap && after.sent === toks[a].sent && !isFunction(after.lower)) return [b, e, e + 1];
      return null;
    }
    if (!SPACES.test(close)) return null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// parsing chunks into mentions

interface Seg {
  from: number;
  to: number;
}

/**
 * How a name word is shown. A word of five or more letters in capitals is shown as the article
 * writes it elsewhere in mixed case; failing that, it keeps its capitals when it stands in an
 * ordinary sentence or was written so inside one — writers capitalise acronyms (UNFCCC, ONEMI),
 * not names, in prose — and is title-cased only when all the article has of it is a shouted line
 * ("IRAN SIGNS DEAL").
 */
function display(ctx: Ctx, t: Tok): string {
  if (t.caps && t.base.replace(/[^\p{L}]/gu, '').length >= 5) {
    const k = ctx.known.get(t.lower);
    if (k && !ALL_CAPS.test(k)) return k;
    if (k || ctx.modes[t.sent] !== 'caps') return t.base;
    return titleCase(t.base);
  }
  if (ctx.modes[t.sent] === 'caps' && t.caps) {
    const k = ctx.known.get(t.lower);
    if (k) return k;
  }
  return t.base;
}

/** Surface name of tokens [from, to], skipping a nickname range, possessive removed. */
function nameOf(ctx: Ctx, from: number, to: number, nick?: [number, number]): string {
  let out = '';
  for (let k = from; k <= to; k++) {
    if (nick && k >= nick[0] && k <= nick[1]) continue;
    const t = ctx.toks[k];
    if (out) {
      const gap = ctx.text.slice(ctx.toks[k - 1].end, t.start);
      if (nick && k === nick[1] + 1) out += ' ';
      else if (/^\s*&\s*$/.test(gap)) out += gap.includes(' ') ? ' & ' : '&';
      else if (/^\.\s+$/.test(gap)) out += '. ';
      else if (gap === '.') out += '.';
      else out += ' ';
    }
    out += display(ctx, t);
    // a possessive inside a name stays ("King's Cross"); one ending it does not
    if (t.poss && k < to) out += t.text.slice(t.base.length);
  }
  return out;
}

function roleText(ctx: Ctx, from: number, to: number): string {
  const words: string[] = [];
  for (let k = from; k <= to; k++) {
    const t = ctx.toks[k];
    const abbr = TITLE_ABBREVIATIONS.get(t.lower);
    if (abbr) words.push(abbr);
    else if (t.lower === 'of' || t.lower === 'the' || t.lower === 'for') words.push(t.lower);
    else if (t.caps && t.base.length <= 3) words.push(t.base);
    else words.push(titleCase(t.base));
  }
  return words.join(' ');
}

/** Words that continue a role after a head ("Secretary General", "Chief Executive Officer"). */
const ROLE_CONTINUATIONS = new Set(['general', 'executive', 'officer', 'elect', 'of', 'the', 'for']);
/** Heads that open compound ranks ("Lieutenant Colonel", "Brigadier General", "Staff Sergeant"). */
const RANK_OPENERS = new Set(['lieutenant', 'lt', 'brigadier', 'brig', 'major', 'maj', 'sergeant', 'sgt', 'staff', 'rear', 'vice', 'first', 'deputy', 'assistant', 'under', 'chief', 'army', 'fleet']);

/**
 * Split a run of role words into phrases, each ending in a head: "Defense Minister Brigadier
 * General" → ["Defense Minister", "Brigadier General"]. A head followed by a word that can start a
 * role starts a new phrase, except for the few words that continue one ("General", "Officer").
 * Honorifics ("Dr.", "Mr.") are dropped: they are forms of address, not roles.
 */
function rolePhrases(ctx: Ctx, from: number, to: number): string[] {
  const out: string[] = [];
  let start = -1;
  for (let k = from; k <= to; k++) {
    const w = ctx.toks[k].lower;
    if (HONORIFICS.has(w) && !ROLE_HEADS.has(w)) {
      if (start >= 0) out.push(roleText(ctx, start, k - 1));
      start = -1;
      continue;
    }
    if (start < 0) {
      start = k;
      continue;
    }
    const prev = ctx.toks[k - 1].lower;
    const prevHead = (ROLE_HEADS.has(prev) || TITLE_ABBREVIATIONS.has(prev)) && !RANK_OPENERS.has(prev);
    if (prevHead && !ROLE_CONTINUATIONS.has(w) && (ROLE_HEADS.has(w) || ROLE_MODIFIERS.has(w) || TITLE_ABBREVIATIONS.has(w))) {
      out.push(roleText(ctx, start, k - 1));
      start = k;
    }
  }
  if (start >= 0) out.push(roleText(ctx, start, to));
  return out;
}

interface Classified {
  type: EntityType;
  place?: Place;
  /** typed place by unambiguous context ({@link strongPlaceContext}): its article's undecided uses follow */
  strong?: boolean;
  /** typed person only because the first word is a given name */
  given?: boolean;
  /** a given name first, but written as the head of a definite noun phrase ({@link definiteHead}) */
  definite?: boolean;
}

const PREFIX_PLACE_HEADS = new Set(['mount', 'mt', 'lake', 'cape', 'fort', 'isle', 'gulf', 'port']);

function segLowers(ctx: Ctx, s: Seg, nick?: [number, number]): string[] {
  const out: string[] = [];
  for (let k = s.from; k <= s.to; k++) {
    if (nick && k >= nick[0] && k <= nick[1]) continue;
    out.push(ctx.toks[k].lower);
  }
  return out;
}

function classify(ctx: Ctx, s: Seg, titled: boolean, nick?: [number, number]): Classified {
  const lw = segLowers(ctx, s, nick).filter((w) => w !== 'the' || s.from === s.to);
  const core = lw.filter((w) => !NAME_SUFFIXES.has(w));
  if (core.length === 0) return { type: 'other' };
  const last = core[core.length - 1];
  const ofAt = core.findIndex((w) => w === 'of' || w === 'for' || w === 'on');
  const beforeOf = ofAt > 0 ? core[ofAt - 1] : '';
  const place = lookupPlaceKey(core.join(' ')) ?? abbreviationPlace(ctx, s);
  if (place) return { type: 'place', place };
  // a well-known organisation, also after a demonym ("American Red Cross")
  const known = core.join(' ').replace(/-/g, ' ');
  if (KNOWN_ORGANISATIONS.has(known) || (core.length > 1 && demonymCountry(core[0]) && KNOWN_ORGANISATIONS.has(known.slice(known.indexOf(' ') + 1)))) {
    return { type: 'organisation' };
  }
  if (core.some((w) => DESIGNATORS.has(w)) || ORG_WORDS.has(last) || (beforeOf && ORG_WORDS.has(beforeOf))) {
    return { type: 'organisation' };
  }
  if (PLACE_WORDS.has(last) || PREFIX_PLACE_HEADS.has(core[0]) || (beforeOf && PLACE_WORDS.has(beforeOf))) {
    return { type: 'place' };
  }
  if (titled || nick) return { type: 'person' };
  if (followedByOrgWord(ctx, s.to)) return { type: 'organisation' };
  if (strongPlaceContext(ctx, s)) return { type: 'place', strong: true };
  const t0 = ctx.toks[s.from];
  // "flight AF447": an airline's code and a flight number name a flight (an event), not an
  // organisation — when the article writes the code after "flight" somewhere (one sense per
  // discourse: "on board AF447" too), since other codes look alike ("IE6", "MS13")
  if (core.length === 1 && t0.caps && FLIGHT_DESIGNATOR.test(t0.base) && namedFlight(ctx, t0.lower)) return { type: 'other' };
  const seen = ctx.known.get(t0.lower);
  // an acronym: a word in capitals that the article never writes in mixed case. Up to five
  // letters anywhere; longer ones only in an ordinary sentence, since writers capitalise acronyms
  // (UNFCCC, UNICEF, SERCOTEC), not names, in prose — while a shouted headline capitalises every
  // word (see display), and so does a shouted phrase inside one ("ON DEADLINE :", "INITIAL
  // results …"): not at a sentence's start nor next to another word in capitals; letters only
  // (an aircraft's registration "F-GZCP" is no acronym)
  const acronymLength = t0.base.length <= 5 || (ctx.modes[t0.sent] === 'normal' && !t0.initial && LONG_ACRONYM.test(t0.base) && !capsNeighbour(ctx, s.from));
  if (core.length === 1 && t0.caps && acronymLength && (!seen || ALL_CAPS.test(seen))) {
    return { type: 'organisation' }; // acronym
  }
  // (not when the particle leads to a country: "Tour de France", "Tour de Suisse")
  if (ctx.toks.slice(s.from, s.to + 1).some((t) => HYPHEN_PREFIX_RE.test(t.base) || isParticle(t)) && lookupPlaceKey(last)?.kind !== 'country') {
    return { type: 'person' };
  }
  // a possessive inside a name makes it no person's ("King's Cross": no given name takes one)
  let innerPossessive = false;
  for (let k = s.from; k < s.to; k++) innerPossessive ||= ctx.toks[k].poss;
  if (core.length <= 4 && isGivenName(core[0]) && !innerPossessive && !core.some((w) => lookupPlaceKey(w)?.kind === 'country')) {
    if (!definiteHead(ctx, s)) return { type: 'person', given: true };
    if (placeContext(ctx, s)) return { type: 'place', definite: true };
    return { type: 'other', definite: true };
  }
  if (placeContext(ctx, s)) return { type: 'place' };
  return { type: 'other' };
}

/**
 * "the Red Cross", "to the La Cruz Hill", "the American Red Cross pledged": a name after the
 * definite article (and any demonyms), heading its noun phrase — followed by punctuation, a
 * function word or nothing, not by a noun it modifies ("the Obama administration"). English puts
 * no article before a person's name, so here a given-name first word ("Red", "Agustín") is no
 * evidence of a person.
 */
function definiteHead(ctx: Ctx, s: Seg): boolean {
  const toks = ctx.toks;
  const sent = toks[s.from].sent;
  let p = s.from - 1;
  while (p >= 0 && toks[p].sent === sent && toks[p].cap && demonymOf(toks[p].base)) p--;
  if (p < 0 || toks[p].sent !== sent || toks[p].lower !== 'the' || !SPACES.test(gapOf(ctx, p, p + 1))) return false;
  const n = s.to + 1;
  if (n >= toks.length || toks[n].sent !== sent || toks[s.to].poss || !SPACES.test(gapOf(ctx, s.to, n))) return true;
  return toks[n].cap || toks[n].func;
}

const PLACE_NOUNS = new Set(['town', 'city', 'village', 'suburb', 'county', 'province', 'state', 'region', 'district', 'port']);

/**
 * Place by context: "in Woodburn", "near Mosul", "the town of Woodburn" — and not followed by an
 * organisation word ("in Woodburn Police custody"). Prepositions of location are the classic
 * contextual cue for place names when no gazetteer knows them.
 */
function placeContext(ctx: Ctx, s: Seg): boolean {
  const toks = ctx.toks;
  const p = s.from - 1;
  if (p < 0 || toks[p].sent !== toks[s.from].sent || toks[p].cap || !SPACES.test(gapOf(ctx, p, s.from))) return false;
  if (toks[s.to].poss) return false; // "in Microsoft's bulletin": the possessor need not be a place
  const next = toks[s.to + 1];
  if (next && next.sent === toks[s.to].sent && ORG_WORDS.has(next.lower)) return false;
  const w = toks[p].lower;
  if (w === 'in' || w === 'near' || w === 'outside') return true;
  return w === 'of' && p > 0 && PLACE_NOUNS.has(toks[p - 1].lower);
}

const COMPASS = new Set(['north', 'south', 'east', 'west', 'northeast', 'northwest', 'southeast', 'southwest', 'northeastern', 'northwestern', 'southeastern', 'southwestern', 'northern', 'southern', 'eastern', 'western']);
const APPOSITIVE_DETERMINERS = new Set(['a', 'an', 'the']);
/** Head words of administrative divisions: "O'Higgins Region", "Cook County". */
const ADMIN_UNITS = new Set(['region', 'province', 'county', 'district', 'state', 'prefecture', 'oblast', 'governorate', 'territory', 'parish', 'municipality', 'department']);

/**
 * Place by a context that admits no other reading, unlike "in X" ("in Chiefs red"):
 * - "X, Chile" / "X, O'Higgins Region" / "X (O'Higgins Region)": a name qualified by the country
 *   or region it lies in, the way news writes an unfamiliar place (the AP datelines' style);
 * - "X, a coastal town": an appositive whose head is a place noun;
 * - "southwest of X", "28 km north of X": a compass bearing from X.
 * Why it matters: one such use types the name's other, undecided uses in the article too (one
 * sense per discourse, see {@link articleLevelTypes}), so a town no gazetteer lists is a place
 * wherever its story names it, and links across stories as one.
 */
function strongPlaceContext(ctx: Ctx, s: Seg): boolean {
  const toks = ctx.toks;
  const last = toks[s.to];
  if (last.poss) return false;
  const p = s.from - 1;
  if (p >= 1 && toks[p].lower === 'of' && COMPASS.has(toks[p - 1].lower) && !toks[p - 1].cap && toks[p - 1].sent === last.sent && SPACES.test(gapOf(ctx, p, s.from))) return true;
  const n = s.to + 1;
  if (n >= toks.length || toks[n].sent !== last.sent) return false;
  const gap = gapOf(ctx, s.to, n);
  if (/^,\s+$/.test(gap) || /^\s*\(\s*$/.test(gap)) {
    // the qualifying place: 1–3 tokens that the gazetteer knows as a country or region, or a name
    // ending in a place word ("O'Higgins Region"), then a boundary (not "Paris, Texas Instruments")
    for (let k = n; k < Math.min(toks.length, n + 3); k++) {
      if (!toks[k].cap || toks[k].sent !== last.sent || (k > n && !SPACES.test(gapOf(ctx, k - 1, k)))) break;
      if (toks[k].poss) break;
      const words = toks.slice(n, k + 1).map((t) => t.lower);
      const place = lookupPlaceKey(words.join(' '));
      const qualifies = (place && place.kind !== 'city') || (k > n && ADMIN_UNITS.has(words[words.length - 1]));
      if (!qualifies) continue;
      const after = toks[k + 1];
      if (!after || after.sent !== toks[k].sent) return true;
      // not a list ("2008 Summer Olympics, Taiwan and China")
      const gapAfter = gapOf(ctx, k, k + 1);
      if (after.lower === 'and' || after.lower === 'or' || (gapAfter.trim() === ',' && after.cap)) break;
      if (!after.cap || !SPACES.test(gapAfter)) return true;
    }
    if (gap.startsWith(',')) {
      // "X, a coastal town in …": an appositive headed by a place noun within four words
      if (!APPOSITIVE_DETERMINERS.has(toks[n].lower) || toks[n].cap) return false;
      for (let k = n + 1; k < Math.min(toks.length, n + 5); k++) {
        if (toks[k].sent !== last.sent || toks[k].cap || !SPACES.test(gapOf(ctx, k - 1, k))) return false;
        if (PLACE_NOUNS.has(toks[k].lower)) return true;
      }
    }
  }
  return false;
}

/** Does the article write the code `lower` right after "flight" ("flight AF447", "Flight AF447")? Asked only of flight-code-like words, which are rare. */
function namedFlight(ctx: Ctx, lower: string): boolean {
  const toks = ctx.toks;
  for (let k = 1; k < toks.length; k++) if (toks[k].lower === lower && toks[k - 1].lower === 'flight' && toks[k - 1].sent === toks[k].sent) return true;
  return false;
}

/** Is a word next to token i in its sentence written in capitals? */
function capsNeighbour(ctx: Ctx, i: number): boolean {
  const { toks } = ctx;
  const p = toks[i - 1];
  const n = toks[i + 1];
  return (!!p && p.sent === toks[i].sent && p.caps && p.alpha) || (!!n && n.sent === toks[i].sent && n.caps && n.alpha);
}

/** "Calif." / "N.Y.": a one-token segment written as a place abbreviation with its period. */
function abbreviationPlace(ctx: Ctx, s: Seg): Place | undefined {
  if (s.from !== s.to) return undefined;
  const t = ctx.toks[s.from];
  if (t.text.endsWith('.')) return lookupPlaceAbbreviation(t.text);
  if (ctx.text.charAt(t.end) === '.') return lookupPlaceAbbreviation(t.text + '.');
  return undefined;
}

/** "Tasnim news agency": a name directly followed by a lower-case organisation word. */
function followedByOrgWord(ctx: Ctx, to: number): boolean {
  const toks = ctx.toks;
  let k = to + 1;
  if (k >= toks.length || toks[k].sent !== toks[to].sent || !SPACES.test(gapOf(ctx, to, k))) return false;
  if (toks[k].lower === 'news' && !toks[k].cap && k + 1 < toks.length && SPACES.test(gapOf(ctx, k, k + 1))) k++;
  return !toks[k].cap && ORG_FOLLOWERS.has(toks[k].lower);
}

interface Draft extends Mention {
  place?: Place;
  /** a chunk of undecided type turned into a description (its own mention no longer) */
  converted?: boolean;
  /** set when the type was given by weak evidence (gazetteer city, default) */
  weak?: boolean;
  /** a place by unambiguous context (see strongPlaceContext) */
  strong?: boolean;
  /** see {@link Classified} */
  given?: boolean;
  definite?: boolean;
  singleLower?: string;
  lastLower?: string;
  firstLower?: string;
  tokenCount: number;
  /** first and last token index of the mention span */
  fromTok: number;
  toTok: number;
}

function parseChunks(ctx: Ctx, chunks: Chunk[], articleId: string): Mention[] {
  const { toks, text } = ctx;
  const drafts: Draft[] = [];
  // demonym / place-possessive chunks, by index of their last token, for affiliations
  const affilByEnd = new Map<number, string>();

  const emit = (s: Seg, type: EntityType, extra: Partial<Draft>, spanFrom = s.from, nick?: [number, number]): Draft => {
    const lowers = segLowers(ctx, s, nick).filter((w) => !NAME_SUFFIXES.has(w) && w !== 'the');
    const d: Draft = {
      articleId,
      text: '',
      start: toks[spanFrom].start,
      end: toks[s.to].end,
      type,
      name: nameOf(ctx, s.from, s.to, nick),
      tokenCount: lowers.length,
      fromTok: spanFrom,
      toTok: s.to,
      singleLower: lowers.length === 1 ? lowers[0].replace(HYPHEN_PREFIX_RE, '') : undefined,
      lastLower: lowers[lowers.length - 1]?.replace(HYPHEN_PREFIX_RE, ''),
      firstLower: lowers[0]?.replace(HYPHEN_PREFIX_RE, ''),
      ...extra,
    };
    d.text = text.slice(d.start, d.end);
    drafts.push(d);
    return d;
  };

  for (const c of chunks) {
    let from = c.from;
    let to = c.to;
    // a demonym ending a chunk qualifies the noun after it ("Abu Ghraib Iraqi prison")
    if (to > from && demonymOf(toks[to].base) && !toks[to].poss && !lookupPlaceKey(toks[to].lower)) to--;
    // leading "The" is not part of the name
    while (from < to && toks[from].lower === 'the') from++;
    // a flight: "Air France Flight 447", "British Airways BA6634" — the airline, then the flight
    const fl = flightAt(ctx, from, to);
    if (fl >= 0) {
      emit({ from, to }, 'other', { affiliation: fl > from ? nameOf(ctx, from, fl - 1) : undefined });
      continue;
    }
    const lowers: string[] = [];
    for (let k = from; k <= to; k++) lowers.push(toks[k].lower);
    // a lone demonym ("Iranian") or a chunk of suffixes is not a mention, but may be an affiliation
    if (from === to) {
      const dem = demonymCountry(toks[from].base);
      if (dem && !lookupPlaceKey(lowers[0])) {
        affilByEnd.set(to, dem.name);
        continue;
      }
      const l = lowers[0];
      if (NAME_SUFFIXES.has(l) || ADJECTIVAL_NAMES.has(l) || toks[from].base.length === 1) continue;
      if (isFunction(l) && !(toks[from].caps && lookupPlaceKey(l))) continue;
    }

    // 1. person tail: scan from the right over name-like tokens
    let j = to;
    const nameLike = (k: number) => {
      const w = toks[k].lower;
      if (c.nick && k >= c.nick[0] && k <= c.nick[1]) return true;
      // "Captain Christopher Air": a role modifier ("Air", "Army", "Chief") qualifies a role head
      // after it, so one ending the chunk right after a given name is no role word but the
      // surname (the head words themselves — "Minister", "Police" — stay role and organisation words)
      if (k === to && k > from && ROLE_MODIFIERS.has(w) && !ROLE_HEADS.has(w) && !ORG_WORDS.has(w) && !PLACE_WORDS.has(w) && isGivenName(toks[k - 1].lower) && !isRoleWord(toks[k - 1].lower)) return true;
      if (isRoleWord(w) || ORG_WORDS.has(w) || PLACE_WORDS.has(w)) return false;
      if (w === 'of' || w === 'for' || w === 'and' || w === 'the' || w === 'on') return false;
      if (demonymCountry(toks[k].base)) return false;
      if (toks[k].poss && k !== to) return false;
      return true;
    };
    while (j >= from && nameLike(j)) j--;
    // trailing suffixes are name-like; a tail that is only suffixes is no person
    const tailFrom = j + 1;
    let roleFrom = -1;
    let roleTo = -1;
    if (j >= from) {
      // 2. role words directly before the tail (or ending the chunk: "Portland Trailblazers Coach")
      const wj = toks[j].lower;
      if (ROLE_HEADS.has(wj) || HONORIFICS.has(wj) || TITLE_ABBREVIATIONS.has(wj) || ROLE_MODIFIERS.has(wj)) {
        roleTo = j;
        let k = j;
        while (k - 1 >= from) {
          const w = toks[k - 1].lower;
          const isRole = ROLE_HEADS.has(w) || ROLE_MODIFIERS.has(w) || TITLE_ABBREVIATIONS.has(w) || HONORIFICS.has(w);
          const isOf = (w === 'of' || w === 'the') && k - 2 >= from && ROLE_HEADS.has(toks[k - 2].lower);
          if (!isRole && !isOf) break;
          // an organisation word ends the role unless nothing would be left of the organisation
          if (ORG_WORDS.has(w) && !ROLE_HEADS.has(w) && k - 1 > from) break;
          k--;
        }
        roleFrom = k;
      }
    }
    // a title takes no possessive: "King's Cross", "Queen's Park" are names, not King + Cross
    if (roleTo >= 0 && roleTo < to && toks[roleTo].poss) roleTo = -1;
    if (roleTo >= 0) {
      const roleToks = toks.slice(roleFrom, roleTo + 1).map((t) => t.lower);
      const honorificOnly = roleToks.every((w) => HONORIFICS.has(w));
      const hasHead = roleToks.some((w) => ROLE_HEADS.has(w) || TITLE_ABBREVIATIONS.has(w));
      if (!honorificOnly && !hasHead) {
        roleTo = -1; // modifiers without a head ("National", "Supreme") are part of a name
      }
    }
    if (roleTo < 0) {
      // "Surgeon General of the United States", "President of France": a role of a place/organisation
      const ofAt = lowers.indexOf('of');
      if (ofAt > 0 && ofAt < lowers.length - 1) {
        const left = lowers.slice(0, ofAt);
        const allRole = left.every((w) => ROLE_HEADS.has(w) || ROLE_MODIFIERS.has(w) || TITLE_ABBREVIATIONS.has(w));
        if (allRole && left.some((w) => ROLE_HEADS.has(w) || TITLE_ABBREVIATIONS.has(w))) {
          let rFrom = from + ofAt + 1;
          if (toks[rFrom].lower === 'the' && rFrom < to) rFrom++;
          // "Prime Minister of the United Kingdom Tony Blair", "President of France Jacques
          // Chirac": the role's place, then the holder's name (a given name after the place)
          const span = gazetteerSpan(ctx, rFrom);
          const placeEnd = span >= 0 ? span : lookupPlaceKey(toks[rFrom].lower) ? rFrom : -1;
          if (placeEnd >= 0 && placeEnd + 1 < to && isGivenName(toks[placeEnd + 1].lower)) {
            const placeSeg: Seg = { from: rFrom, to: placeEnd };
            const pc = classify(ctx, placeSeg, false);
            const pm = emit(placeSeg, pc.type, { place: pc.place });
            emit({ from: placeEnd + 1, to }, 'person', { role: rolePhrases(ctx, from, from + ofAt - 1)[0], affiliation: pc.place?.name ?? pm.name });
            continue;
          }
          const rest: Seg = { from: rFrom, to };
          const cl = classify(ctx, rest, false);
          const restMention = emit(rest, cl.type === 'other' ? 'organisation' : cl.type, { place: cl.place });
          const role = rolePhrases(ctx, from, from + ofAt - 1)[0];
          if (role) {
            const d = emit({ from, to: from + ofAt - 1 }, 'other', { role, affiliation: cl.place?.name ?? restMention.name });
            d.name = role;
          }
          continue;
        }
      }
      // no role split: the whole chunk is one name (after a leading demonym, if any)
      let s = from;
      let affiliation: string | undefined;
      const dem = demonymCountry(toks[s].base);
      if (dem && s < to && !lookupPlaceKey(lowers.join(' '))) {
        // "Iraqi Kurdistan Regional Government" stays whole when it is an organisation
        const rest = classify(ctx, { from: s + 1, to }, false, c.nick);
        if (rest.type !== 'organisation') {
          affiliation = dem.name;
          s++;
        }
      }
      const cl = classify(ctx, { from: s, to }, false, c.nick);
      const prevAff = affiliationBefore(ctx, affilByEnd, c.from);
      const d = emit({ from: s, to }, cl.type, {
        place: cl.place,
        affiliation: affiliation ?? prevAff,
        weak: !cl.strong && (cl.type === 'other' || (cl.type === 'place' && (!cl.place || cl.place.kind !== 'country'))),
        strong: cl.strong,
        given: cl.given,
        definite: cl.definite,
        alias: c.nick ? nameOf(ctx, c.nick[0], c.nick[1]) : undefined,
      }, s, c.nick);
      if (cl.type === 'place' && toks[to].poss) affilByEnd.set(to, cl.place?.name ?? d.name);
      else if (toks[to].poss) affilByEnd.set(to, d.name);
      continue;
    }
    // 3. what precedes the role: affiliation (demonym / place) or an organisation
    let affiliation: string | undefined;
    let spanFrom = roleFrom;
    if (roleFrom > from) {
      const rem: Seg = { from, to: roleFrom - 1 };
      const remLowers = lowers.slice(0, roleFrom - from);
      const dem = rem.from === rem.to ? demonymCountry(toks[rem.from].base) : undefined;
      const remPlace = lookupPlaceKey(remLowers.join(' '));
      if (dem && !remPlace) {
        affiliation = dem.name;
        spanFrom = from;
      } else {
        const cl = classify(ctx, rem, false);
        const d = emit(rem, cl.type === 'other' ? 'organisation' : cl.type, {
          place: cl.place,
          affiliation: affiliationBefore(ctx, affilByEnd, from),
        });
        affiliation = cl.place?.name ?? d.name;
      }
    } else {
      affiliation = affiliationBefore(ctx, affilByEnd, from);
    }
    const phrases = rolePhrases(ctx, roleFrom, roleTo);
    const role = phrases[0];
    const titles = phrases.length > 1 ? phrases.slice(1) : undefined;
    const tail: Seg = { from: tailFrom, to };
    const tailLowers = segLowers(ctx, tail, c.nick).filter((w) => !NAME_SUFFIXES.has(w));
    if (tailFrom > to || tailLowers.length === 0) {
      // role only: "U.S. Surgeon General", "President"
      if (!role) continue;
      const roleSeg: Seg = { from: roleFrom, to: roleTo };
      const d = emit(roleSeg, 'other', { role, affiliation }, spanFrom);
      d.name = role;
      continue;
    }
    emit(tail, 'person', {
      role,
      titles,
      affiliation,
      alias: c.nick ? nameOf(ctx, c.nick[0], c.nick[1]) : undefined,
    }, spanFrom, c.nick);
  }

  lowerCaseRoles(ctx, drafts, affilByEnd);
  roleAppositions(ctx, drafts);
  personAppositions(ctx, drafts);
  definiteRoles(ctx, drafts);
  parenthesisAliases(ctx, drafts);
  pronounSex(ctx, drafts);
  articleLevelTypes(drafts);
  sportsMetonymy(ctx, drafts);
  facilityMetonymy(ctx, drafts);
  const all = mergeByStart(drafts, descriptions(ctx, drafts, articleId));
  locations(ctx, all);
  return all.map((d) => {
    const m: Mention = {
      articleId: d.articleId,
      text: d.text,
      start: d.start,
      end: d.end,
      type: d.type,
      name: d.name,
      sentence: toks[d.fromTok].sent,
    };
    if (d.role) m.role = d.role;
    if (d.affiliation) m.affiliation = d.affiliation;
    if (d.titles) m.titles = d.titles;
    if (d.alias) m.alias = d.alias;
    if (d.kind) m.kind = d.kind;
    else if (d.type === 'person') {
      const sex = honorificSex(toks[d.fromTok]) ?? (d.tokenCount >= 2 && d.firstLower ? givenNameSex(d.firstLower) : undefined) ?? d.sex;
      if (sex) m.sex = sex;
    } else if (d.type === 'other' && d.sex) m.sex = d.sex;
    if (d.locatedIn) m.locatedIn = d.locatedIn;
    return m;
  });
}

/** `extra` (in text order) merged into `list` by start offset, keeping `list`'s own order. */
function mergeByStart(list: Draft[], extra: Draft[]): Draft[] {
  if (extra.length === 0) return list;
  const out: Draft[] = [];
  let j = 0;
  for (const d of list) {
    while (j < extra.length && extra[j].start < d.start) out.push(extra[j++]);
    out.push(d);
  }
  while (j < extra.length) out.push(extra[j++]);
  return out;
}

/** Affiliation from a possessive place or demonym chunk right before token index `from`. */
function affiliationBefore(ctx: Ctx, affilByEnd: Map<number, string>, from: number): string | undefined {
  const prev = from - 1;
  if (prev < 0) return undefined;
  const a = affilByEnd.get(prev);
  if (!a) return undefined;
  const gap = ctx.text.slice(ctx.toks[prev].end, ctx.toks[from].start);
  return /^['’]?\s+$/.test(gap) || gap === '' ? a : undefined;
}

/** Longest lower-case role phrase read next to a name ("deputy defense minister", "wide receiver"): 4 words. */
const LOWER_ROLE_MAX = 4;

/**
 * Roles in lower case next to a person: "wide receiver Vincent Jackson", "Iraqi defense minister
 * Erfan al-Hiyali" (before), "Erfan al-Hiyali, the Iraqi defense minister," (appositive after).
 */
function lowerCaseRoles(ctx: Ctx, drafts: Draft[], affilByEnd: Map<number, string>): void {
  const { toks } = ctx;
  for (const d of drafts) {
    if (d.role || (d.type !== 'person' && d.type !== 'other')) continue;
    const si = d.fromTok;
    // before: lower-case role words, possibly preceded by a demonym or possessive place
    let k = si - 1;
    let headSeen = false;
    while (k >= 0 && si - k <= LOWER_ROLE_MAX && toks[k].sent === toks[si].sent && !toks[k].cap) {
      const w = toks[k].lower;
      if (!(ROLE_HEADS.has(w) || ROLE_MODIFIERS.has(w))) break;
      if (!SPACES.test(ctx.text.slice(toks[k].end, toks[k + 1].start))) break;
      if (ROLE_HEADS.has(w) && k === si - 1) headSeen = true;
      k--;
    }
    if (headSeen && k + 1 < si) {
      d.role = roleText(ctx, k + 1, si - 1);
      if (d.type === 'other') d.type = 'person';
      const aff = affilByEnd.get(k);
      if (aff && !d.affiliation) d.affiliation = aff;
      continue;
    }
    // after: ", the Iraqi defense minister" / ", Iran's defense minister"
    const ei = d.toTok;
    if (ei + 2 >= toks.length) continue;
    if (!COMMA_GAP.test(gapOf(ctx, ei, ei + 1))) continue;
    let p = ei + 1;
    if (['the', 'a', 'an'].includes(toks[p].lower) && !toks[p].cap) p++;
    let aff: string | undefined;
    if (p < toks.length && toks[p].cap) {
      const dem = demonymCountry(toks[p].base);
      const pl = toks[p].poss ? lookupPlaceKey(toks[p].lower) : undefined;
      if (dem) aff = dem.name;
      else if (pl) aff = pl.name;
      else continue;
      p++;
    }
    const rs = p;
    while (p < toks.length && p - rs < LOWER_ROLE_MAX && !toks[p].cap && (ROLE_MODIFIERS.has(toks[p].lower) || ROLE_HEADS.has(toks[p].lower))) p++;
    const re = p - 1;
    if (re < rs || !ROLE_HEADS.has(toks[re].lower)) continue;
    const after = p < toks.length ? ctx.text.slice(toks[re].end, toks[p].start) : '';
    if (p < toks.length && !/^\s*[,.;)]/.test(after) && !['of', 'for', 'who', 'and'].includes(toks[p].lower)) continue;
    d.role = roleText(ctx, rs, re);
    if (d.type === 'other') d.type = 'person';
    if (aff && !d.affiliation) d.affiliation = aff;
  }
}

/**
 * "the Secretary of Defence, Donald Rumsfeld": a role-only mention followed by a comma and a name
 * gives that name its role (and makes it a person).
 */
function roleAppositions(ctx: Ctx, drafts: Draft[]): void {
  for (let i = 0; i + 1 < drafts.length; i++) {
    const a = drafts[i];
    const b = drafts[i + 1];
    if (!a.role || a.name !== a.role || b.role || (b.type !== 'person' && b.type !== 'other')) continue;
    if (!COMMA_GAP.test(ctx.text.slice(a.end, b.start))) continue;
    b.role = a.role;
    if (a.affiliation && !b.affiliation) b.affiliation = a.affiliation;
    b.type = 'person';
  }
}

/**
 * "The President said …", "the Mayor of Litueche", "the Iranian Consul", "the U.K.'s Prime
 * Minister": a capitalised role noun alone with a definite or possessive determiner is the
 * construction of "the coach", "her rep" ({@link roleDescription}), capitalised by house style —
 * it refers back to the holder of the role, it does not name an entity of its own. So it is a role description too: resolution gives it to the story's holder
 * of the role (rule 9 of resolve.ts) and drops it when the story names none, where a role-only
 * name had become an entity called "President" in the listings. Headline role nouns without a
 * determiner ("RECEIVER ARRESTED") and roles given in apposition to a name ("the Secretary of
 * Defence, Donald Rumsfeld", see {@link roleAppositions}) stay as they are.
 */
function definiteRoles(ctx: Ctx, drafts: Draft[]): void {
  const { toks } = ctx;
  for (let k = 0; k < drafts.length; k++) {
    const d = drafts[k];
    // (not a possessive: "The City Attorney's Office" names the office, as in roleDescription)
    if (!d.role || d.name !== d.role || d.kind || d.type !== 'other' || toks[d.toTok].poss) continue;
    const p = d.fromTok - 1;
    if (p < 0 || toks[p].sent !== toks[d.fromTok].sent || !SPACES.test(gapOf(ctx, p, d.fromTok))) continue;
    // "the", "this", "that", or a possessive ("the U.K.'s Prime Minister", "Oxfam's Policy Director")
    const tp = toks[p];
    const possessive = tp.poss || tp.possMarker;
    if (!(possessive || DEFINITE_DETERMINERS.has(tp.lower) || POSSESSIVE_DETERMINERS.has(tp.lower))) continue;
    // given to the name in apposition after it
    const b = drafts[k + 1];
    if (b && b.role === d.role && COMMA_GAP.test(ctx.text.slice(d.end, b.start))) continue;
    // in apposition after a name ("Tony Blair, the U.K.'s Prime Minister,"): it says what that
    // person is rather than referring back, and as a role-only name resolution links it to its
    // holder. The noun phrase starts at the determiner, or at the possessor's name and its article.
    let phrase = p;
    if (possessive && k > 0 && drafts[k - 1].toTok >= p - 1 && drafts[k - 1].toTok <= p) phrase = drafts[k - 1].fromTok;
    if (possessive && phrase > 0 && DEFINITE_DETERMINERS.has(toks[phrase - 1].lower) && toks[phrase - 1].sent === tp.sent) phrase--;
    if (phrase > 0 && COMMA_GAP.test(gapOf(ctx, phrase - 1, phrase))) {
      let a: Draft | undefined;
      for (let x = k - 1; x >= 0 && drafts[x].toTok >= phrase - 1; x--) if (drafts[x].toTok === phrase - 1) a = drafts[x];
      if (a && (a.type === 'person' || a.type === 'other')) continue;
    }
    d.kind = 'description';
    d.type = 'person';
  }
}

/**
 * Nouns that denote a person, whatever else the sentence says: the person descriptors of the
 * lexicon and the participant nouns of crime and disaster reports (which resolution keeps out of
 * the descriptors, see lexicon.ts, but which are no less persons for that).
 */
const PERSON_APPOSITION_NOUNS = new Set<string>([
  ...PERSON_DESCRIPTORS.keys(),
  ...['suspect', 'victim', 'witness', 'bomber', 'gunman', 'passenger', 'driver', 'survivor', 'hostage', 'prisoner', 'detainee', 'resident', 'citizen', 'national', 'person', 'worker', 'soldier', 'sailor', 'officer', 'policeman', 'policewoman', 'cyclist', 'rider', 'athlete', 'player'],
]);

/**
 * "A Canadian man, Momin Khawaja, was arrested", "The London bomb suspect, Hussain Osman,",
 * "Hussain Osman, a 27-year-old suspect,": a name of undecided type in apposition to a noun phrase
 * headed by a person noun is a person's name. Names of non-English origin miss the given-name
 * lists, so this is often the only cue the text gives; an appositive names the same referent as
 * its noun phrase, and the noun says what that is. Only with an article before the noun (a noun
 * phrase of its own, not the end of a longer construction) and a comma on each side of the
 * appositive (or the sentence's end). The type reaches the name's other uses in the article
 * through the surname rule of {@link articleLevelTypes} ("Khawaja is considered …").
 */
function personAppositions(ctx: Ctx, drafts: Draft[]): void {
  const { toks, text } = ctx;
  const commaGap = (a: number, b: number) => COMMA_GAP.test(gapOf(ctx, a, b));
  const closes = (k: number) => {
    const n = toks[k + 1];
    return !n || n.sent !== toks[k].sent || /^\s*[,.;:)]/.test(text.slice(toks[k].end, n.start));
  };
  for (const d of drafts) {
    if (d.type !== 'other' || d.role || d.kind) continue;
    const s = toks[d.fromTok].sent;
    // before: "<a/an/the> [modifiers] <person noun>, Name,"
    const p = d.fromTok - 1;
    if (p > 0 && toks[p].sent === s && !toks[p].cap && PERSON_APPOSITION_NOUNS.has(toks[p].lower) && commaGap(p, d.fromTok) && closes(d.toTok) && articleBefore(ctx, p)) {
      d.type = 'person';
      continue;
    }
    // after: "Name, <a/an/the> [modifiers] <person noun>,"
    const q = d.toTok + 1;
    if (q + 1 >= toks.length || toks[q].sent !== s || !APPOSITIVE_DETERMINERS.has(toks[q].lower) || !commaGap(d.toTok, q)) continue;
    for (let k = q + 1; k < Math.min(toks.length, q + 1 + MAX_MODIFIERS); k++) {
      if (toks[k].sent !== s || !NP_GAP.test(gapOf(ctx, k - 1, k)) || toks[k].func) break;
      if (!toks[k].cap && PERSON_APPOSITION_NOUNS.has(toks[k].lower) && closes(k)) {
        d.type = 'person';
        break;
      }
    }
  }
}

/** Does an article (a, an, the) open the noun phrase ending at token i, over at most a few modifiers? */
function articleBefore(ctx: Ctx, i: number): boolean {
  const toks = ctx.toks;
  for (let k = i - 1; k >= 0 && i - k <= MAX_MODIFIERS + 1 && toks[k].sent === toks[i].sent && NP_GAP.test(gapOf(ctx, k, k + 1)); k--) {
    if (APPOSITIVE_DETERMINERS.has(toks[k].lower)) return true;
    if (toks[k].func) return false;
  }
  return false;
}

/**
 * "Kurdistan Regional Government (KRG)", "Muammar Gaddafi (Qadhafi)": the bracketed name is an
 * alias — when it reads as one: an acronym of the name, or a spelling of one of its words.
 * Brackets also hold other things beside a name ("Valparaíso (Mercalli III)", an intensity;
 * "Basra (Iraq)", a location), and an alias merges two names for good, so a bracketed name
 * that is neither is left alone.
 */
function parenthesisAliases(ctx: Ctx, drafts: Draft[]): void {
  for (let i = 0; i + 1 < drafts.length; i++) {
    const a = drafts[i];
    const b = drafts[i + 1];
    const gap = ctx.text.slice(a.end, b.start);
    if (!/^\s*\(\s*$/.test(gap)) continue;
    if (!/^\s*\)/.test(ctx.text.slice(b.end, b.end + 3))) continue;
    if (b.type === 'place' && a.type !== 'place') continue;
    // (the surface forms: a long acronym's name may be normalised out of capitals, "Unfccc")
    if (!aliasFits(ctx.text.slice(a.start, a.end), ctx.text.slice(b.start, b.end))) continue;
    if (!a.alias) a.alias = b.name;
    if (!b.alias) b.alias = a.name;
    if (b.type === 'other' || (b.type === 'organisation' && a.type !== 'organisation')) b.type = a.type;
  }
}

/**
 * Can `alias` be another name of `name`? Either one is an acronym (2–8 capitals, dots allowed)
 * whose letters run in order through the other's word initials (connectors included, hyphenated
 * parts counted), starting or ending alike — KRG / Iraqi Kurdistan Regional Government, OECD /
 * Organisation for Economic Co-operation and Development — or the initials run through the
 * acronym from its first letter (ISIS / Islamic State); or the two share a word up to spelling
 * (Gaddafi / Qadhafi, `tokenSimilarity` ≥ 2).
 */
function aliasFits(name: string, alias: string): boolean {
  const acronymOf = (s: string) => (/^(?:[A-Z]\.?){2,8}$/.test(s.replace(/\s+/g, '')) ? s.replace(/[\s.]/g, '').toLowerCase() : null);
  const wordInitials = (s: string) =>
    nameTokens(s)
      .filter((t) => t !== 'the')
      .map((t) => t[0])
      .join('');
  const inOrder = (short: string, long: string) => {
    let k = 0;
    for (let i = 0; i < long.length && k < short.length; i++) if (long[i] === short[k]) k++;
    return k === short.length;
  };
  const acr = acronymOf(alias) ?? acronymOf(name);
  if (acr !== null) {
    const ini = wordInitials(acronymOf(alias) !== null ? name : alias);
    if (ini.length < 2) return false;
    // anchored at the first word or at the head ("Iraqi Kurdistan Regional Government (KRG)")
    return (inOrder(acr, ini) && (acr[0] === ini[0] || acr[acr.length - 1] === ini[ini.length - 1])) || (inOrder(ini, acr) && ini[0] === acr[0]);
  }
  const ta = nameTokens(name);
  return nameTokens(alias).some((t) => t.length > 2 && ta.some((u) => tokenSimilarity(t, u) >= 2));
}

/**
 * Within one article a lone word that is a known person's surname (or given name) denotes that
 * person, whatever the gazetteer or the defaults said ("Jackson" after "Vincent Jackson").
 * Multi-word names sharing a person's surname with an unknown type are people too.
 */
function matchesAny(w: string, names: Set<string>): boolean {
  if (names.has(w)) return true;
  for (const n of names) if (tokenSimilarity(w, n) >= 2) return true;
  return false;
}

const SCORE_NUMBER = /^\d{1,3}$/;
const SCORE_GAP = /^ ?[-–] ?$/;
/** Prepositions that put a place name in its literal, locative sense ("in Chapel Hill"). */
const LOCATIVE = new Set(['in', 'at', 'near', 'from', 'to', 'into', 'outside', 'inside', 'across', 'around', 'throughout', 'toward', 'towards', 'through', 'within', 'of', 'across', 'via', 'downtown']);

/**
 * Place names standing for teams. In a sentence that reports a game score ("31-24", "20 - 13"), a
 * city, state or country named without a locative preposition before it is the team from there
 * ("Thursday night's 31-24 win over Jacksonville", "leading Indianapolis to a 20 - 13 victory over
 * Kansas City") — the standard metonymy of sports reporting — while "in Chapel Hill, N.C." stays
 * a place (a locative preposition before it, or a comma: the "City, State" pattern). Such a
 * mention is typed organisation; the resolver keeps it apart from the place and lets it join the
 * team named after the place in the story (resolve.ts, rule 4d).
 */
function sportsMetonymy(ctx: Ctx, drafts: Draft[]): void {
  const { toks, text } = ctx;
  let scoreSents: Set<number> | null = null;
  for (let i = 0; i + 1 < toks.length; i++) {
    const a = toks[i];
    const b = toks[i + 1];
    // (the digit test first: most words are none)
    if (a.sent !== b.sent || !isDigitAt(a.text, 0) || !isDigitAt(b.text, 0) || !SCORE_NUMBER.test(a.text) || !SCORE_NUMBER.test(b.text)) continue;
    if (SCORE_GAP.test(text.slice(a.end, b.start))) (scoreSents ??= new Set()).add(a.sent);
  }
  if (!scoreSents) return;
  for (const d of drafts) {
    if (d.type !== 'place' || d.role) continue;
    const t = toks[d.fromTok];
    if (!scoreSents.has(t.sent)) continue;
    const prev = toks[d.fromTok - 1];
    if (prev && prev.sent === t.sent && (LOCATIVE.has(prev.lower) || text.slice(prev.end, t.start).includes(','))) continue;
    d.type = 'organisation';
  }
}

function articleLevelTypes(drafts: Draft[]): void {
  // one sense per discourse: a word weakly typed place somewhere ("in Chiefs red") makes its
  // undecided uses places too — unless the undecided uses are the majority (then the place
  // reading was the odd one out, and it is the one dropped). A place by unambiguous context
  // ("Pichilemu, Chile", "southwest of Pichilemu") is not outvoted: it decides.
  const placeVotes = new Map<string, number>();
  for (const d of drafts) {
    if (!d.singleLower || (d.type !== 'place' && d.type !== 'other')) continue;
    if (d.strong) {
      placeVotes.set(d.singleLower, Infinity);
      continue;
    }
    if (d.type === 'place' && !d.weak) continue;
    placeVotes.set(d.singleLower, (placeVotes.get(d.singleLower) ?? 0) + (d.type === 'place' ? 1 : -1));
  }
  for (const d of drafts) {
    if (!d.singleLower || !d.weak) continue;
    const v = placeVotes.get(d.singleLower);
    if (v === undefined) continue;
    if (d.type === 'other' && v >= 0) d.type = 'place';
    else if (d.type === 'place' && v < 0 && !d.place) d.type = 'other';
  }
  // one sense per discourse again: a name the article writes as "the Red Cross" is no person where
  // only its given-name first word made it one ("Red Cross said", "American Red Cross")
  let definite: Set<string> | undefined;
  for (const d of drafts) if (d.definite) (definite ??= new Set()).add(fold(d.name));
  if (definite) for (const d of drafts) if (d.given && d.type === 'person' && !d.role && definite.has(fold(d.name))) d.type = 'other';
  const surnames = new Set<string>();
  const given = new Set<string>();
  for (const d of drafts) {
    if (d.type === 'person' && d.tokenCount >= 2 && d.lastLower && d.firstLower) {
      surnames.add(d.lastLower);
      given.add(d.firstLower);
    }
  }
  if (surnames.size === 0) return;
  // the same word recurs (a name is written many times): compare it with the surnames once
  const memo = new Map<string, boolean>();
  const isSurname = (w: string) => {
    let r = memo.get(w);
    if (r === undefined) memo.set(w, (r = matchesAny(w, surnames)));
    return r;
  };
  for (const d of drafts) {
    if (d.type === 'person' || d.role) continue;
    const retype = d.type === 'other' || (d.type === 'place' && d.weak);
    if (!retype) continue;
    if (d.singleLower && (isSurname(d.singleLower) || (d.type === 'other' && given.has(d.singleLower)))) {
      d.type = 'person';
    } else if (d.type === 'other' && d.tokenCount >= 2 && d.lastLower && isSurname(d.lastLower)) {
      d.type = 'person';
    }
  }
}

/** Gaps allowed between the words of a noun phrase: spaces, or a hyphen ("36 - year - old"). */
const NP_GAP = /^(?:[ \t\u00a0]+|\s*[-–]\s*)$/;
/**
 * Is token i inside double quotation marks ("…", “…”, ``…'')? Read from the quote marks in the
 * gaps between tokens, a paragraph break closing an open quotation; the reader only moves forward,
 * so asking for increasing i costs one pass over the text at most.
 */
function quoteReader(ctx: Ctx): (i: number) => boolean {
  const { toks, text } = ctx;
  let open = false;
  let next = 0; // next token whose preceding gap is unread
  let from = 0;
  return (i: number) => {
    for (; next <= i; next++) {
      const t = toks[next];
      // most gaps are one space: nothing to read
      if (!(t.start - from === 1 && text.charCodeAt(from) === 32)) {
        for (let k = from; k < t.start; k++) {
          const c = text.charCodeAt(k);
          if (c === 10) open = false;
          else if (c === 34) open = !open; // "
          else if (c === 0x201c) open = true; // “
          else if (c === 0x201d) open = false; // ”
          else if (c === 96 && text.charCodeAt(k + 1) === 96) open = true; // ``
          else if (c === 39 && text.charCodeAt(k + 1) === 39) open = false; // ''
        }
      }
      from = t.end;
    }
    return open;
  };
}

let scratch = new Int32Array(1024);
/** A reused buffer of n ints set to -1 (one per token: allocating one per article fed the collector). */
function scratchInts(n: number): Int32Array {
  if (scratch.length < n) scratch = new Int32Array(Math.max(n, 2 * scratch.length));
  const view = scratch.subarray(0, n);
  view.fill(-1);
  return view;
}

const PERSON_NOUN = 1;
const FACILITY_NOUN = 2;
const ROLE_NOUN = 4;
const HE_WORD = 8;
const SHE_WORD = 16;
const NOUNS = PERSON_NOUN | FACILITY_NOUN | ROLE_NOUN;
/**
 * Class bits of the words descriptions and the subject's pronoun are read from: the nouns a
 * description can be headed by (rule 10 of resolve.ts), role heads, and he/she pronouns.
 */
const DESCRIPTOR_CLASS: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  const add = (w: string, bit: number) => m.set(w, (m.get(w) ?? 0) | bit);
  for (const w of ROLE_HEADS) add(w, ROLE_NOUN);
  for (const w of FACILITY_DESCRIPTORS) add(w, FACILITY_NOUN);
  for (const w of PERSON_DESCRIPTORS.keys()) add(w, PERSON_NOUN);
  for (const w of ['he', 'him', 'his', 'himself']) add(w, HE_WORD);
  for (const w of ['she', 'her', 'hers', 'herself']) add(w, SHE_WORD);
  return m;
})();
/** Longest run of modifiers read before a description's noun. */
const MAX_MODIFIERS = 6;

/**
 * Definite descriptions of participants (rule 10 of resolve.ts): a descriptor noun of the lexicon
 * (`PERSON_DESCRIPTORS`, `FACILITY_DESCRIPTORS`) heading a noun phrase that refers back rather
 * than introducing someone new. English marks that by the determiner, so the phrase before the
 * noun is read back over its modifiers ("the powerful Mafioso", "A 36-year-old Australian
 * climber") to the first function word:
 * - `the`, `this`, `that` → definite: a description;
 * - an indefinite or contrastive determiner (a, another, other, some, …) or a possessive (her
 *   rep, Reid's mother: a relative *of* someone, not that someone) → not one;
 * - none (a preposition, punctuation, the sentence start): a bare singular noun, which English
 *   allows only in headline style — so a description in a headline-style sentence, in a short
 *   first sentence (the headline of a text without a separate one: "Climber dead after …",
 *   "Goth son held as mum and sister killed") or capitalised at the start of a sentence or of a
 *   clause after a colon ("Cumbria double murder : Son suspected …") — and, for the institution
 *   nouns English uses bare ("checked into rehab", like "in hospital"), anywhere after a verb or
 *   preposition. Its modifiers are then the names, places and demonyms right before it ("Queens
 *   Woman", "British Climber").
 * Kinship nouns count only bare (with "the" they name a relative of someone), person nouns in
 * quoted speech not at all (the speaker's, not the report's), and lower-case role nouns go to
 * {@link roleDescription}.
 * The noun must head its phrase: not followed by another descriptor noun ("rehab facility"), by
 * "of" ("son of …"), or by a name it is a title for ("party girl Tara Reid"). Only a chunk of
 * undecided type ending in the noun is taken over from name extraction ("the Perennial Party
 * Girl", "the powerful Mafioso", "Malibu Rehab"); a noun inside any other mention is left alone.
 */
function descriptions(ctx: Ctx, drafts: Draft[], articleId: string): Draft[] {
  const { toks } = ctx;
  let cover: Int32Array | null = null;
  const out: Draft[] = [];
  const dcls = ctx.dcls;
  if (!dcls) return out;
  let quoted: ((i: number) => boolean) | undefined;
  for (const i of ctx.nouns) {
    const cls = dcls[i] & NOUNS;
    const t = toks[i];
    const lower = t.lower;
    const facility = (cls & (PERSON_NOUN | FACILITY_NOUN)) === FACILITY_NOUN;
    const role = (cls & (PERSON_NOUN | FACILITY_NOUN)) === 0;
    if (role && t.cap) continue;
    if (role) {
      // cheap first: a role description needs a determiner or a role word right before it
      const p = toks[i - 1];
      if (!p || p.sent !== t.sent || !(p.poss || p.possMarker || DEFINITE_DETERMINERS.has(p.lower) || POSSESSIVE_DETERMINERS.has(p.lower) || dcls[i - 1] & ROLE_NOUN || ROLE_MODIFIERS.has(p.lower))) continue;
    }
    if (!cover) {
      cover = scratchInts(toks.length);
      for (let k = 0; k < drafts.length; k++) for (let x = drafts[k].fromTok; x <= drafts[k].toTok; x++) cover[x] = k;
    }
    if (role) {
      const d = roleDescription(ctx, i, cover, drafts, articleId);
      if (d) out.push(d);
      continue;
    }
    // in quoted speech a person noun is the speaker's ("My wife was getting ready to go out with
    // the kid"), anchored to people the report need not name
    if (!facility && (quoted ??= quoteReader(ctx))(i)) continue;
    let convert: Draft | undefined;
    let from = i;
    if (cover[i] >= 0) {
      const d = drafts[cover[i]];
      // a chunk of undecided type ending in the noun, or the noun alone typed a person only
      // because it is also a given name and capitalised only by its position ("Son suspected …")
      const undecided = d.type === 'other' || (d.type === 'person' && d.fromTok === i && t.initial && !ctx.known.has(lower));
      if (!undecided || d.toTok !== i || d.role || d.alias || d.affiliation) continue;
      convert = d;
      from = d.fromTok;
    }
    const next = toks[i + 1];
    if (!t.poss && next && next.sent === t.sent && NP_GAP.test(gapOf(ctx, i, i + 1))) {
      if (PERSON_DESCRIPTORS.has(next.lower) || FACILITY_DESCRIPTORS.has(next.lower) || next.lower === 'of') continue;
      if (next.cap && cover[i + 1] >= 0 && (drafts[cover[i + 1]].type === 'person' || drafts[cover[i + 1]].type === 'other')) continue;
      // a plural verb: a collective or plural reading ("the youth were")
      if (next.lower === 'were' || next.lower === 'are') continue;
      // a lower-case noun after it makes it a modifier ("rehab center", "student news agency");
      // verbs and the predicates of headline style do not ("Man charged", "Climber dead")
      if (next.alpha && !next.cap && !next.func && !/(?:ed|s)$/.test(next.lower) && !HEADLINE_PREDICATES.has(next.lower)) continue;
    }
    // in apposition to a name that follows ("the recently-fired man, Eric Allen Kirkpatrick,"):
    // the name is the mention, the noun phrase a title for it
    if (next && next.sent === t.sent && next.cap && cover[i + 1] >= 0 && COMMA_GAP.test(gapOf(ctx, i, i + 1))) {
      const a = drafts[cover[i + 1]];
      if (a.type === 'person' || a.type === 'other') continue;
    }
    // read back over the modifiers to the determiner
    let k = from - 1;
    let det = '';
    while (k >= 0 && from - k <= MAX_MODIFIERS && toks[k].sent === t.sent && NP_GAP.test(gapOf(ctx, k, k + 1))) {
      const u = toks[k];
      if (u.poss || u.possMarker) {
        det = 'poss';
        break;
      }
      if (u.func && !ADJECTIVAL_FUNCTION_WORDS.has(u.lower)) {
        det = u.lower;
        break;
      }
      k--;
    }
    if (det === 'poss' || DETERMINER_LIKE.has(det)) continue;
    // "to host", "to star": an infinitive, unless an institution ("went to rehab")
    if (det === 'to' && k === from - 1 && !INSTITUTION_NOUNS.has(lower)) continue;
    let start = from;
    if (DEFINITE_DETERMINERS.has(det)) {
      // a kinship noun with "the" refers to a relative of someone ("his adult son … the son"),
      // not to a participant by itself; in headline style it does ("Son held as mum killed")
      if (KINSHIP_NOUNS.has(lower)) continue;
      start = k + 1;
    } else {
      // bare noun: headline style (a headline-style sentence, or a short first sentence: the
      // headline of a text without a separate one), or an institution noun after a verb or
      // preposition ("checked into rehab", "entered rehab")
      const prev = from > 0 ? toks[from - 1] : undefined;
      const institution =
        INSTITUTION_NOUNS.has(lower) && from === i && !!prev && prev.sent === t.sent && !prev.cap && prev.alpha && SPACES.test(gapOf(ctx, from - 1, from));
      // its modifiers: the names, places and demonyms right before it ("Queens Woman", "Malibu
      // Rehab", "British Climber"), not every capitalised headline word ("… Firm Leaves Woman")
      start = i;
      while (start - 1 > k && toks[start - 1].cap && !toks[start - 1].func && SPACES.test(gapOf(ctx, start - 1, start))) {
        const u = toks[start - 1];
        const c = cover[start - 1];
        const named = c >= 0 && drafts[c] !== convert && !drafts[c].kind;
        if (!named && !demonymOf(u.base) && !ADJECTIVAL_NAMES.has(u.lower) && !placeWords(drafts).has(u.lower)) break;
        start--;
      }
      // a capitalised bare noun opening a sentence or a clause after a colon ("… murder : Son
      // suspected of …") is headline style too
      const headline = ctx.modes[t.sent] !== 'normal' || (t.sent === 0 && shortSentence(toks, i)) || (toks[start].initial && t.cap);
      if (!headline && !institution) continue;
    }
    // a facility description with a name in it is that name's classifier ("the Morningside
    // Recovery rehab facility"), not a description of its own
    if (facility) {
      let named = false;
      for (let x = start; x < i && !named; x++) named = cover[x] >= 0 && drafts[cover[x]] !== convert && drafts[cover[x]].type !== 'place';
      if (named) continue;
    }
    if (convert) {
      convert.kind = 'description';
      convert.type = facility ? 'organisation' : 'person';
      convert.converted = true;
      if (start !== convert.fromTok) {
        convert.fromTok = start;
        convert.start = toks[start].start;
        convert.name = nameOf(ctx, start, i);
        convert.text = ctx.text.slice(convert.start, convert.end);
      }
      continue;
    }
    const d: Draft = {
      articleId,
      text: ctx.text.slice(toks[start].start, t.end),
      start: toks[start].start,
      end: t.end,
      type: facility ? 'organisation' : 'person',
      name: nameOf(ctx, start, i),
      kind: 'description',
      tokenCount: i - start + 1,
      fromTok: start,
      toTok: i,
    };
    out.push(d);
  }
  return out;
}

/** Function words that determine a noun phrase (as opposed to prepositions and conjunctions before a bare noun). */
const DETERMINER_LIKE = new Set([
  'a', 'an', 'another', 'other', 'one', 'some', 'any', 'no', 'every', 'each', 'such', 'either', 'neither', 'several',
  'many', 'few', 'all', 'both', 'his', 'her', 'their', 'its', 'my', 'your', 'our', 'whose', 'which', 'what', 'these',
  'those', 'second', 'third',
]);
/** Longest first sentence read as a headline (news headlines run to about a dozen words). */
const HEADLINE_WORDS = 14;

/** Is the sentence of token i short enough to be a headline? */
function shortSentence(toks: Tok[], i: number): boolean {
  const s = toks[i].sent;
  let n = 0;
  for (let k = i; k >= 0 && toks[k].sent === s; k--) if (toks[k].alpha) n++;
  for (let k = i + 1; k < toks.length && toks[k].sent === s; k++) if (toks[k].alpha && ++n > HEADLINE_WORDS) return false;
  return n <= HEADLINE_WORDS;
}

let placeWordsOf: { drafts: Draft[]; words: Set<string> } | null = null;
/** Single-word place names of the article's mentions ("malibu" when it writes "in Malibu"). */
function placeWords(drafts: Draft[]): Set<string> {
  if (placeWordsOf?.drafts !== drafts) {
    const words = new Set<string>();
    for (const d of drafts) if (d.type === 'place' && d.singleLower) words.add(d.singleLower);
    placeWordsOf = { drafts, words };
  }
  return placeWordsOf.words;
}
/** Irregular participles and predicate adjectives that follow the subject of a headline ("Climber dead", "Teen shot"). */
const HEADLINE_PREDICATES = new Set(['dead', 'alive', 'missing', 'shot', 'hurt', 'held', 'slain', 'hit', 'struck', 'found', 'safe', 'guilty', 'stuck', 'lost', 'set', 'sent', 'taken', 'seen']);
/** Function words that modify a noun inside its phrase ("the new host", "the same clinic"). */
const ADJECTIVAL_FUNCTION_WORDS = new Set(['new', 'first', 'last', 'next', 'same', 'own', 'only', 'very', 'former']);

/**
 * A facility named after a person, used by that name where only a place fits: "checks into Betty
 * Ford", "at Betty Ford", "out of Betty Ford" — a person is not checked into. When the article
 * also names the organisation in full ("the Betty Ford Center"), the short name is typed
 * organisation, so that it resolves to the facility (rule 4b/3 of resolve.ts) and not to the
 * person.
 */
function facilityMetonymy(ctx: Ctx, drafts: Draft[]): void {
  const { toks } = ctx;
  let orgs: string[][] | null = null;
  for (const d of drafts) {
    if (d.type !== 'person' || d.role || d.tokenCount < 2 || d.fromTok === 0) continue;
    const p = d.fromTok - 1;
    const w = toks[p].lower;
    if (toks[p].sent !== toks[d.fromTok].sent || toks[p].cap || !SPACES.test(gapOf(ctx, p, d.fromTok))) continue;
    if (!(w === 'into' || w === 'at' || w === 'inside' || (w === 'of' && p > 0 && toks[p - 1].lower === 'out'))) continue;
    orgs ??= drafts.filter((o) => o.type === 'organisation').map((o) => o.name.toLowerCase().split(/\s+/));
    const name = d.name.toLowerCase().split(/\s+/);
    const named = orgs.some((o) => {
      if (o.length <= name.length || o.length > name.length + 2) return false;
      for (let k = 0; k < name.length; k++) if (o[k] !== name[k]) return false;
      const last = o[o.length - 1];
      return ORG_WORDS.has(last) || FACILITY_HEADS.has(last);
    });
    if (named) d.type = 'organisation';
  }
}

/**
 * "Morningside Recovery in Newport Beach", "rehab in Newport Beach", "Malibu Rehab": the place an
 * organisation or a facility description is located in, when a place mention directly follows
 * it after "in" or modifies the description. Rule 10 of resolve.ts uses it to tell facilities
 * apart.
 */
function locations(ctx: Ctx, drafts: Draft[]): void {
  const { toks } = ctx;
  let placeAt: Map<number, Draft> | null = null;
  const placeStarting = (k: number) => {
    if (!placeAt) {
      placeAt = new Map();
      for (const x of drafts) if (x.type === 'place') placeAt.set(x.fromTok, x);
    }
    return placeAt.get(k);
  };
  for (const d of drafts) {
    if (d.type !== 'organisation' && d.type !== 'other' && !d.kind) continue;
    let p: Draft | undefined;
    // a modifier of a description that is a place of the article ("Malibu Rehab"; the article
    // writes "in Malibu" elsewhere), whether or not a mention of its own here
    if (d.kind) {
      for (let k = d.fromTok; k < d.toTok && !p; k++) {
        p = placeStarting(k);
        if (!p && toks[k].cap && placeWords(drafts).has(toks[k].lower)) p = drafts.find((x) => x.type === 'place' && x.singleLower === toks[k].lower);
      }
    }
    const a = d.toTok + 1;
    if (!p && a + 1 < toks.length && toks[a].lower === 'in' && !toks[a].cap && toks[a].sent === toks[d.toTok].sent && SPACES.test(gapOf(ctx, d.toTok, a))) {
      p = placeStarting(a + 1);
    }
    if (p) d.locatedIn = p.place?.name ?? p.name;
  }
}

const FEMALE_HONORIFICS = new Set(['mrs', 'ms', 'miss', 'madam', 'madame', 'mme', 'mlle', 'lady', 'dame', 'frau', 'senora', 'señora']);
const MALE_HONORIFICS = new Set(['mr', 'mister', 'sir', 'lord', 'monsieur', 'herr', 'senor', 'señor', 'signor']);
/** Words after the subject within which its pronoun is looked for (a clause or two). */
const PRONOUN_REACH = 30;

/** The sex an honorific opening a mention states ("Mr Buckley", "Mrs. Hiller"). */
function honorificSex(t: Tok): 'f' | 'm' | undefined {
  return FEMALE_HONORIFICS.has(t.lower) ? 'f' : MALE_HONORIFICS.has(t.lower) ? 'm' : undefined;
}

/**
 * The sex of a sentence's subject from the pronoun that refers back to it: a person-like name
 * (type person or undecided) opening its sentence takes the sex of the first he/she-pronoun after
 * it in the same sentence, unless another person, undecided or organisation name, or a person
 * noun, comes between ("Raj Chohan, 59, of Queens, had just parked her car"; the subject is the
 * pronoun's preferred antecedent, and a name between makes the reading unsafe). The type is left alone: the reading
 * is a preference, not proof (a ship, a hurricane or a misparsed sentence is "she" too), so it
 * only makes an undecided name a candidate for a person description (rule 10 of resolve.ts).
 */
function pronounSex(ctx: Ctx, drafts: Draft[]): void {
  const { toks, dcls } = ctx;
  if (!ctx.pronouns || !dcls) return;
  let starts: Int32Array | null = null;
  for (const d of drafts) {
    if (d.type !== 'person' && d.type !== 'other') continue;
    // the subject: the name opens its sentence
    const s = toks[d.fromTok].sent;
    if (d.fromTok > 0 && toks[d.fromTok - 1].sent === s) continue;
    if (!starts) {
      starts = scratchInts(toks.length);
      for (const x of drafts) if (x.type !== 'place') starts[x.fromTok] = 1;
    }
    const end = Math.min(toks.length, d.toTok + 1 + PRONOUN_REACH);
    for (let k = d.toTok + 1; k < end && toks[k].sent === s; k++) {
      // another name, or a person noun between, is a nearer antecedent ("… a Mafia boss … his cell")
      const b = dcls[k];
      if (starts[k] === 1 || b & (PERSON_NOUN | ROLE_NOUN)) break;
      if (b & (HE_WORD | SHE_WORD)) {
        d.sex = b & HE_WORD ? 'm' : 'f';
        break;
      }
    }
  }
}

/**
 * A role noun in lower case used alone with a definite or possessive determiner ("the coach",
 * "her rep", "the star's rep"): rule 9's role noun in running text, resolved to the story's holder
 * of the role (a description: dropped when the story names no holder). Not when it is a title or
 * modifier ("coach Jim O'Brien", "the executive branch") or names the role of something ("the
 * president of the company", whose holder is another matter), nor in apposition to a name.
 */
function roleDescription(ctx: Ctx, i: number, cover: Int32Array, drafts: Draft[], articleId: string): Draft | undefined {
  const { toks } = ctx;
  const t = toks[i];
  if (cover[i] >= 0 || ctx.modes[t.sent] !== 'normal') return undefined;
  const next = toks[i + 1];
  // "the sheriff's department", "the prosecutor's office": an organisation, not the person
  if (t.poss && next && next.sent === t.sent && (ORG_WORDS.has(next.lower) || DESIGNATORS.has(next.lower))) return undefined;
  if (!t.poss && next && next.sent === t.sent) {
    const gap = gapOf(ctx, i, i + 1);
    if (NP_GAP.test(gap)) {
      if (next.cap || ROLE_HEADS.has(next.lower) || ROLE_MODIFIERS.has(next.lower) || next.lower === 'of' || next.lower === 'for') return undefined;
      if (next.alpha && !next.func && !/(?:ed|s)$/.test(next.lower)) return undefined;
    } else if (COMMA_GAP.test(gap) && next.cap && cover[i + 1] >= 0) return undefined;
  }
  let start = i;
  while (start > 0 && i - start < LOWER_ROLE_MAX - 1) {
    const u = toks[start - 1];
    if (u.sent !== t.sent || u.cap || !(ROLE_MODIFIERS.has(u.lower) || ROLE_HEADS.has(u.lower)) || !SPACES.test(gapOf(ctx, start - 1, start))) break;
    start--;
  }
  let det = toks[start - 1];
  // "the first coach since 1970", "the next president": a role in general, not its holder
  if (det && (det.lower === 'first' || det.lower === 'last' || det.lower === 'next')) return undefined;
  if (det && det.lower === 'former' && start > 1) det = toks[--start - 1];
  if (!det || det.sent !== t.sent || !SPACES.test(gapOf(ctx, start - 1, start))) return undefined;
  const definite = DEFINITE_DETERMINERS.has(det.lower) && !det.cap ? true : det.poss || det.possMarker || POSSESSIVE_DETERMINERS.has(det.lower);
  if (!definite) return undefined;
  return {
    articleId,
    text: ctx.text.slice(toks[start].start, t.end),
    start: toks[start].start,
    end: t.end,
    type: 'person',
    name: nameOf(ctx, start, i),
    role: roleText(ctx, start, i),
    kind: 'description',
    tokenCount: i - start + 1,
    fromTok: start,
    toTok: i,
  };
}

const POSSESSIVE_DETERMINERS = new Set(['his', 'her', 'their', 'its', 'my', 'your', 'our']);
