/**
 * Numbers, dates and clock times stated in a fact unit, normalised so that two reports of one fact
 * can be compared slot by slot.
 *
 * Numbers. A figure is a run of digits ("3,197", "7.0", "1,300,000", "165km") or of English number
 * words ("thirteen", "two hundred", "a dozen", "half a billion"), with an optional scale word
 * ("350 million"). It is read together with:
 * - its **qualifier** just before it ("more than", "about", "at least", "nearly", "passing" …);
 * - its **noun**: up to two content words right after it with nothing but spaces or a hyphen in
 *   between ("228 people", "12 crew members", "7.0 magnitude earthquake"), else the measure named
 *   just before it ("magnitude of 6.1", "death toll of 300"). Nouns are Porter stems so "body" and
 *   "bodies" meet;
 * - its **kind**: money (currency sign or word), measure (a unit of measurement), age
 *   ("Hasib Hussain, 18," or "18-year-old"), year (1800–2099 written without separators and not
 *   counting anything), else a count.
 * Word numbers that are usually pronouns or articles ("one of them", "a", "an") are not figures, nor
 * are number words naming a decade ("the nineteen seventies"). A figure with no noun after it takes
 * a casualty verb before it as what it counts ("injuring 80"; injured/wounded/hurt are one count);
 * a measure named right before it ("magnitude - 5.9 shook") is what it measures, whatever follows;
 * "aged 95" is an age. Tokenised text (ECB+) is read as written: "1, 400" is 1,400, "6 : 00 p.m."
 * is one time, and the fragments of a number cut by the tokeniser are not figures.
 *
 * The **range** a figure allows follows news rounding conventions: a figure is rounded at its last
 * significant digit, so its step is the place value of that digit (80,000 → 10,000; 222,570 → 10;
 * 7.0 → 0.1, the stated precision). A plain figure or "about/around/some" stands for ± half a
 * step; "more than/over/passing" for (v, v + step]; "at least" for [v, v + step]; "nearly/almost/
 * up to/as many as" for [v − step, v]; "less/fewer than/under" for [v − step, v); "exactly" for v.
 * Two figures are *compatible* when their ranges overlap. This is how a reader would take
 * "more than 4,000" (4,001 … 5,000, not 40,000) and is not fitted to any data.
 *
 * Dates: weekday names, "June 1" / "1 June" / "June 1, 2009" / "Jan. 1", and clock times
 * ("22:30", "06.03 local time", "8.26am", "12pm", "11:10 p.m."), with a time zone when one follows
 * ("GMT", "UTC", "BST", "local time"). A period between digits is a time only when a time marker
 * follows (am/pm, a zone, "local time") — "7.0 magnitude" is not a time.
 */
import { tokenize, STOPWORDS, type Token } from '../text/tokenize.js';
import { porterStem } from '../summarize/porter.js';
import type { DateMention, Quantity } from './types.js';

const UNITS: ReadonlyMap<string, number> = new Map(Object.entries({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70,
  eighty: 80, ninety: 90, dozen: 12,
}));
const SCALES: ReadonlyMap<string, number> = new Map(Object.entries({ hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 }));

/** Qualifiers (lower case, as token sequences) and the range shape each implies. */
type Shape = 'around' | 'above' | 'atleast' | 'upto' | 'below' | 'exact';
const QUALIFIERS: Array<[string[], Shape]> = [
  [['more', 'than'], 'above'], [['over'], 'above'], [['above'], 'above'], [['exceeding'], 'above'],
  [['passing'], 'above'], [['passed'], 'above'], [['beyond'], 'above'], [['in', 'excess', 'of'], 'above'],
  [['upwards', 'of'], 'above'], [['at', 'least'], 'atleast'], [['no', 'fewer', 'than'], 'atleast'],
  [['no', 'less', 'than'], 'atleast'], [['nearly'], 'upto'], [['almost'], 'upto'], [['close', 'to'], 'upto'],
  [['up', 'to'], 'upto'], [['as', 'many', 'as'], 'upto'], [['as', 'much', 'as'], 'upto'], [['approaching'], 'upto'],
  [['approach'], 'upto'], [['nearing'], 'upto'], [['less', 'than'], 'below'], [['fewer', 'than'], 'below'],
  [['under'], 'below'], [['below'], 'below'], [['about'], 'around'], [['around'], 'around'],
  [['approximately'], 'around'], [['approx'], 'around'], [['roughly'], 'around'], [['some'], 'around'],
  [['an', 'estimated'], 'around'], [['estimated'], 'around'], [['circa'], 'around'], [['exactly'], 'exact'],
  [['precisely'], 'exact'], [['just'], 'exact'],
];

