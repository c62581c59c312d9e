/** Test helper: an article as the ingest pipeline would finalise it from a plain text. */
import type { Article, ArticleDraft } from '../src/types.js';
import { finalizeArticle } from '../src/ingest/finalize.js';
import { splitParagraphs } from '../src/ingest/interchange.js';

/**
 * An English plain-text article from `text` (paragraphs split on blank lines) by `outlet`, with any
 * draft fields overridden by `extra`, finalised at a fixed ingest time.
 */
export function textArticle(text: string, outlet: string | null, extra: Partial<ArticleDraft> = {}): Article {
  const draft: ArticleDraft = {
    externalId: null,
    headline: null,
    headlineDerived: false,
    paragraphs: splitParagraphs(text),
    url: null,
    canonicalUrl: null,
    outlet: { name: outlet, domain: null },
    authors: [],
    published: null,
    language: 'en',
    format: 'text',
    ...extra,
  };
  return finalizeArticle(draft, '2024-01-01T00:00:00.000Z');
}
