/**
 * Text normalisation shared by every stage.
 *
 * `normalizeForHash` defines when two texts are "the same text": Unicode compatibility forms
 * folded (NFKC), case folded, every run of non-letters/non-digits collapsed to one space. So a
 * syndicated copy that differs only in quotes, dashes, spacing or line breaks hashes equal.
 */
import { createHash } from 'node:crypto';

/** Canonical form used for exact-duplicate detection. */
export function normalizeForHash(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
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
