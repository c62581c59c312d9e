import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPlainText } from '../ingest/plaintext.js';
import { finalizeArticle } from '../ingest/finalize.js';
import { loadLabelledArticles } from '../eval/cluster.js';
import { bcubed } from '../eval/metrics.js';
import type { Article } from '../types.js';
import { StoryClusterer, arrivalOrder, type ClustererState } from './index.js';
import { Vocabulary } from './vocab.js';

const FIXTURES = new URL('../../test/fixtures/', import.meta.url);
const ECB = '/work/shared/data/ecbplus/articles.jsonl';

function seed(name: string): Article {
  const item = readPlainText(readFileSync(new URL(`seeds/${name}`, FIXTURES), 'utf8'), name);
  if (!item.ok) throw new Error(item.reason);
  return finalizeArticle(item.draft, '2024-01-01T00:00:00.000Z');
}
const SEED_A = seed('000_74bfdcc74ec9356c.txt');
const SEED_B = seed('004_632889e61b552585.txt');

function fixture(name: string) {
  const path = new URL(`cluster/${name}`, FIXTURES);
  return loadLabelledArticles(readFileSync(path, 'utf8'), name);
}

function run(articles: Article[], c = new StoryClusterer()): StoryClusterer {
  for (const a of articles) c.add(a);
  c.consolidate();
  return c;
}

function predicted(c: StoryClusterer): Map<string, string> {
  const m = new Map<string, string>();
  for (const s of c.stories()) for (const id of s.members) m.set(id, s.id);
  return m;
}

