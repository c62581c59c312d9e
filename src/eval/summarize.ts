/**
 * Evaluation of briefs against human reference summaries (MultiLing-style clusters JSONL:
 * `{"id","query"?,"documents":[article…],"references":{"A":"…",…}}`), and ROUGE scoring of given
 * summaries (peers JSONL: `{"system"?,"id","summary"}`).
 *
 * A summary is scored one sentence a line, as ROUGE-1.5.5 reads it; references are split on their
 * line breaks. Means are plain means of the per-topic figures (ROUGE-1.5.5's `Average_R` is a
 * bootstrap mean that depends on evaluation order, see ../shared/data/README.md).
 *
 * Bad input never stops an evaluation: every unreadable line, cluster without documents or
 * references, or peer without a cluster is reported once in `failures` and skipped.
 */
import { readFileSync } from 'node:fs';
import type { Article, ReadFailure } from '../types.js';
import { draftFromJson } from '../ingest/interchange.js';
import { finalizeArticle } from '../ingest/finalize.js';
import { writeBrief } from '../summarize/index.js';
import { rouge, type PRF, type RougeOptions, type RougeScores } from './rouge.js';

/** A cluster read from a clusters JSONL file. */
export interface Cluster {
  id: string;
  query: string | null;
  articles: Article[];
  /** Reference summaries by name, each as lines. */
  references: Record<string, string[]>;
}

/** Scores of one summary of one topic. */
export interface TopicScore extends RougeScores {
  id: string;
  /** White-space words of the summary. */
  words: number;
}

/** Mean R/P/F over topics. */
export interface MeanPRF {
  recall: number;
  precision: number;
  f: number;
}

/**
 * One system's scores over the topics.
 *
 * @example { system: 'parallax', topics: [ … ], mean: { rouge1: {…}, rouge2: { recall: 0.18, … }, rougeSU4: {…} } }
 */
export interface SystemScores {
  system: string;
  topics: TopicScore[];
  mean: { rouge1: MeanPRF; rouge2: MeanPRF; rougeSU4: MeanPRF };
}

/** Options of `evalSummarize`. */
export interface EvalSummarizeOptions {
  /** Word budget of each brief (default 250, the MultiLing 2011 length). */
  words?: number;
  /** Use each cluster's `query` as the brief's focus. */
  focusFromQuery?: boolean;
  /** ROUGE options (default: the MultiLing 2011 published setting). */
  rouge?: RougeOptions;
  /** Also score these peers (e.g. the participating systems) with the same scorer, side by side. */
  peersPath?: string;
}

/**
 * Result of `evalSummarize`.
 *
 * @example { clusters: 'clusters.jsonl', words: 250, parallax: {…}, systems: [ {…} ], failures: [], msPerBrief: 41 }
 */
export interface SummarizeEvalReport {
  clusters: string;
  words: number;
  focusFromQuery: boolean;
  rougeOptions: RougeOptions;
  parallax: SystemScores;
  /** Peers scored side by side, sorted by mean ROUGE-2 recall, best first. */
  systems: SystemScores[];
  failures: ReadFailure[];
  /** Mean wall time to write one brief. */
  msPerBrief: number;
}

/** Result of `evalRougeFiles`. */
export interface RougeFilesReport {
  peers: string;
  clusters: string;
  rougeOptions: RougeOptions;
  systems: SystemScores[];
  failures: ReadFailure[];
}

/** A fixed ingest time, so that articles built from a clusters file are identical run to run. */
const EPOCH = '1970-01-01T00:00:00.000Z';

/** Read a clusters JSONL text. `name` names the file in failure messages. */
export function parseClusters(text: string, name: string): { clusters: Cluster[]; failures: ReadFailure[] } {
  const clusters: Cluster[] = [];
  const failures: ReadFailure[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const input = `${name}:${i + 1}`;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      failures.push({ input, reason: `line is not valid JSON: ${(e as Error).message}` });
      return;
    }
    if (!v || typeof v !== 'object' || Array.isArray(v)) {
      failures.push({ input, reason: 'expected a JSON object with "id", "documents" and "references"' });
      return;
    }
    const o = v as Record<string, unknown>;
    const id = typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : `line${i + 1}`;
    if (!Array.isArray(o.documents) || o.documents.length === 0) {
      failures.push({ input, reason: `cluster ${id} has no "documents" array` });
      return;
    }
    const articles: Article[] = [];
    o.documents.forEach((d, j) => {
      const draft = draftFromJson(d, 'jsonl');
      if (typeof draft === 'string') failures.push({ input: `${input} documents[${j}]`, reason: draft });
      else articles.push(finalizeArticle(draft, EPOCH));
    });
    const references: Record<string, string[]> = {};
    if (o.references && typeof o.references === 'object' && !Array.isArray(o.references)) {
      for (const [k, r] of Object.entries(o.references as Record<string, unknown>)) {
        if (typeof r === 'string' && r.trim()) references[k] = r.split(/\r?\n/);
      }
    }
    const query = typeof o.query === 'string' && o.query.trim() ? o.query.trim() : null;
    clusters.push({ id, query, articles, references });
  });
  return { clusters, failures };
}

