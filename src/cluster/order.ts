/**
 * Arrival order for streaming clustering.
 */
import type { Article } from '../types.js';

/**
 * Articles in the order a live system would have seen them: by publication time when known;
 * articles without one keep their input position relative to the dated ones around them.
 *
 * Concretely the dated articles are sorted by time (ties by input order) and put back into the
 * slots the dated articles occupied, while undated articles stay in their own slots. This keeps
 * the sort stable and total without inventing times: an undated article is neither moved to the
 * start nor to the end of the stream, it arrives where it was ingested.
 *
 * @example arrivalOrder([a(t=3), b(null), c(t=1)]) // → [c, b, a]
 */
export function arrivalOrder(articles: readonly Article[]): Article[] {
  const out = articles.slice();
  const slots: number[] = [];
  const dated: Array<{ a: Article; t: number; i: number }> = [];
  articles.forEach((a, i) => {
    const t = a.published ? Date.parse(a.published) : Number.NaN;
    if (Number.isFinite(t)) {
      slots.push(i);
      dated.push({ a, t, i });
    }
  });
  dated.sort((x, y) => x.t - y.t || x.i - y.i);
  slots.forEach((slot, k) => {
    out[slot] = dated[k].a;
  });
  return out;
}
