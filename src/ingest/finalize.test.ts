import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Article } from '../types.js';
import { finalizeArticle } from './finalize.js';
import { readInputs } from './sources.js';

const FIXTURE_SEEDS = fileURLToPath(new URL('../../test/fixtures/seeds/', import.meta.url));
const SHARED_SEEDS = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));
const T = '2024-01-01T00:00:00.000Z';

async function ingest(dir: string): Promise<Article[]> {
  const out: Article[] = [];
  for await (const item of readInputs([dir])) {
    if (!item.ok) throw new Error(`${item.input}: ${item.reason}`);
    out.push(finalizeArticle(item.draft, T));
  }
  return out;
}

function checkSeeds(articles: Article[]): void {
  expect(articles).toHaveLength(2);
  const [a000, a004] = articles;
  expect(a000.headline).toBe('Iran, Iraq sign MoU to boost defense ties');
  expect(a004.headline).toBeNull();
  expect(a004.headlineDerived).toBe(false);
  expect(a000.attributions).toContainEqual({ kind: 'credit', source: 'Tasnim', text: 'Tasnim news agency reported' });
  expect(a004.attributions.some((x) => x.source === 'Mehr News Agency')).toBe(true);
  expect(a004.attributions.find((x) => x.kind === 'dateline')?.source).toBe('TEHRAN');
  expect(a000.language).toBe('en');
  expect(a004.language).toBe('en');
  // The licence footer names 004's outlet; 000 says nothing about its own outlet.
  expect(a004.outlet).toEqual({ name: 'Mehr News Agency', domain: null });
  expect(a000.outlet).toEqual({ name: null, domain: null });
  expect(a000.id).toBe(a000.contentHash);
  expect(a000.id).not.toBe(a004.id);
}

describe('ingesting the seeds (acceptance)', () => {
  it('gives the two expected articles from the fixture copies', async () => {
    checkSeeds(await ingest(FIXTURE_SEEDS));
  });

  it.skipIf(!existsSync(SHARED_SEEDS))('gives the same from ../shared/seeds', async () => {
    checkSeeds(await ingest(SHARED_SEEDS));
  });
});

describe('finalizeArticle', () => {
  const draft = {
    externalId: null,
    headline: 'Quake hits Chile',
    headlineDerived: false,
    paragraphs: ['An 8.8 magnitude earthquake was recorded in Chile on Saturday, killing at least 214 people.'],
    url: 'https://en.wikinews.org/wiki/x',
    canonicalUrl: 'https://en.wikinews.org/wiki/x',
    outlet: { name: 'Wikinews', domain: 'en.wikinews.org' },
    authors: [],
    published: null,
    language: 'en-GB',
    format: 'html' as const,
  };

  it('is pure and derives the id from the canonical URL', () => {
    const a = finalizeArticle(draft, T);
    expect(finalizeArticle(draft, T)).toEqual(a);
    expect(a.id).not.toBe(a.contentHash);
    expect(finalizeArticle({ ...draft, headline: 'Other', paragraphs: [...draft.paragraphs, 'More.'] }, T).id).toBe(a.id);
    expect(a.ingestedAt).toBe(T);
  });

  it('keeps a declared language (primary subtag) and detects one only when none is declared', () => {
    expect(finalizeArticle(draft, T).language).toBe('en');
    expect(finalizeArticle({ ...draft, language: null }, T).language).toBe('en');
    expect(finalizeArticle({ ...draft, language: 'und' }, T).language).toBe('en');
  });

  it('does not replace an outlet the source names', () => {
    const withFooter = { ...draft, paragraphs: [...draft.paragraphs, 'All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 International License.'] };
    expect(finalizeArticle(withFooter, T).outlet.name).toBe('Wikinews');
    expect(finalizeArticle({ ...withFooter, outlet: { name: null, domain: null } }, T).outlet.name).toBe('Mehr News Agency');
  });

  it('takes a publication date from a first paragraph that is only a date, and from nothing else', () => {
    const wikinews = { ...draft, published: null, paragraphs: ['Saturday, January 8, 2005', 'U.S. citizens donating in 2005 may write off their donations.'] };
    expect(finalizeArticle(wikinews, T).published).toBe('2005-01-08T00:00:00.000Z');
    expect(finalizeArticle(wikinews, T).paragraphs[0]).toBe('Saturday, January 8, 2005');
    const inSentence = { ...wikinews, paragraphs: ['On January 8, 2005 the bill passed.', 'Text.'] };
    expect(finalizeArticle(inSentence, T).published).toBeNull();
    // A date the source gives wins over the text.
    expect(finalizeArticle({ ...wikinews, published: '2005-01-09T10:00:00.000Z' }, T).published).toBe('2005-01-09T10:00:00.000Z');
  });
});