/** Read a clusters JSONL file (an unreadable file is one failure). */
export function readClusters(path: string): { clusters: Cluster[]; failures: ReadFailure[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { clusters: [], failures: [{ input: path, reason: `cannot read file: ${(e as Error).message}` }] };
  }
  return parseClusters(text, path);
}

/** Summary of one cluster as `parallax summarize` prints it: brief sentences, one a line. */
export interface ClusterSummary {
  id: string;
  summary: string;
}

/**
 * Brief every cluster of a clusters file (for `parallax summarize`).
 *
 * @example summarizeClusters('clusters.jsonl', { words: 250 }).summaries[0] // { id: 'M000', summary: '…\n…' }
 */
export function summarizeClusters(
  path: string,
  opts: { words?: number; focusFromQuery?: boolean } = {},
): { summaries: ClusterSummary[]; failures: ReadFailure[] } {
  const { clusters, failures } = readClusters(path);
  const summaries: ClusterSummary[] = [];
  for (const c of clusters) {
    if (c.articles.length === 0) continue;
    const brief = writeBrief(c.articles, {
      words: opts.words ?? 250,
      focus: opts.focusFromQuery && c.query ? c.query : undefined,
    });
    summaries.push({ id: c.id, summary: brief.sentences.map((s) => s.text).join('\n') });
  }
  return { summaries, failures };
}

function meanOf(topics: TopicScore[]): SystemScores['mean'] {
  const m = (pick: (t: TopicScore) => PRF): MeanPRF => {
    const n = topics.length || 1;
    return {
      recall: topics.reduce((s, t) => s + pick(t).recall, 0) / n,
      precision: topics.reduce((s, t) => s + pick(t).precision, 0) / n,
      f: topics.reduce((s, t) => s + pick(t).f, 0) / n,
    };
  };
  return { rouge1: m((t) => t.rouge1), rouge2: m((t) => t.rouge2), rougeSU4: m((t) => t.rougeSU4) };
}

function topicScore(id: string, summaryLines: string[], refs: string[][], opts: RougeOptions): TopicScore {
  const words = summaryLines.join(' ').split(/\s+/).filter(Boolean).length;
  return { id, words, ...rouge(summaryLines, refs, opts) };
}

/** References of a cluster in name order. */
function refsOf(c: Cluster): string[][] {
  return Object.keys(c.references)
    .sort()
    .map((k) => c.references[k]);
}

/** Read a peers JSONL file into system → topic id → summary lines. */
export function readPeers(path: string): { peers: Map<string, Map<string, string[]>>; failures: ReadFailure[] } {
  const peers = new Map<string, Map<string, string[]>>();
  const failures: ReadFailure[] = [];
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { peers, failures: [{ input: path, reason: `cannot read file: ${(e as Error).message}` }] };
  }
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const input = `${path}:${i + 1}`;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch (e) {
      failures.push({ input, reason: `line is not valid JSON: ${(e as Error).message}` });
      return;
    }
    if (!o || typeof o !== 'object' || (typeof o.id !== 'string' && typeof o.id !== 'number') || typeof o.summary !== 'string') {
      failures.push({ input, reason: 'expected {"system"?, "id", "summary"} with a string summary' });
      return;
    }
    const system = typeof o.system === 'string' && o.system ? o.system : 'peer';
    const bySystem = peers.get(system) ?? new Map<string, string[]>();
    bySystem.set(String(o.id), o.summary.split(/\r?\n/));
    peers.set(system, bySystem);
  });
  return { peers, failures };
}

/** Score peers against their clusters' references. */
function scorePeers(
  peers: Map<string, Map<string, string[]>>,
  clusters: Cluster[],
  opts: RougeOptions,
  failures: ReadFailure[],
  peersPath: string,
): SystemScores[] {
  const byId = new Map(clusters.map((c) => [c.id, c]));
  const out: SystemScores[] = [];
  for (const [system, summaries] of peers) {
    const topics: TopicScore[] = [];
    for (const [id, lines] of summaries) {
      const c = byId.get(id);
      if (!c || Object.keys(c.references).length === 0) {
        failures.push({ input: `${peersPath} (${system} ${id})`, reason: `no cluster with references has id "${id}"` });
        continue;
      }
      topics.push(topicScore(id, lines, refsOf(c), opts));
    }
    topics.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    out.push({ system, topics, mean: meanOf(topics) });
  }
  out.sort((a, b) => b.mean.rouge2.recall - a.mean.rouge2.recall || (a.system < b.system ? -1 : 1));
  return out;
}

/**
 * `parallax eval rouge <peers.jsonl> <clusters.jsonl>`: ROUGE of given summaries.
 *
 * @example evalRougeFiles('peers.jsonl', 'clusters.jsonl').systems[0].mean.rouge2.recall
 */
