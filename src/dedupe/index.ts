/**
 * Exact and near-duplicate detection: which articles are copies of, or reuse text from, earlier
 * ones.
 *
 * - **Exact duplicates**: equal `contentHash` (normalised body text); the first article with a
 *   hash is the original.
 * - **Near duplicates**: MinHash signatures (see `minhash.ts`) indexed by LSH banding — the 128
 *   values are cut into {@link LSH_BANDS} bands of {@link LSH_ROWS} rows and two articles become
 *   candidates when any band agrees entirely. There is no all-pairs comparison: an arriving
 *   article only meets articles sharing one of its band buckets. With r = 3 rows and b = 42
 *   bands a pair of Jaccard J is found with probability 1 − (1 − J³)⁴²: ≈ 1 for J ≥ 0.6,
 *   0.78 at J = 1/3 (half of one article's text inside another of similar length), while
 *   unrelated reports (J < 0.01) collide with probability < 5·10⁻⁵. Rows of 3 rather than 4+
 *   because `reuses` must catch partial overlap, not only copies.
 * - Each candidate is verified with its signature: `copy` when the estimated Jaccard ≥
 *   {@link COPY_JACCARD}; otherwise `reuses` when the larger of the two containments (estimated
 *   from Jaccard and the shingle-set sizes) ≥ {@link REUSE_CONTAINMENT}. The relation always
 *   points from the later article to the earlier one. At most {@link MAX_RELATIONS} relations
 *   are kept per article (highest scores), so a wire story copied a hundred times does not
 *   produce a quadratic number of relations.
 *
 * - **A window**: only the most recent {@link DEDUPE_WINDOW} articles are kept in the index.
 *   Syndicated copies and rewrites of a report appear within hours or days of it, so an endless
 *   stream needs no more; without a window the index would grow by about 1.5 KB per article for
 *   ever. Exact duplicates older than the window are still refused by the store, which keys
 *   articles by content hash.
 *
 * All state is plain data ({@link DedupeState}) so the CLI can persist it between runs.
 */
import type { Article, ArticleRelation } from '../types.js';
import { bodyText } from '../ingest/finalize.js';
import { contentHash } from '../text/normalize.js';
import { fmix32 } from '../text/hash.js';
import { typedFromBase64, typedToBase64 } from '../text/base64.js';
import { BandIndex } from './bands.js';
import { SIGNATURE_SIZE, containmentFromJaccard, estimateJaccard, minhash, shingleHashes } from './minhash.js';

export { SHINGLE_WORDS, SIGNATURE_SIZE, shingleHashes, minhash, estimateJaccard, containmentFromJaccard } from './minhash.js';

/** Rows per LSH band. */
export const LSH_ROWS = 3;
/** Number of LSH bands (42 × 3 = 126 of the 128 signature values). */
export const LSH_BANDS = Math.floor(SIGNATURE_SIZE / LSH_ROWS);
/** Estimated Jaccard at or above which the later article is a `copy` (the definition). */
export const COPY_JACCARD = 0.9;
/**
 * Containment at or above which the later article `reuses` the earlier: at least half of one
 * article's shingles occur in the other — most of a text, not a shared quote.
 */
export const REUSE_CONTAINMENT = 0.5;
/** Relations kept per arriving article. */
export const MAX_RELATIONS = 8;
/** Most recent articles kept in the index (see the header). */
export const DEDUPE_WINDOW = 100_000;

/** Result of {@link DedupeIndex.add}. */
export interface DedupeResult {
  /** Id of the earlier article with exactly the same normalised text, or null. */
  exactOf: string | null;
  /** Relations from this article to earlier ones, best first (includes the exact duplicate). */
  relations: ArticleRelation[];
}

/**
 * Plain-JSON state of a {@link DedupeIndex}.
 *
 * @example { version: 1, hashes: [['9f2c…', 'a1']], docs: [{ id: 'a1', size: 240, sig: 'DAAAAH…' }] }
 */
export interface DedupeState {
  version: 1;
  /** contentHash → first article id. */
  hashes: Array<[string, string]>;
  /**
   * Indexed articles in arrival order: id, shingle-set size, signature — the 32-bit values in
   * base64, little-endian (684 characters for 128 values, against about 1,300 as a JSON array of
   * numbers, and decoded without parsing numbers; the window is most of the dedupe state). A
   * number array, as states were saved before, is read too.
   */
  docs: Array<{ id: string; size: number; sig: string | number[] }>;
}

/**
 * Incremental duplicate index.
 *
 * @example
 * const d = new DedupeIndex();
 * d.add(original);              // { exactOf: null, relations: [] }
 * d.add(syndicatedCopy);        // { exactOf: null, relations: [{ from: copy.id, to: original.id, kind: 'copy', score: 0.95 }] }
 */
export class DedupeIndex {
  private hashes = new Map<string, string>();
  /** Documents of the window, oldest first; `offset` is the arrival number of the first. */
  private ids: string[] = [];
  private docHash: string[] = [];
  private sizes: number[] = [];
  private sigs: Uint32Array[] = [];
  private offset = 0;
  /** Band buckets → arrival numbers of the documents posted there. */
  private bands = new BandIndex();
  private known = new Set<string>();

  /** @param window most recent articles kept (default {@link DEDUPE_WINDOW}) */
  constructor(private readonly window: number = DEDUPE_WINDOW) {
    if (!(window >= 1)) throw new Error('dedupe window must be at least 1 article');
  }

  /** Number of articles in the near-duplicate index. */
  get size(): number {
    return this.ids.length;
  }

