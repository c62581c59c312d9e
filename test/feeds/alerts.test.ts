/**
 * Alerts: the firing rule on real articles (the two seed reports), delivery to a webhook with
 * retries and to a command, and the Atom feed of the alert log.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import type { Article } from '../../src/types.js';
import { readDocument } from '../../src/ingest/sources.js';
import { finalizeArticle } from '../../src/ingest/finalize.js';
import { AlertDispatcher, AlertEngine, alertsAtom } from '../../src/feeds/alerts.js';
import { Watcher } from '../../src/feeds/watcher.js';
import { HttpClient } from '../../src/feeds/http.js';
import { addFeeds } from '../../src/feeds/registry.js';
import { repoRoot, tempDb, tempDir } from '../helpers.js';
import { ManualClock, TestServer, conditional, esc, rss, until, type FeedEntry } from './helpers.js';

const seedDir = join(repoRoot, 'test/fixtures/seeds');
function seed(name: string, outlet: string, url: string): Article {
  const items = readDocument(readFileSync(join(seedDir, name)), { name });
  if (!items[0].ok) throw new Error(items[0].reason);
  return finalizeArticle({ ...items[0].draft, outlet: { name: outlet, domain: new URL(url).hostname }, url, canonicalUrl: url });
}
const tasnim = () => seed('000_74bfdcc74ec9356c.txt', 'Tasnim', 'https://tasnimnews.example/en/news/1');
const mehr = () => seed('004_632889e61b552585.txt', 'Mehr', 'https://mehrnews.example/news/2');

const opened: Array<{ close(): Promise<void> | void }> = [];
afterEach(async () => {
  for (const o of opened.splice(0).reverse()) await o.close();
});

function store(): Store {
  const s = openStore(tempDb());
  opened.push(s);
  return s;
}

/** Put articles into one story by hand (the firing rule is tested apart from the clusterer). */
async function place(st: Store, storyId: string, arts: Article[], copyOf?: { from: string; to: string }): Promise<void> {
  for (const a of arts) expect((await st.addArticle(a)).status).toBe('added');
  await st.saveClusterCheckpoint({
    assignments: arts.map((a) => ({ articleId: a.id, storyId })),
    merges: [],
    relations: copyOf ? [{ ...copyOf, kind: 'copy', score: 0.97 }] : [],
    stateKey: 'test',
    state: {},
  });
}

describe('alert firing rule', () => {
  it('fires new, then facts for a distinct report, then outlets for a copy elsewhere — and nothing when nothing changed', async () => {
    const st = store();
    const clock = new ManualClock();
    const now = new Date(clock.now()).toISOString();
    const byQuery = await st.addAlert({ query: 'Iraq defense', entity: null, minOutlets: 1, webhook: null, exec: null }, now);
    const byEntity = await st.addAlert({ query: null, entity: 'Hossein Dehqan', minOutlets: 2, webhook: null, exec: null }, now);
    const unrelated = await st.addAlert({ query: 'earthquake', entity: null, minOutlets: 1, webhook: null, exec: null }, now);
    const engine = new AlertEngine(st, clock);

    const a1 = tasnim();
    await place(st, 'S', [a1]);
    let fired = await engine.evaluate([a1.id]);
    expect(fired.map((e) => [e.alertId, e.kind])).toEqual([[byQuery.id, 'new']]);
    expect(fired[0].payload.story).toMatchObject({ id: 'S', size: 1, facts: 1, outlets: ['Tasnim'] });
    expect(fired[0].payload.articles.map((a) => a.headline)).toEqual(['Iran, Iraq sign MoU to boost defense ties']);
    expect(fired[0].delivery).toBe('none');

    // A separately written report from the same outlet: more facts, same outlets.
    const a2 = { ...mehr(), outlet: { name: 'Tasnim', domain: 'tasnimnews.example' } };
    await place(st, 'S', [a2]);
    fired = await engine.evaluate([a2.id]);
    expect(fired.map((e) => [e.alertId, e.kind])).toEqual([[byQuery.id, 'facts']]);
    expect(fired[0].payload.previous).toEqual({ outlets: 1, facts: 1 });

    // A syndicated copy of the first report in another outlet: one more outlet, no new facts.
    const copy = finalizeArticle({ ...a1, url: 'https://mirror.example/a', canonicalUrl: 'https://mirror.example/a', outlet: { name: 'Mirror', domain: 'mirror.example' }, paragraphs: [...a1.paragraphs, 'Reporting by the Mirror desk.'] });
    await place(st, 'S', [copy], { from: copy.id, to: a1.id });
    fired = await engine.evaluate([copy.id]);
    expect(fired.map((e) => [e.alertId, e.kind]).sort()).toEqual([
      [byQuery.id, 'outlets'],
      [byEntity.id, 'new'],
    ]);
    const outletEvent = fired.find((e) => e.alertId === byQuery.id)!;
    expect(outletEvent.payload.story).toMatchObject({ size: 3, facts: 2, outlets: ['Mirror', 'Tasnim'] });

    // Evaluating the same articles again fires nothing.
    expect(await engine.evaluate([copy.id, a1.id])).toEqual([]);
    expect(await st.listAlertEvents({ alertId: unrelated.id })).toEqual([]);
    expect(await st.listAlertEvents({})).toHaveLength(4);
  });
});

