/**
 * Turn a reader's draft into a stored-article shape: stable id, content hash, language, attribution
 * hints. Pure: the same draft and time give the same article (save that a date line more than two
 * days ahead of the clock is dropped, as every reader drops such a date field).
 *
 * - `language`: the source's declaration, reduced to its primary subtag ("en-GB" → "en"); when the
 *   source declares none, eld's guess on a bounded prefix of headline and body (see
 *   src/text/language.ts), or null when eld is not confident.
 * - `attributions`: datelines, credited sources and licence footers found in the body (see
 *   src/text/attribution.ts).
 * - `published`: when the source states none, a date line opening the text ("Saturday, January 8,
 *   2005"), held to the plausibility rule of every date field (see src/ingest/published.ts).
 * - `outlet.name`: when the source does not name its outlet, the owner named by a licence footer
 *   ("All Content by Mehr News Agency is licensed …" → "Mehr News Agency"): the text itself says
 *   who publishes it. Nothing else is guessed (never from a file name).
 */
import type { Article, ArticleDraft } from '../types.js';
import { contentHash, shortHash } from '../text/normalize.js';
import { detectLanguage, LANGUAGE_SAMPLE_CHARS, normalizeLanguageTag } from '../text/language.js';
import { findAttributions, ownerFromAttributions } from '../text/attribution.js';
import { textDate } from './published.js';

/** Body text of a draft or article: paragraphs joined by blank lines. */
export function bodyText(a: Pick<ArticleDraft, 'paragraphs'>): string {
  return a.paragraphs.join('\n\n');
}

/** The first characters of headline + body, enough for language identification. */
function languageSample(draft: ArticleDraft): string {
  let s = draft.headline ? `${draft.headline}\n` : '';
  for (const p of draft.paragraphs) {
    if (s.length >= LANGUAGE_SAMPLE_CHARS) break;
    s += `${p}\n`;
  }
  return s;
}

/**
 * @example finalizeArticle(draft, '2024-01-01T00:00:00.000Z')
 *   // { ...draft, id: '3f2a…', contentHash: '9c1b…', ingestedAt: '2024-01-01T00:00:00.000Z', language: 'en', attributions: [...] }
 */
export function finalizeArticle(draft: ArticleDraft, ingestedAt: string = new Date().toISOString()): Article {
  const text = bodyText(draft);
  // The store keeps the body as one text with paragraphs separated by a blank line; paragraphs are
  // split at blank lines here so that the article is exactly what the store reads back (the
  // pipeline clusters the articles it holds in memory). Body, hash and id are unchanged.
  const paragraphs = draft.paragraphs.length === 0 || draft.paragraphs.some((p) => p.includes('\n\n')) ? text.split('\n\n') : draft.paragraphs;
  const hash = contentHash(text);
  const id = draft.canonicalUrl ? shortHash(`url:${draft.canonicalUrl}`) : hash;
  const attributions = findAttributions(draft.paragraphs);
  const language = normalizeLanguageTag(draft.language) ?? detectLanguage(languageSample(draft));
  const outlet = draft.outlet.name ? draft.outlet : { ...draft.outlet, name: ownerFromAttributions(attributions) };
  // Wikinews and many wire stories state the date only as a first line ("Saturday, January 8, 2005");
  // it is held to the same plausibility rule as a date field (see src/ingest/published.ts).
  const published = draft.published ?? textDate(draft.paragraphs);
  return { ...draft, paragraphs, outlet, published, language, id, contentHash: hash, ingestedAt, attributions };
}
