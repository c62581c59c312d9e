/**
 * Publication dates as every reader takes them from a source's fields, and the warning given when a
 * source states a date that cannot be used.
 *
 * One rule for all readers (JSON/JSONL, feeds, HTML, plain text):
 * - a value is read by {@link toIsoUtc} (src/text/dates.ts), which also decides plausibility: a
 *   time before 1900, or more than two days after now (two days absorb zone confusion and clock
 *   skew), is not a publication time. That is the only plausibility rule in the project; nothing
 *   here restates it, so the readers, `finalizeArticle` and the date parser cannot disagree;
 * - a source's date fields are tried most specific first and the first readable one is the date;
 * - when a field holds a value but none is readable, the article is still stored (a bad date is no
 *   reason to lose the text), undated, with one warning naming the first such field and quoting its
 *   value: `published date "not a date" is not a date; stored undated`. An absent or empty field
 *   is silence, not an error: no warning.
 */
import { parseDateMs, toIsoUtc } from '../text/dates.js';
import { leadingDate } from '../text/sentences.js';

/** A source field that may hold the publication date: its name as the source spells it, and its value. */
export type DateCandidate = readonly [field: string, value: unknown];

/** The publication date read from a source's fields, and the warning when a stated date was dropped. */
export interface PublishedDate {
  /** ISO-8601 UTC, or null. */
  published: string | null;
  /** Set when some field held a value but none could be read; see {@link undatedWarning}. */
  rejected: { field: string; value: unknown } | null;
}

/** Longest quoted value in a warning: enough to recognise it, short enough for one stderr line. */
const QUOTE_MAX = 40;

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/**
 * The first readable date among `candidates` (tried in order, lazily: a generator may look fields up
 * only as they are needed), and the first present but unreadable one when none is readable.
 *
 * @example readPublished([['published', 'not a date']]) // { published: null, rejected: { field: 'published', value: 'not a date' } }
 * @example readPublished([['pubDate', 'garbage'], ['dc:date', '2009-06-02']]) // { published: '2009-06-02T00:00:00.000Z', rejected: null }
 */
export function readPublished(candidates: Iterable<DateCandidate>): PublishedDate {
  let rejected: PublishedDate['rejected'] = null;
  for (const [field, value] of candidates) {
    if (isEmpty(value)) continue;
    const published = toIsoUtc(value);
    if (published) return { published, rejected: null };
    rejected ??= { field, value };
  }
  return { published: null, rejected };
}

/**
 * The date `finalizeArticle` gives an article whose source states none: a date line opening the text
 * ("Saturday, January 8, 2005", as Wikinews and many wire stories print it), held to the same
 * plausibility rule as a date field.
 */
export function textDate(paragraphs: readonly string[]): string | null {
  return toIsoUtc(leadingDate(paragraphs));
}

/** A value as quoted in a warning: white space collapsed, clipped to about {@link QUOTE_MAX} characters. */
function quote(value: unknown): string {
  const s = (typeof value === 'string' ? value : JSON.stringify(value) ?? String(value)).replace(/\s+/g, ' ').trim();
  return `"${s.length > QUOTE_MAX ? `${s.slice(0, QUOTE_MAX - 1)}…` : s}"`;
}

/**
 * The warning for a stated date that was dropped: which field, its value, and why — it is not a date
 * at all, or a date outside the plausible range (see the module comment). `paragraphs` is the body:
 * when it opens with a plausible date line, `finalizeArticle` dates the article from it (see
 * {@link textDate}), and the warning says so instead of claiming the article is undated.
 *
 * @example undatedWarning({ field: 'published', value: '2099-01-01T00:00:00Z' }, ['An earthquake …'])
 *   // 'published date "2099-01-01T00:00:00Z" is in the future; stored undated'
 */
export function undatedWarning(rejected: { field: string; value: unknown }, paragraphs: readonly string[]): string {
  const ms = parseDateMs(rejected.value);
  // parseDateMs reads without the plausibility check: a time it reads that toIsoUtc refused is
  // implausible, and which side of the range it fell on tells the user what was wrong.
  const why = ms === null ? 'is not a date' : ms > Date.now() ? 'is in the future' : 'is before 1900';
  // "pubDate", "dc:date", "date_published" already say what they are; "published" reads better as "published date".
  const name = /date/i.test(rejected.field) ? rejected.field : `${rejected.field} date`;
  const outcome = textDate(paragraphs) ? 'the date line at the start of the text is used instead' : 'stored undated';
  return `${name} ${quote(rejected.value)} ${why}; ${outcome}`;
}

/** The warnings of a read item: `{ warnings }` to spread into it when there are any, else nothing. */
export function warningsOf(...warnings: (string | null | undefined)[]): { warnings?: string[] } {
  const list = warnings.filter((w): w is string => !!w);
  return list.length ? { warnings: list } : {};
}
