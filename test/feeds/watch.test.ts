/**
 * The feed watcher against loopback HTTP servers: changing feeds, conditional GET, restarts,
 * hanging/slow/failing servers, malformed and mislabelled documents, redirects, oversize bodies,
 * repeated items and summary-only items.
 */
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import type { SqliteStore } from '../../src/store/sqlite.js';
import { Watcher, type WatchEvent, type WatcherOptions } from '../../src/feeds/watcher.js';
import { addFeeds } from '../../src/feeds/registry.js';
import { tempDb } from '../helpers.js';
import { ManualClock, TestServer, conditional, entryOf, htmlPage, rss, atom, until, wikinewsItems, type NewsItem } from './helpers.js';

const news = wikinewsItems();
const opened: Array<{ close(): Promise<void> | void }> = [];
afterEach(async () => {
  for (const o of opened.splice(0).reverse()) await o.close();
});

async function server(): Promise<TestServer> {
  const s = await TestServer.start();
  opened.push(s);
  return s;
}

function store(path = tempDb()): Store {
  const s = openStore(path);
  opened.push(s);
  return s;
}

function watcher(st: Store, clock: ManualClock, opts: WatcherOptions = {}): Watcher {
  const w = new Watcher(st, clock, { allowPrivate: true, random: () => 0, clusterDelayMs: 0, timeoutMs: 10_000, ...opts });
  opened.push(w);
  return w;
}

async function follow(st: Store, clock: ManualClock, ...urls: string[]): Promise<void> {
  await addFeeds(st, urls.map((url) => ({ url })), new Date(clock.now()).toISOString());
}

/** Stored article count per canonical URL. */
async function urlCounts(st: Store): Promise<Map<string, number>> {
  const m = new Map<string, number>();
  for (const a of await st.listArticles({})) m.set(a.canonicalUrl ?? a.id, (m.get(a.canonicalUrl ?? a.id) ?? 0) + 1);
  return m;
}

async function allClustered(st: Store): Promise<boolean> {
  const arts = await st.listArticles({});
  for (const a of arts) if (!(await st.storyOfArticle(a.id))) return false;
  return arts.length > 0;
}