/** Unit-of-measure words (lower case) and suffixes glued to digits ("165km"). */
const MEASURES = new Set(
  (
    'km kms kilometre kilometres kilometer kilometers mile miles metre metres meter meters m ft foot feet ' +
    'inch inches cm centimetre centimetres centimeter centimeters mm millimetre millimetres millimeter millimeters ' +
    'kg kilogram kilograms kilo kilos tonne tonnes ton tons pound-weight lb lbs gram grams mph kph km/h knots ' +
    'percent per-cent pct % degree degrees magnitude hectare hectares acre acres litre litres liter liters gallon gallons ' +
    'barrel barrels h hr hrs hour hours minute minutes min mins second seconds sec secs day days week weeks month months year years'
  ).split(' '),
);
const CURRENCY_WORDS = new Set(
  'dollar dollars usd us$ euro euros eur pound pounds gbp sterling yen jpy yuan renminbi rupee rupees rial rials riyal riyals dinar dinars peso pesos franc francs won ruble rubles rouble roubles lira shekel shekels'.split(' '),
);
const CURRENCY_SIGN = /[$€£¥₹]\s*$/;
/** Nouns that mark a preceding figure as a measure even though they follow it loosely ("magnitude of 6.1"). */
const MEASURE_BEFORE = new Set(['magnitude', 'depth', 'altitude', 'speed', 'height', 'temperature', 'rate']);
/** Counting nouns named before a figure ("death toll of 300", "toll passed 150,000"). */
const COUNT_BEFORE = new Set(['toll', 'count', 'total', 'number', 'figure', 'tally']);

/**
 * Plural decade words: number words before them name a period, not a figure ("the early nineteen
 * seventies" is a time, not 19 of something).
 */
const DECADES = new Set(['twenties', 'thirties', 'forties', 'fifties', 'sixties', 'seventies', 'eighties', 'nineties']);
/**
 * What a figure counts when no noun follows it but a casualty verb precedes it ("killing 10",
 * "injuring 80", "wounding other 70"): the verb's victims. Injured, wounded and hurt are one
 * count in casualty reports ("50 injured" / "80 wounded" / "70 hurt" are figures of one thing), so
 * they share one stem; the same stem is given to those words when they follow a figure.
 */
const CASUALTY_STEM: ReadonlyMap<string, string> = new Map(Object.entries({
  injur: 'injur', injuri: 'injur', wound: 'injur', hurt: 'injur', kill: 'kill',
}));
/** Words allowed between a casualty verb and its figure ("wounding other 70"). */
const CASUALTY_GAP = new Set(['other', 'another', 'a', 'further', 'some']);

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS: ReadonlyMap<string, number> = new Map(Object.entries({
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11,
  nov: 11, december: 12, dec: 12,
}));
const ZONES = new Set(['gmt', 'utc', 'bst', 'cet', 'cest', 'est', 'edt', 'cst', 'cdt', 'pst', 'pdt', 'mst', 'mdt', 'ist', 'jst', 'aest', 'z']);

/** Place value of the last significant digit of a figure as written ("80,000" → 10000, "7.0" → 0.1). */
export function roundingStep(digits: string): number {
  const clean = digits.replace(/,/g, '');
  const dot = clean.indexOf('.');
  if (dot >= 0) return Math.pow(10, -(clean.length - dot - 1));
  const m = /0*$/.exec(clean);
  const zeros = m ? m[0].length : 0;
  return zeros >= clean.length ? 1 : Math.pow(10, zeros);
}

/** The range a figure with a qualifier allows (see the module comment). */
export function rangeOf(value: number, step: number, shape: Shape): [number, number] {
  switch (shape) {
    case 'exact':
      return [value, value];
    case 'above':
      return [value, value + step];
    case 'atleast':
      return [value, value + step];
    case 'upto':
      return [value - step, value];
    case 'below':
      return [value - step, value];
    default:
      return [value - step / 2, value + step / 2];
  }
}

/** Do two figures' ranges overlap (can both wordings be true)? */
export function compatibleQuantities(a: Pick<Quantity, 'low' | 'high'>, b: Pick<Quantity, 'low' | 'high'>): boolean {
  const eps = 1e-9 * Math.max(1, Math.abs(a.high), Math.abs(b.high));
  return a.low <= b.high + eps && b.low <= a.high + eps;
}

