import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPlainText } from '../ingest/plaintext.js';
import { finalizeArticle } from '../ingest/finalize.js';
import { loadLabelledArticles } from '../eval/cluster.js';
import type { Article } from '../types.js';
import { DedupeIndex, copyTarget, containmentFromJaccard, estimateJaccard, minhash, shingleHashes, type DedupeState } from './index.js';
import { SHINGLE_WORDS, shingleWords } from './minhash.js';
import { fmix32, fnv1a } from '../text/hash.js';

const FIXTURES = new URL('../../test/fixtures/', import.meta.url);

function seed(name: string): Article {
  const item = readPlainText(readFileSync(new URL(`seeds/${name}`, FIXTURES), 'utf8'), name);
  if (!item.ok) throw new Error(item.reason);
  return finalizeArticle(item.draft, '2024-01-01T00:00:00.000Z');
}
const A = seed('000_74bfdcc74ec9356c.txt');
const B = seed('004_632889e61b552585.txt');
const wiki = loadLabelledArticles(readFileSync(new URL('cluster/wikinews.jsonl', FIXTURES), 'utf8'), 'wikinews.jsonl').articles;

const variant = (a: Article, id: string, paragraphs: string[]): Article => ({ ...a, id, paragraphs, contentHash: `${id}-hash` });

