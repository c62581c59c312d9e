/**
 * MinHash signatures over word shingles (Broder, 1997).
 *
 * - **Shingles** are runs of {@link SHINGLE_WORDS} consecutive words ({@link shingleWords}: Unicode
 *   compatibility forms, case, punctuation and spacing folded), stopwords included — copy
 *   detection is about the wording, and function words are part of it; other quote marks or
 *   dashes do not make a syndicated copy a different text. (The store's exact-duplicate hash keeps
 *   punctuation on purpose — such a version is a distinct publication — and this stage is what
 *   links it to its original.) Five words is the
 *   usual choice for news near-duplicates: long enough that two independent reports rarely share
 *   a shingle by chance, short enough that an edited sentence still shares most of its shingles.
 * - **Hashing**: each word is hashed once (FNV-1a, 32 bit), a shingle hash combines its word
 *   hashes, and the i-th MinHash function is `fmix32(shingle ^ seed_i)` — murmur3's finaliser,
 *   a bijection with full avalanche, so each seed gives an independent-looking permutation of
 *   the 32-bit space at the cost of a few multiplications.
 * - **Size**: {@link SIGNATURE_SIZE} = 128 values. The estimate of Jaccard J has standard error
 *   √(J(1−J)/128): ±0.027 at J = 0.9, precise enough for the `copy` cut at 0.9.
 */
import { fmix32 } from '../text/hash.js';

/** Words per shingle. */
export const SHINGLE_WORDS = 5;
/** MinHash values per signature. */
export const SIGNATURE_SIZE = 128;

/** Fixed seeds of the MinHash functions (derived deterministically, so signatures are stable). */
const SEEDS: Uint32Array = (() => {
  const s = new Uint32Array(SIGNATURE_SIZE);
  let x = 0x9e3779b9;
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    x = fmix32(x + 0x6d2b79f5);
    s[i] = x;
  }
  return s;
})();

/** The words shingles are made of: NFKC, lower case, runs of letters and digits. */
export function shingleWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Word hashes of the text being shingled (scratch, grown as needed). */
let wordHashes = new Uint32Array(4096);

/**
 * FNV-1a hashes of {@link shingleWords}`(text)`, computed in one scan without making the word
 * strings (the same values as `shingleWords(text).map(fnv1a)`). Returns how many words.
 */
function hashWords(text: string): number {
  const t = text.normalize('NFKC').toLowerCase();
  let n = 0;
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    let word: boolean;
    let units = 1;
    if (c < 128) word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < t.length) {
      const d = t.charCodeAt(i + 1);
      units = d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
      word = WORD_CHAR.test(t.slice(i, i + units));
    } else word = WORD_CHAR.test(t[i]);
    if (word) {
      if (!inWord) {
        inWord = true;
        h = 0x811c9dc5;
      }
      for (let u = 0; u < units; u++) h = Math.imul(h ^ t.charCodeAt(i + u), 0x01000193);
    } else if (inWord) {
      inWord = false;
      if (n === wordHashes.length) wordHashes = grow(wordHashes);
      wordHashes[n++] = h >>> 0;
    }
    i += units - 1;
  }
  if (inWord) {
    if (n === wordHashes.length) wordHashes = grow(wordHashes);
    wordHashes[n++] = h >>> 0;
  }
  return n;
}

function grow(a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * Distinct shingle hashes of a text. A text shorter than one shingle yields one shingle of all
 * its words (so very short texts can still be exact/near copies of each other).
 */
export function shingleHashes(text: string): Uint32Array {
  const nw = hashWords(text);
  if (nw === 0) return new Uint32Array(0);
  const wh = wordHashes;
  const k = Math.min(SHINGLE_WORDS, nw);
  const out = new Uint32Array(nw - k + 1);
  for (let i = 0; i + k <= nw; i++) {
    let h = 0x3c6ef372;
    for (let j = 0; j < k; j++) h = fmix32(Math.imul(h, 0x01000193) ^ wh[i + j]);
    out[i] = h;
  }
  // Distinct values (a signature depends on the set only; the count is the set's size).
  out.sort();
  let m = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[m++] = out[i];
  return out.slice(0, m);
}

/** Running minima of {@link minhash} as signed integers (scratch). */
const SIG = new Int32Array(SIGNATURE_SIZE);

/** MinHash signature of a set of shingle hashes (all 0xffffffff for an empty set). */
export function minhash(shingles: Uint32Array): Uint32Array {
  // fmix32 written out, and minima kept as `v ^ 0x80000000` in an Int32Array, so the inner loop
  // compares small integers instead of unsigned doubles: the same values, about 1.6× faster.
  const sig = SIG;
  const seeds = SEEDS;
  sig.fill(0x7fffffff);
  for (let s = 0; s < shingles.length; s++) {
    const x = shingles[s];
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      let h = x ^ seeds[i];
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      h ^= 0x80000000;
      if (h < sig[i]) sig[i] = h;
    }
  }
  const out = new Uint32Array(SIGNATURE_SIZE);
  for (let i = 0; i < SIGNATURE_SIZE; i++) out[i] = (sig[i] ^ 0x80000000) >>> 0;
  return out;
}

/** Estimated Jaccard similarity: the share of signature positions that agree. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let eq = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) eq++;
  return eq / a.length;
}

/**
 * Containment of A in B (share of A's shingles that occur in B) from the Jaccard estimate and the
 * two set sizes: |A∩B| = J(|A|+|B|)/(1+J), so C = |A∩B| / |A|. Clamped to [0, 1].
 */
export function containmentFromJaccard(j: number, sizeA: number, sizeB: number): number {
  if (sizeA === 0) return 0;
  const inter = (j * (sizeA + sizeB)) / (1 + j);
  return Math.max(0, Math.min(1, inter / sizeA));
}
