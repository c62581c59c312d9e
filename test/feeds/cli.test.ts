/** `parallax feeds`, `watch` and `alerts` from the command line, against a loopback server. */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseOpml } from '../../src/feeds/opml.js';
import { cli, repoRoot, tempDb } from '../helpers.js';
import { TestServer, conditional, entryOf, rss, wikinewsItems } from './helpers.js';

const news = wikinewsItems();
const opml = join(repoRoot, 'test/fixtures/feeds/subscriptions.opml');
const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

describe('parallax feeds', () => {
  it('adds, imports, lists, exports and removes feeds with one line per problem', async () => {
    const db = tempDb();
    const add = await cli('--db', db, 'feeds', 'add', 'https://Feeds.Example.com/world.rss#latest', 'not a url', 'ftp://example.com/rss');
    expect(add.code).toBe(1);
    expect(add.stdout.trim()).toBe('added 1 https://feeds.example.com/world.rss');
    expect(add.stderr.trim().split('\n')).toEqual(['failed: not a url: not a valid URL: not a url', 'failed: ftp://example.com/rss: not an http(s) URL: ftp://example.com/rss']);
    expect((await cli('--db', db, 'feeds', 'add', 'https://feeds.example.com/world.rss')).stdout.trim()).toBe('already followed 1 https://feeds.example.com/world.rss');

    const imp = await cli('--db', db, 'feeds', 'import', opml);
    expect(imp.code).toBe(1);
    expect(imp.stdout.trim().split('\n')).toHaveLength(4);
    expect(imp.stderr).toContain('failed: ' + opml + ': outline "Broken entry": xmlUrl "feed://example.com/rss.xml" is not an http(s) URL');

    const list = JSON.parse((await cli('--db', db, 'feeds', 'list', '--json')).stdout) as Array<{ id: number; url: string; title: string | null; polls: number }>;
    expect(list.map((f) => f.title)).toEqual([null, 'Wikinews Latest News', 'Tehran Times', 'Mehr News Agency', 'Tasnim News Agency']);
    const human = await cli('--db', db, 'feeds', 'list');
    expect(human.stdout.split('\n')[0]).toMatch(/^ID\s+STATUS\s+LAST POLL\s+NEXT POLL\s+ARTICLES\s+FEED$/);
    expect(human.stdout).toContain('Tehran Times <https://www.tehrantimes.com/rss>');

    const exported = parseOpml((await cli('--db', db, 'feeds', 'export')).stdout);
    expect(exported.feeds.map((f) => f.url)).toEqual(list.map((f) => f.url));

    const rm = await cli('--db', db, 'feeds', 'remove', '1', 'https://www.tehrantimes.com/rss', '99');
    expect(rm.code).toBe(1);
    expect(rm.stdout.trim().split('\n')).toEqual(['removed 1 https://feeds.example.com/world.rss', 'removed 3 https://www.tehrantimes.com/rss']);
    expect(rm.stderr.trim()).toBe('failed: 99: no such feed');
    expect(JSON.parse((await cli('--db', db, 'feeds', 'list', '--json')).stdout)).toHaveLength(3);
  });
});

