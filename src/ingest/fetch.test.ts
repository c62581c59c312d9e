import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl, privateAddressKind } from './fetch.js';
import { readInputs } from './sources.js';
import type { ReadItem } from '../types.js';

const FIX = fileURLToPath(new URL('../../test/fixtures/ingest/', import.meta.url));
const PAGE = readFileSync(`${FIX}news-page.html`);
const RSS = readFileSync(`${FIX}rss2.xml`);

let server: http.Server;
let base: string;
const ok = { allowPrivate: true } as const;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/page') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
    } else if (url === '/page.gz') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      res.end(zlib.gzipSync(PAGE));
    } else if (url === '/feed') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(RSS);
    } else if (url.startsWith('/redirect/')) {
      const n = Number(url.split('/')[2]);
      res.writeHead(302, { location: n > 0 ? `/redirect/${n - 1}` : '/page' });
      res.end();
    } else if (url === '/image') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(Buffer.alloc(100));
    } else if (url === '/big-declared') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(5 * 1024 * 1024) });
      res.end();
    } else if (url === '/big-chunked') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 64; i++) res.write(Buffer.alloc(16 * 1024, 0x61));
      res.end();
    } else if (url === '/slow') {
      // Never answers: the client's timeout must end the fetch.
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

async function failure(url: string, opts: Parameters<typeof fetchUrl>[1]): Promise<string> {
  try {
    await fetchUrl(url, opts);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the fetch to fail');
}

describe('fetchUrl against a local server (allowPrivate)', () => {
  it('fetches a page, following redirects and decompressing', async () => {
    const r = await fetchUrl(`${base}/redirect/2`, ok);
    expect(r.status).toBe(200);
    expect(r.finalUrl).toBe(`${base}/page`);
    expect(r.contentType).toBe('text/html; charset=utf-8');
    expect(Buffer.from(r.bytes).equals(PAGE)).toBe(true);
    const gz = await fetchUrl(`${base}/page.gz`, ok);
    expect(Buffer.from(gz.bytes).equals(PAGE)).toBe(true);
  });

  it('stops after maxRedirects', async () => {
    expect(await failure(`${base}/redirect/9`, { ...ok, maxRedirects: 3 })).toBe('too many redirects (more than 3)');
  });

  it('refuses other content types, HTTP errors and over-size bodies', async () => {
    expect(await failure(`${base}/image`, ok)).toBe('unsupported content type "image/png" (expected HTML, XML/feed, JSON or plain text)');
    expect(await failure(`${base}/missing`, ok)).toBe('HTTP 404 Not Found');
    expect(await failure(`${base}/big-declared`, { ...ok, maxBytes: 1024 * 1024 })).toBe('response is 5 MiB, larger than the 1 MiB limit');
    expect(await failure(`${base}/big-chunked`, { ...ok, maxBytes: 256 * 1024 })).toBe('response is larger than the 256 KiB limit');
  });

  it('times out', async () => {
    expect(await failure(`${base}/slow`, { ...ok, timeoutMs: 300 })).toBe('timed out after 0.3 s');
  });

  it('reports an unreachable server', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect(await failure(`http://127.0.0.1:${port}/`, ok)).toBe(`connection refused by 127.0.0.1:${port}`);
  });
});

describe('private addresses', () => {
  it('are refused by default, as IP literals and as names that resolve to them', async () => {
    expect(await failure(`${base}/page`, {})).toBe('refused: 127.0.0.1 is a loopback address (use --allow-private to allow)');
    const port = (server.address() as AddressInfo).port;
    expect(await failure(`http://localhost:${port}/page`, {})).toMatch(/^refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
    expect(await failure('http://[::1]/', {})).toBe('refused: ::1 is a loopback address (use --allow-private to allow)');
    expect(await failure('http://0x7f000001/', {})).toMatch(/^refused: 127\.0\.0\.1 is a loopback address/);
    expect(await failure('http://169.254.169.254/latest/meta-data/', {})).toMatch(/link-local/);
  });

  it('are classified by range', () => {
    const cases: [string, string | null][] = [
      ['10.1.2.3', 'private'],
      ['172.31.255.255', 'private'],
      ['172.32.0.1', null],
      ['192.168.1.1', 'private'],
      ['100.64.0.1', 'carrier-grade NAT (shared)'],
      ['169.254.169.254', 'link-local'],
      ['0.0.0.0', 'unspecified ("this network")'],
      ['224.0.0.1', 'multicast'],
      ['8.8.8.8', null],
      ['::1', 'loopback'],
      ['::', 'unspecified'],
      ['fd12:3456::1', 'unique-local'],
      ['fe80::1%eth0', 'link-local'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:7f00:1', 'loopback'],
      ['64:ff9b::10.0.0.1', 'private'],
      ['2002:c0a8:0101::1', 'private'],
      ['2606:4700:4700::1111', null],
      ['not-an-ip', 'unparsable'],
    ];
    for (const [ip, kind] of cases) expect([ip, privateAddressKind(ip)]).toEqual([ip, kind]);
  });
});

describe('readInputs over URLs', () => {
  it('reads a fetched feed, naming items by URL, and reports a failed URL in one line', async () => {
    const items: ReadItem[] = [];
    for await (const i of readInputs([`${base}/feed`, `${base}/missing`], ok)) items.push(i);
    expect(items.map((i) => [i.input, i.ok])).toEqual([
      [`${base}/feed#item1`, true],
      [`${base}/feed#item2`, true],
      [`${base}/feed#item3`, true],
      [`${base}/missing`, false],
    ]);
    expect(items[3]).toMatchObject({ reason: 'HTTP 404 Not Found' });
  });

  it('gives an HTML page its fetch URL', async () => {
    const items: ReadItem[] = [];
    for await (const i of readInputs([`${base}/page`], ok)) items.push(i);
    expect(items).toMatchObject([{ ok: true, input: `${base}/page`, draft: { url: `${base}/page`, canonicalUrl: 'https://en.wikinews.org/wiki/8.8_magnitude_earthquake_hits_Chile' } }]);
  });
});
