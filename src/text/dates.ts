/**
 * Date parsing for whatever a source gives: ISO-8601 (with or without zone, basic or extended),
 * RFC 822/2822 (RSS), textual dates ("Sunday, January 8, 2005", "23 July 2017 10:00 AM EDT"),
 * numeric dates ("2013/06/07", "23.07.2017"), epoch seconds/milliseconds. Output is always
 * ISO-8601 UTC.
 *
 * Why a parser of our own instead of `Date.parse`: for anything that is not strict ISO-8601,
 * `Date.parse` falls back to implementation-specific rules and reads zone-less strings in the
 * *machine's local time zone*, so the same article would get a different time on a server in
 * Tehran and one in London. This parser is deterministic and explicit:
 *
 * - a date without a time is midnight UTC of that day;
 * - a date-time without a zone is taken as UTC (the only neutral choice when the source is silent);
 * - a zone is honoured when given as `Z`, `±hh`, `±hhmm`, `±hh:mm`, `UTC`/`GMT`/`UT` (optionally
 *   followed by an offset, "GMT+3"), or as one of the unambiguous abbreviations in {@link ZONES};
 *   the ambiguous abbreviations IST (India/Israel/Ireland) and AST (Arabia/Atlantic) are ignored,
 *   so the wall time is read as UTC (error bounded by the zone offset; the day is kept);
 * - two-digit years follow RFC 2822 §4.3 (00–49 → 20xx, 50–99 → 19xx);
 * - numeric day/month order: `yyyy-mm-dd`/`yyyy/mm/dd` is year-first; with dots (`23.07.2017`)
 *   day-first (the convention wherever dots are used); with slashes or dashes the order is taken
 *   from whichever part cannot be a month (> 12); when both could be, the date is ambiguous and
 *   rejected rather than guessed.
 */

/** Parse options. */
export interface DateOptions {
  /** "Now" in epoch ms for the plausibility check (default `Date.now()`); tests pass a fixed value. */
  now?: number;
}

/**
 * Parse `value` into ISO-8601 UTC, or null when it is not a plausible publication time (before
 * 1900, or more than two days after `now` — two days absorb any zone confusion plus clock skew).
 *
 * @example toIsoUtc('Sun, 23 Jul 2017 10:00:00 +0430') // '2017-07-23T05:30:00.000Z'
 * @example toIsoUtc('Saturday, January 8, 2005')       // '2005-01-08T00:00:00.000Z'
 */
export function toIsoUtc(value: unknown, opts: DateOptions = {}): string | null {
  const ms = parseDateMs(value);
  if (ms === null) return null;
  const now = opts.now ?? Date.now();
  if (ms < Date.UTC(1900, 0, 1) || ms > now + 2 * 86_400_000) return null;
  return new Date(ms).toISOString();
}

/** Epoch milliseconds of `value`, or null when it cannot be read as a date. No plausibility check. */
export function parseDateMs(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? (Math.abs(value) < 1e11 ? value * 1000 : value) : null;
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.getTime() : null;
  if (typeof value !== 'string') return null;
  const s = value.trim().replace(/\s+/g, ' ');
  if (!s || s.length > 80) return null;
  if (/^\d{9,13}$/.test(s)) {
    const n = Number(s);
    return n < 1e11 ? n * 1000 : n;
  }
  return parseIso(s) ?? parseFree(s);
}

/**
 * Time-zone abbreviations whose meaning is unambiguous in news use, in minutes east of UTC.
 * Sources: the RFC 822 zones (UT, GMT, EST … PDT) plus the standard/daylight names of the larger
 * news markets. Deliberately absent because they mean several zones: IST (India/Israel/Ireland),
 * AST (Arabia/Atlantic), CST is kept as US Central as in RFC 822.
 */
export const ZONES: Readonly<Record<string, number>> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600, NST: -210, NDT: -150,
  BST: 60, WEST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180, MSK: 180,
  TRT: 180, IRST: 210, IRDT: 270, GST: 240, PKT: 300, NPT: 345, ICT: 420, WIB: 420,
  HKT: 480, SGT: 480, AWST: 480, PHT: 480, JST: 540, KST: 540, ACST: 570, ACDT: 630,
  AEST: 600, AEDT: 660, NZST: 720, NZDT: 780, SAST: 120, WAT: 60, CAT: 120, EAT: 180,
  // US "Eastern/Central/Mountain/Pacific Time" without standard/daylight: the standard offset
  // (at most one hour off in summer, far better than reading the wall time as UTC).
  ET: -300, CT: -360, MT: -420, PT: -480,
};

const ISO_RE =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?$/i;

/** Strict ISO-8601 (extended or basic form), the format of JSON-LD, Atom, OpenGraph and news-please. */
function parseIso(s: string): number | null {
  const m = ISO_RE.exec(s);
  if (!m) return null;
  // Basic form without separators needs a 'T' time part or nothing: "20170723" alone is a date.
  const [, y, mo, d, hh, mi, ss, frac, zone] = m;
  const offset = zone ? parseOffset(zone) : 0;
  if (offset === null) return null;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  return build(+y, +mo, +d, hh ? +hh : 0, mi ? +mi : 0, ss ? +ss : 0, ms, offset);
}

