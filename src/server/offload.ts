/**
 * Story sections computed in a worker thread.
 *
 * Why: the brief and the comparison of a large story take seconds of CPU (measured:
 * a 374-article story of the serve benchmark). Computed on the server's event loop, that time
 * would stall every other request — the cached `GET /api/stories` included. In a worker the event
 * loop stays free; only the reader who opened that story waits. One worker, because sections are
 * CPU-bound and the machine's other core belongs to everything else; requests queue in order.
 *
 * The worker runs the compiled `section-worker.js` beside this file. When it does not exist
 * (the TypeScript sources run directly, as in the test runner) {@link offloadedSections} returns
 * null and the server computes sections in-process, with the same providers.
 *
 * A crashed worker fails its pending requests with the reason (the sections show as unavailable)
 * and is started again on the next request.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Article } from '../types.js';
import { storedSections, type Sections } from './sections.js';
import type { SectionKind, SectionReply, SectionRequest } from './section-worker.js';

/** Runs section requests on one lazily started worker thread. */
export class SectionWorker {
  private worker: Worker | null = null;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;

  constructor(private readonly script: string) {}

  private start(): Worker {
    const w = new Worker(this.script);
    // Idle, the worker must not keep a finished CLI process alive.
    w.unref();
    w.on('message', (m: SectionReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) w.unref();
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.error));
    });
    const fail = (reason: string) => {
      if (this.worker === w) this.worker = null;
      for (const p of this.pending.values()) p.reject(new Error(reason));
      this.pending.clear();
    };
    w.on('error', (e) => fail(`the section worker failed: ${e.message}`));
    w.on('exit', (code) => fail(`the section worker stopped (exit code ${code})`));
    return w;
  }

  run<T>(kind: SectionKind, articles: Article[], arg: unknown): Promise<T> {
    this.worker ??= this.start();
    const w = this.worker;
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      w.ref();
      w.postMessage({ id, kind, articles, arg } satisfies SectionRequest);
    });
  }

  /** Start the thread now (it loads its modules while the server waits for its first request). */
  warm(): void {
    if (this.worker) return;
    // A brief of one small article makes the thread load its language models now.
    const now = new Date().toISOString();
    const probe: Article = {
      id: 'warm-up', externalId: null, headline: 'Warm-up', headlineDerived: false,
      paragraphs: ['The server started and prepared its models before the first request.'],
      url: null, canonicalUrl: null, outlet: { name: null, domain: null }, authors: [], published: now,
      language: 'en', format: 'text', contentHash: 'warm-up', ingestedAt: now, attributions: [],
    };
    this.run('brief', [probe], {}).catch(() => undefined);
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}

/** Path of the compiled worker script beside this module, or null when running from sources. */
export function workerScript(): string | null {
  const url = new URL('./section-worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.js')) return null;
  const path = fileURLToPath(url);
  return existsSync(path) ? path : null;
}

/**
 * Computed sections on a worker thread (stored ones stay in-process: they are queries on the
 * store's connection), or null when no compiled worker is available.
 */
export function offloadedSections(script: string | null = workerScript()): Sections | null {
  if (!script) return null;
  const worker = new SectionWorker(script);
  return {
    ...storedSections(),
    brief: (articles, opts) => worker.run('brief', articles, opts),
    comparison: (articles, ctx) => worker.run('comparison', articles, ctx),
    close: () => worker.close(),
    warm: () => worker.warm(),
  };
}
