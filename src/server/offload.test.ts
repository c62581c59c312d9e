import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finalizeArticle } from '../ingest/finalize.js';
import { readDocument } from '../ingest/sources.js';
import type { Article } from '../types.js';
import { SectionWorker, offloadedSections, workerScript } from './offload.js';
import { computedSections } from './sections.js';

const ROOT = join(import.meta.dirname, '../..');
/** The compiled worker (npm test builds dist/ before running the tests). */
const DIST_WORKER = join(ROOT, 'dist/src/server/section-worker.js');
/** Only a build newer than the server's sources tests this code rather than an older version. */
const FRESH_BUILD =
  existsSync(DIST_WORKER) &&
  readdirSync(import.meta.dirname)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .every((f) => statSync(join(import.meta.dirname, f)).mtimeMs <= statSync(DIST_WORKER).mtimeMs);

function seeds(): Article[] {
  const dir = join(ROOT, 'samples/seeds');
  return ['000_74bfdcc74ec9356c.txt', '004_632889e61b552585.txt'].map((f) => {
    const [item] = readDocument(readFileSync(join(dir, f)), { name: f });
    if (!item.ok) throw new Error(item.reason);
    return finalizeArticle(item.draft, '2026-01-01T00:00:00.000Z');
  });
}

describe('section worker', () => {
  it('is not used when running from the TypeScript sources', () => {
    expect(workerScript()).toBeNull();
  });

  it.skipIf(!FRESH_BUILD)('computes the same sections as in-process (compiled worker)', async () => {
    const articles = seeds();
    const offloaded = offloadedSections(DIST_WORKER)!;
    const local = computedSections();
    try {
      const ctx = { storyId: 's1', relations: [], mentions: new Map() };
      const brief = await offloaded.brief!(articles, { words: 60 });
      expect(brief.sentences.length).toBeGreaterThan(0);
      expect(brief).toEqual(await local.brief!(articles, { words: 60 }));
      const comparison = await offloaded.comparison!(articles, ctx);
      expect(comparison!.sections.length).toBeGreaterThan(0);
      expect(comparison).toEqual(await local.comparison!(articles, ctx));
    } finally {
      await offloaded.close!();
    }
  });

  it('fails pending requests with the reason when the worker dies, and starts a new one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parallax-worker-'));
    const script = join(dir, 'dies.mjs');
    writeFileSync(script, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n");
    const w = new SectionWorker(script);
    try {
      await expect(w.run('brief', [], {})).rejects.toThrow('the section worker stopped (exit code 3)');
      await expect(w.run('brief', [], {})).rejects.toThrow('exit code 3');
    } finally {
      await w.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
