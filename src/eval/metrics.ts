/**
 * Clustering quality measures against gold labels.
 *
 * - **B-cubed** (Bagga & Baldwin, 1998): for each item, precision is the share of its predicted
 *   cluster that shares its gold label, recall the share of its gold cluster that it shares a
 *   predicted cluster with; both are averaged over items. It rewards getting each article's
 *   neighbourhood right and is the standard measure for event/coreference clustering.
 * - **Pairwise**: over all unordered item pairs, precision = pairs together in both / pairs
 *   together in the prediction, recall = pairs together in both / pairs together in gold. It is
 *   dominated by large clusters, so it complements B-cubed.
 *
 * Both are computed from the contingency table in O(items) — no pair enumeration.
 */

/** Precision, recall and their harmonic mean. */
export interface PRF {
  p: number;
  r: number;
  f1: number;
}

function prf(p: number, r: number): PRF {
  return { p, r, f1: p + r > 0 ? (2 * p * r) / (p + r) : 0 };
}

/** Contingency counts: predicted cluster × gold class → items, plus the marginals. */
function contingency(pred: ReadonlyMap<string, string>, gold: ReadonlyMap<string, string>) {
  const cell = new Map<string, number>();
  const predSize = new Map<string, number>();
  const goldSize = new Map<string, number>();
  let n = 0;
  for (const [item, g] of gold) {
    const p = pred.get(item);
    if (p === undefined) continue;
    n++;
    const key = `${p}\u0000${g}`;
    cell.set(key, (cell.get(key) ?? 0) + 1);
    predSize.set(p, (predSize.get(p) ?? 0) + 1);
    goldSize.set(g, (goldSize.get(g) ?? 0) + 1);
  }
  return { cell, predSize, goldSize, n };
}

/**
 * B-cubed precision/recall/F1 over the items present in both maps (item → cluster label).
 *
 * @example bcubed(new Map([['a','1'],['b','1']]), new Map([['a','x'],['b','y']])) // { p: 0.5, r: 1, f1: 0.667 }
 */
export function bcubed(pred: ReadonlyMap<string, string>, gold: ReadonlyMap<string, string>): PRF {
  const { cell, predSize, goldSize, n } = contingency(pred, gold);
  if (n === 0) return { p: 0, r: 0, f1: 0 };
  let p = 0;
  let r = 0;
  for (const [key, c] of cell) {
    const [pl, gl] = key.split('\u0000');
    // Each of the c items in this cell has precision c/|pred| and recall c/|gold|.
    p += (c * c) / (predSize.get(pl) as number);
    r += (c * c) / (goldSize.get(gl) as number);
  }
  return prf(p / n, r / n);
}

const pairs = (k: number) => (k * (k - 1)) / 2;

/**
 * Pairwise precision/recall/F1 over the items present in both maps. With no predicted (or gold)
 * pairs at all, precision (recall) is 1 by convention — nothing claimed, nothing wrong.
 */
export function pairwise(pred: ReadonlyMap<string, string>, gold: ReadonlyMap<string, string>): PRF {
  const { cell, predSize, goldSize, n } = contingency(pred, gold);
  if (n === 0) return { p: 0, r: 0, f1: 0 };
  let both = 0;
  for (const c of cell.values()) both += pairs(c);
  let predPairs = 0;
  for (const c of predSize.values()) predPairs += pairs(c);
  let goldPairs = 0;
  for (const c of goldSize.values()) goldPairs += pairs(c);
  return prf(predPairs > 0 ? both / predPairs : 1, goldPairs > 0 ? both / goldPairs : 1);
}
