/**
 * `parallax watch` as a real process: SIGTERM while a request hangs finishes the writes in
 * progress and exits cleanly; a restart stores the rest exactly once. Needs the compiled CLI
 * (`npm run build`, which `npm test` runs first); skipped without it.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { cli, repoRoot, tempDb } from '../helpers.js';
import { TestServer, conditional, entryOf, htmlPage, rss, until, wikinewsItems } from './helpers.js';

const bin = join(repoRoot, 'bin/parallax.js');
const built = existsSync(join(repoRoot, 'dist/src/cli/commands/feeds.js'));
const news = wikinewsItems();
const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

describe.skipIf(!built)('parallax watch and signals', () => {
  it('SIGTERM during a hanging page fetch exits cleanly; the next run stores the rest once', async () => {
    const srv = await TestServer.start();
    servers.push(srv);
    const site = 'https://sig.example';
    let hang = true;
    const teasers = news.slice(40, 43);
    srv.route('/full.xml', conditional(() => rss({ title: 'Full', link: site }, news.slice(44, 48).map((i) => entryOf(i, site)))));
    srv.route('/teasers.xml', conditional(() => rss({ title: 'Teasers', link: site }, teasers.map((i) => ({ ...entryOf(i, site, { full: false }), link: srv.url(`/p/${i.id}`) })))));
    for (const it of teasers)
      srv.route(`/p/${it.id}`, (_req, res) => {
        if (hang && it === teasers[0]) return; // never answers while hanging
        res.setHeader('content-type', 'text/html');
        res.end(htmlPage(it, 'Teasers', srv.url(`/p/${it.id}`)));
      });
    const db = tempDb();
    await cli('--db', db, 'feeds', 'add', srv.url('/full.xml'), srv.url('/teasers.xml'));

    const child = spawn(process.execPath, [bin, '--db', db, 'watch', '--allow-private', '--timeout', '120'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    // Wait until the full feed is stored and the hanging page request is open.
    await until(() => out.includes('"type":"clustered"') && srv.open === 1, 'the first clustering pass with a request hanging');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(err).toContain('stopping: finishing writes in progress');
    const polls = out.trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.type === 'poll');
    // The teaser feed's poll completed its writes without the aborted page, which stays unrecorded.
    expect(polls.map((p) => [p.url, p.added]).sort()).toEqual([
      [srv.url('/full.xml'), 4],
      [srv.url('/teasers.xml'), 2],
    ]);

    let st = openStore(db);
    const s1 = await st.stats();
    expect(s1.unclustered).toBe(0);
    expect(s1.articles).toBe(6); // 4 full items + the 2 teaser pages that answered
    await st.close();

    hang = false;
    const again = await cli('--db', db, 'watch', '--once', '--allow-private');
    expect(again.code).toBe(0);
    st = openStore(db);
    const arts = await st.listArticles({});
    expect(arts).toHaveLength(7);
    expect(new Set(arts.map((a) => a.canonicalUrl)).size).toBe(7);
    expect((await st.stats()).unclustered).toBe(0);
    await st.close();
  });
});
