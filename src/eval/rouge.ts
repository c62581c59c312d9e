/**
 * ROUGE-1, ROUGE-2 and ROUGE-SU4 computed exactly as ROUGE-1.5.5.pl computes them, so that figures
 * produced inside Parallax can be compared with published ones (checked against the MultiLing 2011
 * organisers' output in rouge.test.ts: every per-topic R, P and F of all ten systems is reproduced to
 * the fifth decimal).
 *
 * What ROUGE-1.5.5 does, and what this module therefore does:
 * - **Text.** A summary is a list of lines (one sentence a line); blank lines are skipped. Each line
 *   is lower-cased (ASCII only, Perl's `tr/A-Z/a-z/`), every `-` is split off as its own token, every
 *   other character outside `[A-Za-z0-9-]` becomes a space, and the lines are concatenated: n-grams
 *   run across line boundaries.
 * - **Word limit** (`-l N`): only the first N tokens (the `-` tokens count as words, as in Perl's
 *   split) of peer and references are kept.
 * - **Counting.** Only tokens beginning with `[a-z0-9]` enter n-grams, so the `-` tokens vanish
 *   after the word limit was applied and "well-known" counts as "well known". With stemming (`-m`),
 *   tokens longer than three characters are mapped through WordNet's exception lists (when given)
 *   and then Porter-stemmed (the Perl Porter implementation ROUGE embeds). ROUGE-N counts the
 *   contiguous n-grams; ROUGE-SU4 (`-2 4 -u`) counts skip-bigrams with at most 4 tokens between the
 *   two words plus the unigram of every position *except the last* (a quirk of ROUGE-1.5.5's loop,
 *   confirmed by the published figures, which do not match if the last unigram is counted).
 * - **Hits.** Against one reference, hits = Σ over the reference's n-grams of min(count in peer,
 *   count in reference) (clipping: repeating a phrase earns nothing extra).
 * - **Several references** (`-f A`, "model average"): hits, reference n-gram counts and peer n-gram
 *   counts are *summed* over the references and R = Σhits/Σref, P = Σhits/Σpeer — not an average
 *   of per-reference scores. `-f B` ("best model") keeps the reference with the highest recall.
 * - **Rounding.** ROUGE prints and reuses values formatted with `sprintf("%7.5f")`: R and P are
 *   rounded to 5 decimals (C printf rounding: exact binary value, ties to even), F is computed
 *   from the rounded R and P as P·R / ((1−α)·P + α·R) and rounded again. The returned R/P/F are
 *   these rounded values; the raw counts are returned too.
 * - **Jackknifing** (optional, as in DUC/TAC evaluations with human references): with M ≥ 2
 *   references, the score is the mean of the M scores obtained with each reference left out in
 *   turn. It is off by default, because the MultiLing 2011 published figures were produced without it.
 *
 * WordNet exception lists: ROUGE-1.5.5 ships them as a Berkeley DB built from WordNet 2.0; no npm
 * package ships WordNet's `.exc` files without downloading at install time, so Parallax ships none.
 * `-m` here is Porter only unless the caller passes `exceptions` (see `loadWordNetExceptions`, which
 * reads the `*.exc` files of a local WordNet `dict/` directory, e.g. Debian's wordnet-base).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { porterStem } from '../summarize/porter.js';

export { porterStem };

/**
 * Recall, precision and F of one ROUGE measure, plus the counts they came from.
 *
 * @example { recall: 0.19329, precision: 0.20961, f: 0.20112, hits: 278, referenceGrams: 1438, peerGrams: 1326 }
 */
export interface PRF {
  /** hits / reference n-grams, rounded to 5 decimals as ROUGE-1.5.5 prints it. */
  recall: number;
  /** hits / peer n-grams, rounded to 5 decimals. */
  precision: number;
  /** F from the rounded R and P with weight α (0.5 = F1), rounded to 5 decimals. */
  f: number;
  /** Clipped matches, summed over the references used (mean over jackknife runs when jackknifing). */
  hits: number;
  /** Reference n-grams, summed over the references used. */
  referenceGrams: number;
  /** Peer n-grams, counted once per reference used (as ROUGE-1.5.5 does). */
  peerGrams: number;
}

/** The three measures reported by Parallax. */
export interface RougeScores {
  rouge1: PRF;
  rouge2: PRF;
  rougeSU4: PRF;
}