interface Tk extends Token {
  lower: string;
}

/** Cheap whole-text test: a digit or a number word somewhere (most sentences have neither). */
const MAY_HAVE_FIGURE = new RegExp(`\\d|\\b(?:${[...UNITS.keys(), 'half', 'half-billion', 'half-million'].join('|')})\\b`, 'i');

const loweredCache = new WeakMap<readonly Token[], Tk[]>();
/** Tokens with their lower-case form (computed once per token list). */
function lowered(tokens: readonly Token[]): Tk[] {
  let l = loweredCache.get(tokens);
  if (!l) {
    l = tokens.map((t) => ({ text: t.text, start: t.start, end: t.end, lower: t.text.toLowerCase() }));
    loweredCache.set(tokens, l);
  }
  return l;
}

function shapeOf(q: string | null): Shape {
  if (!q) return 'around';
  for (const [words, shape] of QUALIFIERS) if (words.join(' ') === q) return shape;
  return 'around';
}

/** The text between two tokens contains only spaces or a hyphen. */
function tight(text: string, a: Tk, b: Tk): boolean {
  return /^[\s-]*$/.test(text.slice(a.end, b.start));
}

/** Parse a digit token "3,197" / "7.0" / "165km" → [number, digits, suffix]. */
function parseDigits(t: string): { value: number; digits: string; suffix: string } | null {
  const m = /^(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)([\p{L}%]*)$/u.exec(t);
  if (!m) return null;
  const value = Number(m[1].replace(/,/g, ''));
  if (!Number.isFinite(value)) return null;
  return { value, digits: m[1], suffix: m[2].toLowerCase() };
}

/**
 * All figures of a text. `base` is added to every offset (pass the unit's offset in its paragraph
 * to get paragraph offsets).
 *
 * @example extractQuantities('passing 80,000 people')[0] // { raw: 'passing 80,000 people', value: 80000, qualifier: 'passing', low: 80000, high: 90000, noun: ['peopl'], kind: 'count', … }
 */
