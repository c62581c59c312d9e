import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../ingest/sources.js';
import type { ArticleDraft, ReadItem } from '../types.js';
import { isSummaryOnly, itemKey, mergePageWithItem } from './items.js';

const ingestFixtures = join(import.meta.dirname, '../../test/fixtures/ingest');
const drafts = (file: string): ArticleDraft[] =>
  readDocument(readFileSync(join(ingestFixtures, file)), { name: file, url: null })
    .filter((i): i is Extract<ReadItem, { ok: true }> => i.ok)
    .map((i) => i.draft);

describe('feed items', () => {
  it('tells full-content items from summaries in real feeds', () => {
    // rss2.xml: item 1 has content:encoded (full text); item 2 only a one-sentence description;
    // item 3's description carries the whole five-paragraph report.
    const rss = drafts('rss2.xml');
    expect(rss.map(isSummaryOnly)).toEqual([false, true, false]);
    // atom.xml: two entries with content, one summary-only entry.
    expect(drafts('atom.xml').map(isSummaryOnly)).toEqual([false, false, true]);
    const seed = readDocument(readFileSync(join(import.meta.dirname, '../../test/fixtures/seeds/004_632889e61b552585.txt')), { name: 'seed' })[0];
    // A long single-paragraph report with a link is full text.
    expect(seed.ok && isSummaryOnly({ ...seed.draft, url: 'https://www.tehrantimes.com/news/1' })).toBe(false);
    // Without a link there is nothing to fetch.
    expect(isSummaryOnly({ url: null, canonicalUrl: null, paragraphs: ['Short teaser…'] })).toBe(false);
    expect(isSummaryOnly({ url: 'https://e.example/a', canonicalUrl: null, paragraphs: ['A long first paragraph. '.repeat(40) + 'Continue reading'] })).toBe(true);
  });

  it('keys items by guid, then link, then text', () => {
    const rss = drafts('rss2.xml');
    expect(itemKey(rss[1])).toBe('id:wikinews-M0082');
    expect(itemKey({ ...rss[1], externalId: null })).toBe(`url:${rss[1].canonicalUrl}`);
    expect(itemKey({ ...rss[1], externalId: null, url: null, canonicalUrl: null })).toMatch(/^text:[0-9a-f]{16}$/);
  });

  it('merges a fetched page with its feed item: page text, feed fills the gaps', () => {
    const [item] = drafts('rss2.xml').slice(1);
    const page: ArticleDraft = { ...item, format: 'html', externalId: null, headline: null, published: null, authors: [], paragraphs: ['Full text one.', 'Full text two.'] };
    const m = mergePageWithItem(page, item);
    expect(m).toMatchObject({ format: 'html', paragraphs: ['Full text one.', 'Full text two.'], externalId: 'wikinews-M0082', headline: item.headline, published: item.published, authors: item.authors });
  });
});
