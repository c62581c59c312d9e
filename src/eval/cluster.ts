/**
 * `parallax eval cluster`: cluster a labelled interchange file in memory, in file order, and score
 * the stories against the gold `event` labels.
 *
 * The run is exactly what ingest does, minus the database: every article goes through the
 * duplicate index (copies follow their original) and then the streaming clusterer with its one
 * set of defaults; after the last article the stream ends (`consolidate`): the last arrivals get
 * the settle and merge checks the others had, and every story its final check — which an ingest
 * gives a story when it retires. Every input article gets a predicted story, copies included.
 */
import { readFileSync } from 'node:fs';
import type { Article } from '../types.js';
import { readJsonDocument } from '../ingest/interchange.js';
import { finalizeArticle } from '../ingest/finalize.js';
import { DedupeIndex, copyTarget } from '../dedupe/index.js';
import { StoryClusterer, type ClusterOptions } from '../cluster/index.js';
import { bcubed, pairwise, type PRF } from './metrics.js';

/**
 * Scores of one evaluation run.
 *
 * @example
 * { articles: 772, events: 66, clusters: 70, bcubed: { p: 0.95, r: 0.93, f1: 0.94 },
 *   pairwise: { p: 0.93, r: 0.90, f1: 0.91 }, articles_per_s: 2400,
 *   labelled: 772, copies: 3, skipped: [], seconds: 0.32 }
 */
export interface ClusterEvalReport {
  /** Articles clustered. */
  articles: number;
  /** Distinct gold events among the labelled articles. */
  events: number;
  /** Predicted stories. */
  clusters: number;
  bcubed: PRF;
  pairwise: PRF;
  /** Articles clustered per second of wall time (dedupe + featurise + cluster). */
  articles_per_s: number;
  /** Articles that carry a gold label (the scores are over these). */
  labelled: number;
  /** Articles placed as copies of an earlier article. */
  copies: number;
  /** Items of the file that could not be read, one reason each. */
  skipped: Array<{ input: string; reason: string }>;
  /** Wall time of the clustering run in seconds. */
  seconds: number;
}

/** Per-article prediction, for inspection. */
export interface ClusterEvalDetail {
  report: ClusterEvalReport;
  /** Article id → predicted story id. */
  predicted: Map<string, string>;
}

/**
 * Cluster `articles` in the given order and score against `gold` (article id → event label).
 * Articles without a gold label are clustered (they can affect others) but not scored.
 */
export function evalCluster(
  articles: Article[],
  gold: Map<string, string>,
  opts: Partial<ClusterOptions> = {},
): ClusterEvalReport {
  return evalClusterDetailed(articles, gold, opts).report;
}

/** {@link evalCluster} that also returns the predicted story of every article. */
export function evalClusterDetailed(
  articles: Article[],
  gold: Map<string, string>,
  opts: Partial<ClusterOptions> = {},
): ClusterEvalDetail {
  const dedupe = new DedupeIndex();
  const clusterer = new StoryClusterer(opts);
  let copies = 0;
  const failed: Array<{ input: string; reason: string }> = [];
  const t0 = process.hrtime.bigint();
  for (const a of articles) {
    try {
      const copyOf = copyTarget(dedupe.add(a));
      if (copyOf) copies++;
      clusterer.add(a, { copyOf });
    } catch (e) {
      failed.push({ input: String(a?.id ?? '?'), reason: `could not cluster: ${(e as Error).message}` });
    }
  }
  clusterer.consolidate();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;

  const predicted = new Map<string, string>();
  for (const a of articles) {
    const s = clusterer.storyOf(a.id);
    if (s !== null) predicted.set(a.id, s);
  }
  const labelled = new Map<string, string>();
  for (const a of articles) {
    const g = gold.get(a.id);
    if (g !== undefined) labelled.set(a.id, g);
  }
  const clusters = new Set(predicted.values()).size;
  const report: ClusterEvalReport = {
    articles: articles.length,
    events: new Set(labelled.values()).size,
    clusters,
    bcubed: round(bcubed(predicted, labelled)),
    pairwise: round(pairwise(predicted, labelled)),
    articles_per_s: seconds > 0 ? Math.round(articles.length / seconds) : 0,
    labelled: labelled.size,
    copies,
    skipped: failed,
    seconds: Math.round(seconds * 1000) / 1000,
  };
  return { report, predicted };
}

