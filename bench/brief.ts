/**
 * Benchmark: time to write the brief of a 200-article story (`npm run bench:brief`).
 *
 * The story is built from real news text: the 100 MultiLing 2011 Wikinews documents plus the first
 * 100 ECB+ articles (../shared/data). Without /work/shared it falls back to repeating the project's
 * seed fixtures with varied outlets (a weaker test, said so in the output). Each brief is written
 * from scratch (no caches kept between runs except the process-wide stem cache, which a
 * long-running server also keeps). Reports, per configuration, the median and worst wall time of
 * nine runs after one warm-up, the median process CPU time and the mean main-thread CPU time (on a
 * shared machine the wall time includes waiting for a core; the load average is printed so a reader
 * can tell).
 *
 * Target (issue): ≤ 200 ms per brief.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cpus, loadavg } from 'node:os';
import type { Article } from '../src/types.js';
import { draftFromJson } from '../src/ingest/interchange.js';
import { finalizeArticle } from '../src/ingest/finalize.js';
import { writeBrief } from '../src/summarize/index.js';

/** Timed runs per configuration. */
const RUNS = 9;
/** ../shared beside the checkout (CI's layout), else the development machine's /work/shared. */
const SHARED = [resolve('../shared/data'), '/work/shared/data'].find((p) => existsSync(p)) ?? resolve('../shared/data');

function fromJsonl(path: string, limit: number, pick: (o: Record<string, unknown>) => unknown[]): Article[] {
  const out: Article[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim() || out.length >= limit) continue;
    for (const d of pick(JSON.parse(line) as Record<string, unknown>)) {
      if (out.length >= limit) break;
      const draft = draftFromJson(d, 'jsonl');
      if (typeof draft !== 'string') out.push(finalizeArticle(draft, '1970-01-01T00:00:00.000Z'));
    }
  }
  return out;
}

function story(): { articles: Article[]; source: string } {
  const ml = `${SHARED}/multiling2011-en/clusters.jsonl`;
  const ecb = `${SHARED}/ecbplus/articles.jsonl`;
  if (existsSync(ml) && existsSync(ecb)) {
    const a = fromJsonl(ml, 100, (o) => (Array.isArray(o.documents) ? o.documents : []));
    const b = fromJsonl(ecb, 200 - a.length, (o) => [o]);
    return { articles: [...a, ...b], source: '100 MultiLing 2011 documents + 100 ECB+ articles' };
  }
  const seeds = ['test/fixtures/summarize/seed-000.txt', 'test/fixtures/summarize/seed-004.txt'].map((p) =>
    readFileSync(p, 'utf8').split('\n').filter((l) => l.trim()),
  );
  const articles: Article[] = [];
  for (let i = 0; i < 200; i++) {
    const lines = seeds[i % 2];
    const draft = draftFromJson({ id: `seed-${i}`, title: null, text: lines.join('\n\n') + `\n\nCopy ${i}.`, source: `outlet ${i}` }, 'jsonl');
    if (typeof draft !== 'string') articles.push(finalizeArticle(draft, '1970-01-01T00:00:00.000Z'));
  }
  return { articles, source: '200 variants of the two seed reports (../shared not found)' };
}

/**
 * CPU seconds used so far by the main JavaScript thread only (Linux /proc; null elsewhere). Unlike
 * process.cpuUsage() it leaves out the garbage collector's and compiler's helper threads, and unlike
 * wall time it leaves out waiting for a core, so it is the fairest single-brief figure on a busy
 * shared machine. Resolution: one clock tick (10 ms), hence summed over all runs of a configuration.
 */
function mainThreadCpu(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 10 ms
  } catch {
    return null;
  }
}

function main(): void {
  const { articles, source } = story();
  const words = articles.reduce((s, a) => s + a.paragraphs.join(' ').split(/\s+/).length, 0);
  console.log(`story: ${articles.length} articles, ${words} words (${source})`);
  const runs: Record<string, number[]> = {};
  const cpu: Record<string, number[]> = {};
  const mainCpu: Record<string, number | null> = {};
  const configs: Array<[string, Parameters<typeof writeBrief>[1]]> = [
    ['--words 100', { words: 100 }],
    ['--words 250', { words: 250 }],
    ['--focus', { words: 100, focus: 'How many people died?' }],
    ['--since', { words: 100, since: '2007-01-01T00:00:00Z' }],
  ];
  writeBrief(articles, { words: 100 }); // warm-up (JIT, stem cache)
  for (const [name, opts] of configs) {
    runs[name] = [];
    cpu[name] = [];
    const m0 = mainThreadCpu();
    for (let i = 0; i < RUNS; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const b = writeBrief(articles, opts);
      runs[name].push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu[name].push((c.user + c.system) / 1000);
      if (b.sentences.length === 0 && name !== '--since') throw new Error(`empty brief for ${name}`);
    }
    const m1 = mainThreadCpu();
    mainCpu[name] = m0 === null || m1 === null ? null : ((m1 - m0) * 1000) / RUNS;
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const [name, ms] of Object.entries(runs)) {
    console.log(
      `${name.padEnd(12)} wall median ${median(ms).toFixed(1)} ms, worst ${Math.max(...ms).toFixed(1)} ms; ` +
        `process CPU median ${median(cpu[name]).toFixed(1)} ms; ` +
        `main-thread CPU mean ${mainCpu[name] === null ? 'n/a' : `${mainCpu[name]!.toFixed(0)} ms`} per brief (target ≤ 200 ms)`,
    );
  }
  console.log(`load average (1 min) during the run: ${loadavg()[0].toFixed(2)} on ${cpus().length} cores`);
}

main();
