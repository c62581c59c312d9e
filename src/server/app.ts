/**
 * The HTTP server: JSON API under `/api/`, server-rendered pages everywhere else, built-in assets
 * under `/assets/`. `createServer` returns a fastify instance without listening, so tests drive it
 * with `inject` and `parallax serve` calls `listen`.
 *
 * Security choices:
 * - Writes (`POST /api/articles`) need `Authorization: Bearer <token>`; with no token configured
 *   every write is refused (401), so a server started without thinking about it is read-only.
 *   The token is checked in `onRequest`, before the body is read, with a constant-time compare.
 * - Bodies are limited ({@link MAX_BODY_BYTES} for the ingest route, 64 KiB elsewhere), path
 *   parameters to 1024 characters, and every query parameter is validated (params.ts).
 * - Every response carries a strict Content-Security-Policy (`default-src 'self'`, no inline
 *   script or style, no framing, no plugins) plus nosniff, no-referrer and same-origin
 *   isolation headers. Pages escape all article text through one helper (html.ts).
 * - An optional Host allow-list (used by `parallax serve` on loopback) defeats DNS rebinding: a
 *   web page cannot point its own domain at 127.0.0.1 and read the API through it.
 * - No CORS headers: other web origins cannot read the API from a browser.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Store } from '../store/types.js';
import { alertsAtom } from '../feeds/alerts.js';
import { ASSETS } from './assets.js';
import { etagMatches, etagOf, ResponseCache, storeVersion } from './cache.js';
import { DataService, type StoryListItem } from './data.js';
import { ApiError, fromFastifyError, notFound } from './errors.js';
import { ingestBody, itemsFromBody, type PostOptions } from './ingest.js';
import { ENTITY_PARAMS, FRONT_PARAMS, ID_PARAMS, MAX_BODY_BYTES, openApiDocument, SEARCH_PARAMS, STORIES_PARAMS, STORY_PARAMS } from './openapi.js';
import { articlePage, entityPage, errorPage, frontPage, searchPage, storyPage } from './pages.js';
import { parseParams } from './params.js';
import { offloadedSections } from './offload.js';
import { defaultSections, type Sections } from './sections.js';
import { escapeRegExp } from '../text/regexp.js';

/**
 * @example createServer({ store: openStore('parallax.db'), token: process.env.PARALLAX_TOKEN })
 */
export interface ServerOptions {
  store: Store;
  /** Bearer token required for writes. Absent or empty: writes are refused. */
  token?: string | null;
  /** Let `POST /api/articles {"url"}` fetch loopback/private addresses (default false, like the CLI). */
  allowPrivate?: boolean;
  /**
   * Analysis sections (brief, entities, comparison); default: those wired in sections.ts, run on
   * a worker thread when the compiled worker is available (see offload.ts).
   */
  sections?: Sections;
  /**
   * Host names (without port) the server answers to; requests naming another Host get 403.
   * Default: any. `parallax serve` sets it to the loopback names when bound to loopback.
   */
  allowedHosts?: string[];
  /** Per-URL fetch timeout for `POST {"url"}` (default: the ingest module's). */
  fetchTimeoutMs?: number;
  /** One line per notable event (section failures, write refusals); default: none. */
  log?: (line: string) => void;
}

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';
/**
 * Time the front page may spend computing briefs for its ledes before it is sent without the
 * rest (a brief of a large story takes tens of milliseconds; a page lists dozens of stories).
 */
const FRONT_LEDE_BUDGET_MS = 300;
const API_VERSION = '1.0.0';

