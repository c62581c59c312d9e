import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readJsonDocument } from './ingest/interchange.js';
import { DedupeIndex, copyTarget } from './dedupe/index.js';
import { StoryClusterer, arrivalOrder } from './cluster/index.js';
import { BATCH_MS, clusterPending, ingestItems, newStageTimes, reclusterAll } from './pipeline.js';
import { SqliteStore } from './store/sqlite.js';
import type { Store } from './store/types.js';
import type { ReadItem } from './types.js';

const sample = join(import.meta.dirname, '../samples/wikinews/wikinews.jsonl');

/** The bundled 100 Wikinews articles as read items (real text, several stories). */
function sampleItems(): ReadItem[] {
  return readJsonDocument(readFileSync(sample, 'utf8'), sample);
}

function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'parallax-pipeline-')), 't.db');
}

/** Everything clustering produced, in a comparable form: story of each article, story rows, mentions, relations. */
async function snapshot(store: Store, ids: string[]) {
  const stories = await store.listStories();
  const mentions = [];
  for (const id of ids) mentions.push(await store.mentionsOf(id));
  return {
    storyOf: await Promise.all(ids.map((id) => store.storyOfArticle(id))),
    // Without first/last seen: for an undated article they are its ingest time, which differs per run.
    stories: stories.map((s) => ({ id: s.id, size: s.size, outlets: s.outlets, headline: s.headline })),
    mentions,
    relations: await store.relationsFor(ids),
    entities: await store.listEntities({}),
  };
}