export function extractQuantities(text: string, base = 0, tokens: readonly Token[] = tokenize(text)): Quantity[] {
  if (!MAY_HAVE_FIGURE.test(text)) return [];
  const toks = lowered(tokens);
  const out: Quantity[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (!/^[\da-z]/.test(t.lower) || (!/^\d/.test(t.lower) && UNITS.get(t.lower) === undefined && t.lower !== 'a' && !t.lower.startsWith('half'))) continue;
    let value: number | null = null;
    let step = 1;
    let endTok = i;
    let suffix = '';
    let d = parseDigits(t.text);
    // The minutes of a clock time written with a spaced colon ("6 : 00 p.m." in tokenised text) are
    // part of that time, never a figure of their own.
    if (d && minutesAt(toks, i, text)) continue;
    // Likewise the decimals of a number the tokeniser cut at its point ("magnitude-5.2" → "magnitude-5",
    // "2"): a fragment, not a figure.
    if (d && i > 0 && text.slice(toks[i - 1].end, t.start) === '.' && /\d$/.test(toks[i - 1].text)) continue;
    // Tokenised text writes "1,400" as "1, 400" (ECB+ does): groups of exactly three digits after
    // ", " continue the number. A list of figures whose later items all have exactly three digits
    // and are separated by a bare comma is rare in news prose; the mis-split figure is common there.
    let groupEnd = i;
    if (d && /^\d{1,3}$/.test(t.text) && !(i > 0 && /^\d/.test(toks[i - 1].text) && text.slice(toks[i - 1].end, t.start) === ', ')) {
      let digits = t.text;
      while (groupEnd + 1 < toks.length && /^\d{3}(?:\.\d+)?[\p{L}%]*$/u.test(toks[groupEnd + 1].text) && text.slice(toks[groupEnd].end, toks[groupEnd + 1].start) === ', ') {
        digits += ',' + toks[groupEnd + 1].text;
        groupEnd++;
      }
      if (groupEnd > i) d = parseDigits(digits);
    }
    if (d) {
      // Clock times and dates are handled by extractDates; ordinals ("11th") are not figures.
      if (/^(st|nd|rd|th|am|pm|h)$/.test(d.suffix) && d.suffix !== 'h') continue;
      if (isTimeAt(toks, i, text)) continue;
      if (identifierAt(toks, i, text) !== null) continue;
      if (i > 0 && MONTHS.get(toks[i - 1].lower.replace(/\.$/, '')) !== undefined && d.value >= 1 && d.value <= 31 && !d.digits.includes('.')) continue;
      if (i + 1 < toks.length && MONTHS.get(toks[i + 1].lower) !== undefined && d.value >= 1 && d.value <= 31) continue;
      value = d.value;
      step = roundingStep(d.digits);
      suffix = d.suffix;
      endTok = groupEnd;
    } else if (UNITS.get(t.lower) !== undefined || (t.lower === 'a' && toks[i + 1]?.lower === 'dozen') || t.lower === 'half' || t.lower === 'half-billion' || t.lower === 'half-million') {
      const w = parseWords(toks, i);
      if (!w) continue;
      ({ value, step } = w);
      endTok = w.end;
      // "one of …", "one in place": a pronoun, not a figure.
      if (t.lower === 'one' && endTok === i && !isNounAfter(toks, i, text)) continue;
      // "the nineteen seventies", "the sixties": a period (see DECADES).
      if (DECADES.has(toks[endTok + 1]?.lower ?? '')) {
        i = endTok + 1;
        continue;
      }
    } else {
      continue;
    }
    // Scale word after digits: "350 million", "2 Billion".
    if (d && endTok + 1 < toks.length && SCALES.get(toks[endTok + 1].lower) !== undefined && tight(text, toks[endTok], toks[endTok + 1]) && toks[endTok + 1].lower !== 'm') {
      const s = SCALES.get(toks[endTok + 1].lower)!;
      value *= s;
      step *= s;
      endTok++;
    }
    if (d && suffix === 'bn') {
      value *= 1e9;
      step *= 1e9;
    }
    // Qualifier before.
    let qualifier: string | null = null;
    let startTok = i;
    for (const [words] of QUALIFIERS) {
      const n = words.length;
      if (i - n < 0) continue;
      let ok = true;
      for (let k = 0; k < n; k++) if (toks[i - n + k].lower !== words[k]) ok = false;
      if (ok && (qualifier === null || n > qualifier.split(' ').length)) {
        qualifier = words.join(' ');
        startTok = i - n;
      }
    }
    // Noun after: up to two content words, tightly attached.
    const noun: string[] = [];
    let nounEnd = endTok;
    let kind: Quantity['kind'] = 'count';
    if (suffix && (MEASURES.has(suffix) || suffix === '%')) {
      noun.push(suffix);
      kind = 'measure';
    }
    const before = text.slice(Math.max(0, toks[startTok].start - 3), toks[startTok].start);
    if (CURRENCY_SIGN.test(before)) kind = 'money';
    for (let k = endTok + 1; k < toks.length && noun.length < 2; k++) {
      const w = toks[k];
      if (!tight(text, toks[k - 1], w)) {
        if (text.slice(toks[k - 1].end, w.start).trim() === '%') {
          noun.push('%');
          kind = 'measure';
        }
        break;
      }
      if (/^\p{Lu}/u.test(w.text) && !CURRENCY_WORDS.has(w.lower) && !MEASURES.has(w.lower) && w.lower !== 'usd') break;
      if (STOPWORDS.has(w.lower) || /^\d/.test(w.text)) break;
      if (CURRENCY_WORDS.has(w.lower)) kind = 'money';
      else if (MEASURES.has(w.lower) && noun.length === 0) kind = /^(year|years)$/.test(w.lower) && toks[k + 1]?.lower === 'old' ? 'age' : 'measure';
      // "18-year-old", also tokenised as "18" + "year-old".
      if (/(?:^|-)year-old$/.test(w.lower)) kind = 'age';
      const st = w.lower === '%' ? '%' : porterStem(w.lower.replace(/(?:^|-)year-old$/, 'year'));
      noun.push(CASUALTY_STEM.get(st) ?? st);
      nounEnd = k;
    }
    if (/-year-old$/.test(toks[endTok].lower)) kind = 'age';
    // "died aged 95", "at the age of 95": an age.
    if (startTok > 0 && (toks[startTok - 1].lower === 'aged' || (toks[startTok - 1].lower === 'of' && toks[startTok - 2]?.lower === 'age'))) kind = 'age';
    // A measure named right before the figure is what it measures, whatever follows: "magnitude 6
    // quake", "magnitude - 5.9 shook" (tokenised "magnitude-5.9"), "a magnitude of at least 5.9 hit"
    // measure a magnitude; the words after are the event or the verb, not the measure.
    const measureBefore = [1, 2, 3].map((n) => toks[startTok - n]?.lower).find((w, n) => w !== undefined && MEASURE_BEFORE.has(w) && (n === 0 || ['of', 'at', 'a', 'an', 'was', 'is'].includes(toks[startTok - 1].lower)));
    if (measureBefore && kind !== 'money') {
      noun.length = 0;
      nounEnd = endTok;
      noun.push(porterStem(measureBefore));
      kind = 'measure';
    }
    // Measure or counting noun named before: "magnitude of 6.1", "death toll of 300".
    if (noun.length === 0) {
      for (let k = startTok - 1; k >= Math.max(0, startTok - 3); k--) {
        const w = toks[k].lower;
        if (MEASURE_BEFORE.has(w)) {
          noun.push(porterStem(w));
          kind = 'measure';
          break;
        }
        if (COUNT_BEFORE.has(w)) {
          noun.push(porterStem(w));
          break;
        }
      }
    }
    // Casualty verb before: "injuring 80", "wounding other 70" (see CASUALTY_STEM).
    if (noun.length === 0 && kind === 'count') {
      let k = startTok - 1;
      if (k >= 0 && CASUALTY_GAP.has(toks[k].lower)) k--;
      const v = k >= 0 && /^\p{Ll}/u.test(toks[k].text) ? CASUALTY_STEM.get(porterStem(toks[k].lower)) : undefined;
      if (v) noun.push(v);
    }
    // A population is a figure of the place, not of the event: "home to 120,000 people" and "a
    // population of 120,000" fill another slot than "killing at least seven people".
    const b1 = toks[startTok - 1]?.lower;
    const b2 = toks[startTok - 2]?.lower;
    if (kind === 'count' && ((b1 === 'to' && b2 === 'home') || (b1 === 'of' && b2 === 'population'))) {
      noun.length = 0;
      noun.push(porterStem('population'));
    }
    // Age: "Hasib Hussain, 18, from Leeds".
    if (noun.length === 0 && d && Number.isInteger(value) && value > 0 && value < 120 && startTok > 0) {
      const gapBefore = text.slice(toks[startTok - 1].end, toks[startTok].start);
      const after = text.slice(toks[endTok].end, toks[endTok].end + 2);
      // The figure closes the apposition: a comma, a parenthesis, or the sentence's end ("killing
      // Benjamin David Banky, 40.").
      if (/^\s*,\s*$/.test(gapBefore) && /^\p{Lu}/u.test(toks[startTok - 1].text) && /^(?:[,);]|\.(?!\d))/.test(after)) kind = 'age';
    }
    if (kind === 'count' && noun.length === 0 && d && /^\d{4}$/.test(d.digits) && value >= 1800 && value <= 2099) kind = 'year';
    if (kind === 'count' && noun.length > 0 && d && /^\d{4}$/.test(d.digits) && value >= 1800 && value <= 2099 && /^\p{Lu}/u.test(toks[i - 1]?.text ?? '')) kind = 'year';
    // Things are counted in whole numbers: a fractional figure without a scale word is a measure
    // ("an 8.8 earthquake" is a magnitude, not a count of earthquakes).
    if (kind === 'count' && !Number.isInteger(value)) kind = 'measure';
    const [low, high] = rangeOf(value, step, shapeOf(qualifier));
    const start = toks[startTok].start;
    const end = toks[nounEnd].end;
    out.push({ raw: text.slice(start, end), value, qualifier, low, high, noun, kind, start: start + base, end: end + base });
    i = nounEnd;
  }
  return out;
}