/** A syndicated copy: same text with a different dateline, quote marks and one changed word. */
const SYNDICATED = variant(
  A,
  'syndicated',
  A.paragraphs.map((p, i) => (i === 0 ? `BAGHDAD (IRNA) - ${p}` : p.replace('stressed', 'said').replace(/"/g, '“'))),
);

describe('MinHash', () => {
  it('estimates Jaccard: identical texts 1, independent reports of one event low', () => {
    const sa = minhash(shingleHashes(A.paragraphs.join('\n')));
    expect(estimateJaccard(sa, sa)).toBe(1);
    const sb = minhash(shingleHashes(B.paragraphs.join('\n')));
    expect(estimateJaccard(sa, sb)).toBeLessThan(0.2);
    const sc = minhash(shingleHashes(SYNDICATED.paragraphs.join('\n')));
    expect(estimateJaccard(sa, sc)).toBeGreaterThanOrEqual(0.85);
  });

  it('shingles exactly the words of shingleWords (NFKC, case folded, letters and digits of any script)', () => {
    // The shingler scans the text without making word strings; this is the plain definition.
    const reference = (text: string): number[] => {
      const wh = shingleWords(text).map(fnv1a);
      if (wh.length === 0) return [];
      const k = Math.min(SHINGLE_WORDS, wh.length);
      const set = new Set<number>();
      for (let i = 0; i + k <= wh.length; i++) {
        let h = 0x3c6ef372;
        for (let j = 0; j < k; j++) h = fmix32(Math.imul(h, 0x01000193) ^ wh[i + j]);
        set.add(h);
      }
      return [...set].sort((x, y) => x - y);
    };
    const texts = [
      A.paragraphs.join('\n'),
      SYNDICATED.paragraphs.join('\n'),
      'Ünïcödé ﬁne — “quotes” 𝐀𝐁𝐂 bold, emoji 😀; Straße ΣΊΣΥΦΟΣ İstanbul ١٢٣ عربي 中文字符',
      'two words',
      '',
      ...wiki.slice(0, 5).map((a) => a.paragraphs.join('\n')),
    ];
    for (const t of texts) expect([...shingleHashes(t)]).toEqual(reference(t));
  });

  it('derives containment from Jaccard and set sizes', () => {
    // A (100 shingles) inside B (300): |A∩B| = 100, J = 100/300.
    expect(containmentFromJaccard(1 / 3, 100, 300)).toBeCloseTo(1);
    expect(containmentFromJaccard(1 / 3, 300, 100)).toBeCloseTo(1 / 3);
    expect(containmentFromJaccard(0, 10, 10)).toBe(0);
  });
});

describe('DedupeIndex', () => {
  it('finds an exact duplicate by normalised text hash', () => {
    const d = new DedupeIndex();
    expect(d.add(A)).toEqual({ exactOf: null, relations: [] });
    const again = { ...A, id: 'same-text-other-url' };
    const r = d.add(again);
    expect(r.exactOf).toBe(A.id);
    expect(copyTarget(r)).toBe(A.id);
  });

  it('marks a syndicated copy as `copy` of the original', () => {
    const d = new DedupeIndex();
    d.add(A);
    d.add(B);
    for (const w of wiki) d.add(w);
    const r = d.add(SYNDICATED);
    expect(r.exactOf).toBeNull();
    expect(r.relations[0]).toMatchObject({ from: 'syndicated', to: A.id, kind: 'copy' });
    expect(r.relations[0].score).toBeGreaterThanOrEqual(0.9);
    expect(copyTarget(r)).toBe(A.id);
  });

  it('marks an article that reuses most of another as `reuses`, not as a copy', () => {
    const d = new DedupeIndex();
    d.add(A);
    for (const w of wiki) d.add(w);
    // An outlet takes the wire text, cuts its last paragraphs and adds reporting of its own.
    const reuse = variant(A, 'reuse', [...A.paragraphs.slice(0, -3), B.paragraphs[0]]);
    const r = d.add(reuse);
    expect(r.relations).toHaveLength(1);
    expect(r.relations[0]).toMatchObject({ from: 'reuse', to: A.id, kind: 'reuses' });
    expect(r.relations[0].score).toBeGreaterThanOrEqual(0.5);
    expect(r.relations[0].score).toBeLessThan(1);
    expect(copyTarget(r)).toBeNull();
  });

  it('relates nothing between independent reports or different events', () => {
    const d = new DedupeIndex();
    d.add(A);
    expect(d.add(B).relations).toEqual([]);
    for (const w of wiki) expect(d.add(w).relations).toEqual([]);
  });

  it('continues identically from exported state (through JSON)', () => {
    const d = new DedupeIndex();
    d.add(A);
    d.add(B);
    const state = JSON.parse(JSON.stringify(d.exportState())) as DedupeState;
    const resumed = DedupeIndex.fromState(state);
    expect(resumed.size).toBe(2);
    expect(resumed.add(SYNDICATED)).toEqual(d.add(SYNDICATED));
    expect(resumed.add({ ...B, id: 'b-again' }).exactOf).toBe(B.id);
    expect(() => DedupeIndex.fromState({ version: 2 } as unknown as DedupeState)).toThrow(/unsupported/);
  });

  it('reads states saved with signatures as number arrays, and refuses a malformed signature', () => {
    const d = new DedupeIndex();
    d.add(A);
    const state = JSON.parse(JSON.stringify(d.exportState())) as DedupeState;
    expect(typeof state.docs[0].sig).toBe('string');
    const old: DedupeState = { ...state, docs: state.docs.map((x) => ({ ...x, sig: [...new Uint32Array(new Uint8Array(Buffer.from(x.sig as string, 'base64')).buffer)] })) };
    expect((old.docs[0].sig as number[]).length).toBe(128);
    expect(DedupeIndex.fromState(old).add(SYNDICATED)).toEqual(DedupeIndex.fromState(state).add(SYNDICATED));
    expect(DedupeIndex.fromState(old).add(SYNDICATED).relations[0]?.to).toBe(A.id);
    expect(() => DedupeIndex.fromState({ ...state, docs: [{ ...state.docs[0], sig: 'QUJD' }] })).toThrow(/malformed/);
  });

  it('keeps only a window of recent articles, with the same answers inside it', () => {
    const small = new DedupeIndex(4); // evicts in sweeps once 6 articles are held
    const full = new DedupeIndex();
    small.add(A);
    full.add(A);
    for (const w of wiki.slice(0, 2)) {
      small.add(w);
      full.add(w);
    }
    // Inside the window both indexes find the copy.
    expect(copyTarget(small.add(SYNDICATED))).toBe(A.id);
    expect(copyTarget(full.add(SYNDICATED))).toBe(A.id);
    for (const w of wiki.slice(2, 12)) {
      small.add(w);
      full.add(w);
    }
    expect(small.size).toBeLessThanOrEqual(6);
    expect(full.size).toBe(14);
    // A and its first copy are long gone from the small window: a second copy is no longer related there.
    const again = { ...SYNDICATED, id: 'syndicated-2', contentHash: 'syndicated-2-hash' };
    expect([A.id, 'syndicated']).toContain(copyTarget(full.add(again)));
    const late = small.add(again).relations.map((r) => r.to);
    expect(late).not.toContain(A.id);
    expect(late).not.toContain('syndicated');
    // Its state survives a round trip and holds only the window.
    const state = JSON.parse(JSON.stringify(small.exportState())) as DedupeState;
    expect(state.docs.length).toBeLessThanOrEqual(6);
    expect(() => new DedupeIndex(0)).toThrow(/window/);
  });

  it('handles empty text and repeated ids', () => {
    const d = new DedupeIndex();
    expect(d.add(variant(A, 'empty', [])).relations).toEqual([]);
    d.add(A);
    expect(d.add(A)).toEqual({ exactOf: null, relations: [] });
  });
});
