/**
 * Sentence segmentation for news text.
 *
 * Rule-based on purpose: news prose is regular enough that a handful of rules about what may end a
 * sentence beats a statistical model we could not ship, and it runs at millions of characters per
 * second (the brief benchmark segments 200 articles per call). The rules, and why:
 *
 * - A sentence ends at `.`, `!`, `?` or `…` (plus any closing quotes/brackets) followed by white
 *   space, when the next word starts a sentence: an upper-case letter, a digit, or an opening
 *   quote/bracket. A lower-case continuation never starts a sentence (`"… home," he said`).
 * - A period after a **title** (Mr., Gen., Sen., Dr. …) or a **single-letter initial** (George W.
 *   Bush) never ends a sentence: in news they are always followed by a name.
 * - A period after a **month abbreviation** (Jan., Sept. …) or `No.` does not end a sentence before a
 *   number ("Dec. 26", "No. 1").
 * - A period after a **dotted abbreviation** that can also close a sentence (U.S., U.N., a.m., Inc.,
 *   Jr., etc.) ends the sentence only when the next word is a capitalised function word ("… the
 *   U.S. The …"), because a capitalised content word after it is almost always part of the same
 *   name or phrase ("U.S. Senate", "9 a.m. Monday"). Function words are the project's STOPWORDS.
 * - `e.g.`, `i.e.`, `vs.`, `cf.` never end a sentence.
 *
 * Material that is not prose is removed rather than kept as sentences:
 * - **Datelines** at the start of a paragraph: place datelines ("TEHRAN –", "LONDON (AP) _",
 *   "NEW YORK, March 3 (Reuters) -", "(CNN) --") and date lines ("Saturday, January 8, 2005", as
 *   Wikinews prints above every article). The sentence's `start` then points after the dateline.
 * - **Bylines** ("By Jane Doe, Associated Press") and **credit lines**: reporting/editing credits,
 *   photo credits, copyright and licence notices ("All Content by Mehr News Agency is licensed
 *   under …", including editor initials such as "MH/PA" before it), "X contributed to this report",
 *   share/follow prompts.
 *
 * @example splitSentences(['LONDON (AP) _ Gen. Smith arrived in the U.S. on Monday. He left.'])
 *   .map(s => s.text) // ['Gen. Smith arrived in the U.S. on Monday.', 'He left.']
 */
import { STOPWORDS } from './tokenize.js';

/**
 * One sentence of an article. `text === paragraphs[paragraph].slice(start, end)`.
 *
 * @example { text: 'He left.', start: 52, end: 60, paragraph: 0, index: 1 }
 */
export interface Sentence {
  /** The sentence, without a leading dateline and without surrounding white space. */
  text: string;
  /** Offset of the first character in its paragraph. */
  start: number;
  /** Offset one past the last character in its paragraph. */
  end: number;
  /** Index of the paragraph (in the array given to `splitSentences`). */
  paragraph: number;
  /** Position of the sentence in the whole article, counting from 0 (removed lines not counted). */
  index: number;
}

const TITLES = new Set(
  (
    'mr mrs ms messrs dr prof gen lt col sgt capt cmdr cdr maj adm gov sen rep reps sens rev hon pres supt ' +
    'insp det cpl pvt brig fr msgr st mt ft atty amb gens sgts lts cols const dep dist asst assoc' // St. Louis, Mt. Everest, Ft. Riley
  ).split(' '),
);
const MONTHS_ABBR = new Set('jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '));
const NUMBER_ABBR = new Set('no nos vol pp art fig ch sec'.split(' '));
const NEVER_FINAL = new Set(['e.g', 'i.e', 'vs', 'cf', 'viz', 'approx', 'ca']);
/** Abbreviations that may also end a sentence ("… in the U.S."): decided by the next word. */
const MAYBE_FINAL = new Set(
  'inc corp co ltd llc plc jr sr bros etc esq a.m p.m u.s u.k u.n e.u d.c u.s.a'.split(' '),
);

const WEEKDAY = '(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day';
const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|' +
  'Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const DATE = `(?:${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}\\s+${MONTH},?\\s+\\d{4})`;
/**
 * Date line: "Saturday, January 8, 2005" or "December 29, 2004" standing alone or followed by a
 * dash/colon, or a weekday-led date glued to the first sentence ("Saturday, March 26, 2005 Up to
 * four times …", as Wikinews prints it). A bare date followed by prose ("December 26, 2004 will be
 * remembered …") is the sentence's subject, not a date line.
 */
const DATE_LINE = new RegExp(
  `^(?:(?:${WEEKDAY},?\\s+)?${DATE}(?:\\s*[-–—:|]\\s*|\\s*$)|${WEEKDAY},?\\s+${DATE}\\s+)`,
);
/**
 * Place dateline: one to four all-capital words (the place), an optional ", Region" or ", Month Day"
 * part, an optional "(Agency)", then a dash, underscore or colon. "(CNN) --" alone also counts.
 */
