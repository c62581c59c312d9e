/**
 * Budgeted concept coverage: choose sentences maximising the total weight of the distinct concepts
 * they cover, within a length budget (Gillick & Favre 2009, "A scalable global model for
 * summarization"). Covering a concept twice earns nothing, so redundancy is penalised by the
 * objective itself, with no similarity threshold to choose.
 *
 * The objective f(S) = Σ_c w_c·[c covered by S] is monotone submodular, and the length budget is a
 * knapsack constraint. We solve it in three deterministic steps:
 * 1. **Cost-scaled greedy** (Khuller, Moss & Naor 1999): repeatedly add the sentence with the best
 *    marginal gain per word (per sentence under a sentence budget) that still fits; then compare
 *    with the best single sentence that fits and keep the better. For the pure coverage problem this
 *    pair guarantees at least ½(1 − 1/e) ≈ 0.32 of the optimum (the optional pairwise redundancy
 *    constraint below is outside that analysis: it only removes paraphrases).
 * 2. **Swap local search**: replace one chosen sentence by an unchosen one whenever that increases
 *    f and fits the budget, until no swap helps (bounded number of passes). It can only improve on
 *    step 1, so the guarantee holds; in practice it recovers most of the gap to the exact ILP,
 *    because greedy's typical mistake is one early short sentence that blocks a better long one.
 * 3. **Fill**: add any sentence that still fits and adds coverage.
 * Ties are broken by unit order (article order, then position), so the result is deterministic.
 */
import type { Unit } from './units.js';

/** A coverage problem over units. */
export interface CoverageProblem {
  units: readonly Unit[];
  /** Weight of each concept id (0 = worthless). */
  weights: Float64Array;
  /** Units that may be chosen (indices into `units`), in preference order for ties. */
  candidates: readonly number[];
  /** Maximum total words (Infinity for none). */
  maxWords: number;
  /** Maximum number of sentences (Infinity for none). */
  maxSentences: number;
  /** Units already chosen (e.g. by a focus phase); they count as covered and use budget. */
  chosen?: readonly number[];
  /**
   * True when two units say the same thing (paraphrases); such a pair is never chosen together.
   * Bigram coverage alone lets a reworded repeat in ("signed an initial agreement …" after "signed
   * an agreement …"), because rewording creates new bigrams.
   */
  redundant?: (a: number, b: number) => boolean;
  /**
   * A costly per-unit test (e.g. "does not restate an older article"), asked lazily — only of a
   * unit about to be chosen — and remembered. Units failing it are never chosen.
   */
  admissible?: (u: number) => boolean;
}

const EPS = 1e-9;
const MAX_SWAP_PASSES = 20;

/** Choose units for the problem; returns unit indices (including `chosen`) in choice order. */
export function selectByCoverage(p: CoverageProblem): number[] {
  const { units, weights } = p;
  const count = new Int32Array(weights.length); // how many chosen units cover each concept
  const chosen: number[] = [];
  const inChosen = new Set<number>();
  let words = 0;
  const add = (u: number) => {
    chosen.push(u);
    inChosen.add(u);
    words += units[u].words;
    for (const c of units[u].concepts) count[c]++;
  };
  const remove = (u: number) => {
    chosen.splice(chosen.indexOf(u), 1);
    inChosen.delete(u);
    words -= units[u].words;
    for (const c of units[u].concepts) count[c]--;
  };
  const gain = (u: number) => {
    let g = 0;
    for (const c of units[u].concepts) if (count[c] === 0) g += weights[c];
    return g;
  };
  /** The budget's unit: words under a word budget, one per sentence under a sentence budget. */
  const cost = (u: number) => (Number.isFinite(p.maxWords) ? units[u].words : 1);
  const fits = (u: number, freedWords = 0, freedSentences = 0) =>
    words - freedWords + units[u].words <= p.maxWords && chosen.length - freedSentences + 1 <= p.maxSentences;
  for (const u of p.chosen ?? []) add(u);
  const fixed = new Set(p.chosen ?? []);
  const pool = p.candidates.filter((u) => !inChosen.has(u));
  const redundant = p.redundant ?? (() => false);
  const admissibleCache = new Map<number, boolean>();
  const admissible = (u: number) => {
    if (!p.admissible) return true;
    let ok = admissibleCache.get(u);
    if (ok === undefined) admissibleCache.set(u, (ok = p.admissible(u)));
    return ok;
  };
  /** Would `u` repeat a chosen unit (other than `except`), or is it inadmissible? */
  const repeats = (u: number, except = -1) => !admissible(u) || chosen.some((c) => c !== except && redundant(u, c));

  /** Add the best gain-per-word unit that fits and repeats nothing chosen, until none is left. */
  const excluded = new Set<number>();
  const greedy = () => {
    while (true) {
      let best = -1;
      let bestRatio = 0;
      for (const u of pool) {
        if (inChosen.has(u) || excluded.has(u) || !fits(u)) continue;
        const g = gain(u);
        if (g <= EPS) continue;
        const r = g / cost(u);
        if (r > bestRatio + EPS) {
          bestRatio = r;
          best = u;
        }
      }
      if (best < 0) break;
      if (repeats(best)) excluded.add(best);
      else add(best);
    }
    excluded.clear();
  };

  // 1. Cost-scaled greedy.
  greedy();
  // … compared with the best single sentence (only meaningful when nothing was fixed in advance).
  if (fixed.size === 0) {
    const total = objective(chosen, units, weights);
    let bestSingle = -1;
    let bestGain = total + EPS;
    for (const u of pool) {
      if (units[u].words > p.maxWords || p.maxSentences < 1) continue;
      const g = objective([u], units, weights);
      if (g > bestGain && admissible(u)) {
        bestGain = g;
        bestSingle = u;
      }
    }
    if (bestSingle >= 0) {
      for (const u of [...chosen]) remove(u);
      add(bestSingle);
    }
  }

  // 2. Swap local search.
  for (let pass = 0; pass < MAX_SWAP_PASSES; pass++) {
    let improved = false;
    for (const out of [...chosen]) {
      if (fixed.has(out)) continue;
      // Loss of removing `out`: concepts only it covers.
      let loss = 0;
      const onlyHere = new Set<number>();
      for (const c of units[out].concepts) {
        if (count[c] === 1) {
          loss += weights[c];
          onlyHere.add(c);
        }
      }
      let best = -1;
      let bestDelta = EPS;
      for (const u of pool) {
        if (inChosen.has(u) || !fits(u, units[out].words, 1)) continue;
        let g = 0;
        for (const c of units[u].concepts) if (count[c] === 0 || onlyHere.has(c)) g += weights[c];
        const delta = g - loss;
        if (delta > bestDelta && !repeats(u, out)) {
          bestDelta = delta;
          best = u;
        }
      }
      if (best >= 0) {
        remove(out);
        add(best);
        improved = true;
      }
    }
    if (!improved) break;
  }

  // 3. Fill the remaining budget.
  greedy();
  return chosen;
}

/** f(S): total weight of the distinct concepts covered by `set`. */
export function objective(set: readonly number[], units: readonly Unit[], weights: Float64Array): number {
  const seen = new Set<number>();
  let f = 0;
  for (const u of set) {
    for (const c of units[u].concepts) {
      if (!seen.has(c)) {
        seen.add(c);
        f += weights[c];
      }
    }
  }
  return f;
}
