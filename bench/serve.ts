/**
 * `npm run bench:serve`: throughput and tail latency of `GET /api/stories` with 10,000 stored
 * articles, measured with wrk over loopback.
 *
 * 1. Fill a temporary SQLite store with N distinct articles (default 10,000) recombined from real
 *    text (bench/corpus.ts: the Wikinews samples plus ECB+ when ../shared/data is present)
 *    through the real ingest pipeline, so stories come from the real clusterer.
 * 2. Start the server in this process on 127.0.0.1 (a free port) and check one response.
 * 3. Run wrk (a separate process, so it does not share this event loop) for ~10 s and parse its
 *    requests/s and latency percentiles.
 *
 * Acceptance target (the issue): ≥ 2,000 requests/s with p99 ≤ 50 ms.
 *
 * Load: wrk's own defaults (2 threads, 10 connections), so the figure is not tuned to the target.
 * Alongside wrk's figures the script reports the server's event-loop delay (how long a ready
 * request could wait for this process) and its CPU share, to tell the server's own latency apart
 * from time the process spent descheduled on a busy machine.
 *
 * Options: --articles N (10000) · --duration S (10) · --connections C (10) · --threads T (2)
 *          --path P (/api/stories) · --revalidate (also measure If-None-Match → 304) · --json
 *          --db FILE (use and keep this database; filled only when empty — for repeated runs)
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { draftFromJson } from '../src/ingest/interchange.js';
import { ingestItems } from '../src/pipeline.js';
import { createServer } from '../src/server/app.js';
import { openStore } from '../src/store/index.js';
import type { ReadItem } from '../src/types.js';
import { syntheticArticles } from './corpus.js';

interface Args {
  articles: number;
  duration: number;
  connections: number;
  threads: number;
  path: string;
  revalidate: boolean;
  json: boolean;
  db: string | null;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { articles: 10_000, duration: 10, connections: 10, threads: 2, path: '/api/stories', revalidate: false, json: false, db: null };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const num = () => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${k} needs a positive whole number`);
      return n;
    };
    if (k === '--articles') a.articles = num();
    else if (k === '--duration') a.duration = num();
    else if (k === '--connections') a.connections = num();
    else if (k === '--threads') a.threads = num();
    else if (k === '--path') a.path = argv[++i];
    else if (k === '--revalidate') a.revalidate = true;
    else if (k === '--json') a.json = true;
    else if (k === '--db') a.db = argv[++i];
  }
  return a;
}

/** wrk's latency figures ("1.23ms", "850.00us", "1.02s") in milliseconds. */
function toMs(v: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(v.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60_000;
}

export interface WrkResult {
  requestsPerSec: number;
  requests: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  non2xx: number;
  socketErrors: string | null;
}

/** Parse the output of `wrk --latency`. */
export function parseWrk(out: string): WrkResult {
  const pct = (p: string) => toMs(new RegExp(`^\\s*${p}%\\s+(\\S+)`, 'm').exec(out)?.[1] ?? '');
  return {
    requestsPerSec: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN),
    requests: Number(/(\d+) requests in/.exec(out)?.[1] ?? NaN),
    p50Ms: pct('50'),
    p90Ms: pct('90'),
    p99Ms: pct('99'),
    non2xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0),
    socketErrors: /Socket errors:.*$/m.exec(out)?.[0] ?? null,
  };
}

