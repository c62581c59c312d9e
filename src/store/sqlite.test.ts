import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readJsonDocument } from '../ingest/interchange.js';
import { finalizeArticle } from '../ingest/finalize.js';
import type { Article } from '../types.js';
import { SqliteStore, ftsQuery } from './sqlite.js';
import { MIGRATIONS } from './migrations.js';

const sample = join(import.meta.dirname, '../../samples/wikinews/wikinews.jsonl');

function sampleArticles(): Article[] {
  return readJsonDocument(readFileSync(sample, 'utf8'), sample).flatMap((i) =>
    i.ok ? [finalizeArticle(i.draft, '2026-01-01T00:00:00.000Z')] : [],
  );
}

function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'parallax-store-')), 't.db');
}

describe('SqliteStore', () => {
  it('stores articles, round-trips every field, and reports duplicates by content and canonical URL', async () => {
    const store = new SqliteStore(tempDb());
    const articles = sampleArticles();
    expect(articles).toHaveLength(100);
    for (const a of articles) expect((await store.addArticle(a)).status).toBe('added');
    const got = await store.getArticle(articles[3].id);
    expect(got).toEqual(articles[3]);

    // Same text, different external id and whitespace: a duplicate by content hash.
    const again = finalizeArticle({ ...articles[5], externalId: 'other', paragraphs: articles[5].paragraphs.map((p) => ` ${p}  `) });
    const dup = await store.addArticle(again);
    expect(dup).toMatchObject({ status: 'duplicate', duplicateOf: articles[5].id });

    // Same canonical URL with edited text: a duplicate by URL.
    const withUrl = finalizeArticle({
      ...articles[7],
      paragraphs: [...articles[7].paragraphs, 'Correction: an earlier version misstated the date.'],
      canonicalUrl: 'https://example.org/a',
      url: 'https://example.org/a',
    });
    expect((await store.addArticle(withUrl)).status).toBe('added');
    const edited = finalizeArticle({ ...withUrl, paragraphs: ['Completely different text now.'] });
    expect(await store.addArticle(edited)).toMatchObject({ status: 'duplicate', by: 'id' });
    expect(await store.countArticles()).toBe(101);
    await store.close();
  });

  it('searches headline and body with FTS5 and never fails on operator characters', async () => {
    const store = new SqliteStore(tempDb());
    for (const a of sampleArticles()) await store.addArticle(a);
    const hits = await store.listArticles({ q: 'Cancellara prologue' });
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(`${h.headline} ${h.paragraphs.join(' ')}`.toLowerCase()).toContain('cancellara');
    // Operators are plain words here: no FTS5 syntax error, and the words themselves must match.
    const ops = await store.listArticles({ q: 'NOT "(' });
    expect(ops.length).toBeGreaterThan(0);
    for (const h of ops) expect(h.paragraphs.join(' ').toLowerCase()).toMatch(/\bnot\b/);
    expect(ftsQuery('"(*')).toBeNull();
    expect(await store.countArticles({ q: 'tsunami' })).toBeGreaterThan(5);
    await store.close();
  });

  it('filters by time and source, newest first', async () => {
    const store = new SqliteStore(tempDb());
    for (const a of sampleArticles()) await store.addArticle(a);
    const since = await store.listArticles({ since: '2010-01-01T00:00:00.000Z' });
    expect(since.length).toBeGreaterThan(0);
    for (const a of since) expect((a.published ?? a.ingestedAt) >= '2010-01-01').toBe(true);
    const times = since.map((a) => a.published ?? a.ingestedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(await store.countArticles({ source: 'wikinews' })).toBe(100);
    expect(await store.countArticles({ source: 'nosuchoutlet' })).toBe(0);
    await store.close();
  });

  it('migrates a fresh file to the latest version and reopens without re-running migrations', async () => {
    const path = tempDb();
    const s1 = new SqliteStore(path);
    expect(s1.schemaVersion()).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    await s1.addArticle(sampleArticles()[0]);
    await s1.close();
    const s2 = new SqliteStore(path);
    expect(await s2.countArticles()).toBe(1);
    expect(new Database(path).pragma('journal_mode', { simple: true })).toBe('wal');
    await s2.close();
  });

  it('saves clustering checkpoints atomically and keeps story aggregates', async () => {
    const store = new SqliteStore(tempDb());
    const arts = sampleArticles().slice(0, 6);
    for (const a of arts) await store.addArticle(a);
    expect((await store.stats()).unclustered).toBe(6);
    await store.saveClusterCheckpoint({
      assignments: arts.map((a, i) => ({ articleId: a.id, storyId: i < 3 ? 's1' : 's2' })),
      merges: [],
      relations: [{ from: arts[1].id, to: arts[0].id, kind: 'reuses', score: 0.5 }],
      stateKey: 'cluster',
      state: { n: 6 },
    });
    expect(await store.countStories()).toBe(2);
    await store.saveClusterCheckpoint({ assignments: [], merges: [{ from: 's2', into: 's1' }], relations: [], stateKey: 'cluster', state: { n: 7 } });
    const rows = await store.listStories();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: 's1', size: 6, outlets: ['Wikinews'] });
    expect(rows[0].headline.length).toBeGreaterThan(0);
    expect(await store.loadState('cluster')).toEqual({ n: 7 });
    expect(await store.relationsFor([arts[0].id])).toEqual([{ from: arts[1].id, to: arts[0].id, kind: 'reuses', score: 0.5 }]);
    expect((await store.stats()).unclustered).toBe(0);
    await store.resetStories('cluster');
    expect(await store.countStories()).toBe(0);
    expect(await store.loadState('cluster')).toBeNull();
    await store.close();
  });
});