function isApi(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** Create the server (not listening). */
export function createServer(opts: ServerOptions): FastifyInstance {
  const store = opts.store;
  const log = opts.log ?? (() => {});
  const version = storeVersion(store);
  const sections = opts.sections ?? offloadedSections() ?? defaultSections();
  const data = new DataService(store, sections, log);
  const cache = new ResponseCache();
  const tokenDigest = opts.token ? digest(opts.token) : null;
  const allowedHosts = opts.allowedHosts?.map((h) => h.toLowerCase());
  const post: PostOptions = { allowPrivate: !!opts.allowPrivate, fetchTimeoutMs: opts.fetchTimeoutMs };
  const openapi = JSON.stringify(openApiDocument(API_VERSION));
  // Writes run one at a time: the clusterer resumes from the stored state, so two concurrent
  // ingests would each continue from the same checkpoint.
  let writeQueue: Promise<unknown> = Promise.resolve();

  const app = Fastify({
    logger: false,
    bodyLimit: 64 * 1024,
    routerOptions: { maxParamLength: 1024, ignoreTrailingSlash: true },
    requestTimeout: 120_000,
    return503OnClosing: true,
  });

  app.addHook('onReady', async () => {
    sections.warm?.();
  });
  app.addHook('onClose', async () => {
    await sections.close?.();
  });

  // Only JSON bodies are accepted anywhere (fastify also parses text/plain by default).
  app.removeContentTypeParser('text/plain');

  app.addHook('onRequest', async (req, reply) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    if (allowedHosts) {
      const host = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
      if (!allowedHosts.includes(host)) throw new ApiError(403, 'host_not_allowed', `this server does not answer to host "${host}"`);
    }
  });

  app.setErrorHandler((err, req, reply) => {
    const e = err instanceof ApiError ? err : fromFastifyError(err as { statusCode?: number; code?: string; message: string });
    if (e.status >= 500) log(`error on ${req.method} ${req.url}: ${(err as Error).stack ?? String(err)}`);
    if (e.status === 401) reply.header('www-authenticate', 'Bearer realm="parallax"');
    if (isApi(req.url) || req.method !== 'GET') return reply.code(e.status).type(JSON_TYPE).send(JSON.stringify(e.body()));
    return reply.code(e.status).type(HTML_TYPE).send(errorPage(e.status, e.message));
  });

  // Each route's path pattern and its methods, for the 405 below ("/api/stories/:id" → /^\/api\/stories\/[^/]+\/?$/).
  const routeMethods = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  app.addHook('onRoute', (route) => {
    const source = '^' + route.url.split('/').map((part) => (part.startsWith(':') ? '[^/]+' : escapeRegExp(part))).join('/') + '/?$';
    let entry = routeMethods.get(source);
    if (!entry) routeMethods.set(source, (entry = { pattern: new RegExp(source), methods: new Set() }));
    for (const m of [route.method].flat()) entry.methods.add(m);
  });

  app.setNotFoundHandler((req, reply) => {
    // A path that exists, asked with a method it does not take: 405 with the methods it does.
    const path = req.url.split('?')[0];
    const allowed = [...routeMethods.values()].find((r) => r.pattern.test(path))?.methods;
    if (allowed && !allowed.has(req.method)) {
      const allow = [...allowed].sort().join(', ');
      const e = new ApiError(405, 'method_not_allowed', `${req.method} is not allowed at ${path}; allowed: ${allow}`);
      return reply.code(405).header('allow', allow).type(JSON_TYPE).send(JSON.stringify(e.body()));
    }
    const e = new ApiError(404, 'not_found', `nothing at ${req.method} ${path}`);
    if (isApi(req.url) || req.method !== 'GET') return reply.code(404).type(JSON_TYPE).send(JSON.stringify(e.body()));
    return reply.code(404).type(HTML_TYPE).send(errorPage(404, 'There is no page at this address.'));
  });

  /**
   * Answer a read request from the response cache when the store has not changed, else render
   * it; send the ETag and honour `If-None-Match`.
   */
  async function cached(req: FastifyRequest, reply: FastifyReply, key: string, contentType: string, render: () => Promise<string>): Promise<FastifyReply> {
    cache.sync(await version.current());
    let hit = cache.get(key);
    if (!hit) {
      const body = await render();
      hit = { body, etag: etagOf(body), contentType, status: 200 };
      cache.set(key, hit);
    }
    reply.header('etag', hit.etag).header('cache-control', 'no-cache');
    if (etagMatches(req.headers['if-none-match'], hit.etag)) return reply.code(304).send();
    return reply.code(hit.status).type(hit.contentType).send(hit.body);
  }

  // ------------------------------------------------------------------ API: reads

  app.get('/api/stories', async (req, reply) => {
    const p = parseParams(STORIES_PARAMS, req.query as Record<string, unknown>, 'query');
    return cached(req, reply, `stories ${JSON.stringify(p)}`, JSON_TYPE, async () => JSON.stringify(await data.listStories(p)));
  });

  app.get('/api/stories/:id', async (req, reply) => {
    const { id } = parseParams(STORY_PARAMS, req.params as Record<string, unknown>, 'path');
    const q = parseParams(STORY_PARAMS, req.query as Record<string, unknown>, 'query');
    return cached(req, reply, `story ${id} ${JSON.stringify(q)}`, JSON_TYPE, async () => {
      const d = await data.storyDetail(id, { words: q.words, focus: q.focus, since: q.since });
      if (!d) throw notFound('story', id);
      return JSON.stringify(d);
    });
  });

  app.get('/api/articles/:id', async (req, reply) => {
    const { id } = parseParams(ID_PARAMS, req.params as Record<string, unknown>, 'path');
    parseParams({}, req.query as Record<string, unknown>, 'query');
    return cached(req, reply, `article ${id}`, JSON_TYPE, async () => JSON.stringify(await data.article(id)));
  });

  app.get('/api/entities/:id', async (req, reply) => {
    const { id } = parseParams(ENTITY_PARAMS, req.params as Record<string, unknown>, 'path');
    parseParams({}, req.query as Record<string, unknown>, 'query');
    return cached(req, reply, `entity ${id}`, JSON_TYPE, async () => JSON.stringify(await data.entity(id)));
  });

  app.get('/api/search', async (req, reply) => {
    const p = parseParams(SEARCH_PARAMS, req.query as Record<string, unknown>, 'query');
    return cached(req, reply, `search ${JSON.stringify(p)}`, JSON_TYPE, async () => JSON.stringify(await data.search(p.q, p.limit, p.offset)));
  });

  // The alert log as an Atom feed (see src/feeds/alerts.ts). Not cached: alerts do not change the
  // story version the response cache keys on.
  app.get('/feeds/alerts.xml', async (req, reply) => {
    const xml = await alertsAtom(store, { baseUrl: `${req.protocol}://${req.host}/` });
    return reply.type('application/atom+xml; charset=utf-8').header('cache-control', 'no-cache').send(xml);
  });

  app.get('/api/openapi.json', async (req, reply) => {
    parseParams({}, req.query as Record<string, unknown>, 'query');
    const etag = etagOf(openapi);
    reply.header('etag', etag).header('cache-control', 'no-cache');
    if (etagMatches(req.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type(JSON_TYPE).send(openapi);
  });

  // ------------------------------------------------------------------ API: writes

  app.post(
    '/api/articles',
    {
      bodyLimit: MAX_BODY_BYTES,
      // Authenticate before the body is read, so an unauthenticated client cannot make the
      // server buffer megabytes.
      onRequest: async (req) => {
        if (!tokenDigest) {
          log(`refused ${req.method} ${req.url}: writes are disabled (no PARALLAX_TOKEN)`);
          throw new ApiError(401, 'writes_disabled', 'writes are disabled on this server: start it with PARALLAX_TOKEN set and send "Authorization: Bearer <token>"');
        }
        const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
        if (!m || !timingSafeEqual(digest(m[1]), tokenDigest)) {
          throw new ApiError(401, 'unauthorized', m ? 'the bearer token is not valid' : 'send "Authorization: Bearer <token>" to write');
        }
      },
    },
    async (req, reply) => {
      parseParams({}, req.query as Record<string, unknown>, 'query');
      const items = await itemsFromBody(req.body, post);
      const run = writeQueue.then(() => ingestBody(store, items));
      writeQueue = run.catch(() => undefined);
      const result = await run;
      version.bump();
      if (result.added.length === 0 && result.duplicates.length === 0) {
        throw new ApiError(
          422,
          'unreadable_articles',
          `none of the ${result.failed.length} submitted item${result.failed.length === 1 ? '' : 's'} could be read`,
          result.failed.map((f) => ({ param: f.input, message: f.reason })),
        );
      }
      return reply.code(result.added.length ? 201 : 200).type(JSON_TYPE).send(JSON.stringify(result));
    },
  );

  // ------------------------------------------------------------------ pages

  app.get('/', async (req, reply) => {
    const p = parseParams(FRONT_PARAMS, req.query as Record<string, unknown>, 'query', { allowUnknown: true });
    const key = `page / ${JSON.stringify(p)}`;
    let rest: StoryListItem[] | null = null;
    const res = await cached(req, reply, key, HTML_TYPE, async () => {
      const page = await data.listStories(p, '/');
      const [{ leads, complete }, stats] = await Promise.all([data.leadSentences(page.items, FRONT_LEDE_BUDGET_MS), store.stats()]);
      if (!complete) rest = page.items;
      return frontPage({ page, leads, filters: p, unclustered: stats.unclustered, articles: stats.articles });
    });
    if (rest) {
      // Shown without some ledes: not kept, and the missing briefs are computed in the background
      // so that the next visit has them.
      cache.delete(key);
      void data.leadSentences(rest).catch(() => undefined);
    }
    return res;
  });

  app.get('/stories/:id', async (req, reply) => {
    const { id } = parseParams(STORY_PARAMS, req.params as Record<string, unknown>, 'path');
    const q = parseParams(STORY_PARAMS, req.query as Record<string, unknown>, 'query', { allowUnknown: true });
    return cached(req, reply, `page story ${id} ${JSON.stringify(q)}`, HTML_TYPE, async () => {
      const d = await data.storyDetail(id, { words: q.words, focus: q.focus, since: q.since });
      if (!d) throw notFound('story', id);
      return storyPage(d, { entityPages: !!(data.sections.entity || data.sections.entities), brief: { words: q.words, focus: q.focus, since: q.since } });
    });
  });

  app.get('/articles/:id', async (req, reply) => {
    const { id } = parseParams(ID_PARAMS, req.params as Record<string, unknown>, 'path');
    return cached(req, reply, `page article ${id}`, HTML_TYPE, async () => {
      const a = await store.getArticle(id);
      if (!a) throw notFound('article', id);
      const [story, relations] = await Promise.all([store.storyOfArticle(id), store.relationsFor([id])]);
      return articlePage(a, story, relations);
    });
  });

  app.get('/entities/:id', async (req, reply) => {
    const { id } = parseParams(ENTITY_PARAMS, req.params as Record<string, unknown>, 'path');
    return cached(req, reply, `page entity ${id}`, HTML_TYPE, async () => {
      const e = await data.entity(id);
      const ids = e.stories.slice(0, 100);
      // storyRows answers in no particular order; keep the entity's (newest story first).
      const rows = (await store.storyRows(ids)).sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
      return entityPage(
        e,
        rows.map((r) => ({ ...r, outlet_count: r.outlets.length, url: `/stories/${encodeURIComponent(r.id)}`, api: `/api/stories/${encodeURIComponent(r.id)}` })),
      );
    });
  });

  app.get('/search', async (req, reply) => {
    const p = parseParams({ ...SEARCH_PARAMS, q: { ...SEARCH_PARAMS.q, required: false } }, req.query as Record<string, unknown>, 'query', { allowUnknown: true });
    const q = p.q?.trim() ?? '';
    return cached(req, reply, `page search ${JSON.stringify(p)}`, HTML_TYPE, async () => searchPage(q, q ? await data.search(q, p.limit, p.offset) : null));
  });

  // ------------------------------------------------------------------ assets

  for (const asset of Object.values(ASSETS)) {
    const etag = etagOf(asset.body);
    app.get(asset.path, async (req, reply) => {
      reply.header('etag', etag).header('cache-control', 'public, max-age=31536000, immutable');
      if (etagMatches(req.headers['if-none-match'], etag)) return reply.code(304).send();
      return reply.type(asset.contentType).send(asset.body);
    });
  }
  app.get('/favicon.ico', async (_req, reply) => reply.redirect(ASSETS.icon.path, 301));
  app.get('/robots.txt', async (_req, reply) => reply.type('text/plain; charset=utf-8').send('User-agent: *\nDisallow: /api/\n'));

  return app;
}