async function* slowly(items: ReadItem[], everyMs: number): AsyncGenerator<ReadItem> {
  for (const item of items) {
    yield item;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

describe('ingestItems', () => {
  it('stores every good item once, reports each bad one, and counts an article added only once committed', async () => {
    const path = tempDb();
    const store = new SqliteStore(path);
    const reader = new Database(path, { readonly: true });
    const good = sampleItems();
    const items: ReadItem[] = [
      ...good.slice(0, 40),
      { ok: false, input: 'bad.jsonl:3', reason: 'line is not a JSON object (found an array)' },
      good[5], // an exact repeat: a duplicate
      ...good.slice(40),
    ];
    const failures: string[] = [];
    let reportedAhead = 0;
    const summary = await ingestItems(store, items, {
      cluster: false,
      onFailure: (f) => failures.push(`${f.input}: ${f.reason}`),
      onProgress: (p) => {
        // What progress calls added must already be visible to another connection.
        const stored = (reader.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
        if (p.added > stored) reportedAhead++;
      },
    });
    expect(summary).toMatchObject({ added: 100, duplicates: 1, failed: [{ input: 'bad.jsonl:3' }] });
    expect(summary.duplicateOf).toEqual([{ input: good[5].input, id: summary.addedIds[5], by: 'id' }]);
    expect(failures).toEqual(['bad.jsonl:3: line is not a JSON object (found an array)']);
    expect(reportedAhead).toBe(0);
    expect(await store.countArticles()).toBe(100);
    expect(new Set(summary.addedIds).size).toBe(100);
    reader.close();
    await store.close();
  });

  it('commits a batch while the reader is slow, not only when the batch is full', async () => {
    const path = tempDb();
    const store = new SqliteStore(path);
    const reader = new Database(path, { readonly: true });
    const items = sampleItems().slice(0, 3);
    const seen: number[] = [];
    async function* thenWait(): AsyncGenerator<ReadItem> {
      yield items[0];
      // The reader blocks (a slow URL, a quiet stdin) for longer than a batch may wait.
      await new Promise((r) => setTimeout(r, BATCH_MS * 3));
      seen.push((reader.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n);
      yield* items.slice(1);
    }
    const summary = await ingestItems(store, thenWait(), { cluster: false });
    expect(summary.added).toBe(3);
    expect(seen).toEqual([1]);
    reader.close();
    await store.close();
  });

  it('gives the same stories, entities and relations whatever the batch timing, from memory or read back', async () => {
    const items = sampleItems();
    // 1. One fast run, clustering interleaved with storing (articles clustered from memory).
    const fast = new SqliteStore(tempDb());
    const s1 = await ingestItems(fast, items);
    // 2. A slow reader: many small time-based batches.
    const slow = new SqliteStore(tempDb());
    await ingestItems(slow, slowly(items, 3));
    // 3. Stored without clustering, then clustered by a fresh connection (articles read back).
    const path = tempDb();
    const first = new SqliteStore(path);
    await ingestItems(first, items, { cluster: false });
    await first.close();
    const second = new SqliteStore(path);
    expect(await clusterPending(second)).toBe(100);
    const expected = await snapshot(fast, s1.addedIds);
    expect(expected.stories.length).toBeGreaterThan(1);
    expect(expected.stories.length).toBeLessThan(100);
    expect(expected.mentions.flat().length).toBeGreaterThan(100);
    expect(await snapshot(slow, s1.addedIds)).toEqual(expected);
    expect(await snapshot(second, s1.addedIds)).toEqual(expected);
    expect((await second.stats()).unclustered).toBe(0);
    for (const s of [fast, slow, second]) await s.close();
  });

  it('gives the same stories, entities and relations when the input arrives over several runs', async () => {
    // Each later run resumes every stage from the checkpoint the earlier one saved (a new
    // connection, nothing held in memory), at cut points that leave live stories mid-event. The
    // items go in the order the stages place them (publication time, which finalising reads from
    // the datelines), so that the split changes nothing about the order of arrival — and must
    // change nothing about the outcome.
    const scratch = new SqliteStore(tempDb());
    const read = sampleItems();
    const { addedIds } = await ingestItems(scratch, read, { cluster: false });
    expect(addedIds.length).toBe(read.length);
    const position = new Map(addedIds.map((id, i) => [id, i]));
    const items = arrivalOrder(await scratch.articlesInInsertionOrder(0, 1000)).map((a) => read[position.get(a.id)!]);
    await scratch.close();
    const whole = new SqliteStore(tempDb());
    const s1 = await ingestItems(whole, items);
    const expected = await snapshot(whole, s1.addedIds);
    const path = tempDb();
    for (const [from, to] of [
      [0, 23],
      [23, 58],
      [58, items.length],
    ]) {
      const run = new SqliteStore(path);
      await ingestItems(run, items.slice(from, to));
      await run.close();
    }
    const parts = new SqliteStore(path);
    expect(await snapshot(parts, s1.addedIds)).toEqual(expected);
    for (const s of [whole, parts]) await s.close();
  });

  it('notices when another process has clustered meanwhile and continues from its checkpoint', async () => {
    const items = sampleItems();
    const path = tempDb();
    const a = new SqliteStore(path);
    await ingestItems(a, items.slice(0, 60));
    // Another process stores the rest and clusters it, moving the saved state on.
    const b = new SqliteStore(path);
    await ingestItems(b, items.slice(60));
    // Back in the first process: a lightly edited copy of an article only the other process saw.
    const original = items[70] as Extract<ReadItem, { ok: true }>;
    const paragraphs = [...original.draft.paragraphs];
    paragraphs[paragraphs.length - 1] += ' (Updated.)';
    const edit = await ingestItems(a, [{ ok: true, input: 'edited copy', draft: { ...original.draft, paragraphs } }]);
    expect(edit.added).toBe(1);
    // Its stages must be the other process's (which hold the original), not its own stale ones.
    const [originalId] = (await ingestItems(a, [original], { cluster: false })).duplicateOf.map((d) => d.id);
    expect(await a.relationsFor([edit.addedIds[0]])).toEqual([expect.objectContaining({ from: edit.addedIds[0], to: originalId, kind: 'copy' })]);
    expect(await a.storyOfArticle(edit.addedIds[0])).toBe(await a.storyOfArticle(originalId));
    const stories = await a.listStories();
    expect(stories.reduce((n, s) => n + s.size, 0)).toBe(101);
    expect((await a.stats()).unclustered).toBe(0);
    for (const s of [a, b]) await s.close();
  });

  it('reports time per stage', async () => {
    const store = new SqliteStore(tempDb());
    const times = newStageTimes();
    await ingestItems(store, sampleItems().slice(0, 20), { times });
    for (const k of ['read', 'finalize', 'store', 'dedupe', 'extract', 'cluster', 'resolve', 'checkpointWrite'] as const) expect(times[k]).toBeGreaterThan(0);
    await store.close();
  });

  it('reclusters as the evaluation clusters: one finished batch in arrival order', async () => {
    const store = new SqliteStore(tempDb());
    const s = await ingestItems(store, sampleItems());
    await reclusterAll(store);
    const stored = await store.articlesInInsertionOrder(0, 1000);
    const dedupe = new DedupeIndex();
    const clusterer = new StoryClusterer();
    for (const a of arrivalOrder(stored)) clusterer.add(a, { copyOf: copyTarget(dedupe.add(a)) });
    clusterer.consolidate();
    const got = await Promise.all(s.addedIds.map((id) => store.storyOfArticle(id)));
    expect(got).toEqual(s.addedIds.map((id) => clusterer.storyOf(id)));
    expect(new Set(got).size).toBeLessThan(got.length);
    await store.close();
  });

  it('reclusters deterministically', async () => {
    const store = new SqliteStore(tempDb());
    const s = await ingestItems(store, sampleItems());
    await reclusterAll(store);
    const once = await snapshot(store, s.addedIds);
    await reclusterAll(store);
    expect(await snapshot(store, s.addedIds)).toEqual(once);
    expect(once.storyOf.every((id) => id !== null)).toBe(true);
    await store.close();
  });
});
