import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.js';
import type { Store } from '../../store/types.js';
import { loadSamples } from '../../server/sample-store.js';
import { makeContext } from '../context.js';
import type { Io } from '../output.js';
import { isLoopbackHost, registerServeCommand, serveUntilStopped, startServer } from './serve.js';

function captureIo(): Io & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  return { stdout, stderr, out: () => out, err: () => err };
}

describe('parallax serve', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parallax-serve-cmd-'));
    store = openStore(join(dir, 'serve.db'));
    await loadSamples(store);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('binds 127.0.0.1 by default, prints the URL and serves the stories', async () => {
    const io = captureIo();
    const { app, url } = await startServer(io, store, { port: 0, token: null });
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect((app.server.address() as { address: string }).address).toBe('127.0.0.1');
      expect(io.out()).toContain(`at ${url}`);
      expect(io.out()).toContain('writes (POST /api/articles): disabled');
      const res = await fetch(`${url}api/stories?limit=3`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { items: unknown[] }).items).toHaveLength(3);
      // On loopback the server answers only to loopback host names (DNS-rebinding defence).
      const port = new URL(url).port;
      const rebound = await app.inject({ url: '/api/stories', headers: { host: `attacker.example:${port}` } });
      expect(rebound.statusCode).toBe(403);
      const post = await fetch(`${url}api/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"t","text":"x"}' });
      expect(post.status).toBe(401);
    } finally {
      await app.close();
    }
  });

  it('enables writes with a token and says so', async () => {
    const io = captureIo();
    const { app, url } = await startServer(io, store, { port: 0, token: 'tok' });
    try {
      expect(io.out()).toContain('writes (POST /api/articles): enabled');
      const post = await fetch(`${url}api/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer tok' },
        body: JSON.stringify({ title: 'Bridge reopens after repairs', text: 'The old river bridge reopened to traffic on Friday after eight months of repairs, the city said.', source: 'City Desk' }),
      });
      expect(post.status).toBe(201);
    } finally {
      await app.close();
    }
  });

  it('rejects a bad port as a usage error', async () => {
    const program = new Command().exitOverride();
    const io = captureIo();
    const ctx = makeContext(io, program);
    registerServeCommand(program, ctx);
    program.commands[0].exitOverride();
    await expect(program.parseAsync(['serve', '--port', '70000'], { from: 'user' })).rejects.toThrow(/--port must be a whole number from 0 to 65535/);
  });

  it('explains a port already in use instead of crashing', async () => {
    const { app, url } = await startServer(captureIo(), store, { port: 0, token: null });
    try {
      const port = Number(new URL(url).port);
      await expect(serveUntilStopped(captureIo(), store, { port, token: null })).rejects.toThrow(`port ${port} is in use; pick another with --port`);
    } finally {
      await app.close();
    }
  });

  it('knows which addresses are loopback', () => {
    for (const h of ['127.0.0.1', 'localhost', '::1', '127.1.2.3']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '192.168.1.10', '::', 'example.com']) expect(isLoopbackHost(h), h).toBe(false);
  });
});
