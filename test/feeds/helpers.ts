/**
 * Test helpers for the feed watcher: loopback HTTP servers that serve feeds built from real
 * Wikinews articles (samples/wikinews, CC BY 2.5), honour conditional GET, and can misbehave on
 * purpose; a manual clock.
 */
import http from 'node:http';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { repoRoot } from '../helpers.js';

export interface NewsItem {
  id: string;
  title: string;
  /** Paragraphs of the real article text. */
  paragraphs: string[];
  published: string | null;
}

/** The 100 Wikinews articles of samples/wikinews (10 events × 10 articles), in file order. */
export function wikinewsItems(): NewsItem[] {
  const lines = readFileSync(join(repoRoot, 'samples/wikinews/wikinews.jsonl'), 'utf8').split('\n').filter(Boolean);
  return lines.map((l) => {
    const o = JSON.parse(l) as { id: string; title: string; text: string; published: string | null };
    return { id: o.id, title: o.title, paragraphs: o.text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean), published: o.published };
  });
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface FeedEntry {
  guid: string;
  title: string;
  link: string;
  /** Full text paragraphs (content:encoded); omit for a summary-only item. */
  paragraphs?: string[];
  /** The description (summary). */
  summary?: string;
  pubDate?: string | null;
}

/** An RSS 2.0 document. */
export function rss(channel: { title: string; link: string; ttl?: number }, entries: FeedEntry[]): string {
  const items = entries.map((e) => {
    const content = e.paragraphs ? `<content:encoded><![CDATA[${e.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('')}]]></content:encoded>` : '';
    const date = e.pubDate ? `<pubDate>${new Date(e.pubDate).toUTCString()}</pubDate>` : '';
    return `<item><title>${esc(e.title)}</title><link>${esc(e.link)}</link><guid isPermaLink="false">${esc(e.guid)}</guid>${date}<description>${esc(
      e.summary ?? e.paragraphs?.[0] ?? '',
    )}</description>${content}</item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>${esc(channel.title)}</title><link>${esc(channel.link)}</link><description>Test feed</description>${
    channel.ttl ? `<ttl>${channel.ttl}</ttl>` : ''
  }
${items.join('\n')}
</channel></rss>`;
}

/** An Atom 1.0 document. */
export function atom(feed: { title: string; link: string }, entries: FeedEntry[]): string {
  const items = entries.map(
    (e) => `<entry><id>${esc(e.guid)}</id><title>${esc(e.title)}</title><link href="${esc(e.link)}"/><updated>${e.pubDate ?? '2026-01-01T00:00:00Z'}</updated>${
      e.paragraphs ? `<content type="html">${esc(e.paragraphs.map((p) => `<p>${esc(p)}</p>`).join(''))}</content>` : `<summary>${esc(e.summary ?? '')}</summary>`
    }</entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>${esc(feed.link)}</id><title>${esc(feed.title)}</title><updated>2026-01-01T00:00:00Z</updated><link href="${esc(feed.link)}"/>
${items.join('\n')}
</feed>`;
}

/** A news page around a real article, with page chrome and JSON-LD. */
export function htmlPage(item: NewsItem, site: string, url: string): string {
  const ld = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: item.title, datePublished: item.published, publisher: { '@type': 'Organization', name: site } });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(item.title)} | ${esc(site)}</title>
<link rel="canonical" href="${esc(url)}"><meta property="og:site_name" content="${esc(site)}"><script type="application/ld+json">${ld}</script></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header><main><article><h1>${esc(item.title)}</h1>
${item.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}</article><aside><h2>Related</h2><ul><li><a href="/x">Other news</a></li></ul></aside></main>
<footer>© ${esc(site)}</footer></body></html>`;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface Logged {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A loopback HTTP server with per-path handlers and a request log. */
export class TestServer {
  readonly requests: Logged[] = [];
  private readonly routes = new Map<string, Handler>();
  private readonly sockets = new Set<import('node:net').Socket>();
  /** Requests received whose responses have not finished. */
  open = 0;

  private constructor(readonly server: http.Server) {}

  static async start(): Promise<TestServer> {
    const server = http.createServer();
    const t = new TestServer(server);
    server.on('connection', (s) => {
      t.sockets.add(s);
      s.on('close', () => t.sockets.delete(s));
    });
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = (req.url ?? '/').split('?')[0];
        t.requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body: Buffer.concat(chunks).toString() });
        t.open++;
        res.on('close', () => t.open--);
        const h = t.routes.get(path);
        if (h) h(req, res);
        else {
          res.statusCode = 404;
          res.end('not found');
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return t;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  route(path: string, h: Handler): this {
    this.routes.set(path, h);
    return this;
  }

  /** Requests to one path. */
  hits(path: string): Logged[] {
    return this.requests.filter((r) => r.path === path);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

/**
 * Serve a document with an ETag and Last-Modified derived from it, answering 304 to a matching
 * If-None-Match / If-Modified-Since, as real feed servers do.
 */
export function conditional(body: () => string, opts: { type?: string; headers?: Record<string, string>; lastModified?: () => string } = {}): Handler {
  return (req, res) => {
    const text = body();
    const etag = `"${createHash('sha1').update(text).digest('hex').slice(0, 16)}"`;
    const lm = opts.lastModified?.() ?? null;
    for (const [k, v] of Object.entries(opts.headers ?? {})) res.setHeader(k, v);
    res.setHeader('etag', etag);
    if (lm) res.setHeader('last-modified', lm);
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    if ((inm && inm === etag) || (!inm && lm && ims === lm)) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.setHeader('content-type', opts.type ?? 'application/rss+xml; charset=utf-8');
    res.end(text);
  };
}

/** A clock tests move by hand. */
export class ManualClock {
  constructor(public t = Date.UTC(2026, 0, 5, 12, 0, 0)) {}
  now(): number {
    return this.t;
  }
  advance(seconds: number): void {
    this.t += seconds * 1000;
  }
}

/** Resolve when `cond()` is true, checking every few milliseconds (fails after ~20 s). */
export async function until(cond: () => boolean | Promise<boolean>, what = 'condition'): Promise<void> {
  for (let i = 0; i < 4000; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`${what} never became true`);
}

/** Feed entry for a Wikinews item published at `site`. */
export function entryOf(item: NewsItem, site: string, opts: { full?: boolean; guid?: string } = {}): FeedEntry {
  const link = `${site}/news/${item.id}`;
  return {
    guid: opts.guid ?? `${site}/news/${item.id}`,
    title: item.title,
    link,
    paragraphs: opts.full === false ? undefined : item.paragraphs,
    summary: opts.full === false ? summaryOf(item) : undefined,
    pubDate: item.published,
  };
}

/** A teaser: the first sentence of the first real paragraph (skipping a Wikinews date line), plus "Read more". */
export function summaryOf(item: NewsItem): string {
  const para = item.paragraphs.find((p) => p.split(/\s+/).length >= 8) ?? item.paragraphs[0];
  return `${para.split(/(?<=[.!?])\s/)[0]} Read more`;
}