describe('parallax watch --once', () => {
  it('polls, prints JSON lines when piped, and gets 304s the second time', async () => {
    const srv = await TestServer.start();
    servers.push(srv);
    const site = 'https://cli.example';
    srv.route('/a.xml', conditional(() => rss({ title: 'CLI Wire', link: site }, news.slice(0, 4).map((i) => entryOf(i, site)))));
    srv.route('/b.xml', conditional(() => rss({ title: 'CLI Post', link: site }, news.slice(10, 13).map((i) => entryOf(i, site)))));
    const db = tempDb();
    expect((await cli('--db', db, 'watch', '--once')).stderr).toContain('no feeds to watch');
    await cli('--db', db, 'feeds', 'add', srv.url('/a.xml'), srv.url('/b.xml'));

    const refused = await cli('--db', db, 'watch', '--once');
    expect(refused.code).toBe(1);
    const refusedLines = refused.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(refusedLines.filter((l) => l.type === 'poll').map((l) => l.error)).toEqual([
      'refused: 127.0.0.1 is a loopback address (use --allow-private to allow)',
      'refused: 127.0.0.1 is a loopback address (use --allow-private to allow)',
    ]);

    // The refusal put both feeds on hold (back-off); a fresh database shows the normal path.
    const db2 = tempDb();
    await cli('--db', db2, 'feeds', 'add', srv.url('/a.xml'), srv.url('/b.xml'));
    const first = await cli('--db', db2, 'watch', '--once', '--allow-private');
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.every((l) => typeof l.t === 'string' && typeof l.type === 'string')).toBe(true);
    expect(lines.filter((l) => l.type === 'poll').map((l) => [l.status, l.added]).sort()).toEqual([
      [200, 3],
      [200, 4],
    ]);
    expect(lines.at(-1)).toMatchObject({ type: 'round', feeds: 2, new: 2, added: 7, feedRequests: 2 });
    const stats = JSON.parse((await cli('--db', db2, 'stats', '--json')).stdout);
    expect(stats).toMatchObject({ articles: 7, unclustered: 0 });

    const second = await cli('--db', db2, 'watch', '--once', '--allow-private');
    expect(JSON.parse(second.stdout.trim().split('\n').at(-1)!)).toMatchObject({ type: 'round', feeds: 2, unchanged: 2, added: 0, feedRequests: 2 });
    expect(srv.hits('/a.xml').at(-1)!.headers['if-none-match']).toMatch(/^"/);
  });

  it('prints short human lines on a terminal', async () => {
    const srv = await TestServer.start();
    servers.push(srv);
    srv.route('/h.xml', conditional(() => rss({ title: 'Human Herald', link: 'https://h.example' }, news.slice(20, 22).map((i) => entryOf(i, 'https://h.example')))));
    const db = tempDb();
    await cli('--db', db, 'feeds', 'add', srv.url('/h.xml'));
    let out = '';
    const stdout = Object.assign(
      new Writable({
        write(c, _e, cb) {
          out += String(c);
          cb();
        },
      }),
      { isTTY: true },
    );
    const stderr = new Writable({ write: (_c, _e, cb) => cb() });
    const code = await main(['--db', db, 'watch', '--once', '--allow-private'], { stdout, stderr });
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d \+2 Human Herald$/);
    expect(lines.at(-1)).toBe('polled 1 feeds: 1 changed, 0 unchanged, 0 failed; articles added 2, already held 0, failed 0');
  });
});

describe('parallax alerts', () => {
  it('adds, lists, logs, publishes and removes alerts; rejects bad combinations', async () => {
    const db = tempDb();
    expect((await cli('--db', db, 'alerts', 'add', '--query', 'x', '--entity', 'y')).code).toBe(2);
    expect((await cli('--db', db, 'alerts', 'add')).stderr).toContain('give exactly one of --query or --entity');
    expect((await cli('--db', db, 'alerts', 'add', '--query', 'x', '--webhook', 'http://h/', '--exec', 'true')).code).toBe(2);
    expect((await cli('--db', db, 'alerts', 'add', '--query', 'x', '--webhook', 'mailto:me@example.com')).stderr).toContain('--webhook must be an http(s) URL');
    expect((await cli('--db', db, 'alerts', 'add', '--query', '!!!')).stderr).toContain('--query needs at least one word');

    expect((await cli('--db', db, 'alerts', 'add', '--query', 'tsunami aid', '--webhook', 'https://hooks.example/p')).stdout.trim()).toBe('added alert 1');
    const a2 = JSON.parse((await cli('--db', db, 'alerts', 'add', '--entity', 'George W. Bush', '--min-outlets', '2', '--json')).stdout);
    expect(a2).toMatchObject({ id: 2, entity: 'George W. Bush', minOutlets: 2, webhook: null, exec: null });
    const list = await cli('--db', db, 'alerts', 'list');
    expect(list.stdout).toContain('query: tsunami aid');
    expect(list.stdout).toContain('log and Atom feed only');
    expect((await cli('--db', db, 'alerts', 'log')).stdout.trim()).toBe('No alerts fired yet.');
    const atom = (await cli('--db', db, 'alerts', 'atom')).stdout;
    expect(atom).toContain('<id>urn:parallax:alerts</id>');
    const rm = await cli('--db', db, 'alerts', 'remove', '1', '7');
    expect(rm.code).toBe(1);
    expect(rm.stdout.trim()).toBe('removed alert 1');
    expect(JSON.parse((await cli('--db', db, 'alerts', 'list', '--json')).stdout)).toHaveLength(1);
  });
});
