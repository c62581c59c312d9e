/**
 * A fast word tokenizer with character offsets, shared by dedupe, clustering, entities and
 * summarisation. It is deliberately simple and allocation-light: the clustering benchmark needs
 * hundreds of thousands of articles per minute, so it avoids a full NLP pipeline. Stages that need
 * part-of-speech tags use wink-nlp on top of this.
 *
 * A token is a maximal run of letters/digits, allowing inner apostrophes, hyphens, periods between
 * single letters ("U.S.") and digit separators ("3,197", "2.5").
 *
 * @example tokenize("Iran's al-Hiyali met U.S. officials.").map(t => t.text)
 *   // ["Iran's", "al-Hiyali", "met", "U.S.", "officials"]
 */

export interface Token {
  text: string;
  /** Offset of the first character in the source string. */
  start: number;
  /** Offset one past the last character. */
  end: number;
}

const TOKEN_RE =
  /(?:\p{L}\.){2,}|\p{N}+(?:[.,:]\p{N}+)*(?:\p{L}+)?|[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** All tokens of `text` with offsets. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Lower-cased word forms only (no offsets), with possessive 's removed. */
export function words(text: string): string[] {
  const out: string[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    let w = m[0].toLowerCase();
    if (w.endsWith("'s") || w.endsWith('’s')) w = w.slice(0, -2);
    out.push(w);
  }
  return out;
}

/**
 * English function words. Used to drop tokens that carry no topical content; the list is the
 * classic SMART-style core (closed-class words only), not tuned to any data set.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are aren as at be because been before being below ' +
    'between both but by can cannot could couldn did didn do does doesn doing don down during each few for from ' +
    'further had hadn has hasn have haven having he her here hers herself him himself his how i if in into is isn ' +
    'it its itself just let me more most mustn my myself no nor not now of off on once only or other ought our ours ' +
    'ourselves out over own same shan she should shouldn so some such than that the their theirs them themselves then ' +
    'there these they this those through to too under until up upon very was wasn we were weren what when where which ' +
    'while who whom why will with won would wouldn you your yours yourself yourselves said says say told according ' +
    'one two three new mr mrs ms its may might must shall us per via yet however also still even though although ' +
    'would like'
  ).split(' '),
);

/** Content words: lower-cased, stopwords and pure punctuation removed, length ≥ 2. */
export function contentWords(text: string): string[] {
  return words(text).filter((w) => w.length >= 2 && !STOPWORDS.has(w));
}
