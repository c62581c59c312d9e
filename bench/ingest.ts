/**
 * `npm run bench:ingest`: ingest throughput into SQLite for JSONL and for HTML pages, each measured
 * storing only and then with every incremental stage (dedupe, stories, entities), as
 * `parallax ingest` runs it. Node runs the pipeline on one thread (SQLite included).
 *
 * Every measurement runs in a child process of its own, with the V8 flags of `parallax ingest`,
 * so its peak RSS is its own and one run's heap does not slow the next. Each reports wall time,
 * process CPU time (on a machine shared with other work, CPU seconds are the steadier figure), peak
 * RSS, and the time per pipeline stage (see StageTimes in src/pipeline.ts), so the figures explain
 * themselves.
 *
 * JSONL: N synthetic articles recombined from real text (bench/corpus.ts), one file. HTML: M pages,
 * each a real article wrapped in realistic page chrome (navigation, related links, JSON-LD,
 * OpenGraph), one file each, read from a directory.
 *
 *   node dist/bench/ingest.js [--jsonl=10000] [--html=1000] [--rounds=1] [--only=jsonl:full,…] [--json]
 *                             [--prof-dir=DIR]   (CPU profile of each child, for `node --cpu-prof`)
 *
 * With several rounds, the round with the median wall time is reported for each configuration.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PIPELINE_NODE_FLAGS } from '../src/cli/runtime.js';
import { readInputs } from '../src/ingest/sources.js';
import { ingestItems, newStageTimes, type StageTimes } from '../src/pipeline.js';
import { openStore } from '../src/store/index.js';
import { corpusSources, peakRssMiB, syntheticArticles } from './corpus.js';

const args = process.argv.slice(2);
const opt = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

interface Result {
  format: string;
  stages: 'store' | 'full';
  added: number;
  duplicates: number;
  failed: number;
  seconds: number;
  cpu_seconds: number;
  articles_per_s: number;
  articles_per_cpu_s: number;
  peak_rss_mib: number;
  /** Milliseconds per stage (StageTimes). */
  stage_ms: StageTimes;
}

