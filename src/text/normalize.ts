/**
 * Text normalisation shared by every stage.
 *
 * `normalizeForHash` defines when two texts are "the same text" for the store: Unicode
 * compatibility forms folded (NFKC), case folded, white space (spaces, line breaks, paragraph
 * breaks) collapsed. A copy that differs only in capitalisation (a Title-Case headline) or in
 * layout is the same text and is not stored twice.
 *
 * Punctuation is deliberately kept: a version with other quotes, dashes or a corrected word is a
 * distinct publication by its outlet. Such versions are stored and linked to their original as
 * `copy` relations by the near-duplicate stage (MinHash), which keeps the record of who published
 * which version — the raw material of provenance. (On ECB+ this finds exactly the two duplicate
 * pairs the data set documents; folding punctuation too would silently drop two more outlet
 * versions.)
 */
import { createHash } from 'node:crypto';

/** Canonical form used for exact-duplicate detection. */
export function normalizeForHash(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u00a0\u200b\ufeff]+/g, ' ')
    .trim();
}

/** 16 hex characters of SHA-256: 64 bits, collision-free in practice for any realistic store. */
export function shortHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 16);
}

/** Hash of the normalised text. */
export function contentHash(text: string): string {
  return shortHash(normalizeForHash(text));
}

/** Collapse runs of white space (including NBSP) to single spaces and trim. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
}
