/**
 * `npm run bench:watch`: the feed watcher end to end on loopback — N feeds × M items (default
 * 1,000 × 20) served by H servers (default 50 "outlets", one port each, so the per-host limit
 * applies as it would to real publishers) in a child process, polled by `Watcher` into a fresh
 * SQLite store and clustered into stories.
 *
 * Rounds:
 * 1. cold — every item is new: items/s from the start of the round until every article is stored
 *    and clustered (`pollOnce` resolves only then);
 * 2. unchanged — every feed answers 304 to the conditional GET: requests per feed per poll (must
 *    be 1) and the round's duration;
 * 3. incremental — 10 % of the feeds gain 2 items: items/s for a typical later round.
 * Reported: items/s (wall clock) and items per CPU-second of the watcher process (the figure that
 * stays meaningful on a machine shared with other work), stories, requests per feed per poll, 304s, peak RSS of the watcher process
 * (the servers run in their own process so their memory and CPU are not counted as the watcher's).
 *
 * Text: `syntheticArticles` (real Wikinews / ECB+ paragraphs recombined), one full-content RSS
 * item per article.
 *
 * Options: --feeds=N --items=M --hosts=H --json, and --no-cluster to measure the feed path alone
 * (fetch, parse, store) with clustering switched off.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { openStore } from '../src/store/index.js';
import { Watcher } from '../src/feeds/watcher.js';
import { addFeeds } from '../src/feeds/registry.js';
import { STORY_STATE_KEY } from '../src/pipeline.js';
import { peakRssMiB, syntheticArticles } from './corpus.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number): number => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const nFeeds = opt('feeds', 1000);
const nItems = opt('items', 20);
const nHosts = Math.min(opt('hosts', 50), nFeeds);
const json = args.includes('--json');
const cluster = !args.includes('--no-cluster');

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// ------------------------------------------------------------------ server process

type ServerMsg = { type: 'bump'; feeds: number[]; items: number } | { type: 'counts' } | { type: 'stop' };

async function serve(): Promise<void> {
  // The same deterministic corpus as the parent would build: articles for the initial items, then a
  // reserve for the items added in round 3.
  const reserve = Math.ceil(nFeeds * 0.1) * 2 + nFeeds;
  const arts = syntheticArticles(nFeeds * nItems + reserve, 7);
  let nextFree = nFeeds * nItems;
  const feeds = Array.from({ length: nFeeds }, (_, f) => ({
    items: Array.from({ length: nItems }, (_, k) => f * nItems + k),
    body: null as string | null,
    etag: '',
    requests: 0,
    notModified: 0,
  }));
  const render = (f: number): void => {
    const feed = feeds[f];
    const host = f % nHosts;
    const items = feed.items
      .slice(-nItems)
      .reverse()
      .map((i) => {
        const a = arts[i];
        const link = `https://outlet${host}.example/news/${i}`;
        const paras = String(a.text)
          .split('\n\n')
          .map((p) => `<p>${esc(p)}</p>`)
          .join('');
        return `<item><title>${esc(String(a.title ?? ''))}</title><link>${link}</link><guid isPermaLink="true">${link}</guid><pubDate>${new Date(
          String(a.published),
        ).toUTCString()}</pubDate><description>${esc(String(a.text).slice(0, 200))}</description><content:encoded><![CDATA[${paras}]]></content:encoded></item>`;
      });
    feed.body = `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Outlet ${host} feed ${f}</title><link>https://outlet${host}.example/</link><description>bench</description>\n${items.join('\n')}\n</channel></rss>\n`;
    feed.etag = `"${createHash('sha1').update(feed.body).digest('hex').slice(0, 20)}"`;
  };
  const ports: number[] = [];
  for (let h = 0; h < nHosts; h++) {
    const server = http.createServer((req, res) => {
      const m = /^\/feed\/(\d+)\.xml$/.exec(req.url ?? '');
      const f = m ? Number(m[1]) : -1;
      if (!feeds[f]) {
        res.statusCode = 404;
        return res.end();
      }
      const feed = feeds[f];
      feed.requests++;
      if (!feed.body) render(f);
      res.setHeader('etag', feed.etag);
      if (req.headers['if-none-match'] === feed.etag) {
        feed.notModified++;
        res.statusCode = 304;
        return res.end();
      }
      res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
      res.end(feed.body);
    });
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    ports.push((server.address() as AddressInfo).port);
  }
  process.on('message', (msg: ServerMsg) => {
    if (msg.type === 'bump') {
      for (const f of msg.feeds) {
        for (let k = 0; k < msg.items; k++) feeds[f].items.push(nextFree++);
        feeds[f].body = null;
      }
      process.send!({ type: 'bumped' });
    } else if (msg.type === 'counts') {
      process.send!({
        type: 'counts',
        requests: feeds.map((f) => f.requests),
        notModified: feeds.reduce((n, f) => n + f.notModified, 0),
        rssMiB: Math.round(peakRssMiB()),
      });
    } else if (msg.type === 'stop') process.exit(0);
  });
  process.send!({ type: 'ready', ports });
}

// ------------------------------------------------------------------ watcher process

function ask<T>(child: ChildProcess, msg: ServerMsg, reply: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type === reply) {
        child.off('message', on);
        resolve(m as T);
      }
    };
    child.on('message', on);
    child.send(msg);
  });
}

async function bench(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<{ ports: number[] }>((resolve) => child.once('message', (m) => resolve(m as { ports: number[] })));
  const dir = mkdtempSync(join(tmpdir(), 'parallax-bench-watch-'));
  const store = openStore(join(dir, 'watch.db'));
  // The watcher's clock runs ahead between rounds so every feed is due again without waiting.
  let offset = 0;
  const clock = { now: () => Date.now() + offset };
  try {
    await addFeeds(
      store,
      Array.from({ length: nFeeds }, (_, f) => ({ url: `http://127.0.0.1:${ready.ports[f % nHosts]}/feed/${f}.xml` })),
      new Date(clock.now()).toISOString(),
    );
    const passes = { n: 0, ms: 0, articles: 0 };
    const errors: string[] = [];
    const watcher = new Watcher(store, clock, {
      allowPrivate: true,
      cluster,
      onEvent: (e) => {
        if (e.type === 'clustered') {
          passes.n++;
          passes.ms += e.ms;
          passes.articles += e.articles;
        } else if (e.type === 'poll' && e.error && errors.length < 5) errors.push(`${e.url}: ${e.error}`);
      },
    });
    const counts = () => ask<{ requests: number[]; notModified: number; rssMiB: number }>(child, { type: 'counts' }, 'counts');
    const results: Array<Record<string, number | string>> = [];
    const round = async (label: string): Promise<void> => {
      const before = await counts();
      Object.assign(passes, { n: 0, ms: 0, articles: 0 });
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const r = await watcher.pollOnce();
      const secs = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const cpuSecs = (cpu.user + cpu.system) / 1e6;
      const after = await counts();
      const perFeed = after.requests.map((n, i) => n - before.requests[i]);
      const stats = await store.stats();
      results.push({
        round: label,
        feeds_polled: r.feeds,
        items_added: r.added,
        seconds: Number(secs.toFixed(2)),
        items_per_s: r.added ? Math.round(r.added / secs) : 0, // into stories unless --no-cluster
        cpu_seconds: Number(cpuSecs.toFixed(2)),
        items_per_cpu_s: r.added ? Math.round(r.added / cpuSecs) : 0,
        requests_per_feed_min: Math.min(...perFeed.filter((_, i) => i < nFeeds)),
        requests_per_feed_max: Math.max(...perFeed),
        not_modified: after.notModified - before.notModified,
        errors: r.errors,
        clustering_passes: passes.n,
        clustering_seconds: Number((passes.ms / 1000).toFixed(2)),
        articles: stats.articles,
        unclustered: stats.unclustered,
        stories: stats.stories,
        peak_rss_mib: Math.round(peakRssMiB()),
      });
      offset += 3600_000; // every feed due for the next round
    };
    await round('cold');
    await round('unchanged');
    const bumped = Array.from({ length: Math.ceil(nFeeds * 0.1) }, (_, k) => (k * 10) % nFeeds);
    await ask(child, { type: 'bump', feeds: bumped, items: 2 }, 'bumped');
    await round('incremental');
    await watcher.close();
    const serverRss = (await counts()).rssMiB;
    const stateMiB = +((JSON.stringify(await store.loadState(STORY_STATE_KEY)) ?? '').length / 1048576).toFixed(1);
    if (json) console.log(JSON.stringify({ feeds: nFeeds, items: nItems, hosts: nHosts, cluster, rounds: results, server_peak_rss_mib: serverRss, story_state_mib: stateMiB, first_errors: errors }));
    else {
      console.log(`watch: ${nFeeds} loopback feeds × ${nItems} items on ${nHosts} hosts (concurrency 16, 2 per host)${cluster ? '' : ', clustering OFF'}`);
      for (const r of results) {
        console.log(
          `${String(r.round).padEnd(12)} ${r.items_added} items in ${r.seconds}s = ${r.items_per_s} items/s ${cluster ? 'into stories' : 'stored'} (watcher CPU ${r.cpu_seconds}s = ${r.items_per_cpu_s} items/CPU-s); ` +
            `requests/feed ${r.requests_per_feed_min === r.requests_per_feed_max ? r.requests_per_feed_min : `${r.requests_per_feed_min}–${r.requests_per_feed_max}`}, ` +
            `304s ${r.not_modified}, errors ${r.errors}; ${r.clustering_passes} clustering passes took ${r.clustering_seconds}s; store ${r.articles} articles, ${r.stories} stories, ${r.unclustered} unclustered; peak RSS ${r.peak_rss_mib} MiB`,
        );
      }
      console.log(`(server process peak RSS ${serverRss} MiB, not included above; clustering state checkpoint ${stateMiB} MiB of JSON)`);
      for (const e of errors) console.log(`error: ${e}`);
    }
  } finally {
    child.send({ type: 'stop' });
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (args.includes('--serve')) await serve();
else await bench();