  /** Record an article and report what it duplicates. Adding an id twice returns no relations. */
  add(article: Pick<Article, 'id' | 'paragraphs'> & { contentHash?: string }): DedupeResult {
    if (this.known.has(article.id)) return { exactOf: null, relations: [] };
    this.known.add(article.id);
    const text = bodyText(article);
    const hash = article.contentHash ?? contentHash(text);
    const first = this.hashes.get(hash);
    if (first !== undefined) {
      return { exactOf: first, relations: [{ from: article.id, to: first, kind: 'copy', score: 1 }] };
    }
    this.hashes.set(hash, article.id);
    const shingles = shingleHashes(text);
    const sig = shingles.length === 0 ? null : minhash(shingles);
    const relations = sig ? this.verify(article.id, sig, shingles.length, this.candidates(sig)) : [];
    this.index(article.id, hash, sig ?? EMPTY_SIG, shingles.length);
    return { exactOf: null, relations };
  }

  /** Plain-JSON state. */
  exportState(): DedupeState {
    return {
      version: 1,
      hashes: Array.from(this.hashes),
      docs: this.ids.map((id, i) => ({ id, size: this.sizes[i], sig: typedToBase64(this.sigs[i]) })),
    };
  }


  /** Rebuild an index from {@link DedupeIndex.exportState} output. */
  static fromState(state: DedupeState): DedupeIndex {
    if (!state || state.version !== 1) throw new Error('unsupported dedupe state (expected version 1)');
    const d = new DedupeIndex();
    const hashOf = new Map<string, string>();
    for (const [h, id] of state.hashes) {
      d.hashes.set(h, id);
      d.known.add(id);
      hashOf.set(id, h);
    }
    for (const doc of state.docs) {
      d.known.add(doc.id);
      d.index(doc.id, hashOf.get(doc.id) ?? '', signatureOf(doc.sig), doc.size);
    }
    return d;
  }

  private bandKey(sig: Uint32Array, b: number): number {
    let h = 0x2545f491;
    for (let r = 0; r < LSH_ROWS; r++) h = fmix32(Math.imul(h, 0x01000193) ^ sig[b * LSH_ROWS + r]);
    return h;
  }

  /** Indices of indexed articles sharing at least one band bucket, ascending. */
  private candidates(sig: Uint32Array): number[] {
    const seen = new Set<number>();
    const offset = this.offset;
    const take = (i: number) => {
      if (i >= offset) seen.add(i);
    };
    for (let b = 0; b < LSH_BANDS; b++) this.bands.forEach(b, this.bandKey(sig, b), take);
    // Arrival numbers → window positions, oldest first.
    return Array.from(seen, (i) => i - this.offset).sort((a, b) => a - b);
  }

  private verify(id: string, sig: Uint32Array, size: number, cands: number[]): ArticleRelation[] {
    const out: ArticleRelation[] = [];
    for (const i of cands) {
      const j = estimateJaccard(sig, this.sigs[i]);
      if (j >= COPY_JACCARD) {
        out.push({ from: id, to: this.ids[i], kind: 'copy', score: round3(j) });
        continue;
      }
      const c = Math.max(containmentFromJaccard(j, size, this.sizes[i]), containmentFromJaccard(j, this.sizes[i], size));
      if (c >= REUSE_CONTAINMENT) out.push({ from: id, to: this.ids[i], kind: 'reuses', score: round3(c) });
    }
    // Copies first, then by score; ties keep arrival order (stable sort) — deterministic.
    out.sort((a, b) => (a.kind === b.kind ? b.score - a.score : a.kind === 'copy' ? -1 : 1));
    return out.slice(0, MAX_RELATIONS);
  }

  private index(id: string, hash: string, sig: Uint32Array, size: number): void {
    const i = this.offset + this.ids.length;
    this.ids.push(id);
    this.docHash.push(hash);
    this.sizes.push(size);
    this.sigs.push(sig);
    this.post(sig, i);
    // Evict in one sweep once the window is overfull by half, so eviction costs O(1) per arrival
    // amortised (the band maps are rebuilt from the documents kept).
    if (this.ids.length >= this.window + Math.ceil(this.window / 2)) this.evict(this.ids.length - this.window);
  }

  /** Drop the `k` oldest documents from the window. */
  private evict(k: number): void {
    for (let j = 0; j < k; j++) {
      const id = this.ids[j];
      this.known.delete(id);
      if (this.hashes.get(this.docHash[j]) === id) this.hashes.delete(this.docHash[j]);
    }
    this.ids = this.ids.slice(k);
    this.docHash = this.docHash.slice(k);
    this.sizes = this.sizes.slice(k);
    this.sigs = this.sigs.slice(k);
    this.offset += k;
    this.bands.clear();
    for (let j = 0; j < this.ids.length; j++) this.post(this.sigs[j], this.offset + j);
  }

  /** Post the document of arrival number `i` in the bucket of each band of its signature (none when empty). */
  private post(sig: Uint32Array, i: number): void {
    if (sig.length > 0) for (let b = 0; b < LSH_BANDS; b++) this.bands.add(b, this.bandKey(sig, b), i);
  }
}

/** Signature of a text without a single shingle: kept for the window, never indexed. */
const EMPTY_SIG = new Uint32Array(0);

/** A signature from its saved form: base64, or a number array (states saved before). */
function signatureOf(sig: string | number[]): Uint32Array {
  if (Array.isArray(sig)) return new Uint32Array(sig);
  const out = typedFromBase64(sig, Uint32Array);
  if (out === null) throw new Error('malformed dedupe signature in the saved state');
  return out;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * The article an arriving article should follow into a story: the exact original, else the
 * best `copy` relation's target, else null (a mere `reuses` is clustered on its own merits).
 */
export function copyTarget(r: DedupeResult): string | null {
  if (r.exactOf) return r.exactOf;
  const copy = r.relations.find((x) => x.kind === 'copy');
  return copy ? copy.to : null;
}