describe('StoryClusterer on real reports', () => {
  const { articles, gold } = fixture('ecbplus-sample.jsonl');

  it('separates similar but different events and groups the reports of each', () => {
    const c = run(articles);
    const score = bcubed(predicted(c), gold);
    // Two anti-piracy operations and two Watergate deaths: no story may mix them.
    for (const s of c.stories()) expect(new Set(s.members.map((m) => gold.get(m))).size).toBe(1);
    expect(score.r).toBeGreaterThanOrEqual(0.85);
    expect(c.stories().length).toBeLessThan(articles.length / 2);
  });

  it('puts the two seed reports of one event together, in a story of their own', () => {
    for (const [i, j] of [
      [0, articles.length],
      [3, 9],
      [articles.length, articles.length],
    ]) {
      const stream = articles.slice();
      stream.splice(i, 0, SEED_A);
      stream.splice(j + 1, 0, SEED_B);
      const c = run(stream);
      const story = c.stories().find((s) => s.members.includes(SEED_A.id));
      expect(story?.members.sort()).toEqual([SEED_A.id, SEED_B.id].sort());
    }
  });

  it('is deterministic: same input and order, same stories and ids', () => {
    const one = run(articles).stories();
    const two = run(articles).stories();
    expect(two).toEqual(one);
    // Story ids are the ids of their first article.
    for (const s of one) expect(s.members).toContain(s.id);
  });

  it('continues exactly from exported state (through JSON)', () => {
    const half = Math.floor(articles.length / 2);
    const straight = new StoryClusterer();
    const a1 = articles.map((a) => straight.add(a).storyId);
    const first = new StoryClusterer();
    for (const a of articles.slice(0, half)) first.add(a);
    const state = JSON.parse(JSON.stringify(first.exportState())) as ClustererState;
    const resumed = StoryClusterer.fromState(state);
    const a2 = [...articles.slice(0, half).map((a) => resumed.storyOf(a.id)), ...articles.slice(half).map((a) => resumed.add(a).storyId)];
    expect(a2).toEqual(a1);
    expect(resumed.stories()).toEqual(straight.stories());
  });

  it('continues exactly from a state saved at any point, down to the similarity of each placement', () => {
    // Both fixture files, so that stories outlive a few arrivals: a story compares with weights it
    // cached under the IDF of an earlier moment, which a resumed clusterer must keep rather than
    // recompute (the stories alone can hide a difference; the scores cannot).
    const stream = [...articles, ...fixture('wikinews.jsonl').articles];
    const straight = new StoryClusterer();
    const scores = stream.map((a) => straight.add(a).score);
    for (let cut = 1; cut < stream.length; cut++) {
      const first = new StoryClusterer();
      for (const a of stream.slice(0, cut)) first.add(a);
      const resumed = StoryClusterer.fromState(JSON.parse(JSON.stringify(first.exportState())) as ClustererState);
      expect(stream.slice(cut).map((a) => resumed.add(a).score), `resumed after ${cut} articles`).toEqual(scores.slice(cut));
      expect(resumed.stories(), `stories resumed after ${cut} articles`).toEqual(straight.stories());
    }
  });

  it('places a copy in its original story without counting it as evidence', () => {
    const c = new StoryClusterer();
    const orig = c.add(articles[0]);
    const copy = c.add({ ...articles[5], id: 'copy-1' }, { copyOf: articles[0].id });
    expect(copy.storyId).toBe(orig.storyId);
    expect(copy.score).toBe(1);
    // copyOf naming an unknown article: clustered on its own merits.
    const other = c.add({ ...articles[0], id: 'copy-2' }, { copyOf: 'nobody' });
    expect(other.storyId).toBe(orig.storyId);
  });

  it('is idempotent for an article added twice, and reports story ids for every article', () => {
    const c = new StoryClusterer();
    const r1 = c.add(articles[0]);
    const r2 = c.add(articles[0]);
    expect(r2.storyId).toBe(r1.storyId);
    expect(c.articleCount).toBe(1);
    expect(c.storyOf('never-added')).toBeNull();
  });

  it('reports merges with the story that absorbed each one', () => {
    const c = new StoryClusterer();
    const absorbed = new Set<string>();
    for (const a of articles) {
      for (const m of c.add(a).merges) {
        absorbed.add(m.from);
        expect(c.stories().some((s) => s.id === m.from)).toBe(false);
      }
    }
    for (const m of c.consolidate()) {
      absorbed.add(m.from);
      expect(c.stories().find((s) => s.id === m.into)).toBeDefined();
    }
    for (const id of absorbed) expect(c.stories().some((s) => s.id === id)).toBe(false);
  });

  it('gives fragments a final check: at the end of a stream, and when they retire', () => {
    // Strict join and merge thresholds leave each event in fragments of two to four reports.
    const strict = { threshold: 0.5, singletonThreshold: 0.5, mergeThreshold: 0.9 };
    const score = (c: StoryClusterer) => bcubed(predicted(c), gold);
    const without = run(articles, new StoryClusterer({ ...strict, fragmentSize: 0 }));
    const withCheck = run(articles, new StoryClusterer(strict));
    expect(score(without).r).toBeLessThan(0.85);
    expect(score(withCheck).r).toBeGreaterThan(score(without).r + 0.1);
    // The fragments join their own event: the two sibling pairs (two anti-piracy operations, two
    // Watergate deaths) stay apart.
    expect(score(withCheck).p).toBe(1);
    // The check reads which features are names: that survives a saved state.
    const first = new StoryClusterer(strict);
    for (const a of articles.slice(0, 9)) first.add(a);
    const state = JSON.parse(JSON.stringify(first.exportState())) as ClustererState;
    expect(state.vocab.names?.length).toBeGreaterThan(10);
    const resumed = StoryClusterer.fromState(state);
    expect(run(articles.slice(9), resumed).stories()).toEqual(withCheck.stories());
    const names = Vocabulary.fromState(state.vocab);
    expect(state.vocab.names!.every((id) => names.isName(id))).toBe(true);
    expect(names.isName(state.vocab.df.find(([id]) => !names.isName(id))![0])).toBe(false);
    // Streaming, no end of stream: a fragment gets its check when it retires (idle for six arrivals).
    const dated = articles.map((a) => ({ ...a, published: '2011-11-10T00:00:00.000Z' }));
    const live = (fragmentSize?: number) => {
      const c = new StoryClusterer({ ...strict, idleDays: 0, idleArrivals: 6, sweepEvery: 1, ...(fragmentSize === undefined ? {} : { fragmentSize }) });
      for (const a of dated) c.add(a);
      return score(c);
    };
    expect(live().r).toBeGreaterThan(live(0).r + 0.05);
    expect(live().p).toBe(1);
  });

  it('rejects an article without an id with a clear error', () => {
    const c = new StoryClusterer();
    expect(() => c.add({ ...articles[0], id: '' })).toThrow(/no id/);
    expect(() => c.add(null as unknown as Article)).toThrow(/no id/);
  });
});

