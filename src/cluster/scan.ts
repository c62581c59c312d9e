/**
 * A fast word scanner for the featuriser: the same tokens as `src/text/tokenize.ts` (letter/digit
 * runs with inner apostrophes and hyphens, numbers with separators, "U.S."-style initialisms), but
 * built for a hot loop that runs over every token of every article in the stream:
 *
 * - it reads character codes and never creates a string for a word form it has seen before: the
 *   lower-cased form is fingerprinted (64 bits) while scanning and looked up in an open-addressing
 *   table of known forms;
 * - what the featuriser needs to know about a form (its feature key, whether it is a stopword …) is
 *   computed once per form and kept in that table ({@link FormTable}), which is emptied when it
 *   reaches {@link MAX_FORMS} entries so memory stays bounded on an endless stream.
 *
 * The shared tokenizer allocates a string and an object per token and is the right tool for
 * everything else; here the scan is about a third of the cost of featurising an article.
 */

/** Character classes, filled lazily for code units beyond ASCII: 0 unknown, 1 letter, 2 digit, 3 other. */
const CLASS = new Uint8Array(65536);
/** Lower-case code unit of a letter (0 = not computed yet). */
const LOWER = new Uint16Array(65536);
for (let c = 0; c < 128; c++) {
  CLASS[c] = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : c >= 48 && c <= 57 ? 2 : 3;
  LOWER[c] = c >= 65 && c <= 90 ? c + 32 : c;
}

function classOf(c: number): number {
  let k = CLASS[c];
  if (k === 0) {
    const ch = String.fromCharCode(c);
    k = /\p{L}/u.test(ch) ? 1 : /\p{N}/u.test(ch) ? 2 : 3;
    CLASS[c] = k;
  }
  return k;
}

function lowerOf(c: number): number {
  let l = LOWER[c];
  if (l === 0) {
    const s = String.fromCharCode(c).toLowerCase();
    l = s.length === 1 ? s.charCodeAt(0) : c;
    LOWER[c] = l;
  }
  return l;
}

/** True for an upper-case letter (its lower-case form differs). */
export function isUpperCode(c: number): boolean {
  return classOf(c) === 1 && lowerOf(c) !== c;
}

const isJoiner = (c: number) => c === 39 || c === 0x2019 || c === 45; // ' ’ -
const isNumSep = (c: number) => c === 46 || c === 44 || c === 58; // . , :

/** Code unit at `j`, or a space past the end (every test treats both alike; keeps codes integers). */
function at(text: string, j: number, len: number): number {
  return j < len ? text.charCodeAt(j) : 32;
}

/** Bits of {@link Scan.gap}: what the characters between the previous token and this one hold. */
export const GAP_NEWLINE = 1;
export const GAP_PERIOD = 2;
export const GAP_STRONG = 4;

/** Tokens of one text: spans, form ids and case flags, in reusable typed arrays. */
export interface Scan {
  n: number;
  start: Int32Array;
  end: Int32Array;
  /** Index of the token's lower-cased form in the {@link FormTable}. */
  form: Int32Array;
  /** 1 when the token starts with an upper-case letter. */
  upper: Uint8Array;
  /** 1 when every letter of the token is a capital (and it has at least two characters). */
  caps: Uint8Array;
  /** Punctuation between the previous token (or the text start) and this one: GAP_* bits. */
  gap: Uint8Array;
}

/**
 * Interned lower-cased word forms with per-form facts of type `T` computed by `make` on first
 * sight.
 *
 * The hash table is one Int32Array of 4-word entries — fingerprint halves, length and id + 1 — so
 * that a probe reads one cache line. Every token of the stream is looked up here, at a random
 * place of a table of a quarter of a million slots; with the fingerprints and lengths in arrays
 * indexed by form id beside a table of ids, each look-up cost two to four cache misses, and it was
 * a tenth of the clusterer's time. In front of it, a small direct-mapped cache of recent forms
 * (256 KB, same entries) that stays in the processor's second-level cache: word frequencies are Zipfian, so most
 * tokens are a few thousand frequent forms and never reach the large table.
 */
export class FormTable<T> {
  /** Entries `[h, h2, length, id + 1]`; id + 1 = 0 marks an empty slot. */
  private table = new Int32Array(4 << 18);
  private mask = (1 << 18) - 1;
  /** The cache of recent forms: entries as in `table`, at `slot & HOT_MASK`, overwritten freely. */
  private readonly hot = new Int32Array(4 * (HOT_MASK + 1));
  readonly lower: string[] = [];
  readonly facts: T[] = [];
  /**
   * A small integer per form id (`code` of its facts): the facts a hot loop tests for every token
   * (flags), read from one compact array instead of from each form's object, which the profile
   * showed as a cache miss per token.
   */
  codes = new Int32Array(1024);

