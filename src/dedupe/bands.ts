/**
 * The LSH band buckets of the dedupe window, in flat typed arrays.
 *
 * Every indexed document posts one entry per band — (band, bucket key, document) — so the window
 * of 100,000 documents holds 4.2 million entries. Kept as one `Map` per band with a number or an
 * array per bucket, rebuilding them was most of the time of loading the dedupe stage from a saved
 * state (a store of 20,000 articles: 0.66–0.74 s to post 840,000 entries; 0.15 s here). Here they
 * are one chained hash table: a slot array of chain heads and four parallel entry arrays, 14 bytes
 * an entry of capacity, filled with integer stores only. It holds a seventh more memory than the
 * maps did (on that store: 1,546 bytes per indexed article, signature included, against 1,356),
 * which buys the fivefold faster load.
 * Documents are arrival numbers below 2^32.
 *
 * Chains are in reverse posting order; callers that need an order sort what they collect.
 *
 * @example
 * const b = new BandIndex();
 * b.add(3, 0x9f2c11, 17);
 * b.add(3, 0x9f2c11, 42);
 * b.forEach(3, 0x9f2c11, (doc) => seen.add(doc)); // 42, then 17
 */
export class BandIndex {
  /** Slot → first entry of its chain + 1 (0: empty). */
  private head: Int32Array;
  private mask: number;
  /** Entry → its bucket key, band, document (arrival number) and the next entry of its chain + 1. */
  private keys: Int32Array;
  private bands: Uint8Array;
  private docs: Uint32Array;
  private next: Int32Array;
  private n = 0;

  constructor(capacity = 1 << 12) {
    let slots = 1 << 12;
    while (slots < capacity) slots *= 2;
    this.head = new Int32Array(slots / ENTRIES_PER_SLOT);
    this.mask = slots / ENTRIES_PER_SLOT - 1;
    this.keys = new Int32Array(slots);
    this.bands = new Uint8Array(slots);
    this.docs = new Uint32Array(slots);
    this.next = new Int32Array(slots);
  }

  /** Entries held. */
  get size(): number {
    return this.n;
  }

  /** Post document `doc` in the bucket `key` of band `band` (0–255). */
  add(band: number, key: number, doc: number): void {
    if (this.n === this.keys.length) this.grow();
    const e = this.n++;
    const s = this.slot(band, key);
    this.keys[e] = key;
    this.bands[e] = band;
    this.docs[e] = doc;
    this.next[e] = this.head[s];
    this.head[s] = e + 1;
  }

  /** Call `fn` with each document posted in the bucket `key` of band `band`, latest first. */
  forEach(band: number, key: number, fn: (doc: number) => void): void {
    const k = key | 0;
    for (let e = this.head[this.slot(band, key)] - 1; e >= 0; e = this.next[e] - 1) {
      if (this.keys[e] === k && this.bands[e] === band) fn(this.docs[e]);
    }
  }

  /** Drop every entry (the arrays are kept for reuse). */
  clear(): void {
    this.head.fill(0);
    this.n = 0;
  }

  private slot(band: number, key: number): number {
    let h = Math.imul(key ^ Math.imul(band + 1, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    return h & this.mask;
  }

  /** Double the entry arrays and the slots, and rechain. */
  private grow(): void {
    const cap = this.keys.length * 2;
    const copy = <T extends Int32Array | Uint8Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.keys = copy(this.keys, (n) => new Int32Array(n));
    this.bands = copy(this.bands, (n) => new Uint8Array(n));
    this.docs = copy(this.docs, (n) => new Uint32Array(n));
    this.next = new Int32Array(cap);
    this.head = new Int32Array(cap / ENTRIES_PER_SLOT);
    this.mask = cap / ENTRIES_PER_SLOT - 1;
    for (let e = 0; e < this.n; e++) {
      const s = this.slot(this.bands[e], this.keys[e]);
      this.next[e] = this.head[s];
      this.head[s] = e + 1;
    }
  }
}

/**
 * Entries of capacity per chain head: chains of up to four entries on average, walked by an
 * arriving article's 42 look-ups only, for 3 bytes less per entry than a head per entry.
 */
const ENTRIES_PER_SLOT = 4;