function runWrk(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk exited with ${code}: ${out}`))));
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const say = (s: string) => {
    if (!args.json) console.log(s);
  };
  if (spawnSync('wrk', ['--version']).error) {
    console.error('bench:serve needs wrk, which is not installed. Install it with: apt-get install -y wrk');
    process.exitCode = 1;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'parallax-bench-serve-'));
  const store = openStore(args.db ?? join(dir, 'bench.db'));
  try {
    let fillS = 0;
    if ((await store.countArticles()) === 0) {
      say(`filling a store with ${args.articles} articles (real text recombined) through the ingest pipeline …`);
      const t0 = performance.now();
      const items: ReadItem[] = syntheticArticles(args.articles).map((o, i) => {
        const d = draftFromJson(o, 'json');
        return typeof d === 'string' ? { ok: false, input: `synthetic:${i}`, reason: d } : { ok: true, input: `synthetic:${i}`, draft: d };
      });
      const summary = await ingestItems(store, items);
      fillS = (performance.now() - t0) / 1000;
      say(`stored ${summary.added} articles (${summary.duplicates} duplicates, ${summary.failed.length} failed) in ${fillS.toFixed(1)} s`);
    } else say(`using the articles already in ${args.db}`);
    const stats = await store.stats();
    say(`the store holds ${stats.articles} articles in ${stats.stories} stories`);

    const app = createServer({ store });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;
    const url = `http://127.0.0.1:${port}${args.path}`;
    const first = await fetch(url);
    const body = await first.text();
    if (first.status !== 200) throw new Error(`${args.path} answered ${first.status}: ${body.slice(0, 200)}`);
    const etag = first.headers.get('etag');
    say(`${args.path}: ${body.length} bytes, ETag ${etag}`);

    const wrkArgs = ['-t', String(args.threads), '-c', String(args.connections), '-d', `${args.duration}s`, '--latency', url];
    say(`wrk ${wrkArgs.join(' ')}`);
    const loop = monitorEventLoopDelay({ resolution: 1 });
    const cpu0 = process.cpuUsage();
    const w0 = performance.now();
    loop.enable();
    const plain = parseWrk(await runWrk(wrkArgs));
    loop.disable();
    const cpu = process.cpuUsage(cpu0);
    const cpuShare = (cpu.user + cpu.system) / 1000 / (performance.now() - w0);
    const loopP99 = loop.percentile(99) / 1e6;
    const loopMax = loop.max / 1e6;
    const load = loadavg()[0];
    let revalidated: WrkResult | null = null;
    if (args.revalidate && etag) {
      const h = ['-H', `If-None-Match: ${etag}`];
      say(`wrk ${[...h, ...wrkArgs].join(' ')}`);
      revalidated = parseWrk(await runWrk([...h, ...wrkArgs]));
    }
    // Cold render times (first request, nothing cached) of the pages a reader opens first, for
    // information, measured after wrk so that they do not disturb it: the front page writes a
    // brief per story shown; a story page its brief, entities, comparison and diagrams.
    const [largest] = (await store.listStories({})).sort((a, b) => b.size - a.size);
    const cold: Record<string, number> = {};
    for (const path of ['/', `/stories/${largest.id}`]) {
      const t = performance.now();
      const r = await app.inject(path);
      if (r.statusCode !== 200) throw new Error(`${path} answered ${r.statusCode}`);
      cold[path] = performance.now() - t;
    }
    say(`cold renders: front page ${cold['/'].toFixed(0)} ms · largest story (${largest.size} articles) ${cold[`/stories/${largest.id}`].toFixed(0)} ms`);
    await app.close();

    const pass = plain.requestsPerSec >= 2000 && plain.p99Ms <= 50 && plain.non2xx === 0;
    const report = {
      articles: stats.articles,
      stories: stats.stories,
      fill_seconds: Number(fillS.toFixed(2)),
      path: args.path,
      connections: args.connections,
      threads: args.threads,
      duration_s: args.duration,
      requests_per_s: plain.requestsPerSec,
      p50_ms: plain.p50Ms,
      p90_ms: plain.p90Ms,
      p99_ms: plain.p99Ms,
      non_2xx: plain.non2xx,
      socket_errors: plain.socketErrors,
      server_cpu_share: Number(cpuShare.toFixed(2)),
      event_loop_delay_p99_ms: Number(loopP99.toFixed(2)),
      event_loop_delay_max_ms: Number(loopMax.toFixed(2)),
      load_average_1m: Number(load.toFixed(2)),
      cold_front_page_ms: Math.round(cold['/']),
      cold_largest_story_ms: Math.round(cold[`/stories/${largest.id}`]),
      largest_story_size: largest.size,
      ...(revalidated ? { revalidate_304: { requests_per_s: revalidated.requestsPerSec, p99_ms: revalidated.p99Ms } } : {}),
      target: { requests_per_s: 2000, p99_ms: 50 },
      pass,
    };
    if (args.json) console.log(JSON.stringify(report));
    else {
      say('');
      say(`GET ${args.path} with ${stats.articles} articles: ${plain.requestsPerSec.toFixed(0)} requests/s · p50 ${plain.p50Ms.toFixed(2)} ms · p90 ${plain.p90Ms.toFixed(2)} ms · p99 ${plain.p99Ms.toFixed(2)} ms${plain.non2xx ? ` · ${plain.non2xx} non-2xx` : ''}${plain.socketErrors ? ` · ${plain.socketErrors}` : ''}`);
      say(`server: ${(cpuShare * 100).toFixed(0)}% of one core · event-loop delay p99 ${loopP99.toFixed(2)} ms, max ${loopMax.toFixed(2)} ms · machine load average ${load.toFixed(2)} on ${cpus().length} cores`);
      if (revalidated) say(`revalidation (If-None-Match → 304): ${revalidated.requestsPerSec.toFixed(0)} requests/s · p99 ${revalidated.p99Ms.toFixed(2)} ms`);
      say(`target ≥ 2000 requests/s and p99 ≤ 50 ms: ${pass ? 'met' : 'NOT met'}`);
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`bench:serve failed: ${(e as Error).message}`);
  process.exitCode = 1;
});