  /**
   * @param make the facts of a new form
   * @param onClear called when the table is emptied, before any form of the next text is read:
   *   whatever the caller interned for the old forms must go with them
   * @param code the integer kept in {@link FormTable.codes} for a new form's facts
   */
  constructor(
    private readonly make: (lower: string) => T,
    private readonly onClear: () => void = () => {},
    private readonly code: (facts: T) => number = () => 0,
  ) {}

  /** Number of forms held. */
  get size(): number {
    return this.lower.length;
  }

  /**
   * Id of the form of `text[start, end)` lower-cased, identified by two independent 32-bit hashes
   * of its lower-cased characters and its length. A 64-bit fingerprint makes a false match about
   * as likely as 1 in 10^14 per lookup with the table full, so characters are not compared.
   */
  lookup(text: string, start: number, end: number, h: number, h2: number): number {
    const len = end - start;
    const hi = h | 0;
    const h2i = h2 | 0;
    const mixed = h ^ Math.imul(len, 0x9e3779b1);
    const hot = this.hot;
    const he = (mixed & HOT_MASK) << 2;
    if (hot[he] === hi && hot[he + 1] === h2i && hot[he + 2] === len && hot[he + 3] !== 0) return hot[he + 3] - 1;
    const table = this.table;
    let slot = mixed & this.mask;
    for (;;) {
      const e = slot << 2;
      const v = table[e + 3];
      if (v === 0) break;
      if (table[e] === hi && table[e + 1] === h2i && table[e + 2] === len) {
        setEntry(hot, he, hi, h2i, len, v);
        return v - 1;
      }
      slot = (slot + 1) & this.mask;
    }
    if (this.lower.length * 2 > this.mask) {
      // One enormous text can outgrow the table before it is bounded again: grow and re-probe.
      this.rehash((this.mask + 1) * 2);
      return this.lookup(text, start, end, h, h2);
    }
    let lower = '';
    for (let k = start; k < end; k++) lower += String.fromCharCode(lowerOf(text.charCodeAt(k)));
    const id = this.lower.length;
    this.lower.push(lower);
    const facts = this.make(lower);
    this.facts.push(facts);
    if (id === this.codes.length) {
      const grown = new Int32Array(this.codes.length * 2);
      grown.set(this.codes);
      this.codes = grown;
    }
    this.codes[id] = this.code(facts);
    setEntry(table, slot << 2, hi, h2i, len, id + 1);
    setEntry(hot, he, hi, h2i, len, id + 1);
    return id;
  }

  /**
   * Empty the table when it has reached {@link MAX_FORMS}. Called between texts only: the ids of
   * a scan must stay valid until its tokens are read.
   */
  bound(): void {
    if (this.lower.length >= MAX_FORMS) this.clear();
  }

  private rehash(cap: number): void {
    const old = this.table;
    this.table = new Int32Array(cap * 4);
    this.mask = cap - 1;
    for (let e = 0; e < old.length; e += 4) {
      if (old[e + 3] === 0) continue;
      let slot = (old[e] ^ Math.imul(old[e + 2], 0x9e3779b1)) & this.mask;
      while (this.table[(slot << 2) + 3] !== 0) slot = (slot + 1) & this.mask;
      this.table.set(old.subarray(e, e + 4), slot << 2);
    }
  }

  private clear(): void {
    this.onClear();
    this.table.fill(0);
    this.hot.fill(0);
    this.lower.length = 0;
    this.facts.length = 0;
  }
}

/** Write the entry at `e` of a form table. */
function setEntry(t: Int32Array, e: number, h: number, h2: number, len: number, idPlus1: number): void {
  t[e] = h;
  t[e + 1] = h2;
  t[e + 2] = len;
  t[e + 3] = idPlus1;
}

/**
 * Slots of the cache of recent forms, minus one (16 384 slots). At 4 096 slots (64 KB) the probe of
 * the large table behind it was a tenth of featurisation (session 6 profile); four times as many
 * recent forms stay within a second-level cache.
 */
const HOT_MASK = 16383;

/** Forms kept before the table is emptied between two texts (its slots stay under half full). */
export const MAX_FORMS = 100_000;

