import http from 'node:http';
import { deflateRawSync, deflateSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, HttpFailure } from './http.js';

const text = 'Iran and Iraq signed an agreement on Sunday to boost cooperation in a host of military fields, Tasnim news agency reported.';
let server: http.Server;
let base = '';
const client = new HttpClient({ allowPrivate: true, timeoutMs: 5000 });

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      switch (req.url) {
        case '/deflate':
          res.setHeader('content-encoding', 'deflate');
          return res.end(deflateSync(text));
        case '/deflate-raw':
          res.setHeader('content-encoding', 'deflate');
          return res.end(deflateRawSync(text));
        case '/busy':
          res.statusCode = 503;
          res.setHeader('retry-after', '120');
          return res.end('try later');
        case '/post':
          res.statusCode = 303;
          res.setHeader('location', '/echo');
          return res.end();
        case '/echo':
          return res.end(`${req.method} ${Buffer.concat(chunks).toString()}`);
        case '/compress':
          res.setHeader('content-encoding', 'compress');
          return res.end('xx');
        default:
          res.statusCode = 404;
          return res.end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  client.close();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('HttpClient', () => {
  it('decodes zlib-wrapped and raw deflate alike', async () => {
    for (const path of ['/deflate', '/deflate-raw']) {
      const r = await client.request(base + path);
      expect(Buffer.from(r.bytes).toString()).toBe(text);
    }
  });

  it('does not blame the server for time this process spent blocked', async () => {
    const quick = new HttpClient({ allowPrivate: true, timeoutMs: 300 });
    const pending = quick.request(`${base}/deflate`);
    // Block the event loop past the deadline (as a long synchronous clustering pass would) while
    // the server's answer waits in the socket.
    const until = Date.now() + 700;
    while (Date.now() < until) {
      /* busy */
    }
    expect(Buffer.from((await pending).bytes).toString()).toBe(text);
    quick.close();
  });

  it('returns error statuses with their headers instead of throwing', async () => {
    const r = await client.request(`${base}/busy`);
    expect(r).toMatchObject({ status: 503, finalUrl: `${base}/busy`, redirects: [], permanentRedirect: null });
    expect(r.headers['retry-after']).toBe('120');
    expect(r.bytes.length).toBe(0);
  });

  it('follows a 303 after a POST as a GET', async () => {
    const r = await client.request(`${base}/post`, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
    expect(Buffer.from(r.bytes).toString()).toBe('GET ');
    expect(r.redirects).toEqual([{ status: 303, location: `${base}/echo` }]);
  });

  it('names each failure in one line', async () => {
    const fail = async (url: string, c = client): Promise<HttpFailure> => {
      try {
        await c.request(url);
      } catch (e) {
        return e as HttpFailure;
      }
      throw new Error('expected a failure');
    };
    expect((await fail(`${base}/compress`)).message).toBe('unsupported content encoding "compress"');
    // .invalid never resolves (RFC 6761); without any resolver the deadline ends the attempt instead.
    expect((await fail('http://no-such-host.invalid/feed')).message).toMatch(/^(host no-such-host.invalid not found|timed out after 5 s)$/);
    const refused = await fail('http://127.0.0.1:1/feed');
    expect(refused).toMatchObject({ kind: 'network', message: 'connection refused by 127.0.0.1:1', transient: true });
    expect((await fail('file:///etc/passwd')).message).toBe('unsupported URL scheme file: (only http and https)');
    const strict = new HttpClient();
    expect(await fail('http://[::1]:8080/', strict)).toMatchObject({ kind: 'refused', message: 'refused: ::1 is a loopback address (use --allow-private to allow)', transient: false });
    expect((await fail('http://localhost:8080/', strict)).message).toMatch(/^refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
    strict.close();
  });
});