/**
 * Nouns that a following number *names* rather than counts ("stage 13", "bus 30", "Resolution
 * 1723"): a closed list of English label nouns. Any capitalised word directly before a plain
 * number is also taken as a label ("Flight 447", "Terminal 2"), except measure words ("magnitude").
 */
const LABEL_NOUNS = new Set(
  (
    'stage flight route bus room article chapter section resolution terminal gate platform line highway road ' +
    'number no game round lap level phase grade category class type model version season episode channel seat ' +
    'row cell block ward district zone sector unit page item camp station pier berth runway exit act bill paragraph'
  ).split(' '),
);

/**
 * If the digit token at i is a label ("stage 13", "Flight 447", "bus #30"), the label as one term
 * ("stage#13"); else null. Labels identify things: two reports naming different stages are about
 * different things, not in disagreement about a count.
 */
export function identifierAt(toks: readonly Token[], i: number, text: string): string | null {
  const t = toks[i];
  if (!/^\d+$/.test(t.text) || i === 0) return null;
  const prev = toks[i - 1];
  const w = prev.text.toLowerCase();
  // "No. 2 official": the abbreviation's period belongs to the label noun.
  const gap = text.slice(prev.end, t.start);
  if (!/^\s*#?\s*$/.test(gap) && !(w === 'no' && /^\.\s*$/.test(gap))) return null;
  if (MEASURE_BEFORE.has(w) || COUNT_BEFORE.has(w) || MONTHS.has(w.replace(/\.$/, '')) || WEEKDAYS.includes(w)) return null;
  if (LABEL_NOUNS.has(w) || (/^\p{Lu}/u.test(prev.text) && !STOPWORDS.has(w))) return `${w}#${t.text}`;
  return null;
}

/** Is a content word (a noun, probably) right after token i? */
function isNounAfter(toks: Tk[], i: number, text: string): boolean {
  const n = toks[i + 1];
  if (!n || !tight(text, toks[i], n)) return false;
  return !STOPWORDS.has(n.lower) && /^\p{Ll}/u.test(n.text);
}

/** Read English number words from token i: "two hundred", "fifteen", "a dozen", "half a billion". */
function parseWords(toks: Tk[], i: number): { value: number; step: number; end: number } | null {
  let j = i;
  if (toks[j].lower === 'a' && toks[j + 1]?.lower === 'dozen') return { value: 12, step: 1, end: j + 1 };
  if (toks[j].lower === 'half-billion') return { value: 5e8, step: 1e8, end: j };
  if (toks[j].lower === 'half-million') return { value: 5e5, step: 1e5, end: j };
  if (toks[j].lower === 'half') {
    if (toks[j + 1]?.lower === 'a' && SCALES.get(toks[j + 2]?.lower ?? '') !== undefined) {
      const s = SCALES.get(toks[j + 2].lower)!;
      return { value: s / 2, step: s / 10, end: j + 2 };
    }
    return null;
  }
  let total = 0;
  let current = 0;
  let last = 1;
  let any = false;
  for (; j < toks.length; j++) {
    const w = toks[j].lower;
    const u = UNITS.get(w);
    if (u !== undefined) {
      current += u;
      last = u >= 20 && u % 10 === 0 ? 10 : 1;
      any = true;
    } else if (SCALES.get(w) !== undefined && any && w !== 'm' && w !== 'bn') {
      const s = SCALES.get(w)!;
      if (s === 100) current *= 100;
      else {
        total += current * s;
        current = 0;
      }
      last = s;
    } else if (w === 'and' && any && UNITS.get(toks[j + 1]?.lower ?? '') !== undefined) {
      continue;
    } else break;
  }
  if (!any) return null;
  return { value: total + current, step: last, end: j - 1 };
}

/** Is the digit token at i a clock time? (":" always; "." only with am/pm or a zone after it.) */
function isTimeAt(toks: Tk[], i: number, text: string): boolean {
  return timeAt(toks, i, text) !== null;
}

/** Is the digit token at i the minutes of a time with a spaced colon ("00" in "6 : 00")? */
function minutesAt(toks: readonly Tk[], i: number, text: string): boolean {
  return i > 0 && /^\d{2}/.test(toks[i].text) && /^\d{1,2}$/.test(toks[i - 1].text) && /^\s*:\s*$/.test(text.slice(toks[i - 1].end, toks[i].start));
}

function timeAt(toks: Tk[], i: number, text: string): { value: string; end: number } | null {
  const t = toks[i].lower;
  if (minutesAt(toks, i, text)) return null;
  // Tokenised text spaces the colon ("6 : 00 p.m."): the two tokens are one time.
  const spaced = /^\d{1,2}$/.test(t) && /^\d{2}(?:am|pm)?$/.test(toks[i + 1]?.lower ?? '') && /^\s*:\s*$/.test(text.slice(toks[i].end, toks[i + 1].start));
  const m = /^(\d{1,2})(?:([:.])(\d{2}))?(?:[:.](\d{2}))?(am|pm)?$/.exec(spaced ? `${t}:${toks[i + 1].lower}` : t);
  if (!m) return null;
  let h = Number(m[1]);
  const min = m[3] ? Number(m[3]) : 0;
  if (h > 24 || min > 59) return null;
  let end = spaced ? i + 1 : i;
  let ampm = m[5] ?? null;
  const next = toks[end + 1]?.lower;
  if (!ampm && (next === 'a.m.' || next === 'p.m.' || next === 'am' || next === 'pm') && tight(text, toks[end], toks[end + 1])) {
    ampm = next[0] === 'a' ? 'am' : 'pm';
    end = end + 1;
  }
  let zoneAfter = false;
  const z = toks[end + 1]?.lower;
  if (z && (ZONES.has(z) || (z === 'local' && toks[end + 2]?.lower === 'time'))) zoneAfter = true;
  if (!m[2] && !ampm) return null; // a bare number is not a time
  if (m[2] === '.' && !ampm && !zoneAfter) return null;
  if (m[2] === ':' && !m[3]) return null;
  if (ampm === 'pm' && h < 12) h += 12;
  if (ampm === 'am' && h === 12) h = 0;
  return { value: `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`, end };
}

/**
 * Weekdays, calendar dates, years and clock times of a text.
 *
 * @example extractDates('signed on Sunday, June 1, 2009 at 22:30 GMT').map(d => d.value) // ['sunday', '2009-06-01', '22:30']
 */
export function extractDates(text: string, base = 0, tokens: readonly Token[] = tokenize(text)): DateMention[] {
  if (!/\d|day\b/i.test(text)) return [];
  const toks = lowered(tokens);
  const out: DateMention[] = [];
  const push = (kind: DateMention['kind'], value: string, a: number, b: number) =>
    out.push({ kind, value, raw: text.slice(toks[a].start, toks[b].end), start: toks[a].start + base, end: toks[b].end + base });
  for (let i = 0; i < toks.length; i++) {
    const w = toks[i].lower.replace(/['’]s$/, '');
    if (WEEKDAYS.includes(w) && /^\p{Lu}/u.test(toks[i].text)) {
      push('weekday', w, i, i);
      continue;
    }
    const mon = MONTHS.get(w.replace(/\.$/, ''));
    if (mon !== undefined && /^\p{Lu}/u.test(toks[i].text) && (w !== 'may' || /^\d/.test(toks[i + 1]?.text ?? ''))) {
      // Month Day[, Year] | Month Year
      const day = /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(toks[i + 1]?.lower ?? '');
      if (day && Number(day[1]) >= 1 && Number(day[1]) <= 31) {
        const md = `${String(mon).padStart(2, '0')}-${day[1].padStart(2, '0')}`;
        const yr = /^(1[89]\d\d|20\d\d)$/.exec(toks[i + 2]?.text ?? '');
        if (yr) {
          push('date', `${yr[1]}-${md}`, i, i + 2);
          i += 2;
        } else {
          push('date', md, i, i + 1);
          i += 1;
        }
        continue;
      }
      // Day Month [Year]
      const prev = /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(toks[i - 1]?.lower ?? '');
      if (prev && Number(prev[1]) >= 1 && Number(prev[1]) <= 31) {
        const md = `${String(mon).padStart(2, '0')}-${prev[1].padStart(2, '0')}`;
        const yr = /^(1[89]\d\d|20\d\d)$/.exec(toks[i + 1]?.text ?? '');
        if (yr) {
          push('date', `${yr[1]}-${md}`, i - 1, i + 1);
          i += 1;
        } else push('date', md, i - 1, i);
        continue;
      }
      continue;
    }
    const tm = /^\d/.test(toks[i].text) ? timeAt(toks, i, text) : null;
    if (tm) {
      let end = tm.end;
      const z = toks[end + 1]?.lower;
      if (z && ZONES.has(z)) end++;
      else if (z === 'local' && toks[end + 2]?.lower === 'time') end += 2;
      push('time', tm.value, i, end);
      i = end;
      continue;
    }
    const yr = /^(1[89]\d\d|20\d\d)$/.exec(toks[i].text);
    if (yr && !/^[\p{L}]/u.test(toks[i + 1]?.text ?? '') ) push('year', yr[1], i, i);
    else if (yr && STOPWORDS.has(toks[i + 1]?.lower ?? '')) push('year', yr[1], i, i);
  }
  return out;
}