/**
 * ROUGE-1.5.5 options. The defaults reproduce `-n 2 -x -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a`
 * (the MultiLing 2011 setting).
 *
 * @example { stem: true, wordLimit: 100, jackknife: true } // ≈ `-m -l 100` with leave-one-out
 */
export interface RougeOptions {
  /** `-m`: Porter-stem tokens longer than 3 characters (after the exception lists, if given). */
  stem?: boolean;
  /** WordNet exception map (inflected form → base form) used before Porter when `stem` is on. */
  exceptions?: ReadonlyMap<string, string>;
  /** `-l N`: keep only the first N words of peer and references; 0 or undefined = no limit. */
  wordLimit?: number;
  /** Leave-one-out averaging over references (needs ≥ 2 references; ignored otherwise). */
  jackknife?: boolean;
  /** `-f A` (default): sum counts over references; `-f B`: keep the best-recall reference. */
  scoring?: 'A' | 'B';
  /** `-p`: weight of recall in F (0.5 = F1). */
  alpha?: number;
  /** `-2 N`: maximum number of tokens between the two words of a skip-bigram (default 4). */
  skipGap?: number;
}

/**
 * ROUGE-1.5.5's word tokens of a summary given as lines (before the word limit and before dropping
 * the `-` tokens).
 *
 * @example rougeTokens(['The U.S.-led "coalition" won.']) // ['the','u','s','-','led','coalition','won']
 */
export function rougeTokens(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (/^\s*$/.test(line)) continue;
    const t = line
      .replace(/[A-Z]/g, (c) => c.toLowerCase())
      .replace(/-/g, ' - ')
      .replace(/[^a-z0-9-]/g, ' ')
      .trim();
    if (t) for (const w of t.split(/\s+/)) out.push(w);
  }
  return out;
}

/** Tokens that enter n-gram counting, after the word limit, with optional stemming. */
function countingTokens(lines: readonly string[], opts: RougeOptions): string[] {
  let toks = rougeTokens(lines);
  if (opts.wordLimit && opts.wordLimit > 0) toks = toks.slice(0, opts.wordLimit);
  const out: string[] = [];
  for (const t of toks) {
    if (!/^[a-z0-9$]/.test(t)) continue;
    out.push(opts.stem ? morphStem(t, opts.exceptions) : t);
  }
  return out;
}

/** ROUGE's `MorphStem` as used in n-gram creation: only tokens longer than 3 characters. */
function morphStem(token: string, exceptions: ReadonlyMap<string, string> | undefined): string {
  if (token.length <= 3) return token;
  const base = exceptions?.get(token) ?? token;
  return porterStem(base);
}

type Grams = { counts: Map<string, number>; total: number };

function ngramCounts(toks: readonly string[], n: number): Grams {
  const counts = new Map<string, number>();
  let total = 0;
  for (let i = 0; i + n <= toks.length; i++) {
    const g = n === 1 ? toks[i] : toks.slice(i, i + n).join(' ');
    counts.set(g, (counts.get(g) ?? 0) + 1);
    total++;
  }
  return { counts, total };
}

/** Skip-bigrams with at most `gap` tokens in between, plus unigrams of all but the last position. */
function skipBigramCounts(toks: readonly string[], gap: number): Grams {
  const counts = new Map<string, number>();
  let total = 0;
  const add = (g: string) => {
    counts.set(g, (counts.get(g) ?? 0) + 1);
    total++;
  };
  for (let i = 0; i < toks.length - 1; i++) {
    add(toks[i]);
    for (let j = i + 1; j < toks.length && j <= i + gap + 1; j++) add(`${toks[i]} ${toks[j]}`);
  }
  return { counts, total };
}

function clippedHits(model: Grams, peer: Grams): number {
  let h = 0;
  for (const [g, c] of model.counts) {
    const p = peer.counts.get(g);
    if (p) h += Math.min(p, c);
  }
  return h;
}

/**
 * `sprintf("%7.5f", x)` as Perl (C printf) does it: the exact binary value is rounded, ties to even.
 * JavaScript's toFixed rounds ties up, which differs exactly when x is a tie such as 9/64 = 0.140625.
 */
