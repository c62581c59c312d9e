/**
 * Porter (1980) stemmer, as the Perl reference implementation (porter.pl, tartarus.org) that
 * ROUGE-1.5.5 embeds, so the summariser's concepts and the ROUGE scorer's `-m` stems agree with the
 * official tool word for word. Perl's `$`` (pre-match) becomes `w.slice(0, m.index)`; JavaScript and
 * Perl regular expressions agree on every pattern used here (leftmost match, ordered alternation).
 */

const C_ = '[^aeiou]';
const V_ = '[aeiouy]';
const CS = `${C_}[^aeiouy]*`;
const VS = `${V_}[aeiou]*`;
const MGR0 = new RegExp(`^(${CS})?${VS}${CS}`);
const MEQ1 = new RegExp(`^(${CS})?${VS}${CS}(${VS})?$`);
const MGR1 = new RegExp(`^(${CS})?${VS}${CS}${VS}${CS}`);
const HAS_V = new RegExp(`^(${CS})?${V_}`);
const CVC = new RegExp(`^${CS}${V_}[^aeiouwxy]$`);

const STEP2: Record<string, string> = {
  ational: 'ate', tional: 'tion', enci: 'ence', anci: 'ance', izer: 'ize', bli: 'ble', alli: 'al',
  entli: 'ent', eli: 'e', ousli: 'ous', ization: 'ize', ation: 'ate', ator: 'ate', alism: 'al',
  iveness: 'ive', fulness: 'ful', ousness: 'ous', aliti: 'al', iviti: 'ive', biliti: 'ble', logi: 'log',
};
const STEP3: Record<string, string> = { icate: 'ic', ative: '', alize: 'al', iciti: 'ic', ical: 'ic', ful: '', ness: '' };
const STEP2_RE =
  /(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;
const STEP3_RE = /(icate|ative|alize|iciti|ical|ful|ness)$/;
const STEP4_RE = /(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;

/**
 * Stem one lower-case word.
 *
 * @example porterStem('ministers') // 'minist'
 * @example porterStem('signing')   // 'sign'
 */
export function porterStem(word: string): string {
  let w = word;
  if (w.length < 3) return w;
  const initialY = w[0] === 'y';
  if (initialY) w = 'Y' + w.slice(1);
  let m: RegExpExecArray | null;
  // Step 1a
  if ((m = /(ss|i)es$/.exec(w))) w = w.slice(0, m.index) + m[1];
  else if ((m = /([^s])s$/.exec(w))) w = w.slice(0, m.index) + m[1];
  // Step 1b
  if ((m = /eed$/.exec(w))) {
    if (MGR0.test(w.slice(0, m.index))) w = w.slice(0, -1);
  } else if ((m = /(ed|ing)$/.exec(w))) {
    const stem = w.slice(0, m.index);
    if (HAS_V.test(stem)) {
      w = stem;
      if (/(at|bl|iz)$/.test(w)) w += 'e';
      else if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
      else if (CVC.test(w)) w += 'e';
    }
  }
  // Step 1c
  if ((m = /y$/.exec(w))) {
    const stem = w.slice(0, m.index);
    if (HAS_V.test(stem)) w = stem + 'i';
  }
  // Step 2
  if ((m = STEP2_RE.exec(w))) {
    const stem = w.slice(0, m.index);
    if (MGR0.test(stem)) w = stem + STEP2[m[1]];
  }
  // Step 3
  if ((m = STEP3_RE.exec(w))) {
    const stem = w.slice(0, m.index);
    if (MGR0.test(stem)) w = stem + STEP3[m[1]];
  }
  // Step 4
  if ((m = STEP4_RE.exec(w))) {
    const stem = w.slice(0, m.index);
    if (MGR1.test(stem)) w = stem;
  } else if ((m = /(s|t)(ion)$/.exec(w))) {
    const stem = w.slice(0, m.index) + m[1];
    if (MGR1.test(stem)) w = stem;
  }
  // Step 5
  if ((m = /e$/.exec(w))) {
    const stem = w.slice(0, m.index);
    if (MGR1.test(stem) || (MEQ1.test(stem) && !CVC.test(stem))) w = stem;
  }
  if (/ll$/.test(w) && MGR1.test(w)) w = w.slice(0, -1);
  if (initialY) w = 'y' + w.slice(1);
  return w;
}
