/**
 * `npm run bench:ingest`: ingest throughput into SQLite for JSONL and for HTML pages, with peak
 * memory (process-wide, so later rows include earlier peaks). Node runs the pipeline on one thread.
 * Each format is measured storing only, then with every incremental stage (dedupe, stories,
 * entities).
 *
 * JSONL: N synthetic articles recombined from real text, one file. HTML: M pages, each a real
 * article wrapped in realistic page chrome (navigation, related links, JSON-LD, OpenGraph),
 * one file each, read from a directory.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInputs } from '../src/ingest/sources.js';
import { ingestItems } from '../src/pipeline.js';
import { openStore } from '../src/store/index.js';
import { peakRssMiB, syntheticArticles } from './corpus.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const nJsonl = Number(args.find((a) => a.startsWith('--jsonl='))?.slice(8) ?? 10_000);
const nHtml = Number(args.find((a) => a.startsWith('--html='))?.slice(7) ?? 1_000);

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function page(a: Record<string, unknown>): string {
  const title = esc(String(a.title ?? ''));
  const paras = String(a.text)
    .split('\n\n')
    .map((p) => `<p>${esc(p)}</p>`)
    .join('\n');
  const ld = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: a.title,
    datePublished: a.published,
    author: [{ '@type': 'Person', name: 'Staff Reporter' }],
    publisher: { '@type': 'Organization', name: a.source },
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | ${esc(String(a.source))}</title>
<link rel="canonical" href="${esc(String(a.url))}"><meta property="og:title" content="${title}">
<meta property="og:site_name" content="${esc(String(a.source))}"><script type="application/ld+json">${ld}</script></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>${title}</h1><div class="byline">By Staff Reporter</div>${paras}</article>
<aside><h2>Related</h2><ul><li><a href="/a">Markets rally on rate hopes</a></li><li><a href="/b">Weather: storms expected</a></li></ul></aside></main>
<footer><p>© ${esc(String(a.source))}. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>`;
}

/**
 * `store`: read → finalise → SQLite (what `ingest` does before clustering).
 * `full`: the same plus near-duplicates, stories and entities, as `parallax ingest` runs it.
 */
async function run(label: string, stages: 'store' | 'full', inputs: string[], dbDir: string): Promise<Record<string, number | string>> {
  const store = openStore(join(dbDir, `${label}-${stages}.db`));
  const t0 = performance.now();
  const s = await ingestItems(store, readInputs(inputs), { cluster: stages === 'full' });
  const secs = (performance.now() - t0) / 1000;
  await store.close();
  return {
    format: label,
    stages,
    added: s.added,
    duplicates: s.duplicates,
    failed: s.failed.length,
    seconds: Number(secs.toFixed(2)),
    articles_per_s: Math.round(s.added / secs),
    peak_rss_mib: Math.round(peakRssMiB()),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'parallax-bench-ingest-'));
try {
  const jsonlPath = join(dir, 'articles.jsonl');
  writeFileSync(jsonlPath, syntheticArticles(nJsonl, 1).map((a) => JSON.stringify(a)).join('\n') + '\n');
  const htmlDir = join(dir, 'html');
  mkdirSync(htmlDir);
  syntheticArticles(nHtml, 2).forEach((a, i) => writeFileSync(join(htmlDir, `page-${String(i).padStart(5, '0')}.html`), page(a)));
  const results = [
    await run('jsonl', 'store', [jsonlPath], dir),
    await run('html', 'store', [htmlDir], dir),
    await run('jsonl', 'full', [jsonlPath], dir),
    await run('html', 'full', [htmlDir], dir),
  ];
  if (json) console.log(JSON.stringify(results));
  else {
    for (const r of results)
      console.log(
        `${String(r.format).padEnd(6)} ${String(r.stages).padEnd(6)} ${r.added} articles in ${r.seconds}s = ${r.articles_per_s} articles/s (duplicates ${r.duplicates}, failed ${r.failed}); peak RSS ${r.peak_rss_mib} MiB`,
      );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