describe('alert delivery', () => {
  it('retries a failing webhook with back-off until it succeeds; runs commands with the alert on stdin', async () => {
    const srv = await TestServer.start();
    opened.push(srv);
    let hookStatus = 500;
    srv.route('/hook', (_req, res) => {
      res.statusCode = hookStatus;
      res.end();
    });
    const st = store();
    const clock = new ManualClock();
    const now = new Date(clock.now()).toISOString();
    const out = join(tempDir(), 'alert.json');
    const hook = await st.addAlert({ query: 'Dehqan', entity: null, minOutlets: 1, webhook: srv.url('/hook'), exec: null }, now);
    const cmd = await st.addAlert({ query: 'Hiyali', entity: null, minOutlets: 1, webhook: null, exec: `cat > '${out}'` }, now);
    const a1 = tasnim();
    await place(st, 'S1', [a1]);
    const fired = await new AlertEngine(st, clock).evaluate([a1.id]);
    expect(fired.map((e) => e.alertId).sort()).toEqual([hook.id, cmd.id]);

    const deliveries: Array<{ ok: boolean; attempts: number }> = [];
    const client = new HttpClient({ allowPrivate: true });
    opened.push(client);
    const d = new AlertDispatcher(st, clock, { client, random: () => 0, onDelivery: (x) => deliveries.push(x) });
    opened.push(d);
    expect(await d.deliverDue()).toBe(2);
    let [hookEvent] = await st.listAlertEvents({ alertId: hook.id });
    expect(hookEvent).toMatchObject({ delivery: 'pending', attempts: 1, lastError: `webhook ${srv.url('/hook')} answered HTTP 500` });
    expect(Date.parse(hookEvent.nextAttempt!) - clock.now()).toBe(30_000);
    const cmdEvent = (await st.listAlertEvents({ alertId: cmd.id }))[0];
    expect(cmdEvent.delivery).toBe('delivered');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ event: cmdEvent.id, kind: 'new', story: { id: 'S1' }, alert: { query: 'Hiyali' } });

    // Not due yet: nothing is sent. Then the hook recovers.
    expect(await d.deliverDue()).toBe(0);
    hookStatus = 204;
    clock.advance(30);
    expect(await d.deliverDue()).toBe(1);
    [hookEvent] = await st.listAlertEvents({ alertId: hook.id });
    expect(hookEvent).toMatchObject({ delivery: 'delivered', attempts: 2 });
    const posts = srv.hits('/hook');
    expect(posts).toHaveLength(2);
    expect(posts[1].method).toBe('POST');
    expect(posts[1].headers['content-type']).toBe('application/json');
    expect(posts[1].headers['x-parallax-event']).toBe(String(hookEvent.id));
    expect(JSON.parse(posts[1].body)).toMatchObject({ event: hookEvent.id, kind: 'new', story: { id: 'S1', outlets: ['Tasnim'] } });
    expect(deliveries.map((x) => x.ok).sort()).toEqual([false, true, true]);
  });

  it('shutdown abandons a hanging webhook without counting an attempt; it stays pending for the next run', async () => {
    const srv = await TestServer.start();
    opened.push(srv);
    srv.route('/slow-hook', () => undefined); // never answers
    const st = store();
    const clock = new ManualClock();
    await st.addAlert({ query: 'Dehqan', entity: null, minOutlets: 1, webhook: srv.url('/slow-hook'), exec: null }, new Date(clock.now()).toISOString());
    const a1 = tasnim();
    await place(st, 'S1', [a1]);
    await new AlertEngine(st, clock).evaluate([a1.id]);
    const client = new HttpClient({ allowPrivate: true, timeoutMs: 60_000 });
    opened.push(client);
    const d = new AlertDispatcher(st, clock, { client });
    d.kick();
    await until(() => srv.open === 1, 'the webhook request');
    d.stop();
    await d.idle();
    expect((await st.listAlertEvents({}))[0]).toMatchObject({ delivery: 'pending', attempts: 0, lastError: null });
    expect(await st.dueAlertDeliveries(new Date(clock.now()).toISOString())).toHaveLength(1);
  });

  it('a failing command is retried and finally given up', async () => {
    const st = store();
    const clock = new ManualClock();
    await st.addAlert({ query: 'Dehqan', entity: null, minOutlets: 1, webhook: null, exec: 'echo broken pipe >&2; exit 3' }, new Date(clock.now()).toISOString());
    const a1 = tasnim();
    await place(st, 'S1', [a1]);
    await new AlertEngine(st, clock).evaluate([a1.id]);
    const d = new AlertDispatcher(st, clock, { random: () => 0 });
    opened.push(d);
    for (let i = 0; i < 12; i++) {
      await d.deliverDue();
      clock.advance(3600);
    }
    const [e] = await st.listAlertEvents({});
    expect(e).toMatchObject({ delivery: 'failed', attempts: 10, nextAttempt: null });
    expect(e.lastError).toBe('command "echo broken pipe >&2; exit 3" exited with code 3: broken pipe');
  });
});

