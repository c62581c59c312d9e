/**
 * `parallax serve`: the web UI and JSON API over the database.
 *
 * Binds 127.0.0.1 by default, so nothing outside the machine can reach it unless `--host` says
 * so; on a loopback address the server also refuses requests naming another Host (DNS-rebinding
 * defence). Writes need `PARALLAX_TOKEN` (read from the environment, never from the command line
 * where `ps` would show it); without it the server is read-only.
 */
import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { createServer } from '../../server/app.js';
import type { Store } from '../../store/types.js';
import { type Context, UsageError } from '../context.js';
import { eprintln, println, type Io } from '../output.js';

export interface ServeOptions {
  host?: string;
  port?: number;
  allowPrivate?: boolean;
  /** Bearer token for writes (default: `$PARALLAX_TOKEN`). */
  token?: string | null;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** True for an address only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, got "${value}"`);
  return n;
}

/**
 * Start the server on `store` and print where it listens. Returns the running instance and its
 * URL; the caller closes it. Used by `parallax serve` and by `parallax demo --serve`.
 */
export async function startServer(io: Io, store: Store, opts: ServeOptions = {}): Promise<{ app: FastifyInstance; url: string }> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token === undefined ? (process.env.PARALLAX_TOKEN ?? null) : opts.token;
  const loopback = isLoopbackHost(host);
  const app = createServer({
    store,
    token: token || null,
    allowPrivate: !!opts.allowPrivate,
    allowedHosts: loopback ? [...LOOPBACK, host.toLowerCase()] : undefined,
    log: (line) => eprintln(io, `serve: ${line}`),
  });
  await app.listen({ host, port: opts.port ?? 8080 });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost === '0.0.0.0' || shownHost === '[::]' ? '127.0.0.1' : shownHost}:${port}/`;
  const stats = await store.stats();
  println(io, `Parallax is serving ${stats.articles} articles in ${stats.stories} stories at ${url}`);
  println(io, `  API: ${url}api/stories · description: ${url}api/openapi.json`);
  println(io, `  writes (POST /api/articles): ${token ? 'enabled with the bearer token from PARALLAX_TOKEN' : 'disabled (set PARALLAX_TOKEN to enable)'}`);
  if (!loopback) eprintln(io, `warning: listening on ${host}: anyone who can reach this machine can read the database`);
  println(io, '  Press Ctrl+C to stop.');
  // Render the front page once now (it writes a brief per story shown), so the first reader
  // does not wait for it; failures surface on that reader's request instead.
  void app.inject({ url: '/', headers: { host: loopback ? '127.0.0.1' : host } }).catch(() => undefined);
  return { app, url };
}

/** Resolve when the process is asked to stop (Ctrl+C or SIGTERM). */
function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (sig: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(sig);
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
}

/**
 * Serve `store` until Ctrl+C / SIGTERM, then close the server (the caller closes the store).
 * Listening errors become usage errors with the fix in the message. `parallax demo --serve` can
 * call this after loading the samples.
 */
export async function serveUntilStopped(io: Io, store: Store, opts: ServeOptions = {}): Promise<void> {
  let app: FastifyInstance;
  try {
    ({ app } = await startServer(io, store, opts));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') throw new UsageError(`port ${opts.port ?? 8080} is in use; pick another with --port (0 picks a free one)`);
    if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') throw new UsageError(`cannot bind ${opts.host}: not an address of this machine`);
    if (err.code === 'EACCES') throw new UsageError(`not allowed to bind port ${opts.port}; ports below 1024 need privileges`);
    throw e;
  }
  const sig = await untilStopped();
  eprintln(io, `\n${sig}: stopping`);
  await app.close();
}

export function registerServeCommand(program: Command, ctx: Context): void {
  program
    .command('serve')
    .description('serve the web UI and JSON API (writes need PARALLAX_TOKEN)')
    .option('--host <address>', 'address to bind (default 127.0.0.1: this machine only)')
    .option('--port <n>', 'port (default 8080; 0 picks a free one)', parsePort)
    .option('--allow-private', 'let POST /api/articles {"url"} fetch loopback/private/link-local addresses')
    .action(async (opts: ServeOptions) => {
      await serveUntilStopped(ctx.io, ctx.store(), opts);
    });
}
