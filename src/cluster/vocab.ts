/**
 * Interned feature ids and incrementally maintained document frequencies.
 *
 * Feature strings are interned to dense integer ids so that story vectors and the inverted index
 * can be typed arrays indexed by id (compact at a million articles). Document frequencies are
 * updated as each article arrives, and IDF is read at comparison time, so similarities always use
 * the statistics of the whole stream seen so far — early articles are not stuck with the poor IDF
 * of a nearly empty stream.
 *
 * IDF is `ln((N + 1) / df)`: the information, in nats, of seeing the feature in a document, with
 * one pseudo-document so a feature present everywhere still has a small positive weight. The
 * log of df is cached per feature so IDF costs one subtraction.
 */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  /** Feature string of each id. */
  readonly keys: string[] = [];
  private df = new Float64Array(1024);
  private lnDf = new Float64Array(1024);
  /** Number of documents counted. */
  docs = 0;
  private lnN1 = 0;

  /** Number of interned features. */
  get size(): number {
    return this.keys.length;
  }

  /** Id of `key`, interning it when new. */
  intern(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(key);
      if (id >= this.df.length) {
        const n = this.df.length * 2;
        const df = new Float64Array(n);
        df.set(this.df);
        this.df = df;
        const l = new Float64Array(n);
        l.set(this.lnDf);
        this.lnDf = l;
      }
    }
    return id;
  }

  /** Id of `key`, or -1 when never seen. */
  lookup(key: string): number {
    return this.ids.get(key) ?? -1;
  }

  /** Count one document containing each of `ids` (distinct). */
  addDocument(ids: ArrayLike<number>): void {
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      this.df[id] += 1;
      this.lnDf[id] = Math.log(this.df[id]);
    }
    this.docs += 1;
    this.lnN1 = Math.log(this.docs + 1);
  }

  /** Document frequency of a feature id. */
  docFreq(id: number): number {
    return this.df[id];
  }

  /** Inverse document frequency `ln((N+1)/df)`; features never counted get `ln(N+1)`. */
  idf(id: number): number {
    return this.lnN1 - this.lnDf[id];
  }

  /** Plain-JSON state. */
  exportState(): { keys: string[]; df: number[]; docs: number } {
    return { keys: this.keys.slice(), df: Array.from(this.df.subarray(0, this.keys.length)), docs: this.docs };
  }

  static fromState(s: { keys: string[]; df: number[]; docs: number }): Vocabulary {
    const v = new Vocabulary();
    for (let i = 0; i < s.keys.length; i++) {
      v.intern(s.keys[i]);
      v.df[i] = s.df[i] ?? 0;
      v.lnDf[i] = v.df[i] > 0 ? Math.log(v.df[i]) : 0;
    }
    v.docs = s.docs;
    v.lnN1 = Math.log(s.docs + 1);
    return v;
  }
}
