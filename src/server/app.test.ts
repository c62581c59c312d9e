import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonDocument } from '../ingest/interchange.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import { createServer } from './app.js';
import { ASSETS } from './assets.js';
import { loadSamples } from './sample-store.js';

const TOKEN = 'test-token-5b1f';
const XSS = join(import.meta.dirname, '../../test/fixtures/server/xss.jsonl');

let dir: string;
let store: Store;
let app: FastifyInstance;
/** Id of the story holding the two seed reports (found through full-text search). */
let seedStory: string;
let seedArticles: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parallax-server-'));
  store = openStore(join(dir, 'test.db'));
  const xss = readJsonDocument(readFileSync(XSS, 'utf8'), XSS);
  await loadSamples(store, xss);
  app = createServer({ store, token: TOKEN });
  const seeds = await store.listArticles({ q: 'Hiyali' });
  seedArticles = seeds.map((a) => a.id).sort();
  seedStory = (await store.storyOfArticle(seedArticles[0]))!;
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function getJson(url: string, headers: Record<string, string> = {}) {
  const res = await app.inject({ method: 'GET', url, headers });
  return { res, body: res.body ? (JSON.parse(res.body) as Record<string, unknown>) : null };
}

describe('GET /api/stories', () => {
  it('lists the sample stories newest first with the listing fields and paging', async () => {
    const { res, body } = await getJson('/api/stories?limit=5');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const items = body!.items as Array<Record<string, unknown>>;
    expect(items.length).toBe(5);
    expect(body!.total).toBe(await store.countStories());
    for (const s of items) {
      expect(typeof s.headline).toBe('string');
      expect(s.outlet_count).toBe((s.outlets as string[]).length);
      expect(s.url).toBe(`/stories/${s.id}`);
    }
    const lasts = items.map((s) => s.last_seen as string);
    expect([...lasts].sort().reverse()).toEqual(lasts);
    expect(body!.next).toBe('/api/stories?limit=5&offset=5');
    const page2 = await getJson(body!.next as string);
    expect((page2.body!.items as Array<{ id: string }>)[0].id).not.toBe(items[0].id);
  });

  it('sends an ETag and answers If-None-Match with 304 until the store changes', async () => {
    const first = await app.inject('/api/stories');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
    const again = await app.inject({ url: '/api/stories', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // A write changes the listing, so the old ETag no longer matches.
    const posted = await app.inject({
      method: 'POST',
      url: '/api/articles',
      headers: { authorization: `Bearer ${TOKEN}` },
      payload: { id: 'etag-1', title: 'Volcanic eruption on a remote island', text: 'A volcano erupted on a remote Pacific island on Monday, sending ash twelve kilometres into the sky, officials said.', published: '2030-01-01T00:00:00Z', source: 'Test Wire' },
    });
    expect(posted.statusCode).toBe(201);
    const after = await app.inject({ url: '/api/stories', headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect((JSON.parse(after.body).items[0] as { headline: string }).headline).toBe('Volcanic eruption on a remote island');
  });

  it('filters by full-text query, outlet and time range', async () => {
    const q = await getJson('/api/stories?q=Hiyali');
    const ids = (q.body!.items as Array<{ id: string }>).map((s) => s.id);
    expect(ids).toEqual([seedStory]);
    const outlet = await getJson('/api/stories?outlet=wikinews&limit=100');
    for (const s of outlet.body!.items as Array<{ outlets: string[] }>) expect(s.outlets.some((o) => /wikinews/i.test(o))).toBe(true);
    // The Wikinews samples span 2005-2010; the seeds carry no date (placed at ingest time).
    const range = await getJson('/api/stories?since=2005-01-01&until=2005-03-01&limit=100');
    const inRange = range.body!.items as Array<{ id: string; last_seen: string; first_seen: string }>;
    expect(inRange.length).toBeGreaterThan(0);
    expect(inRange.map((s) => s.id)).not.toContain(seedStory);
    for (const s of inRange) {
      expect(s.last_seen >= '2005-01-01').toBe(true);
      expect(s.first_seen < '2005-03-01').toBe(true);
    }
    const all = (await getJson('/api/stories?limit=100')).body!.items as Array<{ id: string; last_seen: string; first_seen: string }>;
    const expected = all.filter((s) => s.last_seen >= '2005-01-01T00:00:00.000Z' && s.first_seen < '2005-03-01T00:00:00.000Z').map((s) => s.id);
    expect(inRange.map((s) => s.id).sort()).toEqual(expected.sort());
  });

  it('rejects bad parameters with 400 and one detail per problem', async () => {
    const { res, body } = await getJson('/api/stories?limit=500&offset=-1&since=yesterday&limt=3');
    expect(res.statusCode).toBe(400);
    const err = body!.error as { status: number; code: string; message: string; details: Array<{ param: string; message: string }> };
    expect(err.status).toBe(400);
    expect(err.code).toBe('invalid_parameter');
    expect(err.details.map((d) => d.param).sort()).toEqual(['limit', 'limt', 'offset', 'since']);
    expect(err.details.find((d) => d.param === 'limit')!.message).toBe('must be at most 100, got 500');
    expect((await getJson('/api/stories?limit=2&limit=3')).body!.error).toMatchObject({ details: [{ param: 'limit', message: 'given more than once' }] });
    expect((await getJson('/api/stories?since=2018-01-01&until=2017-01-01')).res.statusCode).toBe(400);
    expect((await getJson(`/api/stories?q=${'x'.repeat(501)}`)).res.statusCode).toBe(400);
  });

  it('filters by entity: the stories whose entity sections hold that entity', async () => {
    const story = (await getJson(`/api/stories/${seedStory}`)).body!;
    const dehqan = (story.entities as Array<{ id: string; name: string }>).find((e) => /Dehqan/.test(e.name))!;
    const { res, body } = await getJson(`/api/stories?entity=${encodeURIComponent(dehqan.id)}`);
    expect(res.statusCode).toBe(200);
    expect((body!.items as Array<{ id: string }>).map((s) => s.id)).toEqual([seedStory]);
    // an id that names no entity (here a name given for an id) is not found, not an empty list
    const nobody = await getJson('/api/stories?entity=Iran');
    expect(nobody.res.statusCode).toBe(404);
    expect((nobody.body!.error as { code: string }).code).toBe('not_found');
    expect((await getJson('/api/stories?entity=a%7Cb')).res.statusCode).toBe(400);
  });
});

describe('GET /api/stories/:id', () => {
  it('gives the seeds story with both reports, grouped by outlet, with timeline and provenance', async () => {
    const { res, body } = await getJson(`/api/stories/${seedStory}`);
    expect(res.statusCode).toBe(200);
    const members = body!.members as Array<{ id: string; outletLabel: string; lead: string }>;
    expect(members.map((m) => m.id).sort()).toEqual(seedArticles);
    expect(members.length).toBe(2);
    const byOutlet = body!.by_outlet as Array<{ outlet: string; articles: string[] }>;
    expect(byOutlet.flatMap((g) => g.articles).sort()).toEqual(seedArticles);
    const timeline = body!.timeline as Array<{ outlet: string; articles: unknown[] }>;
    expect(timeline.flatMap((r) => r.articles).length).toBe(2);
    const prov = body!.provenance as { nodes: Array<{ kind: string; articleId?: string }>; edges: unknown[] };
    expect(prov.nodes.filter((n) => n.kind === 'article').map((n) => n.articleId).sort()).toEqual(seedArticles);
  });

  it('carries the entities of the story with their name variants', async () => {
    const { body } = await getJson(`/api/stories/${seedStory}`);
    const entities = body!.entities as Array<{ id: string; name: string; type: string; variants: Array<{ name: string }>; roles: string[] }>;
    const hiyali = entities.find((e) => e.variants.some((v) => v.name === 'Hayali'))!;
    expect(hiyali.type).toBe('person');
    expect(hiyali.variants.map((v) => v.name)).toEqual(expect.arrayContaining(['al-Hiyali', 'Erfan Mahmoud al-Hayali', 'Hayali']));
    const dehqan = entities.find((e) => e.name === 'Hossein Dehqan')!;
    expect(dehqan.roles).toContain('Defense Minister');
  });

  it('carries the comparison: shared facts, what only one outlet reports, and its provenance', async () => {
    const { body } = await getJson(`/api/stories/${seedStory}`);
    const sections = (body!.comparison as { sections: Array<{ kind: string; title: string; items: Array<{ text: string; outlets: string[] }> }> }).sections;
    const consensus = sections.find((s) => s.kind === 'consensus')!;
    expect(consensus.items.some((i) => /signed/.test(i.text))).toBe(true);
    // Ali Shamkhani appears in 004 (Mehr News Agency text) only.
    const exclusive = sections.filter((s) => s.kind === 'exclusive');
    const shamkhani = exclusive.find((s) => s.items.some((i) => /Shamkhani/.test(i.text)))!;
    expect(shamkhani.title).toBe('Only in Mehr News Agency');
    // The report without an outlet is named as such, never by its raw id.
    expect(sections.map((s) => s.title)).toContain('Only in unknown outlet');
    expect(JSON.stringify(sections)).not.toMatch(/"Only in [0-9a-f]{16}"/);
    const prov = body!.provenance as { summary: string[]; edges: Array<{ kind: string; to: string }> };
    expect(prov.summary.some((s) => /credits Tasnim/i.test(s))).toBe(true);
    const page = parseHTML((await app.inject(`/stories/${seedStory}`)).body).document;
    expect(page.querySelectorAll('#comparison .compare-section').length).toBe(sections.length);
    expect(page.querySelector('#provenance svg')).toBeTruthy();
    // the seeds state no date: their citations say so rather than show the time they were stored
    const cites = Array.from(page.querySelectorAll('.citation')).map((c) => c.textContent ?? '');
    expect(cites.length).toBeGreaterThan(0);
    for (const c of cites) {
      expect(c).toMatch(/no publication date/);
      expect(c).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
  });

  it('leaves out the sections of modules that are not wired in', async () => {
    const bare = createServer({ store, sections: {} });
    const res = await bare.inject(`/api/stories/${seedStory}`);
    const body = JSON.parse(res.body);
    expect(body).not.toHaveProperty('brief');
    expect(body).not.toHaveProperty('entities');
    expect(body).not.toHaveProperty('comparison');
    expect(body.members).toHaveLength(2);
    const page = parseHTML((await bare.inject(`/stories/${seedStory}`)).body).document;
    expect(page.querySelector('#brief')).toBeNull();
    expect(page.querySelector('#entities')).toBeNull();
    expect(page.querySelector('#outlets')).toBeTruthy();
    const filter = await bare.inject('/api/stories?entity=g%3Acountry%3AIRQ');
    expect(filter.statusCode).toBe(501);
    expect(JSON.parse(filter.body).error.code).toBe('not_available');
    expect((await bare.inject('/api/entities/g%3Acountry%3AIRQ')).statusCode).toBe(501);
    await bare.close();
  });

  it('404s an unknown story and 400s a malformed id, in the error shape', async () => {
    const missing = await getJson('/api/stories/nosuchstory');
    expect(missing.res.statusCode).toBe(404);
    expect(missing.body).toEqual({ error: { status: 404, code: 'not_found', message: 'no story with id "nosuchstory"' } });
    const bad = await getJson('/api/stories/%3Cscript%3E');
    expect(bad.res.statusCode).toBe(400);
    expect((bad.body!.error as { code: string }).code).toBe('invalid_parameter');
  });
});

describe('GET /api/articles/:id and /api/search', () => {
  it('returns an article with its text and story', async () => {
    const { res, body } = await getJson(`/api/articles/${seedArticles[0]}`);
    expect(res.statusCode).toBe(200);
    expect(body!.id).toBe(seedArticles[0]);
    expect(body!.story).toBe(seedStory);
    expect(body!.text as string).toMatch(/Iraq/);
    expect(res.headers.etag).toBeTruthy();
  });

  it('searches articles and stories with snippets around the match', async () => {
    const { res, body } = await getJson('/api/search?q=Shamkhani');
    expect(res.statusCode).toBe(200);
    const arts = body!.articles as { total: number; items: Array<{ snippet: string; story: string }> };
    expect(arts.total).toBe(1);
    expect(arts.items[0].snippet).toMatch(/Shamkhani/);
    expect(arts.items[0].story).toBe(seedStory);
    expect((body!.stories as { items: Array<{ id: string }> }).items.map((s) => s.id)).toEqual([seedStory]);
    expect((await getJson('/api/search')).res.statusCode).toBe(400);
  });
});

describe('GET /api/entities/:id', () => {
  it('gives an entity with its variants, roles and stories; the same key links stories', async () => {
    const story = (await getJson(`/api/stories/${seedStory}`)).body!;
    const hiyali = (story.entities as Array<{ id: string; variants: Array<{ name: string }> }>).find((e) => e.variants.some((v) => v.name === 'Hayali'))!;
    const { res, body } = await getJson(`/api/entities/${encodeURIComponent(hiyali.id)}`);
    expect(res.statusCode).toBe(200);
    expect(body!.stories).toEqual([seedStory]);
    expect((body!.variants as Array<{ name: string }>).map((v) => v.name)).toContain('Erfan Mahmoud al-Hayali');
    expect(res.headers.etag).toBeTruthy();
    // Iraq is one entity across every story that names it.
    const iraqId = (story.entities as Array<{ id: string; name: string }>).find((e) => e.name === 'Iraq')!.id;
    const iraq = await getJson(`/api/entities/${iraqId}`);
    expect(iraq.body!.name).toBe('Iraq');
    expect((iraq.body!.stories as string[]).length).toBeGreaterThan(1);
    expect(iraq.body!.stories).toContain(seedStory);
    const page = parseHTML((await app.inject(`/entities/${iraqId}`)).body).document;
    expect(page.querySelector('h1')!.textContent).toBe('Iraq');
    expect(page.querySelector(`a[href="/stories/${seedStory}"]`)).toBeTruthy();
  });

  it('404s an unknown entity', async () => {
    const { res, body } = await getJson('/api/entities/0000000000000000');
    expect(res.statusCode).toBe(404);
    expect((body!.error as { code: string }).code).toBe('not_found');
  });
});

describe('POST /api/articles', () => {
  const article = {
    id: 'post-1',
    title: 'Flooding closes mountain pass',
    text: 'Heavy rain flooded the only road over the mountain pass on Tuesday, and police closed it to traffic until the water recedes.',
    published: '2031-03-04T08:00:00Z',
    source: 'Valley Herald',
  };

  it('refuses writes without the token (401) and when the server has no token', async () => {
    const none = await app.inject({ method: 'POST', url: '/api/articles', payload: article });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(JSON.parse(none.body).error.code).toBe('unauthorized');
    const wrong = await app.inject({ method: 'POST', url: '/api/articles', payload: article, headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
    const readOnly = createServer({ store });
    const refused = await readOnly.inject({ method: 'POST', url: '/api/articles', payload: article, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(refused.statusCode).toBe(401);
    expect(JSON.parse(refused.body).error.code).toBe('writes_disabled');
    await readOnly.close();
    expect(await store.listArticles({ q: 'mountain pass flooded' })).toEqual([]);
  });

  it('ingests JSON articles with the token, reports duplicates and bad items', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const first = await app.inject({ method: 'POST', url: '/api/articles', payload: article, headers: auth });
    expect(first.statusCode).toBe(201);
    const r = JSON.parse(first.body);
    expect(r.added).toHaveLength(1);
    expect(r.added[0].story).toBeTruthy();
    // its date lies years ahead: stored undated, and said so
    expect(r.warnings).toEqual([{ input: 'body[0]', reason: expect.stringMatching(/^published date "2031-03-04T08:00:00Z" is in the future/) }]);
    const again = await app.inject({ method: 'POST', url: '/api/articles', payload: [article, { title: 'no text' }], headers: auth });
    expect(again.statusCode).toBe(200);
    const r2 = JSON.parse(again.body);
    expect(r2.duplicates).toHaveLength(1);
    expect(r2.failed).toEqual([{ input: 'body[1]', reason: expect.stringMatching(/no article text/) }]);
    const allBad = await app.inject({ method: 'POST', url: '/api/articles', payload: { articles: [{ title: 'x' }, 3] }, headers: auth });
    expect(allBad.statusCode).toBe(422);
    expect(JSON.parse(allBad.body).error.details).toHaveLength(2);
  });

  it('rejects wrong content types, malformed JSON and oversized bodies', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const text = await app.inject({ method: 'POST', url: '/api/articles', payload: 'hello', headers: { ...auth, 'content-type': 'text/plain' } });
    expect(text.statusCode).toBe(415);
    expect(JSON.parse(text.body).error.code).toBe('unsupported_media_type');
    const broken = await app.inject({ method: 'POST', url: '/api/articles', payload: '{"title": ', headers: { ...auth, 'content-type': 'application/json' } });
    expect(broken.statusCode).toBe(400);
    expect(JSON.parse(broken.body).error.code).toBe('invalid_body');
    const huge = JSON.stringify({ title: 'big', text: 'word '.repeat(1_000_000) });
    const big = await app.inject({ method: 'POST', url: '/api/articles', payload: huge, headers: { ...auth, 'content-type': 'application/json' } });
    expect(big.statusCode).toBe(413);
    expect(JSON.parse(big.body).error.code).toBe('body_too_large');
  });

  describe('fetching a URL', () => {
    let local: Server;
    let localUrl: string;
    beforeAll(async () => {
      local = createHttpServer((_req, res) => {
        res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.end('Local test report headline\n\nA report served from a loopback address, which the server must not fetch by default because it could expose internal services.');
      });
      await new Promise<void>((r) => local.listen(0, '127.0.0.1', r));
      const addr = local.address() as { port: number };
      localUrl = `http://127.0.0.1:${addr.port}/report.txt`;
    });
    afterAll(() => new Promise<void>((r) => local.close(() => r())));

    it('refuses loopback addresses like the CLI does, unless allowPrivate', async () => {
      const auth = { authorization: `Bearer ${TOKEN}` };
      const refused = await app.inject({ method: 'POST', url: '/api/articles', payload: { url: localUrl }, headers: auth });
      expect(refused.statusCode).toBe(422);
      const detail = JSON.parse(refused.body).error.details[0];
      expect(detail.param).toBe(localUrl);
      expect(detail.message).toMatch(/loopback|private/i);
      const open = createServer({ store, token: TOKEN, allowPrivate: true });
      const fetched = await open.inject({ method: 'POST', url: '/api/articles', payload: { url: localUrl }, headers: auth });
      expect(fetched.statusCode).toBe(201);
      await open.close();
      expect(await store.listArticles({ q: 'loopback address internal services' })).toHaveLength(1);
    });

    it('rejects a url that is not http(s)', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/articles', payload: { url: 'file:///etc/passwd' }, headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.statusCode).toBe(400);
    });
  });
});

describe('OpenAPI', () => {
  it('describes every API endpoint the server routes, with their parameters', async () => {
    const { body } = await getJson('/api/openapi.json');
    const paths = body!.paths as Record<string, Record<string, { parameters?: Array<{ name: string }> }>>;
    const expected: Array<[string, string]> = [
      ['GET', '/api/stories'],
      ['GET', '/api/stories/{id}'],
      ['GET', '/api/articles/{id}'],
      ['GET', '/api/entities/{id}'],
      ['GET', '/api/search'],
      ['POST', '/api/articles'],
      ['GET', '/api/openapi.json'],
    ];
    for (const [method, path] of expected) {
      expect(paths[path]?.[method.toLowerCase()], `${method} ${path}`).toBeTruthy();
      expect(app.hasRoute({ method, url: path.replace(/\{(\w+)\}/g, ':$1') })).toBe(true);
    }
    expect(paths['/api/stories'].get.parameters!.map((p) => p.name)).toEqual(['limit', 'offset', 'since', 'until', 'outlet', 'entity', 'q', 'min_size']);
  });
});

describe('security', () => {
  it('sends CSP and related headers on pages, API and assets', async () => {
    for (const url of ['/', '/api/stories', ASSETS.css.path, '/no-such-page']) {
      const res = await app.inject(url);
      const csp = res.headers['content-security-policy'] as string;
      expect(csp, url).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('refuses other Host names when given an allow-list (DNS rebinding)', async () => {
    const guarded = createServer({ store, allowedHosts: ['127.0.0.1', 'localhost'] });
    expect((await guarded.inject({ url: '/api/stories', headers: { host: 'localhost:8080' } })).statusCode).toBe(200);
    const evil = await guarded.inject({ url: '/api/stories', headers: { host: 'attacker.example' } });
    expect(evil.statusCode).toBe(403);
    expect(JSON.parse(evil.body).error.code).toBe('host_not_allowed');
    await guarded.close();
  });

  it('renders the XSS fixture as inert text on every page', async () => {
    const [evil] = await store.listArticles({ q: 'pwned' });
    expect(evil).toBeTruthy();
    const story = (await store.storyOfArticle(evil.id))!;
    const pages = [`/articles/${evil.id}`, `/stories/${story}`, '/search?q=deductible', '/?q=deductible', '/?outlet=%3Cb%20onmouseover'];
    for (const url of pages) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      const { document } = parseHTML(res.body);
      const scripts = Array.from(document.querySelectorAll('script'));
      expect(scripts.map((s) => s.getAttribute('src')), url).toEqual([ASSETS.js.path]);
      expect(scripts.every((s) => s.textContent === '')).toBe(true);
      for (const el of Array.from(document.querySelectorAll('*'))) {
        for (const attr of el.getAttributeNames()) {
          expect(attr.startsWith('on'), `${url}: <${el.tagName} ${attr}>`).toBe(false);
          const v = el.getAttribute(attr) ?? '';
          if (attr === 'href' || attr === 'src') expect(v, `${url}: ${attr}`).not.toMatch(/^\s*(javascript|data):/i);
        }
      }
      expect(document.querySelectorAll('iframe, img, style, object, embed, svg[onload]').length, url).toBe(0);
    }
    const page = (await app.inject(`/articles/${evil.id}`)).body;
    expect(page).toContain('&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;');
    expect(page).toContain('&lt;b onmouseover=alert(7)&gt;Evil Outlet&lt;/b&gt;');
  });
});

describe('pages', () => {
  it('front page lists stories with size, outlets and links', async () => {
    const res = await app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const { document } = parseHTML(res.body);
    const cards = document.querySelectorAll('.story-card');
    expect(cards.length).toBeGreaterThan(5);
    expect(document.querySelector(`a[href="/stories/${seedStory}"]`)).toBeTruthy();
  });

  it('story page shows both seed outlets side by side and the timeline', async () => {
    const res = await app.inject(`/stories/${seedStory}`);
    const { document } = parseHTML(res.body);
    const members = Array.from(document.querySelectorAll('#outlets li a')).map((a) => a.getAttribute('href'));
    expect(members.sort()).toEqual(seedArticles.map((id) => `/articles/${id}`));
    expect(document.querySelector('#timeline svg')).toBeTruthy();
  });

  it('unknown pages get an HTML 404, unknown API paths a JSON 404', async () => {
    const page = await app.inject('/nowhere');
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const api = await app.inject('/api/nowhere');
    expect(api.statusCode).toBe(404);
    expect(JSON.parse(api.body).error.code).toBe('not_found');
    expect((await app.inject('/stories/nosuch')).statusCode).toBe(404);
  });

  it('a known path asked with a method it does not take gets 405 and the methods it does', async () => {
    const del = await app.inject({ method: 'DELETE', url: '/api/stories' });
    expect(del.statusCode).toBe(405);
    expect(del.headers.allow).toBe('GET, HEAD');
    expect(JSON.parse(del.body).error.code).toBe('method_not_allowed');
    const put = await app.inject({ method: 'PUT', url: `/api/articles/${seedArticles[0]}` });
    expect(put.statusCode).toBe(405);
    const get = await app.inject({ method: 'GET', url: '/api/articles' }); // POST-only path
    expect(get.statusCode).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect((await app.inject({ method: 'DELETE', url: '/api/nowhere' })).statusCode).toBe(404);
  });

  it('serves assets with long-lived caching and HEAD', async () => {
    const res = await app.inject(ASSETS.js.path);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toMatch(/immutable/);
    expect(res.headers['content-type']).toMatch(/javascript/);
    const head = await app.inject({ method: 'HEAD', url: '/api/stories' });
    expect(head.statusCode).toBe(200);
  });
});

describe('GET /feeds/alerts.xml', () => {
  it('serves the alert log as an Atom feed', async () => {
    const res = await app.inject({ method: 'GET', url: '/feeds/alerts.xml' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/atom\+xml/);
    expect(res.body).toMatch(/<feed[^>]*xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
  });
});

describe('front-page ledes', () => {
  it('computes briefs only within the time budget and reports what is missing, then serves from memory', async () => {
    const { DataService } = await import('./data.js');
    const { defaultSections } = await import('./sections.js');
    const data = new DataService(store, defaultSections());
    const page = await data.listStories({ limit: 10, offset: 0 } as never, '/');
    expect(page.items.length).toBeGreaterThan(1);
    const none = await data.leadSentences(page.items, -1); // no time at all: nothing computed
    expect(none.complete).toBe(false);
    expect(none.leads.size).toBe(0);
    const all = await data.leadSentences(page.items);
    expect(all.complete).toBe(true);
    expect(all.leads.size).toBeGreaterThan(1);
    // Now every brief is known: even a zero budget gives every lede.
    const again = await data.leadSentences(page.items, -1);
    expect(again).toEqual(all);
  });
});