/** "Z", "+04:30", "+0430", "-05", "UTC", "GMT" → minutes east of UTC. */
function parseOffset(z: string): number | null {
  const u = z.toUpperCase();
  if (u === 'Z' || u === 'UTC' || u === 'GMT' || u === 'UT') return 0;
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (!m) return null;
  const h = +m[2];
  const mi = m[3] ? +m[3] : 0;
  if (h > 14 || mi > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (h * 60 + mi);
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
};
const WEEKDAYS = new Set([
  'mon', 'monday', 'tue', 'tues', 'tuesday', 'wed', 'wednesday', 'thu', 'thur', 'thurs', 'thursday',
  'fri', 'friday', 'sat', 'saturday', 'sun', 'sunday',
]);
/** Filler words that may surround a date in a metadata field ("Published on July 23, 2017 at 10:00"). */
const FILLER = new Set(['on', 'at', 'the', 'of', 'published', 'updated', 'posted', 'last', 'modified', 'date', 'am', 'pm']);

/**
 * Free-form dates: RFC 2822 and textual forms, plus numeric day/month/year. Tokens are classified
 * (time, zone, month name, number); anything else must be a weekday or filler word, so arbitrary
 * prose containing a number is not mistaken for a date.
 */
function parseFree(input: string): number | null {
  let s = input;
  // Time: "10:00", "10:00:05", "10:00:05.123", optional am/pm; or "10 am" / "10a.m.".
  let hh = 0;
  let mi = 0;
  let ss = 0;
  let hasTime = false;
  const tm = /\b(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:\s*([ap])\.?\s?m\b\.?)?/i.exec(s) ?? /\b(\d{1,2})()()\s*([ap])\.?\s?m\b\.?/i.exec(s);
  if (tm) {
    hh = +tm[1];
    mi = tm[2] ? +tm[2] : 0;
    ss = tm[3] ? +tm[3] : 0;
    const ap = tm[4]?.toLowerCase();
    if (ap) {
      if (hh < 1 || hh > 12) return null;
      if (ap === 'p' && hh < 12) hh += 12;
      if (ap === 'a' && hh === 12) hh = 0;
    }
    hasTime = true;
    s = s.slice(0, tm.index) + ' ' + s.slice(tm.index + tm[0].length);
  }
  // Zone: numeric offset (possibly after GMT/UTC: "GMT+3", "UTC+04:30"), or a known abbreviation.
  let offset = 0;
  // The sign must follow white space or GMT/UTC, so the "-2017" of "23-07-2017" is not an offset.
  const zm = /(?:\b(?:UTC|GMT|UT)\s*|(?<=^|\s))([+-]\d{1,2}(?::?\d{2})?)(?![\d./:-])/i.exec(s);
  if (zm && (hasTime || /UTC|GMT|UT/i.test(zm[0]))) {
    const o = parseOffset(zm[1]);
    if (o === null) return null;
    offset = o;
    s = s.slice(0, zm.index) + ' ' + s.slice(zm.index + zm[0].length);
  }
  // Remaining words: month names, weekdays, zone abbreviations, fillers.
  let month = 0;
  const nums: { v: number; len: number; pos: number; afterMonth: boolean }[] = [];
  const re = /(\p{L}+)\.?|(\d+)(?:st|nd|rd|th)?|([./-])/gu;
  let m: RegExpExecArray | null;
  const seps: string[] = [];
  while ((m = re.exec(s)) !== null) {
    if (m[1]) {
      const w = m[1].toLowerCase();
      if (MONTHS[w] && !month) month = MONTHS[w];
      else if (WEEKDAYS.has(w) || FILLER.has(w)) continue;
      else if (m[1].toUpperCase() in ZONES && m[1] === m[1].toUpperCase()) offset = ZONES[m[1].toUpperCase()];
      else if (/^(?:ist|ast)$/i.test(w)) continue; // ambiguous zone abbreviations: ignored (see header)
      else return null;
    } else if (m[2]) {
      nums.push({ v: +m[2], len: m[2].length, pos: m.index, afterMonth: month > 0 });
    } else if (m[3]) {
      seps.push(m[3]);
    }
  }
  let y: number;
  let mo: number;
  let d: number;
  if (month) {
    // "January 8, 2005", "8 January 2005", "23 Jul 17" (RFC 822 two-digit year after the month).
    if (nums.length !== 2) return null;
    const four = nums.findIndex((n) => n.len === 4);
    if (four >= 0) {
      y = nums[four].v;
      d = nums[1 - four].v;
    } else {
      const after = nums.filter((n) => n.afterMonth);
      const before = nums.filter((n) => !n.afterMonth);
      if (before.length === 1 && after.length === 1) {
        d = before[0].v;
        y = twoDigitYear(after[0].v);
      } else return null;
    }
    mo = month;
  } else {
    if (nums.length !== 3) return null;
    const [a, b, c] = nums;
    const sep = seps[0] ?? '';
    if (a.len === 4) {
      y = a.v;
      mo = b.v;
      d = c.v;
    } else if (c.len === 4 || c.len === 2) {
      y = c.len === 4 ? c.v : twoDigitYear(c.v);
      if (sep === '.') {
        d = a.v;
        mo = b.v;
      } else if (a.v > 12 && b.v <= 12) {
        d = a.v;
        mo = b.v;
      } else if (b.v > 12 && a.v <= 12) {
        mo = a.v;
        d = b.v;
      } else if (a.v === b.v) {
        d = a.v;
        mo = b.v;
      } else return null; // "03/04/2017": ambiguous, do not guess
    } else return null;
  }
  return build(y, mo, d, hh, mi, ss, 0, offset);
}

function twoDigitYear(v: number): number {
  if (v >= 100) return v;
  return v < 50 ? 2000 + v : 1900 + v;
}

/** Epoch ms of a wall time at `offset` minutes east of UTC, or null when a field is out of range. */
function build(y: number, mo: number, d: number, hh: number, mi: number, ss: number, ms: number, offset: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || hh > 24 || mi > 59 || ss > 60) return null;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  if (hh === 24 && (mi || ss || ms)) return null;
  const t = Date.UTC(y, mo - 1, d, hh, mi, Math.min(ss, 59), ms) - offset * 60_000;
  return Number.isFinite(t) ? t : null;
}