function round(x: PRF): PRF {
  const r = (v: number) => Math.round(v * 10000) / 10000;
  return { p: r(x.p), r: r(x.r), f1: r(x.f1) };
}

/**
 * Read an interchange JSON/JSONL document into articles (file order) and gold labels. Article
 * ids are the file's `id` values (made unique with a `#line` suffix when repeated or missing) so
 * that two articles with the same text remain two articles. Unreadable items are returned in
 * `skipped`, one reason each; the rest proceed.
 */
export function loadLabelledArticles(
  text: string,
  name: string,
): { articles: Article[]; gold: Map<string, string>; skipped: Array<{ input: string; reason: string }> } {
  const items = readJsonDocument(text, name);
  // Same line numbering as readJsonDocument (which trims the document first).
  const lines = text.replace(/^\ufeff/, '').trim().split(/\r?\n/);
  const articles: Article[] = [];
  const gold = new Map<string, string>();
  const skipped: Array<{ input: string; reason: string }> = [];
  const used = new Set<string>();
  const fixedTime = '1970-01-01T00:00:00.000Z';
  let whole: unknown;
  let parsed = false;
  const getWhole = () => {
    if (!parsed) {
      whole = parseWhole(text);
      parsed = true;
    }
    return whole;
  };
  for (const item of items) {
    if (!item.ok) {
      skipped.push({ input: item.input, reason: item.reason });
      continue;
    }
    const a = finalizeArticle(item.draft, fixedTime);
    let id = item.draft.externalId ?? item.input;
    if (used.has(id)) id = `${id}#${item.input}`;
    used.add(id);
    a.id = id;
    articles.push(a);
    const label = eventLabel(item.input, lines, getWhole);
    if (label !== null) gold.set(id, label);
  }
  return { articles, gold, skipped };
}

function parseWhole(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\ufeff/, ''));
  } catch {
    return null;
  }
}

/** The `event` label of the item named `input` (`file:LINE` for JSONL, `file[i]` for arrays). */
function eventLabel(input: string, lines: string[], whole: () => unknown): string | null {
  const m = /:(\d+)$/.exec(input);
  let obj: unknown = null;
  if (m) {
    try {
      obj = JSON.parse(lines[Number(m[1]) - 1]);
    } catch {
      return null;
    }
  } else {
    const idx = /\[(\d+)\]$/.exec(input);
    const v = whole();
    obj = idx && Array.isArray(v) ? v[Number(idx[1])] : v;
  }
  if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
    const e = (obj as Record<string, unknown>).event;
    if (typeof e === 'string' && e.trim()) return e.trim();
    if (typeof e === 'number') return String(e);
  }
  return null;
}

/** Evaluate any interchange JSON/JSONL file: its articles in file order against their `event` labels. */
export function evalClusterFile(path: string, opts: Partial<ClusterOptions> = {}, shuffles = 0): ClusterEvalReport & { orders?: OrderRobustness } {
  const raw = readFileSync(path, 'utf8');
  const text = expandClusters(raw) ?? raw;
  const { articles, gold, skipped } = loadLabelledArticles(text, path);
  const report = evalCluster(articles, gold, opts);
  report.skipped = [...skipped, ...report.skipped];
  return shuffles > 0 ? { ...report, orders: orderRobustness(articles, gold, shuffles, opts, report) } : report;
}

/**
 * The clusters interchange format (`{"id","documents":[article…],"references"}` per line, as in
 * MultiLing) rewritten as articles JSONL in which each document's `event` is its cluster's id
 * (a document's own `event`, when it has one, wins). Returns null for any other format, so the
 * caller reads the text as articles. Line numbers of skipped items then refer to the rewritten
 * list (cluster id and document position are kept in the article id: `M000/0`).
 *
 * @example expandClusters('{"id":"M1","documents":[{"text":"…"}]}') // → '{"text":"…","id":"M1/0","event":"M1"}'
 */
