/**
 * Feature ids and incrementally maintained document frequencies.
 *
 * **Hashed feature space.** A feature key ("w:pirate", "n:sukanya", "#:23") is mapped to one of
 * {@link FEATURE_BUCKETS} ids by a 32-bit hash (the "hashing trick", Weinberger et al., 2009)
 * instead of being interned in a growing dictionary. Reasons: a news stream's vocabulary never
 * stops growing (every new name and number is a new key), so a dictionary costs unbounded memory
 * and ever slower lookups; a fixed table costs 4 M × 5 bytes once (document frequency and a
 * name flag), and the id of a word form can be computed once and memoised by the featuriser. Two
 * keys sharing a bucket act as one feature; at a million distinct live keys a key shares its
 * bucket with probability ≈ 1 − e^(−1/4) ≈ 22 %, almost always with another rare key (numbers,
 * typos), which changes neither IDF noticeably nor which stories match — matches need many shared
 * features, not one.
 *
 * **IDF** is `ln((N + 1) / df)`: the information, in nats, of seeing the feature in a document,
 * with one pseudo-document so a feature present everywhere keeps a small positive weight. ln(df) is
 * read from a small table of logarithms (every df below 65 536), so IDF costs one look-up and one
 * subtraction. Document frequencies are updated as each article arrives and read at comparison
 * time, so similarities always use the statistics of the whole stream seen so far.
 */

import { fmix32, fnv1a } from '../text/hash.js';

/** Bits of the hashed feature space. */
export const FEATURE_BITS = 22;
/** Number of feature ids (buckets). */
export const FEATURE_BUCKETS = 1 << FEATURE_BITS;

/** 32-bit hash of a feature key (FNV-1a, then murmur3's finaliser for well-mixed high bits). */
export function featureHash(key: string): number {
  return fmix32(fnv1a(key));
}

/** Feature id (bucket) of a 32-bit key hash. */
export function bucketOf(hash: number): number {
  return hash >>> (32 - FEATURE_BITS);
}

/** Plain-JSON state of a {@link Vocabulary}: non-zero document frequencies as [id, df] pairs. */
export interface VocabularyState {
  bits: number;
  docs: number;
  df: Array<[number, number]>;
  /** Ids that held a proper name (ascending); absent in states saved before names were marked: none. */
  names?: number[];
}

/**
 * ln(d) for small document frequencies: most features are rare, and `Math.log` per feature per
 * article showed in profiles. The table (512 KB, its low end hot) replaced a per-bucket cache of
 * ln(df) (32 MB beside the 16 MB of df): counting and IDF read buckets at random all over the
 * feature space, so each was a cache and TLB miss; now both walk the df array only, and memory
 * drops by 32 MB. The values are the same `Math.log(d)` either way.
 */
const LN_TABLE = Float64Array.from({ length: 1 << 16 }, (_, d) => (d > 0 ? Math.log(d) : 0));

/** ln(d) of a document frequency (0 for 0). */
function lnOf(d: number): number {
  return d < LN_TABLE.length ? LN_TABLE[d] : Math.log(d);
}

export class Vocabulary {
  private readonly df = new Uint32Array(FEATURE_BUCKETS);
  /** 1 for ids that have held a proper name (`n:` key): the name namespace, kept through hashing. */
  private readonly name = new Uint8Array(FEATURE_BUCKETS);
  /** Number of documents counted. */
  docs = 0;
  private lnN1 = 0;

  /** Number of feature ids. */
  get size(): number {
    return FEATURE_BUCKETS;
  }

  /** Count one document containing each of `ids` (distinct). */
  addDocument(ids: ArrayLike<number>): void {
    for (let i = 0; i < ids.length; i++) this.df[ids[i]] += 1;
    this.docs += 1;
    this.lnN1 = Math.log(this.docs + 1);
  }

  /** Mark a feature id as holding a proper name. */
  markName(id: number): void {
    this.name[id] = 1;
  }

  /** True when the id has held a proper name (a shared bucket counts: collisions are rare, see above). */
  isName(id: number): boolean {
    return this.name[id] === 1;
  }

  /** Document frequency of a feature id. */
  docFreq(id: number): number {
    return this.df[id];
  }

  /** Inverse document frequency `ln((N+1)/df)`; a feature never counted gets `ln(N+1)`. */
  idf(id: number): number {
    return this.lnN1 - lnOf(this.df[id]);
  }

  /** Plain-JSON state. */
  exportState(): VocabularyState {
    const df: Array<[number, number]> = [];
    const names: number[] = [];
    for (let i = 0; i < FEATURE_BUCKETS; i++) {
      if (this.df[i] !== 0) df.push([i, this.df[i]]);
      if (this.name[i] !== 0) names.push(i);
    }
    return { bits: FEATURE_BITS, docs: this.docs, df, names };
  }

  static fromState(s: VocabularyState): Vocabulary {
    if (!s || s.bits !== FEATURE_BITS || !Array.isArray(s.df)) throw new Error(`unsupported vocabulary state (expected ${FEATURE_BITS}-bit feature space)`);
    const v = new Vocabulary();
    for (const [i, d] of s.df) v.df[i] = d;
    for (const i of s.names ?? []) if (Number.isInteger(i) && i >= 0 && i < FEATURE_BUCKETS) v.name[i] = 1;
    v.docs = s.docs;
    v.lnN1 = Math.log(s.docs + 1);
    return v;
  }
}
