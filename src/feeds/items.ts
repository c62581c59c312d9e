/**
 * Feed items: how an item is recognised across polls, when it carries only a summary, and how a
 * fetched page is combined with what the feed said about it.
 */
import type { ArticleDraft } from '../types.js';
import { contentHash } from '../text/normalize.js';

/**
 * The key an item keeps across polls: its guid / Atom id / JSON Feed id, else its link, else a hash
 * of its text. The guid comes first because it is the publisher's identity for the item (RSS 2.0
 * spec); links can change (tracking parameters, http→https) and text is edited after publication.
 *
 * @example itemKey({ externalId: 'tag:bbc.co.uk,2026:123', url: 'https://bbc.co.uk/news/123', … }) // 'id:tag:bbc.co.uk,2026:123'
 */
export function itemKey(draft: Pick<ArticleDraft, 'externalId' | 'canonicalUrl' | 'url' | 'paragraphs'>): string {
  if (draft.externalId) return `id:${draft.externalId}`;
  const link = draft.canonicalUrl ?? draft.url;
  if (link) return `url:${link}`;
  return `text:${contentHash(draft.paragraphs.join('\n\n'))}`;
}

/**
 * An item's body is a summary worth replacing by the linked page when it is at most
 * {@link SUMMARY_MAX_PARAGRAPHS} paragraphs of fewer than {@link SUMMARY_MAX_WORDS} words.
 *
 * Why these limits: feed summaries (RSS `description`, Atom `summary`) are a teaser of one to
 * three sentences — one paragraph, sometimes two with a caption — typically 20–80 words, while
 * full news reports rarely fall under ~150 words and come in several paragraphs. A short full
 * report of three or more paragraphs is therefore kept as is; a short one- or two-paragraph item
 * costs one page request whose result is the same text or more. Misjudging a summary as full would
 * store a teaser as the article, so the limits err toward fetching. (The feed reader knows whether
 * an item had full content; once it says so, that flag should replace this estimate.)
 */
export const SUMMARY_MAX_WORDS = 120;
export const SUMMARY_MAX_PARAGRAPHS = 2;

/** Endings that mark a truncated teaser: an ellipsis, "[…]", "Read more", "Continue reading". */
const TRUNCATED = /(?:…|\.\.\.|\[(?:…|\.\.\.)\]|\b(?:read|see) (?:more|full (?:story|article))\b.{0,20}|\bcontinue reading\b.{0,40})\s*$/i;

/**
 * Whether a feed item carries only a summary (so its page should be fetched): it has a link, and
 * its text ends in a truncation marker or is short (see {@link SUMMARY_MAX_WORDS}).
 *
 * @example isSummaryOnly({ url: 'https://e.com/a', paragraphs: ['Officials said on Monday that … Read more'] }) // true
 */
export function isSummaryOnly(draft: Pick<ArticleDraft, 'url' | 'canonicalUrl' | 'paragraphs'>): boolean {
  if (!draft.url && !draft.canonicalUrl) return false;
  const text = draft.paragraphs.join(' ');
  if (TRUNCATED.test(text)) return true;
  const words = text.split(/\s+/).filter(Boolean).length;
  return words < SUMMARY_MAX_WORDS && draft.paragraphs.length <= SUMMARY_MAX_PARAGRAPHS;
}

/**
 * Combine a page read from an item's link with the feed item: the page's text and metadata win
 * (it is the article itself), the feed fills what the page lacks (headline, date, authors, outlet
 * name, language) and lends its guid as the external id. The page's format (`html`) is kept,
 * since that is what the text was read from.
 */
export function mergePageWithItem(page: ArticleDraft, item: ArticleDraft): ArticleDraft {
  return {
    ...page,
    externalId: item.externalId ?? page.externalId,
    headline: page.headline ?? item.headline,
    headlineDerived: page.headline ? page.headlineDerived : item.headlineDerived,
    url: page.url ?? item.url,
    canonicalUrl: page.canonicalUrl ?? item.canonicalUrl,
    outlet: { name: page.outlet.name ?? item.outlet.name, domain: page.outlet.domain ?? item.outlet.domain },
    authors: page.authors.length ? page.authors : item.authors,
    published: page.published ?? item.published,
    language: page.language ?? item.language,
  };
}
