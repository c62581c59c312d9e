/**
 * `npm run bench:compare`: time `compareStory` on 200-article stories (the target: ≤ 1 s).
 *
 * Two stories, both from the bundled Wikinews sample (real text, CC BY 2.5):
 * - **syndicated**: the ten Air France Flight 447 articles plus 190 derived versions of them, as a
 *   wire story spreads — each a copy of one original with a paragraph dropped, a figure changed
 *   and, in every other one, a paragraph of another original appended — from 50 outlets. Many
 *   near-identical sentences: the worst case for fact grouping and for independence checks.
 * - **distinct**: the 100 sample articles (ten events) plus 100 recombinations of two of them, all
 *   compared as one story from 50 outlets: many different facts and few copies, the worst case for
 *   the candidate search.
 * Each is timed with the entities stage run inside `compareStory` (what a caller without stored
 * mentions gets) and with mentions given (what the CLI can pass from the store). Wall time is the
 * median of five runs after one warm-up run; CPU time (user + system of this process) is reported
 * too, because on a shared machine wall time includes waiting for a core.
 *
 * Usage: `node dist/bench/compare.js [--json] [--runs=5]`
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../src/types.js';
import type { Mention } from '../src/entities/types.js';
import { readJsonDocument } from '../src/ingest/interchange.js';
import { finalizeArticle } from '../src/ingest/finalize.js';
import { extractMentions } from '../src/entities/extract.js';
import { resolveMentions } from '../src/entities/resolve.js';
import { compareStory } from '../src/compare/index.js';
import { rng } from './corpus.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);

function load(): Array<{ id: string; article: Article }> {
  const p = join(root, 'samples/wikinews/wikinews.jsonl');
  const out: Array<{ id: string; article: Article }> = [];
  for (const item of readJsonDocument(readFileSync(p, 'utf8'), p)) {
    if (item.ok) out.push({ id: item.draft.externalId ?? '', article: finalizeArticle(item.draft, '2024-01-01T00:00:00.000Z') });
  }
  return out;
}

function derived(base: Article, i: number, paragraphs: string[], outlet: number, day: number): Article {
  return finalizeArticle(
    {
      ...base,
      externalId: `bench-${i}`,
      paragraphs,
      outlet: { name: `Outlet ${outlet}`, domain: `outlet${outlet}.example` },
      // A URL of its own: identical texts from different outlets are different articles.
      url: `https://outlet${outlet}.example/news/${i}`,
      canonicalUrl: `https://outlet${outlet}.example/news/${i}`,
      published: new Date(Date.UTC(2009, 5, 1 + day, i % 24)).toISOString(),
    },
    '2024-01-01T00:00:00.000Z',
  );
}

/** Change the first figure of a paragraph list by one ("228" → "229"). */
function changeFigure(ps: string[]): string[] {
  let done = false;
  return ps.map((p) =>
    done
      ? p
      : p.replace(/\b(\d{2,})\b/, (m) => {
          done = true;
          return String(Number(m) + 1);
        }),
  );
}

function syndicated(all: Array<{ id: string; article: Article }>): Article[] {
  const originals = all.filter((x) => x.id >= 'M0080' && x.id <= 'M0089').map((x) => x.article);
  const rand = rng(447);
  const out = originals.map((a, k) => derived(a, 1000 + k, a.paragraphs, k, 0));
  for (let i = 0; out.length < 200; i++) {
    const base = originals[i % originals.length];
    let ps = base.paragraphs.filter((_, k) => k !== 1 + Math.floor(rand() * Math.max(1, base.paragraphs.length - 1)));
    ps = changeFigure(ps);
    if (i % 2 === 0) {
      const other = originals[Math.floor(rand() * originals.length)];
      ps = [...ps, other.paragraphs[Math.floor(rand() * other.paragraphs.length)]];
    }
    out.push(derived(base, i, ps, Math.floor(rand() * 50), 1 + Math.floor(rand() * 5)));
  }
  return out;
}

function distinct(all: Array<{ id: string; article: Article }>): Article[] {
  const rand = rng(7);
  const out = all.map((x, k) => derived(x.article, 2000 + k, x.article.paragraphs, k % 50, k % 10));
  for (let i = 0; out.length < 200; i++) {
    const a = all[Math.floor(rand() * all.length)].article;
    const b = all[Math.floor(rand() * all.length)].article;
    const ps = [...a.paragraphs.slice(0, Math.ceil(a.paragraphs.length / 2)), ...b.paragraphs.slice(Math.floor(b.paragraphs.length / 2))];
    out.push(derived(a, 3000 + i, ps, Math.floor(rand() * 50), i % 10));
  }
  return out;
}

interface Timing {
  story: string;
  entities: 'inside' | 'given';
  articles: number;
  units: number;
  groups: number;
  consensus: number;
  disagreements: number;
  passages: number;
  wall_ms: number;
  cpu_ms: number;
}

function time(story: string, articles: Article[], mentions?: Map<string, Mention[]>, entityOf?: (m: Mention) => string | undefined): Timing {
  const opts = mentions ? { mentions, entityOf } : {};
  let c = compareStory(articles, opts); // warm-up
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    c = compareStory(articles, opts);
    walls.push(performance.now() - t0);
    const cu = process.cpuUsage(c0);
    cpus.push((cu.user + cu.system) / 1000);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    story,
    entities: mentions ? 'given' : 'inside',
    articles: c.stats.articles,
    units: c.stats.units,
    groups: c.stats.groups,
    consensus: c.consensus.length,
    disagreements: c.disagreements.length,
    passages: c.provenance.sharedPassages.length,
    wall_ms: Math.round(median(walls)),
    cpu_ms: Math.round(median(cpus)),
  };
}

const all = load();
const results: Timing[] = [];
for (const [name, articles] of [
  ['syndicated', syndicated(all)],
  ['distinct', distinct(all)],
] as const) {
  results.push(time(name, articles));
  const mentions = new Map(articles.map((a) => [a.id, extractMentions(a)]));
  const { assignment } = resolveMentions([...mentions.values()].flat(), { storyOf: () => 'story' });
  results.push(time(name, articles, mentions, (m) => assignment.get(m)));
}
if (json) console.log(JSON.stringify(results, null, 2));
else {
  console.log('compareStory on 200-article stories (median of %d runs; target ≤ 1000 ms)', runs);
  for (const r of results) {
    console.log(
      `${r.story.padEnd(10)} entities ${r.entities.padEnd(6)} ${String(r.wall_ms).padStart(5)} ms wall ${String(r.cpu_ms).padStart(5)} ms cpu  ` +
        `(${r.articles} articles, ${r.units} units, ${r.groups} groups, ${r.consensus} consensus, ${r.disagreements} disagreements, ${r.passages} passages)`,
    );
  }
}
