/**
 * Plain-text articles (`.txt` and any text that is not markup or JSON).
 *
 * **Paragraphs.** Blank lines separate paragraphs. Inside a block, line breaks are kept as
 * paragraph breaks unless the block is *hard-wrapped* (e-mail and terminal style): every line but
 * the last fills at least 60 % of the longest line, the longest is at most 100 characters, and at
 * least half of those lines end mid-sentence. Those lines are joined with spaces. (Wrapped text has
 * even line lengths near a wrap column of 60–80 and breaks mid-sentence; one-paragraph-per-line text
 * has ragged lengths and ends each line with punctuation.)
 *
 * **Headline rule.** The first line is the headline only when all of these hold:
 * 1. it is a block of its own: a single line followed by a blank line;
 * 2. more text follows it;
 * 3. it is title-length: at most {@link HEADLINE_MAX_CHARS} characters and between 2 and
 *    {@link HEADLINE_MAX_WORDS} words (style guides keep headlines near 60–70 characters; a lead
 *    sentence runs 25–40 words; a single word is a label or kicker, not a headline);
 * 4. it does not end like a sentence or a clause: no final period (an abbreviation such as
 *    "U.S." excepted), comma, colon or semicolon;
 * 5. it is not a dateline opening ("TEHRAN – …"), a byline ("By …") or a bare date.
 *
 * So seed 000 ("Iran, Iraq sign MoU to boost defense ties", blank line, story) gets its headline,
 * and seed 004 — one paragraph — gets none: nothing is invented (`headline` stays null).
 *
 * A byline block right after the headline ("By Jane Doe") becomes the authors and leaves the body.
 * A bare date among the first three blocks ("Saturday, January 8, 2005", Wikinews style) becomes
 * the publication date; it stays in the body so the text is unchanged. One that is implausible
 * (before 1900, or in the future: see published.ts) leaves the article undated with a warning.
 * The outlet of a local text file is unknown: nothing is guessed from the file name (the licence
 * footer, if any, names it later — see finalizeArticle).
 */
import type { ArticleDraft, ReadItem } from '../types.js';
import { parseDateMs } from '../text/dates.js';
import { readPublished, undatedWarning, warningsOf, type DateCandidate } from './published.js';

export const HEADLINE_MAX_CHARS = 150;
export const HEADLINE_MAX_WORDS = 25;

function squash(s: string): string {
  return s.replace(/[ \t\u00a0\u200b]+/g, ' ').trim();
}

/** Split plain text into blocks (blank-line separated), each a list of its non-empty lines. */
function blocksOf(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u00a0]*\n/)
    .map((b) => b.split('\n').map(squash).filter((l) => l.length > 0))
    .filter((b) => b.length > 0);
}

const SENTENCE_END = /[.!?:;"”’'»)\]]$/;

/** True when a block's lines are a wrapped paragraph rather than one paragraph per line. */
function isHardWrapped(lines: string[]): boolean {
  if (lines.length < 2) return false;
  const longest = Math.max(...lines.map((l) => l.length));
  if (longest > 100) return false;
  const body = lines.slice(0, -1);
  if (!body.every((l) => l.length >= 0.6 * longest)) return false;
  const midSentence = body.filter((l) => !SENTENCE_END.test(l)).length;
  return midSentence >= body.length / 2;
}

/** Paragraphs of a plain text (see the module comment for the unwrapping rule). */
export function plainParagraphs(text: string): string[] {
  return blocksOf(text).flatMap((lines) => (isHardWrapped(lines) ? [lines.join(' ')] : lines));
}

const DATELINE_START = /^\p{Lu}[\p{Lu}'’.-]+(?: \p{Lu}[\p{Lu}'’.-]+){0,3}(?:,[^–—-]{0,40})?\s*(?:\([^()]{2,40}\)\s*)?[–—-]/u;
const BYLINE = /^By\s+(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}(?:\s*(?:,|and|&)\s*\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})*)\s*$/u;

/** A short line that is only a date ("Saturday, January 8, 2005"). */
function isBareDate(line: string): boolean {
  return line.length <= 60 && parseDateMs(line) !== null;
}

/**
 * Whether `line` (the first line, alone in its block) reads as a headline, per rules 3–5 of the
 * module comment.
 */
export function looksLikeHeadline(line: string): boolean {
  if (line.length > HEADLINE_MAX_CHARS || !/\p{L}/u.test(line)) return false;
  const words = line.split(/\s+/).length;
  if (words < 2 || words > HEADLINE_MAX_WORDS) return false;
  if (/[,:;]$/.test(line)) return false;
  if (/\.$/.test(line) && !/(?:^|\s)(?:\p{Lu}\.){2,}$/u.test(line)) return false;
  if (DATELINE_START.test(line) || BYLINE.test(line) || isBareDate(line)) return false;
  return true;
}

/** Names in a byline block, or null when the block is not a byline. */
function bylineAuthors(block: string[]): string[] | null {
  if (block.length !== 1 || block[0].length > 80) return null;
  const m = BYLINE.exec(block[0]);
  if (!m) return null;
  return m[1]
    .split(/\s*(?:,|\band\b|&)\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Read a plain-text article.
 *
 * @example readPlainText('Iran, Iraq sign MoU to boost defense ties\n\nIran and Iraq signed …', 'seed.txt')
 *   // { ok: true, input: 'seed.txt', draft: { headline: 'Iran, Iraq sign MoU to boost defense ties', … } }
 */
export function readPlainText(text: string, name: string): ReadItem {
  const blocks = blocksOf(text.replace(/^\ufeff/, ''));
  if (blocks.length === 0) return { ok: false, input: name, reason: 'empty file (no text)' };
  let headline: string | null = null;
  let rest = blocks;
  if (blocks.length >= 2 && blocks[0].length === 1 && looksLikeHeadline(blocks[0][0])) {
    headline = blocks[0][0];
    rest = blocks.slice(1);
  }
  let authors: string[] = [];
  if (headline && rest.length >= 2) {
    const by = bylineAuthors(rest[0]);
    if (by) {
      authors = by;
      rest = rest.slice(1);
    }
  }
  // A line that reads as a date but not as a plausible one ("Friday, May 21, 2099") is a stated
  // date that was dropped: warned about like a bad date field. A line that does not read as a date
  // at all is just text (there is no field saying it was meant as one), so it gives no warning.
  const date = readPublished(rest.slice(0, 3).flatMap((b): DateCandidate[] => (b.length === 1 && isBareDate(b[0]) ? [['date line', b[0]]] : [])));
  const paragraphs = rest.flatMap((lines) => (isHardWrapped(lines) ? [lines.join(' ')] : lines));
  if (paragraphs.length === 0) return { ok: false, input: name, reason: 'no article text after the headline' };
  const draft: ArticleDraft = {
    externalId: null,
    headline,
    headlineDerived: false,
    paragraphs,
    url: null,
    canonicalUrl: null,
    outlet: { name: null, domain: null },
    authors,
    published: date.published,
    language: null,
    format: 'text',
  };
  return { ok: true, input: name, draft, ...warningsOf(date.rejected && undatedWarning(date.rejected, paragraphs)) };
}