const PLACE_DATELINE = new RegExp(
  "^(?:[A-Z][A-Z.'’\\-]+(?:[ /][A-Z][A-Z.'’\\-]+){0,3}" +
    `(?:,\\s*(?:${MONTH}\\s+\\d{1,2}|[A-Z][A-Za-z.]+(?:\\s[A-Z][A-Za-z.]+)?))?` +
    '(?:\\s*\\([A-Z][A-Za-z&.\\- ]{0,30}\\))?' +
    '\\s*(?:--|[–—_:\\-])\\s+' +
    '|\\([A-Z][A-Za-z&.\\- ]{0,30}\\)\\s*(?:--|[–—_\\-])\\s*)',
);

/**
 * Mixed-case place dateline ("Meadow Lake, Saskatchewan – The council …", Wikinews style): a
 * capitalised place, a comma, a capitalised region, then a dash. Only trusted in an article's lead
 * paragraph, where datelines stand; elsewhere "Smith, Jones – …" could be prose.
 */
const LEAD_PLACE_DATELINE = /^[A-Z][\p{L}.'’-]+(?: [A-Z][\p{L}.'’-]+){0,3}, [A-Z][\p{L}.'’-]+(?: [A-Z][\p{L}.'’-]+){0,2}\s*[–—]\s+(?=[A-Z"“])/u;

/** Whole sentences or paragraphs that are credits, bylines or notices rather than news prose. */
const CREDIT_PATTERNS: RegExp[] = [
  /^By\s+(?:[A-Z][\w.'’-]*\s*){1,4}(?:(?:,|and|&)\s*[^.!?]{0,60})?$/u, // byline without a final period
  /^\((?:Additional\s+)?(?:Reporting|Writing|Editing)\s+by\b[^)]*\)?\.?$/i, // "(Reporting by …; Editing by …)"
  /^(?:Additional\s+)?(?:Reporting|Writing|Editing)\s+by\s+[A-Z][^.!?]{0,80}(?:;\s*(?:Additional\s+)?(?:reporting|writing|editing)\s+by\s+[^.!?]{0,80})*\.?$/i,
  /^(?:Photo|Image|Picture|Video|Graphic)s?(?:\s+credit)?\s*[:/]/i,
  /^(?:AP|AFP|Reuters|Getty|EPA)\s+(?:Photo|Images)\b/,
  /©|\([cC]\)\s*\d{4}|\bCopyright\s+(?:©\s*)?\d{4}/,
  /\bAll\s+(?:Content|rights)\b.*\b(?:licensed|reserved)\b/i,
  /\blicensed\s+under\s+(?:a|the)\s+Creative\s+Commons\b/i,
  /\bcontributed\s+(?:to\s+)?(?:this\s+)?(?:report|reporting|story)\.?$/i,
  /^(?:Follow|Like)\s+(?:us|him|her|them)\s+on\s+(?:Twitter|Facebook|Instagram)/i,
  /^(?:Click\s+here|Read\s+more|Related\s*:|Share\s+this|Sign\s+up\s+for)/i,
  /^(?:[A-Z]{1,4}\/){1,4}[A-Z]{1,4}$/, // editor initials alone: "MH/PA"
];

/** True when a sentence (or paragraph) is a byline, credit or notice, not news prose. */
export function isCreditLine(text: string): boolean {
  const t = text.trim();
  return CREDIT_PATTERNS.some((re) => re.test(t));
}

/**
 * Length of a leading dateline (place or date) in a paragraph, 0 if there is none.
 *
 * @example datelineLength('TEHRAN – Iran and Iraq signed …') // 9
 */
export function datelineLength(paragraph: string): number {
  const d = DATE_LINE.exec(paragraph);
  if (d) return d[0].length;
  const p = PLACE_DATELINE.exec(paragraph);
  // The place must contain at least two capital letters in a row: "A –" is not a dateline.
  if (p && /[A-Z]{2}|^\(/.test(p[0])) return p[0].length;
  return 0;
}

const MONTH_NUM: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

/**
 * The date of a leading date line ("Saturday, January 8, 2005" or "8 January 2005") in the first
 * paragraphs, as ISO-8601 UTC midnight, or null. Wikinews-style articles carry their date only there.
 *
 * @example leadingDate(['Saturday, January 8, 2005', 'U.S. citizens …']) // '2005-01-08T00:00:00.000Z'
 */
export function leadingDate(paragraphs: readonly string[]): string | null {
  for (const p of paragraphs.slice(0, 2)) {
    const d = DATE_LINE.exec(p);
    if (!d) continue;
    const m =
      /([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})/.exec(d[0]) ??
      /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})/.exec(d[0]);
    if (!m) continue;
    const [monTxt, day] = /^\d/.test(m[1]) ? [m[2], m[1]] : [m[1], m[2]];
    const mon = MONTH_NUM[monTxt.toLowerCase()];
    if (mon === undefined) continue;
    const t = Date.UTC(Number(m[3]), mon, Number(day));
    if (Number.isFinite(t)) return new Date(t).toISOString();
  }
  return null;
}

/** The word (letters, digits, inner periods) that ends just before position `dot` in `s`. */
function wordBefore(s: string, dot: number): string {
  let i = dot;
  while (i > 0 && /[\p{L}\p{N}.]/u.test(s[i - 1])) i--;
  return s.slice(i, dot).replace(/^\.+/, '');
}

/** The word that starts at position `i` (after any opening quotes/brackets). */
function wordAt(s: string, i: number): string {
  let j = i;
  while (j < s.length && /["'“‘([]/.test(s[j])) j++;
  let k = j;
  while (k < s.length && /[\p{L}\p{N}'’-]/u.test(s[k])) k++;
  return s.slice(j, k);
}

/**
 * Decide whether the terminal punctuation run `p[runStart, runEnd)` (only `.!?…` characters) ends
 * a sentence, given that the next sentence would start at `next`.
 */
function isBoundary(p: string, runStart: number, runEnd: number, next: number): boolean {
  const c = p[next];
  if (c === undefined) return false;
  if (!/[\p{Lu}\p{N}"'“‘([]/u.test(c)) return false; // lower case or other: same sentence
  const run = p.slice(runStart, runEnd);
  if (run !== '.') return true; // "!", "?", "…", "...", "?!" before a capital
  const before = wordBefore(p, runStart);
  if (!before) return true;
  const lower = before.toLowerCase();
  if (TITLES.has(lower) || NEVER_FINAL.has(lower)) return false;
  if (/^\p{Lu}$/u.test(before)) return false; // initial: "George W. Bush"
  const nextWord = wordAt(p, next);
  if ((MONTHS_ABBR.has(lower) || NUMBER_ABBR.has(lower)) && /^\p{N}/u.test(nextWord)) return false;
  const dotted = /^(?:\p{L}\.)+\p{L}$/u.test(before); // "U.S", "a.m"
  if (dotted || MAYBE_FINAL.has(lower) || MONTHS_ABBR.has(lower)) {
    return /^\p{Lu}/u.test(nextWord) && STOPWORDS.has(nextWord.toLowerCase());
  }
  return true;
}

/** Sentence spans [start, end) of one paragraph, starting the search at `from`. */
function spans(p: string, from: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /([.!?…]+)["'”’)\]]*(?=\s)/g;
  re.lastIndex = from;
  let start = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(p)) !== null) {
    let end = m.index + m[0].length;
    // Tokenised text puts closing quotes after a space ("… collapsed. '' Roesler said."): they
    // belong to the sentence they close.
    const closer = /^\s+(?:''|”|’’)(?=\s|$)/.exec(p.slice(end, end + 6));
    if (closer) end += closer[0].length;
    let next = end;
    while (next < p.length && /\s/.test(p[next])) next++;
    if (isBoundary(p, m.index, m.index + m[1].length, next)) {
      out.push([start, end]);
      start = next;
    }
  }
  if (start < p.length) out.push([start, p.length]);
  return out;
}

/** Trim white space from a span. */
function trimSpan(p: string, a: number, b: number): [number, number] {
  while (a < b && /\s/.test(p[a])) a++;
  while (b > a && /\s/.test(p[b - 1])) b--;
  return [a, b];
}

/**
 * Split article paragraphs into sentences, dropping datelines, bylines and credit lines.
 * Never throws; empty or non-prose input gives no sentences.
 */
export function splitSentences(paragraphs: readonly string[]): Sentence[] {
  const out: Sentence[] = [];
  paragraphs.forEach((raw, pi) => {
    const p = typeof raw === 'string' ? raw : '';
    if (!p.trim()) return;
    let from = datelineLength(p);
    if (from === 0 && out.length === 0) from = LEAD_PLACE_DATELINE.exec(p)?.[0].length ?? 0;
    for (const [a0, b0] of spans(p, from)) {
      const [a, b] = trimSpan(p, a0, b0);
      if (a >= b) continue;
      let text = p.slice(a, b);
      let start = a;
      if (isCreditLine(text)) continue;
      // Editor initials glued to a licence notice were removed with it; initials glued to the
      // start of a prose sentence ("MH/PA The …") are stripped.
      const ini = /^(?:[A-Z]{1,4}\/){1,4}[A-Z]{1,4}\s+/.exec(text);
      if (ini) {
        start += ini[0].length;
        text = p.slice(start, b);
      }
      if (!/[\p{L}\p{N}]/u.test(text)) continue;
      out.push({ text, start, end: b, paragraph: pi, index: out.length });
    }
  });
  return out;
}
