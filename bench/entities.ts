/**
 * Entities benchmark: extraction and resolution throughput on the ECB+ articles, and the effect of
 * canonical entity keys as the clustering name signal.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/entities.js [articles.jsonl] [--rounds N] [--no-cluster]
 *
 * Throughput is measured after two warm-up passes (JIT, lazy loading of the gazetteer and the tagger
 * model; the tagger's snippet memo is cleared before every round), as the median and the best of N rounds (default 3), in both wall time and process CPU
 * time — on a shared, loaded machine the best round and CPU time are the fairer figures. "extract" is `extractMentions` alone; "extract +
 * resolve" adds an `EntityResolver` fed article by article with each article's gold event as its
 * story (the shape of ingest with stories known).
 *
 * The clustering comparison runs the project's streaming clusterer (dedupe + StoryClusterer, file
 * order, as `parallax eval cluster` does) twice: with its built-in name-token extractor, and with
 * `entityKeys(article)` passed as the article's names; it prints B-cubed and pairwise F1 of both.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadLabelledArticles } from '../src/eval/cluster.js';
import { bcubed, pairwise } from '../src/eval/metrics.js';
import { DedupeIndex, copyTarget } from '../src/dedupe/index.js';
import { StoryClusterer } from '../src/cluster/index.js';
import { extractMentions } from '../src/entities/extract.js';
import { EntityResolver, entityKeys } from '../src/entities/resolve.js';
import { clearTagMemo } from '../src/text/pos.js';
import type { Article } from '../src/types.js';

const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Math.max(1, Number(args[roundsAt + 1]) || 3) : 3;
const path = args.find((a, i) => !a.startsWith('--') && i !== roundsAt + 1) ?? '../shared/data/ecbplus/articles.jsonl';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(label: string, n: number, run: () => void): void {
  run(); // warm-up: JIT, lazy gazetteer and tagger model
  run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // each round sees the corpus as new: snippets memoised by the tagger in earlier rounds are
    // forgotten (repeats within one pass still hit, as they would in a stream)
    clearTagMemo();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run();
    const w = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    wall.push(n / w);
    cpu.push(n / ((c.user + c.system) / 1e6));
  }
  const best = (xs: number[]) => Math.round(Math.max(...xs)).toString().padStart(6);
  const med = (xs: number[]) => Math.round(median(xs)).toString().padStart(6);
  console.log(`${label.padEnd(20)} wall ${med(wall)} median ${best(wall)} best   cpu ${med(cpu)} median ${best(cpu)} best   articles/s (${rounds} rounds)`);
}

/**
 * Reading entities from a large resolver: the corpus fed four times under different story ids
 * (about 16k entities), then one more article. The first full read builds every entity; after one
 * more article only the changed ones are rebuilt.
 */
function readingAtScale(articles: Article[], mentions: ReturnType<typeof extractMentions>[], gold: Map<string, string>): void {
  const r = new EntityResolver();
  for (let round = 0; round < 4; round++) articles.forEach((a, i) => r.add(mentions[i], { storyId: `${round}:${gold.get(a.id) ?? a.id}` }));
  let t0 = performance.now();
  const n = r.entities().length;
  const full = performance.now() - t0;
  const ids = r.add(mentions[0], { storyId: '4:new' });
  t0 = performance.now();
  r.entities();
  const incremental = performance.now() - t0;
  t0 = performance.now();
  const touched = r.entitiesOf(ids.values()).length;
  const of = performance.now() - t0;
  console.log(
    `reading ${n} entities: first full read ${full.toFixed(1)} ms; after one more article: entities() ${incremental.toFixed(1)} ms, entitiesOf(${touched} touched) ${of.toFixed(2)} ms`,
  );
}

function cluster(articles: Article[], gold: Map<string, string>, names?: Map<string, string[]>) {
  const dedupe = new DedupeIndex();
  const c = new StoryClusterer();
  for (const a of articles) {
    const copyOf = copyTarget(dedupe.add(a));
    c.add(a, { copyOf, names: names?.get(a.id) });
  }
  c.consolidate();
  const pred = new Map<string, string>();
  for (const a of articles) pred.set(a.id, c.storyOf(a.id) as string);
  return { b3: bcubed(pred, gold), pw: pairwise(pred, gold), stories: new Set(pred.values()).size };
}

function main(): void {
  if (!existsSync(path)) {
    console.log(`entities bench: ${path} not found; pass the ECB+ articles.jsonl path`);
    return;
  }
  const { articles, gold, skipped } = loadLabelledArticles(readFileSync(path, 'utf8'), path);
  console.log(`entities bench: ${articles.length} articles from ${path}${skipped.length ? `, ${skipped.length} skipped` : ''}`);

  measure('extract', articles.length, () => {
    for (const a of articles) extractMentions(a);
  });
  measure('extract + resolve', articles.length, () => {
    const r = new EntityResolver();
    for (const a of articles) r.add(extractMentions(a), { storyId: gold.get(a.id) });
  });
  const mentions = articles.map((a) => extractMentions(a));
  measure('resolve only', articles.length, () => {
    const r = new EntityResolver();
    articles.forEach((a, i) => r.add(mentions[i], { storyId: gold.get(a.id) }));
  });
  // what ingest does: resolve, then read the entities the article touched
  measure('resolve + read', articles.length, () => {
    const r = new EntityResolver();
    articles.forEach((a, i) => r.entitiesOf(r.add(mentions[i], { storyId: gold.get(a.id) }).values()));
  });
  readingAtScale(articles, mentions, gold);

  if (args.includes('--no-cluster')) return;
  const keys = new Map<string, string[]>();
  articles.forEach((a, i) => keys.set(a.id, entityKeys(a, mentions[i])));
  const base = cluster(articles, gold);
  const withKeys = cluster(articles, gold, keys);
  const f = (x: { f1: number; p: number; r: number }) => `F1 ${x.f1.toFixed(4)} (P ${x.p.toFixed(3)} R ${x.r.toFixed(3)})`;
  console.log(`cluster, built-in names   B3 ${f(base.b3)}   pairwise ${f(base.pw)}   ${base.stories} stories`);
  console.log(`cluster, entity keys      B3 ${f(withKeys.b3)}   pairwise ${f(withKeys.pw)}   ${withKeys.stories} stories`);
}

main();
