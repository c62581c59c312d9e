/**
 * Streaming clustering benchmark: `npm run bench:cluster [-- --sizes 100000,1000000] [--rounds 1] [--json] [--dedupe]`.
 *
 * Builds a synthetic news stream from real article text and feeds it, in publication order, to the
 * {@link StoryClusterer}. Each stream size runs in its own child process so that peak RSS is the
 * figure of that size alone.
 *
 * The stream: real articles (ECB+ and MultiLing from /work/shared/data when present, else the
 * repo's fixtures under test/fixtures/cluster) are cut into sentences. A synthetic *event*
 * combines the sentences of two random source articles (recombined text), swaps every proper
 * name for one drawn from the corpus' name pool and every number for another (a different
 * "who/where/how many"), starts at a random moment of a 30-day window and lasts hours to days.
 * Each of its reports is a random subset of the event's sentences, in order. Event sizes follow a
 * geometric law of mean 4 (a quarter are single reports), as in real streams where most stories
 * are small. Texts are generated on the fly and dropped after use, so memory is the clusterer's.
 *
 * Figures: articles/s (time inside `add`, which includes featurisation: wall time, and process
 * CPU time — the "one core" figure, which a busy machine disturbs less), p50 and p99 time to
 * place one article (over the whole run and over the last 10 %, i.e. with the full stream held),
 * peak RSS, the ratio of clustering throughput to a tokenise-only pass over the same texts, and
 * B-cubed F1 against the synthetic events (a sanity check, not an evaluation).
 *
 * With `--rounds N`, each size runs N times (alternating sizes, so a drift of the machine's speed
 * touches all of them) and the run with the median articles/s is reported, with the spread of the
 * rounds: on a shared VM one run of the smaller size lasts half a minute and its speed can be off
 * by a fifth.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import type { Article } from '../src/types.js';
import { StoryClusterer } from '../src/cluster/index.js';
import { DedupeIndex, copyTarget } from '../src/dedupe/index.js';
import { tokenize } from '../src/text/tokenize.js';
import { bcubed } from '../src/eval/metrics.js';
import { rng } from './corpus.js';

const DAY = 86_400_000;
const WINDOW_DAYS = 30;
const MEAN_EVENT_SIZE = 4;
const T0 = Date.UTC(2024, 0, 1);

function hash32(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

interface Source {
  sentences: string[];
}

/** Real article texts: shared data when present, else the repo's fixtures. */
function loadTexts(): { texts: string[]; origin: string } {
  // The repo root: the working directory when run by npm, else two levels above dist/bench/.
  const here = dirname(fileURLToPath(import.meta.url));
  const root = existsSync(join(process.cwd(), 'test', 'fixtures', 'cluster')) ? process.cwd() : join(here, '..', '..');
  const shared = join(root, '..', 'shared', 'data');
  const texts: string[] = [];
  const fromJsonl = (p: string, pick: (o: Record<string, unknown>) => void) => {
    for (const line of readFileSync(p, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        pick(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // a bad line is skipped: the benchmark only needs text
      }
    }
  };
  const addDoc = (o: Record<string, unknown>) => {
    if (typeof o.text === 'string') texts.push(o.text);
  };
  const ecb = join(shared, 'ecbplus', 'articles.jsonl');
  const ml = join(shared, 'multiling2011-en', 'clusters.jsonl');
  if (existsSync(ecb)) fromJsonl(ecb, addDoc);
  if (existsSync(ml)) fromJsonl(ml, (o) => (Array.isArray(o.documents) ? o.documents.forEach((d) => addDoc(d as Record<string, unknown>)) : undefined));
  if (texts.length > 0) return { texts, origin: '../shared/data (ECB+, MultiLing)' };
  const fx = join(root, 'test', 'fixtures', 'cluster');
  for (const f of readdirSync(fx).filter((f) => f.endsWith('.jsonl')).sort()) fromJsonl(join(fx, f), addDoc);
  return { texts, origin: 'test/fixtures/cluster' };
}

const SENTENCE_END = /(?<=[.!?])\s+(?=["“‘'(]?[A-Z0-9])/;

/** The synthetic stream generator. */
export class StreamGenerator {
  readonly sources: Source[];
  readonly names: string[];
  readonly origin: string;
  /** Per arrival slot: event index and time, sorted by time. */
  readonly slotEvent: Int32Array;
  readonly slotTime: Float64Array;
  /** Per event: two source indices and a seed. */
  private readonly evA: Int32Array;
  private readonly evB: Int32Array;

  constructor(n: number, seed = 1) {
    const { texts, origin } = loadTexts();
    this.origin = origin;
    this.sources = texts.map((t) => ({ sentences: t.replace(/\s+/g, ' ').split(SENTENCE_END).filter((s) => s.length > 20) }));
    this.sources = this.sources.filter((s) => s.sentences.length >= 2);
    // Name pool: words seen capitalised inside sentences (not at their start).
    const pool = new Set<string>();
    for (const s of this.sources) {
      for (const sent of s.sentences) {
        const toks = tokenize(sent);
        for (let i = 1; i < toks.length; i++) if (/^\p{Lu}\p{Ll}{2,}$/u.test(toks[i].text)) pool.add(toks[i].text);
      }
    }
    this.names = Array.from(pool).sort();
    // Events with geometric sizes until n reports exist.
    const r = rng(seed);
    const evA: number[] = [];
    const evB: number[] = [];
    const slotsE: number[] = [];
    const slotsT: number[] = [];
    for (let e = 0; slotsE.length < n; e++) {
      evA.push(Math.floor(r() * this.sources.length));
      evB.push(Math.floor(r() * this.sources.length));
      let size = 1;
      while (r() > 1 / MEAN_EVENT_SIZE) size++;
      const start = r() * WINDOW_DAYS * DAY;
      const spread = -Math.log(1 - r()) * DAY; // typical coverage lasts about a day
      for (let k = 0; k < size && slotsE.length < n; k++) {
        slotsE.push(e);
        slotsT.push(Math.min(WINDOW_DAYS * DAY, start + r() * spread));
      }
    }
    const order = Array.from(slotsE.keys()).sort((a, b) => slotsT[a] - slotsT[b] || a - b);
    this.slotEvent = Int32Array.from(order, (i) => slotsE[i]);
    this.slotTime = Float64Array.from(order, (i) => slotsT[i]);
    this.evA = Int32Array.from(evA);
    this.evB = Int32Array.from(evB);
  }

  get eventCount(): number {
    return this.evA.length;
  }

  /** The article of arrival slot `i` (deterministic). */
  article(i: number): Article {
    const e = this.slotEvent[i];
    const r = rng(hash32(`slot${i}`, e));
    const pool = this.sources[this.evA[e]].sentences.concat(this.sources[this.evB[e]].sentences);
    const keep = 0.4 + 0.5 * r();
    const chosen = pool.filter(() => r() < keep);
    if (chosen.length === 0) chosen.push(pool[0]);
    const swap = (s: string) =>
      s
        .replace(/\b\p{Lu}\p{Ll}{2,}\b/gu, (w, off: number) => (off === 0 ? w : this.names[hash32(w, e) % this.names.length]))
        .replace(/\b\d+\b/g, (d) => String(hash32(d, e) % (d.length <= 2 ? 100 : 10 ** Math.min(d.length, 6))));
    const sentences = chosen.map(swap);
    const paragraphs: string[] = [];
    for (let k = 0; k < sentences.length; k += 3) paragraphs.push(sentences.slice(k, k + 3).join(' '));
    const published = new Date(T0 + this.slotTime[i]).toISOString();
    return {
      id: `s${i}`,
      externalId: null,
      headline: null,
      headlineDerived: false,
      paragraphs,
      url: null,
      canonicalUrl: null,
      outlet: { name: null, domain: null },
      authors: [],
      published,
      language: 'en',
      format: 'json',
      contentHash: `h${i}`,
      ingestedAt: published,
      attributions: [],
    };
  }
}

interface RunFigures {
  articles: number;
  events: number;
  source: string;
  /** Articles per second of wall time inside `add`. */
  articles_per_s: number;
  /** Articles per second of process CPU time inside `add` (all threads: GC helpers count): the "one core" figure, steadier than wall time on a busy machine. */
  cpu_articles_per_s: number;
  wall_articles_per_s: number;
  p50_ms: number;
  p99_ms: number;
  p99_last10pct_ms: number;
  max_ms: number;
  peak_rss_mb: number;
  heap_after_gc_mb: number;
  tokenize_articles_per_s: number;
  ratio_to_tokenize: number;
  stories: number;
  live_stories: number;
  bcubed_f1: number | null;
  /** Seconds for the end-of-batch checks (`consolidate`) after the whole stream. */
  consolidate_s: number;
  dedupe: boolean;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))];
}