describe('polling a changing feed', () => {
  it('stores new items once, sends validators, and gets 304 when unchanged', async () => {
    const srv = await server();
    const site = 'https://wire.example';
    let items: NewsItem[] = news.slice(0, 5);
    srv.route('/world.rss', conditional(() => rss({ title: 'Wire World', link: site }, items.map((i) => entryOf(i, site)))));
    const st = store();
    const clock = new ManualClock();
    await follow(st, clock, srv.url('/world.rss'));
    const w = watcher(st, clock);

    const r1 = await w.pollOnce();
    expect(r1).toMatchObject({ feeds: 1, new: 1, added: 5, errors: 0, feedRequests: 1 });
    expect((await st.stats()).articles).toBe(5);
    expect(await allClustered(st)).toBe(true);
    const feed = (await st.listFeeds())[0];
    expect(feed.etag).toMatch(/^"/);
    expect(feed.title).toBe('Wire World');
    expect(Date.parse(feed.nextPollAt) - clock.now()).toBe(300_000);

    // Not due yet: nothing happens.
    clock.advance(100);
    expect((await w.pollOnce()).feeds).toBe(0);

    // Due and unchanged: one conditional request, answered 304.
    clock.advance(250);
    const r2 = await w.pollOnce();
    expect(r2).toMatchObject({ feeds: 1, unchanged: 1, added: 0, feedRequests: 1 });
    expect(srv.hits('/world.rss').at(-1)!.headers['if-none-match']).toBe(feed.etag);

    // The feed changes: two items drop out, three arrive.
    items = news.slice(2, 8);
    clock.advance(400);
    const r3 = await w.pollOnce();
    expect(r3).toMatchObject({ new: 1, added: 3, duplicates: 0 });
    expect((await st.stats()).articles).toBe(8);
    expect(srv.hits('/world.rss')).toHaveLength(3);
    expect(await allClustered(st)).toBe(true);
  });

  it('honours ttl and Cache-Control max-age as longer intervals, and Last-Modified without ETag', async () => {
    const srv = await server();
    const site = 'https://slow.example';
    const lm = 'Mon, 05 Jan 2026 11:00:00 GMT';
    srv.route('/ttl.rss', conditional(() => rss({ title: 'TTL', link: site, ttl: 60 }, [entryOf(news[10], site)])));
    srv.route('/cc.rss', (req, res) => {
      res.setHeader('cache-control', 'public, max-age=1800');
      res.setHeader('last-modified', lm);
      if (req.headers['if-modified-since'] === lm) {
        res.statusCode = 304;
        return res.end();
      }
      res.setHeader('content-type', 'application/rss+xml');
      res.end(rss({ title: 'CC', link: site }, [entryOf(news[11], site)]));
    });
    const st = store();
    const clock = new ManualClock();
    await follow(st, clock, srv.url('/ttl.rss'), srv.url('/cc.rss'));
    const w = watcher(st, clock);
    await w.pollOnce();
    const [ttl, cc] = await st.listFeeds();
    expect(Date.parse(ttl.nextPollAt) - clock.now()).toBe(3600_000);
    expect(ttl.hintSeconds).toBe(3600);
    expect(Date.parse(cc.nextPollAt) - clock.now()).toBe(1800_000);
    expect(cc.lastModified).toBe(lm);
    clock.advance(1800);
    const r = await w.pollOnce();
    expect(r).toMatchObject({ feeds: 1, unchanged: 1 });
    expect(srv.hits('/cc.rss').at(-1)!.headers['if-modified-since']).toBe(lm);
  });
});

describe('restarts', () => {
  it('after stop and restart against the same changing feeds, every item is stored exactly once and clustered', async () => {
    const srv = await server();
    const sites = ['https://one.example', 'https://two.example', 'https://three.example'];
    // Each feed shows a sliding window of its own articles; windows move between polls.
    const pool = [news.slice(0, 20), news.slice(20, 40), news.slice(40, 60)];
    let windowStart = 0;
    sites.forEach((site, i) =>
      srv.route(`/f${i}.xml`, conditional(() => (i === 1 ? atom : rss)({ title: `Feed ${i}`, link: site }, pool[i].slice(windowStart, windowStart + 8).map((it) => entryOf(it, site))))),
    );
    const path = tempDb();
    const clock = new ManualClock();
    const served = new Set<string>();
    const note = () => sites.forEach((site, i) => pool[i].slice(windowStart, windowStart + 8).forEach((it) => served.add(`${site}/news/${it.id}`)));

    // First run: two polls, then stop.
    let st = openStore(path);
    await follow(st, clock, ...sites.map((_, i) => srv.url(`/f${i}.xml`)));
    let w = new Watcher(st, clock, { allowPrivate: true, random: () => 0, clusterDelayMs: 0 });
    note();
    await w.pollOnce();
    windowStart = 4;
    note();
    clock.advance(301);
    await w.pollOnce();
    await w.close();
    await st.close();

    // Second run on the same database: the feeds moved on; the first poll after restart repeats
    // half of what was already stored.
    windowStart = 8;
    st = store(path);
    w = watcher(st, clock);
    note();
    clock.advance(301);
    const r = await w.pollOnce();
    expect(r.duplicates).toBe(0); // known items are recognised by key, not even re-read
    windowStart = 12;
    note();
    clock.advance(301);
    await w.pollOnce();

    const counts = await urlCounts(st);
    expect([...counts.keys()].sort()).toEqual([...served].sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(await allClustered(st)).toBe(true);
    expect((await st.stats()).unclustered).toBe(0);
  });

  it('a crash that lost the item records does not store anything twice', async () => {
    const srv = await server();
    const site = 'https://crash.example';
    srv.route('/feed.xml', conditional(() => rss({ title: 'Crash', link: site }, news.slice(30, 36).map((i) => entryOf(i, site)))));
    const st = store() as SqliteStore;
    const clock = new ManualClock();
    await follow(st, clock, srv.url('/feed.xml'));
    await watcher(st, clock).pollOnce();
    expect((await st.stats()).articles).toBe(6);
    // Simulate dying after the articles were stored but before items and validators were saved.
    st.db.exec("DELETE FROM feed_items; UPDATE feeds SET etag = NULL, last_modified = NULL");
    clock.advance(301);
    const r = await watcher(st, clock).pollOnce();
    expect(r).toMatchObject({ added: 0, duplicates: 6 });
    expect((await st.stats()).articles).toBe(6);
  });

  it('stop() during a poll finishes writes, and the next start completes the work', async () => {
    const srv = await server();
    const site = `http://127.0.0.1`;
    let hang = true;
    const items = news.slice(50, 54);
    srv.route('/teasers.xml', conditional(() => rss({ title: 'Teasers', link: site }, items.map((i) => ({ ...entryOf(i, srv.url('')), link: srv.url(`/news/${i.id}`), paragraphs: undefined, summary: `${i.paragraphs[1]?.split('. ')[0] ?? i.title}. Read more` })))));
    for (const it of items)
      srv.route(`/news/${it.id}`, (_req, res) => {
        if (hang && it === items[3]) return; // never answers while `hang`
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(htmlPage(it, 'Teaser Times', srv.url(`/news/${it.id}`)));
      });
    const path = tempDb();
    const clock = new ManualClock();
    let st = openStore(path);
    await follow(st, clock, srv.url('/teasers.xml'));
    const events: WatchEvent[] = [];
    let w = new Watcher(st, clock, { allowPrivate: true, random: () => 0, clusterDelayMs: 0, onEvent: (e) => events.push(e) });
    const running = w.run();
    await until(() => srv.hits(`/news/${items[3].id}`).length === 1 && srv.open === 1, 'the hanging page request');
    w.stop();
    await running;
    await w.close();
    // Three pages were stored; the fourth was cut off by the stop and is not marked as seen.
    expect((await st.stats()).articles).toBe(3);
    expect((await st.listFeeds())[0].etag).toBeNull();
    expect((await st.stats()).unclustered).toBe(0);
    await st.close();

    hang = false;
    st = store(path);
    w = watcher(st, clock);
    clock.advance(301);
    const r = await w.pollOnce({ all: true });
    expect(r).toMatchObject({ added: 1, pages: 1 });
    const counts = await urlCounts(st);
    expect(counts.size).toBe(4);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(await allClustered(st)).toBe(true);
  });
});

describe('failing feeds', () => {
  it('a hanging server never delays the others: healthy feeds are stored and clustered while it hangs', async () => {
    const healthy = await server();
    const hanging = await server();
    hanging.route('/stuck.xml', () => undefined); // accepts the request, never answers
    const sites = ['https://a.example', 'https://b.example', 'https://c.example'];
    sites.forEach((site, i) => healthy.route(`/h${i}.xml`, conditional(() => rss({ title: `Healthy ${i}`, link: site }, news.slice(60 + i * 4, 64 + i * 4).map((it) => entryOf(it, site))))));
    const st = store();
    const clock = new ManualClock();
    await follow(st, clock, hanging.url('/stuck.xml'), ...sites.map((_, i) => healthy.url(`/h${i}.xml`)));
    const events: WatchEvent[] = [];
    // Global concurrency 2: the hanging feed holds one slot for its whole deadline, the other
    // slot serves the three healthy feeds in turn.
    const w = watcher(st, clock, { concurrency: 2, timeoutMs: 60_000, onEvent: (e) => events.push(e) });
    const round = w.pollOnce();
    await until(() => events.filter((e) => e.type === 'poll' && e.outcome === 'new').length === 3, 'three healthy polls');
    await until(() => events.some((e) => e.type === 'clustered'), 'a clustering pass');
    await w.flushClustering();
    // The stuck request is still open, yet every healthy article is stored and in a story.
    expect(hanging.open).toBe(1);
    expect((await st.stats()).articles).toBe(12);
    expect(await allClustered(st)).toBe(true);
    await hanging.close(); // the server goes away: the stuck feed fails, the round ends
    const r = await round;
    expect(r).toMatchObject({ feeds: 4, new: 3, errors: 1, added: 12 });
    const stuck = (await st.listFeeds())[0];
    expect(stuck.errorCount).toBe(1);
    expect(stuck.lastError).toMatch(/reset|closed|socket hang up/i);
  });

  it('a slow server that trickles its body is cut off at the deadline and backs off', async () => {
    const srv = await server();
    srv.route('/slow.xml', (_req, res) => {
      res.setHeader('content-type', 'application/rss+xml');
      res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
      const t = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(t));
    });
    const st = store();
    const clock = new ManualClock();
    await follow(st, clock, srv.url('/slow.xml'));
    const r = await watcher(st, clock, { timeoutMs: 400 }).pollOnce();
    expect(r.errors).toBe(1);
    const f = (await st.listFeeds())[0];
    expect(f.lastError).toBe('timed out after 0.4 s');
    expect(f.holdUntil).toBe(f.nextPollAt);
  });

  it('500s back off exponentially; success resets; 410 is reported as gone', async () => {
    const srv = await server();
    let status = 500;
    srv.route('/flaky.xml', (_req, res) => {
      if (status !== 200) {
        res.statusCode = status;
        return res.end('oops');
      }
      res.setHeader('content-type', 'application/rss+xml');
      res.end(rss({ title: 'Flaky', link: 'https://flaky.example' }, [entryOf(news[70], 'https://flaky.example')]));
    });
    const st = store();
    const clock = new ManualClock();
    await follow(st, clock, srv.url('/flaky.xml'));
    const w = watcher(st, clock);
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      await w.pollOnce();
      const f = (await st.listFeeds())[0];
      delays.push((Date.parse(f.nextPollAt) - clock.now()) / 1000);
      expect(f.lastError).toBe('HTTP 500');
      expect(f.lastStatus).toBe(500);
      clock.t = Date.parse(f.nextPollAt);
    }
    expect(delays).toEqual([300, 600, 1200]);
    status = 200;
    await w.pollOnce();
    let f = (await st.listFeeds())[0];
    expect(f).toMatchObject({ errorCount: 0, lastError: null, holdUntil: null, itemsStored: 1 });
    status = 410;
    clock.t = Date.parse(f.nextPollAt);
    await w.pollOnce();
    f = (await st.listFeeds())[0];
    expect(f.lastError).toBe('HTTP 410 Gone: the feed was removed');
  });

  it('429 with Retry-After holds the feed, even for --once style polls', async () => {
    const srv = await server();
    srv.route('/busy.xml', (_req, res) => {
      res.statusCode = 429;
      res.setHeader('retry-after', '7200');
      res.end();
    });
    srv.route('/busy-date.xml', (_req, res) => {
      res.statusCode = 503;
      res.setHeader('retry-after', new Date(Date.UTC(2026, 0, 5, 15, 0, 0)).toUTCString());
      res.end();
    });
    const st = store();
    const clock = new ManualClock(); // 12:00
    await follow(st, clock, srv.url('/busy.xml'), srv.url('/busy-date.xml'));
    const w = watcher(st, clock);
    await w.pollOnce();
    const [a, b] = await st.listFeeds();
    expect(Date.parse(a.nextPollAt) - clock.now()).toBe(7200_000);
    expect(a.holdUntil).toBe(a.nextPollAt);
    expect(b.nextPollAt).toBe('2026-01-05T15:00:00.000Z');
    clock.advance(3600);
    expect((await w.pollOnce({ all: true })).feeds).toBe(0);
    expect(srv.requests).toHaveLength(2);
  });

  it('malformed XML, wrong content types, HTML instead of a feed: one clear error each, others proceed', async () => {
    const srv = await server();
    const site = 'https://mixed.example';
    const good = rss({ title: 'Good', link: site }, [entryOf(news[80], site)]);
    srv.route('/broken.xml', (_req, res) => {
      res.setHeader('content-type', 'application/rss+xml');
      res.end(good.replace('</item>', ''));
    });
    srv.route('/as-html.xml', (_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8'); // a feed mislabelled as HTML is still a feed
      res.end(good);
    });
    srv.route('/image.xml', (_req, res) => {
      res.setHeader('content-type', 'image/png');
      res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    });
    srv.route('/page.html', (_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(htmlPage(news[81], 'Some Site', 'https://mixed.example/page'));
    });
    const st = store();
    const clock = new ManualClock();
    await follow(st, clock, ...['/broken.xml', '/as-html.xml', '/image.xml', '/page.html'].map((p) => srv.url(p)));
    const r = await watcher(st, clock).pollOnce();
    expect(r).toMatchObject({ feeds: 4, new: 1, errors: 3, added: 1 });
    const errors = Object.fromEntries((await st.listFeeds()).map((f) => [new URL(f.url).pathname, f.lastError]));
    expect(errors['/broken.xml']).toMatch(/^malformed feed XML: .*line \d+/);
    expect(errors['/as-html.xml']).toBeNull();
    expect(errors['/image.xml']).toBe('unsupported content type "image/png" (expected a feed, an HTML page, JSON or text)');
    expect(errors['/page.html']).toBe('not a feed: the URL returned an HTML page (RSS, Atom, RDF or JSON Feed expected)');
  });

  it('redirects: followed with a limit, loops refused, permanent moves reported', async () => {
    const srv = await server();
    const site = 'https://moved.example';
    const redirect = (to: string, status = 302) => (_req: unknown, res: import('node:http').ServerResponse) => {
      res.statusCode = status;
      res.setHeader('location', to);
      res.end();
    };
    srv.route('/loop-a', redirect('/loop-b')).route('/loop-b', redirect('/loop-a'));
    srv.route('/old.rss', redirect('/new.rss', 301));
    srv.route('/new.rss', conditional(() => rss({ title: 'Moved', link: site }, [entryOf(news[82], site)])));
    for (let i = 0; i < 8; i++) srv.route(`/hop${i}`, redirect(`/hop${i + 1}`));
    const st = store();
    const clock = new ManualClock();
    await follow(st, clock, srv.url('/loop-a'), srv.url('/old.rss'), srv.url('/hop0'));
    const events: WatchEvent[] = [];
    const r = await watcher(st, clock, { onEvent: (e) => events.push(e) }).pollOnce();
    expect(r).toMatchObject({ new: 1, errors: 2, added: 1 });
    const [loop, moved, hops] = await st.listFeeds();
    expect(loop.lastError).toMatch(/^redirect loop: .*\/loop-b → .*\/loop-a was already visited$/);
    expect(hops.lastError).toBe('too many redirects (more than 5)');
    expect(moved.lastError).toBeNull();
    const poll = events.find((e) => e.type === 'poll' && e.feedId === moved.id);
    expect(poll).toMatchObject({ movedTo: srv.url('/new.rss'), requests: 2 });
  });

  it('oversize bodies are refused, including compressed ones that expand; gzip and brotli are decoded', async () => {
    const srv = await server();
    const site = 'https://big.example';
    const many = rss({ title: 'Big', link: site }, news.slice(0, 60).map((i) => entryOf(i, site)));
    const small = rss({ title: 'Small', link: site }, [entryOf(news[83], site)]);
    srv.route('/big.xml', (_req, res) => {
      res.setHeader('content-type', 'application/rss+xml');
      res.end(many);
    });
    srv.route('/bomb.xml', (_req, res) => {
      res.setHeader('content-type', 'application/rss+xml');
      res.setHeader('content-encoding', 'gzip');
      res.end(gzipSync(Buffer.alloc(5_000_000, 0x20)));
    });
    srv.route('/gz.xml', (_req, res) => {
      res.setHeader('content-type', 'application/rss+xml');
      res.setHeader('content-encoding', 'gzip');
      res.end(gzipSync(small));
    });
    srv.route('/br.xml', (_req, res) => {
      res.setHeader('content-type', 'application/rss+xml');
      res.setHeader('content-encoding', 'br');
      res.end(brotliCompressSync(rss({ title: 'Br', link: site }, [entryOf(news[84], site)])));
    });
    const st = store();
    const clock = new ManualClock();
    await follow(st, clock, ...['/big.xml', '/bomb.xml', '/gz.xml', '/br.xml'].map((p) => srv.url(p)));
    const r = await watcher(st, clock, { maxBytes: 100_000 }).pollOnce();
    expect(many.length).toBeGreaterThan(100_000);
    expect(r).toMatchObject({ new: 2, errors: 2, added: 2 });
    const errors = (await st.listFeeds()).map((f) => f.lastError);
    expect(errors[0]).toMatch(/^response is .* larger than the 97\.7 KiB limit$/);
    expect(errors[1]).toBe('decompressed response is larger than the 97.7 KiB limit');
    expect(srv.hits('/gz.xml')[0].headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('refuses loopback feeds unless private addresses are allowed', async () => {
    const srv = await server();
    srv.route('/feed.xml', conditional(() => rss({ title: 'Local', link: 'https://l.example' }, [entryOf(news[85], 'https://l.example')])));
    const st = store();
    const clock = new ManualClock();
    await follow(st, clock, srv.url('/feed.xml'));
    await watcher(st, clock, { allowPrivate: false }).pollOnce();
    expect((await st.listFeeds())[0].lastError).toBe('refused: 127.0.0.1 is a loopback address (use --allow-private to allow)');
    expect(srv.requests).toHaveLength(0);
  });
});

describe('items', () => {
  it('a feed that repeats old items (even under new guids) adds nothing twice', async () => {
    const srv = await server();
    const site = 'https://repeat.example';
    let entries = news.slice(86, 89).map((i) => entryOf(i, site));
    srv.route('/r.xml', conditional(() => rss({ title: 'Repeat', link: site }, entries)));
    const st = store();
    const clock = new ManualClock();
    await follow(st, clock, srv.url('/r.xml'));
    const w = watcher(st, clock);
    expect((await w.pollOnce()).added).toBe(3);
    // Republished: the same articles with fresh guids, plus one new one.
    entries = [...news.slice(86, 89).map((i) => entryOf(i, site, { guid: `republished-${i.id}` })), entryOf(news[89], site)];
    clock.advance(301);
    const r = await w.pollOnce();
    expect(r).toMatchObject({ added: 1, duplicates: 3 });
    // And the same again: now every key is known, nothing is even re-read.
    entries = [...entries];
    entries.push(entryOf(news[89], site, { guid: 'another' }));
    clock.advance(301);
    expect(await w.pollOnce()).toMatchObject({ added: 0, duplicates: 1 });
    expect((await st.stats()).articles).toBe(4);
  });

  it('summary-only items are replaced by their page; transient page failures are retried on later polls', async () => {
    const srv = await server();
    const items = news.slice(90, 93);
    let pageStatus = 503;
    srv.route(
      '/teasers.xml',
      conditional(() => rss({ title: 'Teaser Times', link: srv.url('/') }, items.map((i) => ({ ...entryOf(i, 'x', { full: false }), guid: i.id, link: srv.url(`/news/${i.id}`) })))),
    );
    items.forEach((it, k) =>
      srv.route(`/news/${it.id}`, (_req, res) => {
        if (k === 2 && pageStatus !== 200) {
          res.statusCode = pageStatus;
          return res.end();
        }
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(htmlPage(it, 'Teaser Times', srv.url(`/news/${it.id}`)));
      }),
    );
    const st = store();
    const clock = new ManualClock();
    await follow(st, clock, srv.url('/teasers.xml'));
    const w = watcher(st, clock);
    const r1 = await w.pollOnce();
    expect(r1).toMatchObject({ added: 2, retry: 1, pages: 3 });
    // The full page text was stored, not the teaser.
    const a = (await st.listArticles({})).find((x) => x.headline === items[0].title)!;
    expect(a.paragraphs.join(' ').length).toBeGreaterThan(items[0].paragraphs.join(' ').length * 0.8);
    expect(a.format).toBe('html');
    expect(a.externalId).toBe(items[0].id);
    // Validators are dropped so the next poll sees the whole feed again.
    expect((await st.listFeeds())[0].etag).toBeNull();

    pageStatus = 200;
    clock.advance(301);
    const r2 = await w.pollOnce();
    expect(r2).toMatchObject({ added: 1, retry: 0, pages: 1 });
    expect((await st.listFeeds())[0].etag).not.toBeNull();
    expect((await st.stats()).articles).toBe(3);
  });

  it('after repeated transient failures an item is stored with its summary; a 404 page falls back at once', async () => {
    const srv = await server();
    const items = news.slice(93, 95);
    srv.route(
      '/t.xml',
      conditional(() => rss({ title: 'T', link: srv.url('/') }, items.map((i) => ({ ...entryOf(i, 'x', { full: false }), guid: i.id, link: srv.url(`/gone/${i.id}`) })))),
    );
    srv.route(`/gone/${items[0].id}`, (_req, res) => {
      res.statusCode = 404;
      res.end();
    });
    srv.route(`/gone/${items[1].id}`, (_req, res) => {
      res.statusCode = 502;
      res.end();
    });
    const st = store();
    const clock = new ManualClock();
    await follow(st, clock, srv.url('/t.xml'));
    const w = watcher(st, clock);
    expect(await w.pollOnce()).toMatchObject({ added: 1, retry: 1 });
    clock.advance(301);
    expect(await w.pollOnce()).toMatchObject({ added: 0, retry: 1 });
    clock.advance(301);
    expect(await w.pollOnce()).toMatchObject({ added: 1, retry: 0 });
    expect(srv.hits(`/gone/${items[1].id}`)).toHaveLength(3);
    expect(srv.hits(`/gone/${items[0].id}`)).toHaveLength(1);
    const stored = await st.listArticles({});
    expect(stored).toHaveLength(2);
    expect(stored.every((s) => s.format === 'rss' && s.paragraphs.join(' ').endsWith('Read more'))).toBe(true);
  });
});