export function expandClusters(text: string): string | null {
  const lines = text.replace(/^\ufeff/, '').trim().split(/\r?\n/);
  let first: unknown;
  try {
    first = JSON.parse(lines[0] ?? '');
  } catch {
    return null;
  }
  const isCluster = (o: unknown): o is { id?: unknown; documents: unknown[] } =>
    !!o && typeof o === 'object' && Array.isArray((o as { documents?: unknown }).documents);
  if (!isCluster(first)) return null;
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch {
      out.push(line); // unreadable: passed through so the reader reports it, once
      return;
    }
    if (!isCluster(o)) {
      out.push(line);
      return;
    }
    const cid = typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : `cluster${i + 1}`;
    o.documents.forEach((d, j) => {
      if (!d || typeof d !== 'object' || Array.isArray(d)) {
        out.push(JSON.stringify(d ?? null));
        return;
      }
      const doc = d as Record<string, unknown>;
      out.push(JSON.stringify({ ...doc, id: `${cid}/${typeof doc.id === 'string' ? doc.id : j}`, event: doc.event ?? cid }));
    });
  });
  return out.join('\n');
}

/**
 * Robustness of one set of defaults to arrival order: the file order plus `shuffles` seeded
 * shuffles of it (a deterministic LCG, seeds 1…n), each clustered and scored. This is the
 * procedure `src/cluster/README.md` uses to choose parameters, so that no value is fitted to one
 * order of one file.
 *
 * @example orderRobustness(articles, gold, 3) // → { runs: [{ order: 'file', bcubed: {…} }, …], mean_f1: 0.9, min_f1: 0.89 }
 *
 * `fileOrder`, when given, is the file order's scores from a run already made (not repeated).
 */
export function orderRobustness(
  articles: Article[],
  gold: Map<string, string>,
  shuffles: number,
  opts: Partial<ClusterOptions> = {},
  fileOrder?: { bcubed: PRF; pairwise: PRF },
): OrderRobustness {
  const runs: OrderRobustness['runs'] = [];
  for (let seed = 0; seed <= shuffles; seed++) {
    if (seed === 0 && fileOrder) {
      // The file order was scored already (the caller's own run): not clustered again.
      runs.push({ order: 'file', bcubed: fileOrder.bcubed, pairwise: fileOrder.pairwise });
      continue;
    }
    const arr = articles.slice();
    if (seed > 0) {
      let st = seed >>> 0;
      const rnd = () => (st = (Math.imul(st, 1664525) + 1013904223) >>> 0) / 2 ** 32;
      for (let i = arr.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [arr[i], arr[j]] = [arr[j], arr[i]];
      }
    }
    const r = evalCluster(arr, gold, opts);
    runs.push({ order: seed === 0 ? 'file' : `shuffle ${seed}`, bcubed: r.bcubed, pairwise: r.pairwise });
  }
  const f1s = runs.map((r) => r.bcubed.f1);
  const mean = f1s.reduce((a, b) => a + b, 0) / f1s.length;
  return { runs, mean_f1: Math.round(mean * 10000) / 10000, min_f1: Math.min(...f1s) };
}

/** Scores over several arrival orders (see {@link orderRobustness}). */
export interface OrderRobustness {
  runs: Array<{ order: string; bcubed: PRF; pairwise: PRF }>;
  mean_f1: number;
  min_f1: number;
}

/** Human-readable report. */
export function formatClusterReport(r: ClusterEvalReport): string {
  const pct = (x: number) => (x * 100).toFixed(1).padStart(5);
  const lines = [
    `articles   ${r.articles} (${r.labelled} labelled, ${r.copies} placed as copies)`,
    `events     ${r.events} gold`,
    `clusters   ${r.clusters} predicted`,
    `B-cubed    P ${pct(r.bcubed.p)}  R ${pct(r.bcubed.r)}  F1 ${pct(r.bcubed.f1)}`,
    `pairwise   P ${pct(r.pairwise.p)}  R ${pct(r.pairwise.r)}  F1 ${pct(r.pairwise.f1)}`,
    `speed      ${r.articles_per_s} articles/s (${r.seconds} s)`,
  ];
  if (r.labelled === 0) lines.push('note       no article carries an "event" label: scores are 0');
  for (const s of r.skipped) lines.push(`skipped    ${s.input}: ${s.reason}`);
  return lines.join('\n');
}