describe('alerts from the watcher, and the Atom feed', () => {
  it('a watched feed fires an alert, the story gains an outlet from a second feed, and both appear in the Atom feed', async () => {
    const srv = await TestServer.start();
    opened.push(srv);
    const hooks: unknown[] = [];
    srv.route('/hook', (_req, res) => {
      hooks.push(null);
      res.end();
    });
    const a1 = tasnim();
    const entry = (a: Article, link: string): FeedEntry => ({ guid: link, title: a.headline!, link, paragraphs: a.paragraphs, pubDate: '2017-07-23T10:00:00Z' });
    srv.route('/tasnim.xml', conditional(() => rss({ title: 'Tasnim', link: 'https://tasnimnews.example' }, [entry(a1, 'https://tasnimnews.example/en/news/1')])));
    // A syndicated copy, credited at the end, in another outlet's feed.
    const copy = { ...a1, paragraphs: [...a1.paragraphs, 'This report was first published by Tasnim News Agency.'] };
    let mirrorEntries: FeedEntry[] = [];
    srv.route('/mirror.xml', conditional(() => rss({ title: 'Mirror Daily', link: 'https://mirror.example' }, mirrorEntries)));
    const st = store();
    const clock = new ManualClock();
    await addFeeds(st, [{ url: srv.url('/tasnim.xml') }, { url: srv.url('/mirror.xml') }], new Date(clock.now()).toISOString());
    const alert = await st.addAlert({ query: 'Dehqan', entity: null, minOutlets: 1, webhook: srv.url('/hook'), exec: null }, new Date(clock.now()).toISOString());
    const w = new Watcher(st, clock, { allowPrivate: true, random: () => 0, clusterDelayMs: 0 });
    opened.push(w);
    await w.pollOnce();
    await w.dispatcher!.idle();
    let log = await st.listAlertEvents({ alertId: alert.id });
    expect(log.map((e) => e.kind)).toEqual(['new']);
    expect(log[0].delivery).toBe('delivered');
    expect(hooks).toHaveLength(1);

    mirrorEntries = [entry(copy, 'https://mirror.example/world/iran-iraq')];
    clock.advance(301);
    await w.pollOnce();
    await w.dispatcher!.idle();
    log = await st.listAlertEvents({ alertId: alert.id });
    // The copy joined its original's story.
    const stored = await st.listArticles({});
    expect(stored).toHaveLength(2);
    for (const a of stored) expect(await st.storyOfArticle(a.id)).toBe(log[0].storyId);
    expect(log.map((e) => e.kind)).toEqual(['outlets', 'new']);
    expect(log[0].payload.story.outlets).toEqual(['Mirror Daily', 'Tasnim']);
    expect(hooks).toHaveLength(2);

    const xml = await alertsAtom(st, { baseUrl: 'http://127.0.0.1:8080/' });
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = new XMLParser({ ignoreAttributes: false, isArray: (t) => t === 'entry' }).parse(xml).feed;
    expect(feed.entry).toHaveLength(2);
    expect(feed.entry[0].title).toBe(`Story for "Dehqan" now covered by 2 outlets (was 1): ${esc('Iran, Iraq sign MoU to boost defense ties')}`);
    expect(feed.entry[0].link['@_href']).toBe(`/stories/${log[0].storyId}`);
    expect(feed['@_xml:base']).toBe('http://127.0.0.1:8080/');
    expect(existsSync(seedDir)).toBe(true);
  });
});