export function round5(x: number): number {
  if (!Number.isFinite(x)) return 0;
  const exact = Math.abs(x).toFixed(30);
  const m = /^(\d+)\.(\d{5})5(0*)$/.exec(exact);
  if (m) {
    const lastDigit = Number(m[2][4]);
    const truncated = Number(`${m[1]}.${m[2]}`);
    const v = lastDigit % 2 === 0 ? truncated : Number((truncated + 0.00001).toFixed(5));
    return x < 0 ? -v : v;
  }
  return Number(x.toFixed(5));
}

function prf(hits: number, refGrams: number, peerGrams: number, alpha: number): PRF {
  const recall = round5(refGrams > 0 ? hits / refGrams : 0);
  const precision = round5(peerGrams > 0 ? hits / peerGrams : 0);
  const denom = (1 - alpha) * precision + alpha * recall;
  const f = round5(denom > 0 ? (precision * recall) / denom : 0);
  return { recall, precision, f, hits, referenceGrams: refGrams, peerGrams };
}

/** One measure against a set of references (no jackknifing). */
function scoreAgainst(peer: Grams, models: Grams[], opts: RougeOptions): PRF {
  const alpha = opts.alpha ?? 0.5;
  if (opts.scoring === 'B') {
    let best: PRF | null = null;
    let bestScore = -1;
    for (const m of models) {
      const h = clippedHits(m, peer);
      const r = m.total > 0 ? round5(h / m.total) : 0;
      if (r > bestScore) {
        bestScore = r;
        best = prf(h, m.total, peer.total, alpha);
      }
    }
    return best ?? prf(0, 0, 0, alpha);
  }
  let hits = 0;
  let ref = 0;
  let pg = 0;
  for (const m of models) {
    hits += clippedHits(m, peer);
    ref += m.total;
    pg += peer.total;
  }
  return prf(hits, ref, pg, alpha);
}

function measure(peer: Grams, models: Grams[], opts: RougeOptions): PRF {
  if (!opts.jackknife || models.length < 2) return scoreAgainst(peer, models, opts);
  const runs = models.map((_, k) => scoreAgainst(peer, models.filter((__, j) => j !== k), opts));
  const mean = (f: (p: PRF) => number) => runs.reduce((s, p) => s + f(p), 0) / runs.length;
  return {
    recall: round5(mean((p) => p.recall)),
    precision: round5(mean((p) => p.precision)),
    f: round5(mean((p) => p.f)),
    hits: mean((p) => p.hits),
    referenceGrams: mean((p) => p.referenceGrams),
    peerGrams: mean((p) => p.peerGrams),
  };
}

/**
 * Score one peer summary against its references.
 *
 * @param peer the summary, one sentence a line
 * @param references each reference summary, one sentence a line (a single-element array holding a
 *   whole paragraph is fine too: lines only matter through concatenation)
 * @example rouge(['the cat sat on the mat'], [['the cat was on the mat']]).rouge2.recall // 0.6
 */
export function rouge(peer: readonly string[], references: readonly (readonly string[])[], opts: RougeOptions = {}): RougeScores {
  const gap = opts.skipGap ?? 4;
  const p = countingTokens(peer, opts);
  const ms = references.map((r) => countingTokens(r, opts));
  return {
    rouge1: measure(ngramCounts(p, 1), ms.map((m) => ngramCounts(m, 1)), opts),
    rouge2: measure(ngramCounts(p, 2), ms.map((m) => ngramCounts(m, 2)), opts),
    rougeSU4: measure(skipBigramCounts(p, gap), ms.map((m) => skipBigramCounts(m, gap)), opts),
  };
}

/** Split a summary text into the lines ROUGE sees (one sentence a line). */
export function summaryLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/**
 * Read WordNet exception lists (`adj.exc`, `adv.exc`, `noun.exc`, `verb.exc`, each line
 * "inflected base …") from a WordNet `dict/` directory into inflected → first base. Files missing
 * from the directory are skipped; the result is empty when none exists. Later files do not
 * overwrite earlier entries (the order is noun, verb, adj, adv: nouns and verbs are far more
 * frequent in news).
 *
 * @example loadWordNetExceptions('/usr/share/wordnet').get('children') // 'child'
 */
export function loadWordNetExceptions(dictDir: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const pos of ['noun', 'verb', 'adj', 'adv']) {
    const p = join(dictDir, `${pos}.exc`);
    if (!existsSync(p)) continue;
    for (const line of readFileSync(p, 'utf8').split('\n')) {
      const [form, base] = line.trim().split(/\s+/);
      if (form && base && !map.has(form)) map.set(form, base);
    }
  }
  return map;
}
