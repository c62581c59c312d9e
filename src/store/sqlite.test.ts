import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readJsonDocument } from '../ingest/interchange.js';
import { finalizeArticle } from '../ingest/finalize.js';
import type { Article } from '../types.js';
import { SqliteStore, ftsQuery } from './sqlite.js';
import { StaleStateError } from './types.js';
import type { Mention } from '../entities/types.js';
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

  it('spans a story over its dated members: an undated one (ingest time) neither stretches nor dates it', async () => {
    const store = new SqliteStore(tempDb());
    const arts = sampleArticles().filter((a) => a.published).slice(0, 2);
    // the same report without a date, ingested now: its time is its ingest time
    const undated = finalizeArticle(
      { ...arts[1], externalId: 'undated', url: null, canonicalUrl: null, published: null, paragraphs: ['A report of the same event that states no date.'] },
      '2026-11-24T10:00:00.000Z',
    );
    expect(undated.published).toBeNull();
    for (const a of [...arts, undated]) expect((await store.addArticle(a)).status).toBe('added');
    await store.saveClusterCheckpoint({ assignments: [...arts, undated].map((a) => ({ articleId: a.id, storyId: 's1' })), merges: [], relations: [], stateKey: 'cluster', state: {} });
    const [row] = await store.listStories();
    const times = arts.map((a) => a.published!).sort();
    expect(row).toMatchObject({ size: 3, first_seen: times[0], last_seen: times[1] });
    // with no dated member, the ingest times are all there is
    await store.saveClusterCheckpoint({ assignments: [{ articleId: undated.id, storyId: 's2' }], merges: [], relations: [], stateKey: 'cluster', state: {} });
    const s2 = (await store.listStories()).find((r) => r.id === 's2')!;
    expect(s2).toMatchObject({ first_seen: '2026-11-24T10:00:00.000Z', last_seen: '2026-11-24T10:00:00.000Z' });
    await store.close();
  });

  it('stores a batch in one call: duplicates within the batch, one unstorable article failing alone', async () => {
    const store = new SqliteStore(tempDb());
    const arts = sampleArticles().slice(0, 5);
    // JSON.stringify throws on a BigInt: this article cannot be stored, the others can.
    const bad = { ...arts[2], authors: [10n as unknown as string] };
    const res = await store.addArticles([arts[0], arts[1], bad, arts[1], arts[3]]);
    expect(res.map((r) => r.status)).toEqual(['added', 'added', 'failed', 'duplicate', 'added']);
    expect(res[2]).toMatchObject({ id: arts[2].id, reason: expect.stringMatching(/BigInt/) });
    expect(res[3]).toMatchObject({ duplicateOf: arts[1].id, by: 'id' });
    expect(await store.countArticles()).toBe(3);
    // Every stored article is in the full-text index, written with its row (no trigger since schema 5).
    for (const a of [arts[0], arts[1], arts[3]]) {
      const word = (a.headline ?? '').match(/\p{L}{5,}/u)![0];
      expect((await store.listArticles({ q: word })).map((x) => x.id)).toContain(a.id);
    }
    expect(await store.articlesByIds([arts[3].id, 'nope', arts[0].id])).toEqual([arts[3], arts[0]]);
    expect(await store.unclusteredIds(10)).toEqual([arts[0].id, arts[1].id, arts[3].id]);
    expect(await store.unclusteredIds(10, 1)).toEqual([arts[1].id, arts[3].id]);
    await store.close();
  });

  it('refuses a checkpoint made from a state another process has moved on, writing nothing', async () => {
    const store = new SqliteStore(tempDb());
    const arts = sampleArticles().slice(0, 2);
    await store.addArticles(arts);
    const g1 = await store.saveClusterCheckpoint({
      assignments: [{ articleId: arts[0].id, storyId: 's1' }],
      merges: [],
      relations: [],
      stateKey: 'k',
      state: { n: 1 },
      expectGeneration: null,
    });
    expect(await store.stateGeneration('k')).toBe(g1);
    const stale = store.saveClusterCheckpoint({
      assignments: [{ articleId: arts[1].id, storyId: 's2' }],
      merges: [],
      relations: [],
      stateKey: 'k',
      state: { n: 2 },
      expectGeneration: null,
    });
    await expect(stale).rejects.toBeInstanceOf(StaleStateError);
    expect(await store.loadState('k')).toEqual({ n: 1 });
    expect(await store.storyOfArticle(arts[1].id)).toBeNull();
    await store.close();
  });

  it('keeps mentions per article and resolves merged entity ids, chains included', async () => {
    const store = new SqliteStore(tempDb());
    const arts = sampleArticles().slice(0, 3);
    await store.addArticles(arts);
    const m = (articleId: string, start: number, name: string, entityId: string, extra: Partial<Mention> = {}) => ({
      articleId,
      start,
      end: start + name.length,
      text: name,
      name,
      type: 'person' as const,
      entityId,
      ...extra,
    });
    const entity = (id: string, name: string) => ({ id, name, type: 'person' as const, variants: [{ name, count: 1 }], roles: [], affiliations: [], articles: [], mentions: 1, stories: [] });
    const titled = m(arts[0].id, 40, 'Hossein Dehqan', 'eA', { text: 'Defense Minister Hossein Dehqan', role: 'Defense Minister', affiliation: 'Iran' });
    await store.saveClusterCheckpoint({
      assignments: arts.map((a, i) => ({ articleId: a.id, storyId: i < 2 ? 's1' : 's2' })),
      merges: [],
      relations: [],
      stateKey: 'k',
      state: {},
      entities: {
        entities: [entity('eA', 'Hossein Dehqan'), entity('eB', 'Dehqan'), entity('eC', 'Dehghan')],
        redirects: [],
        // Given out of text order: stored in text order.
        mentions: [m(arts[0].id, 90, 'Dehqan', 'eB'), titled, m(arts[1].id, 5, 'Dehqan', 'eB'), m(arts[2].id, 7, 'Dehghan', 'eC')],
      },
    });
    expect(await store.mentionsOf(arts[0].id)).toEqual([titled, m(arts[0].id, 90, 'Dehqan', 'eB')]);
    // eB merges into eC, then eC into eA: a chain the store collapses.
    for (const redirect of [['eB', 'eC'], ['eC', 'eA']] as Array<[string, string]>)
      await store.saveClusterCheckpoint({ assignments: [], merges: [], relations: [], stateKey: 'k', state: {}, entities: { entities: [], redirects: [redirect], mentions: [] } });
    expect((await store.mentionsOf(arts[1].id))[0].entityId).toBe('eA');
    expect((await store.getEntity('eB'))?.id).toBe('eA');
    const inStory = await store.listEntities({ storyId: 's1' });
    expect(inStory).toHaveLength(1);
    expect(inStory[0]).toMatchObject({ id: 'eA', mentions: 3, articles: 2, variants: [{ name: 'Dehqan', count: 2 }, { name: 'Hossein Dehqan', count: 1 }] });
    expect((await store.storiesOfEntity('eB')).map((s) => s.id).sort()).toEqual(['s1', 's2']);
    await store.close();
  });

  it('saves a large stage state in parts, reads it back whole, and drops parts a smaller state no longer needs', async () => {
    const path = tempDb();
    const store = new SqliteStore(path);
    const big = { dedupe: { docs: Array.from({ length: 4_500 }, (_, i) => ({ id: `a${i}`, sig: [i, 2 * i] })) }, cluster: { n: 1 } };
    await store.saveClusterCheckpoint({ assignments: [], merges: [], relations: [], stateKey: 'k', state: big });
    const parts = () => {
      const db = new Database(path, { readonly: true });
      const n = db.prepare('SELECT count(*) FROM stage_state_parts WHERE key = ?').pluck().get('k') as number;
      db.close();
      return n;
    };
    expect(parts()).toBe(3); // 4,500 docs in parts of 2,000
    expect(await store.loadState('k')).toEqual(big);
    const small = { dedupe: { docs: big.dedupe.docs.slice(0, 2_500) }, cluster: { n: 2 } };
    await store.saveState('k', small);
    expect(parts()).toBe(2);
    expect(await store.loadState('k')).toEqual(small);
    await store.resetStories('k');
    expect(parts()).toBe(0);
    expect(await store.loadState('k')).toBeNull();
    await store.close();
  });

  it('refuses a database written by a newer schema instead of reading it wrongly', () => {
    const path = tempDb();
    new SqliteStore(path).close();
    const db = new Database(path);
    db.pragma(`user_version = ${MIGRATIONS[MIGRATIONS.length - 1].version + 1}`);
    db.close();
    expect(() => new SqliteStore(path)).toThrow(/newer than this build/);
  });

  it('upgrades a schema-4 database: mentions moved to per-article rows, redirect chains collapsed', async () => {
    const path = tempDb();
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    for (const mg of MIGRATIONS.filter((x) => x.version <= 4)) db.exec(mg.sql);
    db.pragma('user_version = 4');
    const a = sampleArticles()[0];
    db.prepare(
      `INSERT INTO articles (id, headline, body, seen_at, format, ingested_at, content_hash, story_id) VALUES (?, ?, ?, ?, 'jsonl', ?, ?, 's1')`,
    ).run(a.id, a.headline, a.paragraphs.join('\n\n'), a.ingestedAt, a.ingestedAt, a.contentHash);
    db.exec(`INSERT INTO stories (id, size, outlets, headline) VALUES ('s1', 1, '[]', 'x');
      INSERT INTO entities (id, name, type, variants, roles, affiliations, mentions, articles) VALUES ('eA', 'Hossein Dehqan', 'person', '[]', '[]', '[]', 2, 1);
      INSERT INTO entity_redirects (from_id, to_id) VALUES ('eC', 'eB'), ('eB', 'eA');`);
    const ins = db.prepare('INSERT INTO mentions (article_id, start, end, entity_id, text, name, type, role, affiliation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    ins.run(a.id, 30, 44, 'eC', 'Dehqan', 'Dehqan', 'person', null, null);
    ins.run(a.id, 3, 20, 'eA', 'Minister Hossein Dehqan', 'Hossein Dehqan', 'person', 'Minister', null);
    db.close();
    const store = new SqliteStore(path);
    expect(store.schemaVersion()).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    expect(await store.mentionsOf(a.id)).toEqual([
      { articleId: a.id, start: 3, end: 20, entityId: 'eA', text: 'Minister Hossein Dehqan', name: 'Hossein Dehqan', type: 'person', role: 'Minister' },
      { articleId: a.id, start: 30, end: 44, entityId: 'eA', text: 'Dehqan', name: 'Dehqan', type: 'person' },
    ]);
    expect((await store.storiesOfEntity('eC')).map((s) => s.id)).toEqual(['s1']);
    // Rows added before schema 5 stay searchable; rows added after are indexed by the store.
    expect(await store.countArticles({ q: (a.headline ?? '').split(' ')[0] })).toBe(1);
    await store.close();
  });
});