function grow(s: Scan, need: number): void {
  if (need <= s.start.length) return;
  let cap = s.start.length;
  while (cap < need) cap *= 2;
  const copyI = (a: Int32Array) => {
    const b = new Int32Array(cap);
    b.set(a);
    return b;
  };
  const copyU = (a: Uint8Array) => {
    const b = new Uint8Array(cap);
    b.set(a);
    return b;
  };
  s.start = copyI(s.start);
  s.end = copyI(s.end);
  s.form = copyI(s.form);
  s.upper = copyU(s.upper);
  s.caps = copyU(s.caps);
  s.gap = copyU(s.gap);
}

/** A fresh scan buffer. */
export function newScan(): Scan {
  const cap = 1024;
  return { n: 0, start: new Int32Array(cap), end: new Int32Array(cap), form: new Int32Array(cap), upper: new Uint8Array(cap), caps: new Uint8Array(cap), gap: new Uint8Array(cap) };
}

/**
 * Scan `text` into `out` (reused), interning forms in `table`.
 *
 * @example scanText("Iran's al-Hiyali met U.S. officials", s, t) // 5 tokens: iran's, al-hiyali, met, u.s., officials
 */
export function scanText<T>(text: string, out: Scan, table: FormTable<T>): Scan {
  table.bound();
  const len = text.length;
  let n = 0;
  let i = 0;
  let gap = 0;
  // One pass: characters between tokens set the gap bits; a token's characters are classified,
  // lower-cased and fingerprinted (FNV-1a and a multiply-rotate hash) as its end is found.
  // Code units are kept integers (`at` gives a space past the end), so the loop stays in
  // small-integer arithmetic.
  while (i < len) {
    const c = text.charCodeAt(i);
    const kc = classOf(c);
    if (kc === 3) {
      if (c === 10) gap |= GAP_NEWLINE;
      else if (c === 46) gap |= GAP_PERIOD;
      else if (c === 33 || c === 63) gap |= GAP_STRONG;
      i++;
      continue;
    }
    const start = i;
    let j: number;
    let h = 0x811c9dc5;
    let h2 = 0x9747b28c;
    let lowerSeen = false;
    let hashed = false;
    if (kc === 1 && at(text, i + 1, len) === 46 && classOf(at(text, i + 2, len)) === 1 && at(text, i + 3, len) === 46) {
      // An initialism, "U.S." — single letters each followed by a period; the last period included.
      j = i;
      while (classOf(at(text, j, len)) === 1 && at(text, j + 1, len) === 46) j += 2;
    } else if (kc === 2) {
      // A number with separators between digits ("3,197", "2.5", "10:30"), maybe a suffix ("13th").
      j = i + 1;
      for (;;) {
        const d = at(text, j, len);
        const kd = classOf(d);
        if (kd === 2) j++;
        else if (isNumSep(d) && classOf(at(text, j + 1, len)) === 2) j += 2;
        else break;
      }
      while (classOf(at(text, j, len)) === 1) j++;
    } else {
      // A word: letters and digits, with inner joiners ("al-Hiyali", "Iran's"). Its characters are
      // read once — class, lower case and both hashes in the same step as the end is found (two
      // passes, one to find the end and one to hash, were twice the reads of the hot loop).
      j = i;
      let d = c;
      for (;;) {
        const l = lowerOf(d);
        if (l === d && classOf(d) === 1) lowerSeen = true;
        h = Math.imul(h ^ l, 0x01000193);
        h2 = Math.imul((h2 << 5) | (h2 >>> 27), 0x5bd1e995) ^ l;
        j++;
        if (j >= len) break;
        d = text.charCodeAt(j);
        if (classOf(d) !== 3) continue;
        // A joiner continues the word only before a letter or digit ("al-Hiyali", not "Iran -").
        if (!isJoiner(d) || j + 1 >= len || classOf(text.charCodeAt(j + 1)) === 3) break;
      }
      hashed = true;
    }
    if (!hashed) {
      // initialisms and numbers: hash the characters found
      for (let k = start; k < j; k++) {
        const code = text.charCodeAt(k);
        const l = lowerOf(code);
        if (l === code && classOf(code) === 1) lowerSeen = true;
        h = Math.imul(h ^ l, 0x01000193);
        h2 = Math.imul((h2 << 5) | (h2 >>> 27), 0x5bd1e995) ^ l;
      }
    }
    if (n === out.start.length) grow(out, n + 1);
    out.start[n] = start;
    out.end[n] = j;
    out.form[n] = table.lookup(text, start, j, h >>> 0, h2 >>> 0);
    const up = kc === 1 && lowerOf(c) !== c; // isUpperCode, class already known
    out.upper[n] = up ? 1 : 0;
    out.caps[n] = up && !lowerSeen && j - start > 1 ? 1 : 0;
    out.gap[n] = gap;
    gap = 0;
    n++;
    i = j;
  }
  out.n = n;
  return out;
}
