/**
 * Real article text for benchmarks: the bundled Wikinews sample, plus ECB+ and MultiLing from
 * ../shared/data when present. `syntheticArticles(n)` recombines real paragraphs into n distinct
 * articles (deterministic, seeded), so throughput is measured on realistic text without repeats
 * being dropped as duplicates.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJsonDocument } from '../src/ingest/interchange.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface BenchDoc {
  title: string | null;
  paragraphs: string[];
  published: string | null;
  source: string | null;
}

const SOURCES = ['samples/wikinews/wikinews.jsonl', '../shared/data/ecbplus/articles.jsonl'];

/**
 * The source files the corpus is made of on this machine, relative to the repo root. A benchmark
 * prints them: without ../shared beside the checkout the corpus is the Wikinews sample alone, and
 * its figures are not comparable with those of the full corpus.
 */
export function corpusSources(): string[] {
  return SOURCES.filter((f) => existsSync(join(root, f)));
}

/** Every real article available on this machine. */
export function realDocs(): BenchDoc[] {
  const docs: BenchDoc[] = [];
  for (const f of corpusSources().map((x) => join(root, x))) {
    for (const item of readJsonDocument(readFileSync(f, 'utf8'), f)) {
      if (item.ok)
        docs.push({ title: item.draft.headline, paragraphs: item.draft.paragraphs, published: item.draft.published, source: item.draft.outlet.name });
    }
  }
  return docs;
}

/** Small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n distinct articles as interchange objects, each built from a real article with a paragraph of another. */
export function syntheticArticles(n: number, seed = 1): Array<Record<string, unknown>> {
  const docs = realDocs();
  const rand = rng(seed);
  const out: Array<Record<string, unknown>> = [];
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < n; i++) {
    const base = docs[Math.floor(rand() * docs.length)];
    const other = docs[Math.floor(rand() * docs.length)];
    const extra = other.paragraphs[Math.floor(rand() * other.paragraphs.length)] ?? '';
    out.push({
      id: `bench-${i}`,
      title: base.title ?? base.paragraphs[0]?.slice(0, 80) ?? null,
      text: [...base.paragraphs, extra, `Reference ${i}.`].join('\n\n'),
      published: new Date(start + Math.floor(rand() * 30 * 86_400_000)).toISOString(),
      source: `Outlet ${Math.floor(rand() * 50)}`,
      url: `https://outlet${Math.floor(rand() * 50)}.example/news/${i}`,
    });
  }
  return out;
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}