function runChild(n: number, withDedupe: boolean): RunFigures {
  const gen = new StreamGenerator(n);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();

  // Tokenise-only pass over the same texts (the floor any text pipeline pays).
  let tokNs = 0;
  for (let i = 0; i < n; i++) {
    const a = gen.article(i);
    const t0 = process.hrtime.bigint();
    for (const p of a.paragraphs) tokenize(p);
    tokNs += Number(process.hrtime.bigint() - t0);
  }
  gc?.();

  const clusterer = new StoryClusterer();
  const dedupe = withDedupe ? new DedupeIndex() : null;
  const lat = new Float64Array(n);
  const wall0 = process.hrtime.bigint();
  let addNs = 0;
  let cpuUs = 0;
  for (let i = 0; i < n; i++) {
    const a = gen.article(i);
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const copyOf = dedupe ? copyTarget(dedupe.add(a)) : null;
    clusterer.add(a, { copyOf });
    const dt = Number(process.hrtime.bigint() - t0);
    const c1 = process.cpuUsage(c0);
    cpuUs += c1.user + c1.system;
    lat[i] = dt / 1e6;
    addNs += dt;
  }
  const wallS = Number(process.hrtime.bigint() - wall0) / 1e9;
  const peakRss = process.resourceUsage().maxRSS / 1024; // KB → MB
  gc?.();
  const liveHeap = process.memoryUsage().heapUsed / 1048576; // what the clusterer really holds

  const last = Float64Array.from(lat.subarray(Math.floor(n * 0.9))).sort();
  const all = lat.sort();
  const stories = clusterer.stories();

  // Sanity check of quality against the synthetic events (after the RSS reading).
  let f1: number | null = null;
  if (n <= 2_000_000) {
    const pred = new Map<string, string>();
    for (const s of stories) for (const m of s.members) pred.set(m, s.id);
    const gold = new Map<string, string>();
    for (let i = 0; i < n; i++) gold.set(`s${i}`, String(gen.slotEvent[i]));
    f1 = Math.round(bcubed(pred, gold).f1 * 1000) / 1000;
  }
  // The end-of-batch checks `parallax ingest` runs after its last article (consolidate): their
  // cost grows with the live set, not with the batch.
  const k0 = process.hrtime.bigint();
  clusterer.consolidate();
  const consolidateS = Number(process.hrtime.bigint() - k0) / 1e9;
  const aps = n / (addNs / 1e9);
  const taps = n / (tokNs / 1e9);
  return {
    articles: n,
    events: new Set(gen.slotEvent).size,
    source: gen.origin,
    articles_per_s: Math.round(aps),
    cpu_articles_per_s: Math.round(n / (cpuUs / 1e6)),
    wall_articles_per_s: Math.round(n / wallS),
    p50_ms: round3(percentile(all, 0.5)),
    p99_ms: round3(percentile(all, 0.99)),
    p99_last10pct_ms: round3(percentile(last, 0.99)),
    max_ms: round3(all[all.length - 1]),
    peak_rss_mb: Math.round(peakRss),
    heap_after_gc_mb: Math.round(liveHeap),
    tokenize_articles_per_s: Math.round(taps),
    ratio_to_tokenize: Math.round((aps / taps) * 1000) / 1000,
    stories: stories.length,
    live_stories: clusterer.liveStoryCount,
    bcubed_f1: f1,
    consolidate_s: round3(consolidateS),
    dedupe: withDedupe,
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function main(argv: string[]): number {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const withDedupe = argv.includes('--dedupe');
  const child = arg('--child');
  if (child) {
    process.stdout.write(JSON.stringify(runChild(Number(child), withDedupe)) + '\n');
    return 0;
  }
  const sizes = (arg('--sizes') ?? '100000,1000000').split(',').map((s) => Number(s.trim()));
  if (sizes.some((s) => !Number.isInteger(s) || s <= 0)) {
    process.stderr.write('--sizes must be a comma-separated list of positive integers\n');
    return 2;
  }
  const json = argv.includes('--json');
  const rounds = Number(arg('--rounds') ?? 1);
  if (!Number.isInteger(rounds) || rounds < 1) {
    process.stderr.write('--rounds must be a positive integer\n');
    return 2;
  }
  const all: RunFigures[][] = sizes.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [k, n] of sizes.entries()) {
      if (!json) process.stderr.write(`running ${n} articles${rounds > 1 ? ` (round ${round + 1} of ${rounds})` : ''}…\n`);
      const args = ['--expose-gc', fileURLToPath(import.meta.url), '--child', String(n)];
      if (withDedupe) args.push('--dedupe');
      const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
      if (r.status !== 0) {
        process.stderr.write(`run of ${n} failed:\n${r.stderr}\n`);
        return 1;
      }
      all[k].push(JSON.parse(r.stdout.trim().split('\n').pop() as string) as RunFigures);
    }
  }
  // Per size, the round with the median articles/s, and the articles/s of every round.
  const results = all.map((runs) => [...runs].sort((a, b) => a.articles_per_s - b.articles_per_s)[Math.floor((runs.length - 1) / 2)]);
  const spread = all.map((runs) => runs.map((r) => r.articles_per_s));
  const base = results[0];
  const scaling = results.map((r) => ({
    articles: r.articles,
    per_article_cost_vs_first: Math.round((base.articles_per_s / r.articles_per_s) * 100) / 100,
    per_article_cpu_cost_vs_first: Math.round((base.cpu_articles_per_s / r.cpu_articles_per_s) * 100) / 100,
  }));
  if (json) {
    process.stdout.write(JSON.stringify({ rounds, runs: results, rounds_articles_per_s: spread, scaling }, null, 2) + '\n');
    return 0;
  }
  const rows: Array<[string, (r: RunFigures) => string]> = [
    ['articles', (r) => String(r.articles)],
    ['synthetic events', (r) => String(r.events)],
    ['articles/s (in add, wall)', (r) => String(r.articles_per_s)],
    ['articles/s (in add, CPU)', (r) => String(r.cpu_articles_per_s)],
    ['articles/s (wall, incl. text generation)', (r) => String(r.wall_articles_per_s)],
    ['p50 ms to place', (r) => String(r.p50_ms)],
    ['p99 ms to place', (r) => String(r.p99_ms)],
    ['p99 ms, last 10 %', (r) => String(r.p99_last10pct_ms)],
    ['max ms', (r) => String(r.max_ms)],
    ['peak RSS MB', (r) => String(r.peak_rss_mb)],
    ['heap in use after GC, MB', (r) => String(r.heap_after_gc_mb)],
    ['tokenise-only articles/s', (r) => String(r.tokenize_articles_per_s)],
    ['clustering / tokenise throughput', (r) => String(r.ratio_to_tokenize)],
    ['stories', (r) => String(r.stories)],
    ['live stories at end', (r) => String(r.live_stories)],
    ['B-cubed F1 vs synthetic events', (r) => String(r.bcubed_f1)],
    ['end-of-batch checks (consolidate), s', (r) => String(r.consolidate_s)],
  ];
  console.log(`source text: ${base.source}${withDedupe ? '; dedupe included' : ''}${rounds > 1 ? `; median of ${rounds} rounds` : ''}`);
  for (const [label, f] of rows) console.log(label.padEnd(42) + results.map((r) => f(r).padStart(12)).join(''));
  if (rounds > 1) for (const [k, r] of results.entries()) console.log(`articles/s of each round at ${r.articles}: ${spread[k].join(', ')}`);
  console.log('per-article cost vs first size (wall)'.padEnd(42) + scaling.map((s) => String(s.per_article_cost_vs_first).padStart(12)).join(''));
  console.log('per-article cost vs first size (CPU)'.padEnd(42) + scaling.map((s) => String(s.per_article_cpu_cost_vs_first).padStart(12)).join(''));
  return 0;
}

// Run only as a program (the generator can be imported by other scripts).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