describe('time', () => {
  it('needs stronger evidence across a long gap, none when times are unknown', () => {
    const { articles } = fixture('ecbplus-sample.jsonl');
    const t0 = Date.parse('2011-11-10T00:00:00Z');
    // Every other report published at t0; `last` arrives `gapDays` later (or undated).
    const place = (last: Article, gapDays: number | null) => {
      const c = new StoryClusterer();
      for (const a of articles) if (a !== last) c.add({ ...a, published: new Date(t0).toISOString() });
      return c.add({ ...last, published: gapDays === null ? null : new Date(t0 + gapDays * 86_400_000).toISOString() });
    };
    // Reports whose evidence for their story is moderate: they join at once, and not three years on.
    let moderate = 0;
    for (const a of articles) {
      const now = place(a, null);
      if (now.score === 0 || now.score > 0.4) continue;
      moderate++;
      expect(place(a, 1).score).toBe(now.score); // a day is no gap worth evidence
      expect(place(a, 3 * 365).score).toBe(0); // three years: it opens its own story
    }
    expect(moderate).toBeGreaterThan(0);
    // Strong evidence still joins across years (trial follow-ups).
    const strong = articles.find((a) => place(a, null).score > 0.55);
    expect(strong).toBeDefined();
    expect(place(strong!, 3 * 365).score).toBeGreaterThan(0);
  });

  it('retires idle stories from the index but keeps their ids and members', () => {
    const { articles } = fixture('wikinews.jsonl');
    const c = new StoryClusterer({ idleDays: 1, idleArrivals: 2, sweepEvery: 1 });
    articles.forEach((a, i) => c.add({ ...a, published: new Date(Date.UTC(2010, 0, 1) + i * 3 * 86_400_000).toISOString() }));
    expect(c.liveStoryCount).toBeLessThan(3);
    expect(c.stories().flatMap((s) => s.members).sort()).toEqual(articles.map((a) => a.id).sort());
    for (const a of articles) expect(c.storyOf(a.id)).not.toBeNull();
  });
});

describe('arrivalOrder', () => {
  const base = fixture('ecbplus-sample.jsonl').articles.slice(0, 4);
  it('sorts dated articles by time and leaves undated ones in their input slots, stably', () => {
    const [a, b, c, d] = base;
    const input = [
      { ...a, published: '2011-11-03T00:00:00.000Z' },
      { ...b, published: null },
      { ...c, published: '2011-11-01T00:00:00.000Z' },
      { ...d, published: '2011-11-01T00:00:00.000Z' },
    ];
    expect(arrivalOrder(input).map((x) => x.id)).toEqual([c.id, b.id, d.id, a.id]);
    expect(arrivalOrder([])).toEqual([]);
  });
});

describe.skipIf(!existsSync(ECB))('ECB+ (../shared/data)', () => {
  it('keeps the two seed reports in a story of their own among all ECB+ articles', () => {
    const { articles } = loadLabelledArticles(readFileSync(ECB, 'utf8'), ECB);
    const stream = articles.slice();
    stream.splice(100, 0, SEED_A);
    stream.splice(600, 0, SEED_B);
    const c = run(stream);
    const story = c.stories().find((s) => s.members.includes(SEED_A.id));
    expect(story?.members.sort()).toEqual([SEED_A.id, SEED_B.id].sort());
  });
});