export function evalRougeFiles(peersPath: string, clustersPath: string, opts: RougeOptions = {}): RougeFilesReport {
  const { clusters, failures } = readClusters(clustersPath);
  const { peers, failures: pf } = readPeers(peersPath);
  failures.push(...pf);
  return { peers: peersPath, clusters: clustersPath, rougeOptions: opts, systems: scorePeers(peers, clusters, opts, failures, peersPath), failures };
}

/**
 * `parallax eval summarize <clusters.jsonl>`: write a brief for every cluster and score it against
 * the references; optionally score given peers with the same scorer for comparison.
 */
export function evalSummarize(clustersPath: string, opts: EvalSummarizeOptions = {}): SummarizeEvalReport {
  const words = opts.words ?? 250;
  const ropts = opts.rouge ?? {};
  const { clusters, failures } = readClusters(clustersPath);
  const topics: TopicScore[] = [];
  let ms = 0;
  for (const c of clusters) {
    const refs = refsOf(c);
    if (refs.length === 0) {
      failures.push({ input: `${clustersPath} (${c.id})`, reason: `cluster ${c.id} has no references to score against` });
      continue;
    }
    if (c.articles.length === 0) continue;
    const t0 = performance.now();
    const brief = writeBrief(c.articles, { words, focus: opts.focusFromQuery && c.query ? c.query : undefined });
    ms += performance.now() - t0;
    topics.push(topicScore(c.id, brief.sentences.map((s) => s.text), refs, ropts));
  }
  let systems: SystemScores[] = [];
  if (opts.peersPath) {
    const { peers, failures: pf } = readPeers(opts.peersPath);
    failures.push(...pf);
    systems = scorePeers(peers, clusters, ropts, failures, opts.peersPath);
  }
  return {
    clusters: clustersPath,
    words,
    focusFromQuery: !!opts.focusFromQuery,
    rougeOptions: ropts,
    parallax: { system: 'parallax', topics, mean: meanOf(topics) },
    systems,
    failures,
    msPerBrief: topics.length ? ms / topics.length : 0,
  };
}

const f5 = (x: number) => x.toFixed(5);

function systemRow(s: SystemScores): string {
  const m = s.mean;
  return [
    s.system.padEnd(10),
    ...[m.rouge1, m.rouge2, m.rougeSU4].map((p) => `${f5(p.recall)} ${f5(p.precision)} ${f5(p.f)}`),
  ].join('  ');
}

const HEADER = `${'system'.padEnd(10)}  ${'ROUGE-1 R / P / F'.padEnd(23)}  ${'ROUGE-2 R / P / F'.padEnd(23)}  ROUGE-SU4 R / P / F`;

function optionLine(o: RougeOptions): string {
  const parts = [`-n 2 -2 ${o.skipGap ?? 4} -u -f ${o.scoring ?? 'A'} -p ${o.alpha ?? 0.5}`];
  if (o.stem) parts.push(o.exceptions && o.exceptions.size > 0 ? '-m (Porter + WordNet exceptions)' : '-m (Porter only)');
  if (o.wordLimit) parts.push(`-l ${o.wordLimit}`);
  if (o.jackknife) parts.push('jackknifed');
  return parts.join(' ');
}

function failureLines(failures: ReadFailure[]): string[] {
  return failures.map((f) => `skipped ${f.input}: ${f.reason}`);
}

/** Human-readable report of `evalSummarize`: means side by side, then Parallax per topic. */
export function formatSummarizeEval(r: SummarizeEvalReport): string {
  const lines = [
    `Briefs of ${r.parallax.topics.length} clusters from ${r.clusters} at ${r.words} words${r.focusFromQuery ? ', focused on each query' : ''}`,
    `ROUGE-1.5.5 semantics: ${optionLine(r.rougeOptions)}; plain means over topics`,
    '',
    HEADER,
    systemRow(r.parallax),
    ...r.systems.map(systemRow),
    '',
    `Parallax per topic (R-1 R, R-2 R, R-SU4 R, words):`,
    ...r.parallax.topics.map(
      (t) => `  ${t.id.padEnd(8)} ${f5(t.rouge1.recall)}  ${f5(t.rouge2.recall)}  ${f5(t.rougeSU4.recall)}  ${t.words}`,
    ),
    `Mean time per brief: ${r.msPerBrief.toFixed(1)} ms`,
    ...failureLines(r.failures),
  ];
  return lines.join('\n');
}

/** Human-readable report of `evalRougeFiles`: means per system, best ROUGE-2 recall first. */
export function formatRougeFiles(r: RougeFilesReport): string {
  return [
    `ROUGE of ${r.peers} against ${r.clusters}`,
    `ROUGE-1.5.5 semantics: ${optionLine(r.rougeOptions)}; plain means over topics`,
    '',
    HEADER,
    ...r.systems.map(systemRow),
    ...failureLines(r.failures),
  ].join('\n');
}
