/**
 * Turn a reader's draft into a stored-article shape: stable id, content hash, language, attribution
 * hints. Pure: the same draft and time give the same article.
 */
import type { Article, ArticleDraft } from '../types.js';
import { contentHash, shortHash } from '../text/normalize.js';

/** Body text of a draft or article: paragraphs joined by blank lines. */
export function bodyText(a: Pick<ArticleDraft, 'paragraphs'>): string {
  return a.paragraphs.join('\n\n');
}

export function finalizeArticle(draft: ArticleDraft, ingestedAt: string = new Date().toISOString()): Article {
  const text = bodyText(draft);
  const hash = contentHash(text);
  const id = draft.canonicalUrl ? shortHash(`url:${draft.canonicalUrl}`) : hash;
  return { ...draft, id, contentHash: hash, ingestedAt, attributions: [] };
}
