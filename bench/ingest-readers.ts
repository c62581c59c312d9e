import { resolve } from 'node:path';
/**
 * Throughput of the ingest readers plus finalizeArticle (language id, attribution hints, hashes) —
 * everything of `parallax ingest` except the store. One core, one process.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/ingest-readers.js [rounds]
 *
 * Inputs:
 * - JSONL: /work/shared/data/ecbplus/articles.jsonl (772 articles), read through readInputs from
 *   disk `rounds` times (default 5); also through the line-streaming path used for files larger
 *   than the document limit.
 * - HTML: the 100 Wikinews articles of /work/shared/data/multiling2011-en/clusters.jsonl, each put
 *   into the page template of test/fixtures/ingest/news-page.html (nav, ads, JSON-LD, OpenGraph),
 *   once as is (~7 KB pages) and once padded to the size of a typical news page (~120 KB: an inline
 *   script bundle, a 300-link mega-menu, a related-stories rail). Without /work/shared the fixture
 *   texts are used instead.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { finalizeArticle } from '../src/ingest/finalize.js';
import { readDocument, readInputs } from '../src/ingest/sources.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ECB = resolve('../shared/data/ecbplus/articles.jsonl');
const MULTILING = resolve('../shared/data/multiling2011-en/clusters.jsonl');
const rounds = Number(process.argv[2] ?? 5);

/** Process CPU seconds (user + system): on a machine shared with other jobs it is steadier than wall time. */
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function rate(label: string, n: number, unit: string, wall0: number, cpu0: number): void {
  const wall = (performance.now() - wall0) / 1000;
  const cpu = cpuSeconds() - cpu0;
  console.log(`${label}: ${n} ${unit} — wall ${wall.toFixed(2)} s = ${Math.round(n / wall)} ${unit}/s; CPU ${cpu.toFixed(2)} s = ${Math.round(n / cpu)} ${unit}/CPU-s`);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

async function benchJsonl(): Promise<void> {
  const file = existsSync(ECB) ? ECB : path.join(ROOT, 'test/fixtures/ingest/bad-line.jsonl');
  for (const [label, opts] of [
    ['whole file', {}],
    ['line stream', { maxBytes: 64 * 1024 }],
  ] as const) {
    let n = 0;
    let failed = 0;
    const t0 = performance.now();
    const c0 = cpuSeconds();
    for (let r = 0; r < rounds; r++) {
      for await (const item of readInputs([file], opts)) {
        if (!item.ok) {
          failed++;
          continue;
        }
        finalizeArticle(item.draft);
        n++;
      }
    }
    rate(`JSONL ${label} [${path.basename(file)} x${rounds}, ${failed} failed]`, n, 'articles', t0, c0);
  }
}

function articleTexts(): { title: string; paragraphs: string[] }[] {
  if (existsSync(MULTILING)) {
    const out: { title: string; paragraphs: string[] }[] = [];
    for (const line of readFileSync(MULTILING, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const cluster = JSON.parse(line) as { documents: { title: string; text: string }[] };
      for (const d of cluster.documents) out.push({ title: d.title, paragraphs: d.text.split(/\n+/).map((p) => p.trim()).filter(Boolean) });
    }
    return out;
  }
  const seed = readFileSync(path.join(ROOT, 'test/fixtures/seeds/000_74bfdcc74ec9356c.txt'), 'utf8').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return Array.from({ length: 100 }, () => ({ title: seed[0], paragraphs: seed.slice(1) }));
}

function pages(heavy: boolean): Buffer[] {
  const template = readFileSync(path.join(ROOT, 'test/fixtures/ingest/news-page.html'), 'utf8');
  const bodyStart = template.indexOf('<div class="story-body">') + '<div class="story-body">'.length;
  const bodyEnd = template.indexOf('</div>\n      <div class="share-tools">');
  const menu = Array.from({ length: 300 }, (_, i) => `<li><a href="/section/${i}">Section ${i}</a></li>`).join('');
  const rail = Array.from({ length: 40 }, (_, i) => `<li><a href="/story/${i}"><img src="/t/${i}.jpg" alt=""><span>Related story number ${i} about the news of the day</span></a></li>`).join('');
  const script = `<script>${'window.__STATE__=' + JSON.stringify({ items: Array.from({ length: 900 }, (_, i) => ({ id: i, slug: `story-${i}`, views: i * 7 })) })}</script>`;
  return articleTexts().map((a) => {
    let html = template.slice(0, bodyStart) + a.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n') + template.slice(bodyEnd);
    html = html.replaceAll('8.8 magnitude earthquake hits Chile; tsunami warnings issued throughout Pacific rim', escapeHtml(a.title));
    if (heavy) html = html.replace('</nav>', `<ul class="mega">${menu}</ul></nav>`).replace('</aside>', `<ul>${rail}</ul></aside>`).replace('</head>', `${script}</head>`);
    return Buffer.from(html);
  });
}

async function benchHtml(heavy: boolean): Promise<void> {
  const docs = pages(heavy);
  const avg = docs.reduce((s, d) => s + d.length, 0) / docs.length;
  // In memory (readDocument), then from disk through readInputs.
  let n = 0;
  const t0 = performance.now();
  const c0 = cpuSeconds();
  for (let r = 0; r < rounds; r++) {
    for (const [i, d] of docs.entries()) {
      for (const item of readDocument(d, { name: `page${i}.html` })) {
        if (item.ok) {
          finalizeArticle(item.draft);
          n++;
        }
      }
    }
  }
  rate(`HTML ${heavy ? 'heavy' : 'light'} [avg ${(avg / 1024).toFixed(0)} KiB, in memory x${rounds}]`, n, 'pages', t0, c0);

  const dir = mkdtempSync(path.join(tmpdir(), 'parallax-bench-'));
  try {
    docs.forEach((d, i) => writeFileSync(path.join(dir, `page${String(i).padStart(3, '0')}.html`), d));
    let m = 0;
    const t1 = performance.now();
    const c1 = cpuSeconds();
    for await (const item of readInputs([dir])) {
      if (item.ok) {
        finalizeArticle(item.draft);
        m++;
      }
    }
    rate(`HTML ${heavy ? 'heavy' : 'light'} [from a directory x1]`, m, 'pages', t1, c1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Warm-up (JIT, first parse) so the rounds measure steady state; module loading (eld's model,
// ~0.35 s) happened at import and is not counted.
for (const item of readDocument(readFileSync(path.join(ROOT, 'test/fixtures/ingest/news-page.html')), { name: 'warm-up' })) {
  if (item.ok) finalizeArticle(item.draft);
}
await benchJsonl();
await benchHtml(false);
await benchHtml(true);