/** Child: one ingest into a fresh database, printed as one JSON line. */
async function child(format: string, stages: 'store' | 'full', input: string, db: string): Promise<void> {
  const store = openStore(db);
  const times = newStageTimes();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  // as `parallax ingest` runs it: with the full pipeline, the batch ends with the story checks
  const s = await ingestItems(store, readInputs([input]), { cluster: stages === 'full', endBatch: stages === 'full', times });
  await store.close();
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  const result: Result = {
    format,
    stages,
    added: s.added,
    duplicates: s.duplicates,
    failed: s.failed.length,
    seconds: +secs.toFixed(2),
    cpu_seconds: +cpuSecs.toFixed(2),
    articles_per_s: Math.round(s.added / secs),
    articles_per_cpu_s: Math.round(s.added / cpuSecs),
    peak_rss_mib: Math.round(peakRssMiB()),
    stage_ms: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.round(v)])) as unknown as StageTimes,
  };
  console.log(JSON.stringify(result));
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function page(a: Record<string, unknown>): string {
  const title = esc(String(a.title ?? ''));
  const paras = String(a.text)
    .split('\n\n')
    .map((p) => `<p>${esc(p)}</p>`)
    .join('\n');
  const ld = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: a.title,
    datePublished: a.published,
    author: [{ '@type': 'Person', name: 'Staff Reporter' }],
    publisher: { '@type': 'Organization', name: a.source },
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | ${esc(String(a.source))}</title>
<link rel="canonical" href="${esc(String(a.url))}"><meta property="og:title" content="${title}">
<meta property="og:site_name" content="${esc(String(a.source))}"><script type="application/ld+json">${ld}</script></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>${title}</h1><div class="byline">By Staff Reporter</div>${paras}</article>
<aside><h2>Related</h2><ul><li><a href="/a">Markets rally on rate hopes</a></li><li><a href="/b">Weather: storms expected</a></li></ul></aside></main>
<footer><p>© ${esc(String(a.source))}. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>`;
}

/** Stage names as printed, in pipeline order. */
const STAGE_LABELS: Array<[keyof StageTimes, string]> = [
  ['read', 'read+parse'],
  ['finalize', 'finalize'],
  ['store', 'store'],
  ['load', 'load'],
  ['dedupe', 'dedupe'],
  ['extract', 'entity extract'],
  ['cluster', 'cluster'],
  ['resolve', 'entity resolve'],
  ['checkpointExport', 'checkpoint export'],
  ['checkpointWrite', 'checkpoint write'],
];

/** "read+parse 12% (0.11 ms) · finalize 30% (0.27 ms) · …": share of wall time and time per article. */
function shares(r: Result): string {
  const total = r.seconds * 1000;
  const parts = STAGE_LABELS.filter(([k]) => r.stage_ms[k] > 0).map(
    ([k, label]) => `${label} ${((100 * r.stage_ms[k]) / total).toFixed(1)}% (${(r.stage_ms[k] / Math.max(1, r.added)).toFixed(3)} ms)`,
  );
  const accounted = STAGE_LABELS.reduce((s, [k]) => s + r.stage_ms[k], 0);
  parts.push(`other ${((100 * (total - accounted)) / total).toFixed(1)}%`);
  return parts.join(' · ');
}

function median(rs: Result[]): Result {
  return [...rs].sort((a, b) => a.seconds - b.seconds)[Math.floor((rs.length - 1) / 2)];
}

async function main(): Promise<void> {
  const json = args.includes('--json');
  const nJsonl = Number(opt('jsonl') ?? 10_000);
  const nHtml = Number(opt('html') ?? 1_000);
  const rounds = Math.max(1, Number(opt('rounds') ?? 1));
  const profDir = opt('prof-dir');
  const configs = [
    ['jsonl', 'store'],
    ['html', 'store'],
    ['jsonl', 'full'],
    ['html', 'full'],
  ].filter(([f, s]) => !opt('only') || opt('only')!.split(',').includes(`${f}:${s}`)) as Array<[string, 'store' | 'full']>;
  const load0 = loadavg()[0];
  const dir = mkdtempSync(join(tmpdir(), 'parallax-bench-ingest-'));
  try {
    const jsonlPath = join(dir, 'articles.jsonl');
    writeFileSync(jsonlPath, syntheticArticles(nJsonl, 1).map((a) => JSON.stringify(a)).join('\n') + '\n');
    const htmlDir = join(dir, 'html');
    mkdirSync(htmlDir);
    syntheticArticles(nHtml, 2).forEach((a, i) => writeFileSync(join(htmlDir, `page-${String(i).padStart(5, '0')}.html`), page(a)));
    const results: Result[] = [];
    for (const [format, stages] of configs) {
      const runs: Result[] = [];
      for (let r = 0; r < rounds; r++) {
        const db = join(dir, `${format}-${stages}-${r}.db`);
        const nodeArgs = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`, `--cpu-prof-name=${format}-${stages}-${r}.cpuprofile`] : [];
        const input = format === 'jsonl' ? jsonlPath : htmlDir;
        // with the V8 flags `parallax ingest` runs with (src/cli/runtime.ts)
        const out = spawnSync(process.execPath, [...PIPELINE_NODE_FLAGS, ...nodeArgs, fileURLToPath(import.meta.url), '--child', format, stages, input, db], {
          encoding: 'utf8',
          maxBuffer: 1 << 24,
        });
        if (out.status !== 0) throw new Error(`benchmark child ${format} ${stages} failed (exit ${out.status}): ${out.stderr}`);
        runs.push(JSON.parse(out.stdout.trim().split('\n').pop()!) as Result);
        rmSync(db, { force: true });
        rmSync(`${db}-wal`, { force: true });
        rmSync(`${db}-shm`, { force: true });
      }
      results.push(median(runs));
    }
    const load1 = loadavg()[0];
    if (json) {
      console.log(JSON.stringify({ cpus: cpus().length, load_average: [+load0.toFixed(2), +load1.toFixed(2)], rounds, node_flags: PIPELINE_NODE_FLAGS, corpus: corpusSources(), results }));
      return;
    }
    console.log(
      `${cpus().length} CPUs; 1-minute load average ${load0.toFixed(2)} at start, ${load1.toFixed(2)} at end; ${rounds} round(s), median shown; ${process.version} ${PIPELINE_NODE_FLAGS.join(' ')}; corpus ${corpusSources().join(', ')}`,
    );
    for (const r of results) {
      console.log(
        `${r.format.padEnd(5)} ${r.stages.padEnd(5)} ${r.added} articles in ${r.seconds}s = ${r.articles_per_s} articles/s; CPU ${r.cpu_seconds}s = ${r.articles_per_cpu_s} articles/CPU-s; peak RSS ${r.peak_rss_mib} MiB (duplicates ${r.duplicates}, failed ${r.failed})`,
      );
      console.log(`      ${shares(r)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (args[0] === '--child') await child(args[1], args[2] as 'store' | 'full', args[3], args[4]);
else await main();
