/**
 * Name normalisation and name-variant similarity: the primitives entity resolution is built on.
 *
 * Three levels of token similarity, from strict to loose, each with its reason:
 *  - **exact** after folding case, diacritics and apostrophes ("Hollywood's" = "hollywood").
 *  - **transliteration**: equal consonant skeletons ({@link skeleton}). Romanisations of Arabic and
 *    Persian names differ mostly in vowels (Hiyali/Hayali, Hossein/Husayn) and in the letters
 *    chosen for one sound (Dehqan/Dehghan: ق → q/gh; Gaddafi/Qadhafi/Kadafi: ق/ذ → g,q,k/d,dh).
 *    A skeleton that drops vowels and merges those letters compares them directly. Skeletons
 *    shorter than 3 consonants are too unspecific (Hill/Hall/Hull) and never match on their own.
 *  - **typo**: Damerau–Levenshtein distance ≤ max(1, ⌊length/6⌋) on words of 7+ letters
 *    (Turkmenistan/Turkeminstan: 2 edits in 12 letters), or exactly 1 edit on shorter words when
 *    the caller has other evidence (the rest of the name matches exactly). One edit per six letters
 *    is the usual tolerance of spelling correctors: a random second word that close is rare.
 */

import { GIVEN_NAMES, GIVEN_NAME_SEX } from './data/given-names-data.js';

const COMBINING = /[\u0300-\u036f]/g;

/** Lower-case, strip diacritics, unify apostrophes. "Dehqán’s" → "dehqán's" → "dehqan's". */
export function fold(s: string): string {
  // fast path: plain ASCII needs no Unicode decomposition (most tokens of English news)
  let ascii = true;
  let upper = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 127 || c === 96) {
      ascii = false;
      break;
    }
    if (c >= 65 && c <= 90) upper = true;
  }
  if (ascii) return upper ? s.toLowerCase() : s;
  return s.normalize('NFKD').replace(COMBINING, '').toLowerCase().replace(/[’‘`´]/g, "'");
}

/** Remove a trailing possessive: "Iran's" → "Iran", "Chargers'" → "Chargers". */
export function stripPossessive(s: string): string {
  return s.replace(/['’](?:s|S)?$/, '');
}

/**
 * Normalised word tokens of a name, for keys and comparison: folded, possessive and inner
 * punctuation removed, hyphenated and dotted parts split ("al-Hiyali" → ["al","hiyali"],
 * "U.S." → ["us"], "People.com" → ["people","com"], "O'Brien" → ["obrien"]).
 *
 * @example nameTokens("Erfan Mahmoud al-Hayali") // ["erfan","mahmoud","al","hayali"]
 */
export function nameTokens(name: string): string[] {
  const out: string[] = [];
  const f = fold(name)
    .replace(/\.(com|org|net|gov|co\.uk)\b/g, ' $1')
    .replace(/["“”«»()[\]{}]/g, ' ');
  for (let raw of f.split(/[\s\-‐–—/,;:]+/)) {
    raw = stripPossessive(raw);
    const w = raw.replace(/[.']/g, '');
    if (w) out.push(w);
  }
  return out;
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

/**
 * Consonant skeleton of one folded word, for transliteration matching.
 *
 * Steps (each merges spellings of one sound): digraphs ph→f, gh/kh→k, dh→d, th→t, sh/ch/sch/zh→s;
 * q, c (hard), k, g, ck → k; c before e/i/y → s; z→s; x→ks; v/w→v; y and w count as consonants
 * only before a vowel; h after a vowel and before a consonant is silent (Dehqan ~ Deqan,
 * Ahmed ~ Ahmad); vowels dropped except that an initial vowel becomes "a"; doubles collapsed.
 *
 * @example skeleton("hiyali") === skeleton("hayali") // "hyl"
 * @example skeleton("dehqan") === skeleton("dehghan") // "dkn"
 * @example skeleton("gaddafi") === skeleton("qadhafi") // "kdf"
 */
const skeletonCache = new Map<string, string>();

export function skeleton(word: string): string {
  const hit = skeletonCache.get(word);
  if (hit !== undefined) return hit;
  const sk = computeSkeleton(word);
  // the vocabulary of names is large but finite; a cap keeps memory bounded on a long-lived store
  if (skeletonCache.size > 200_000) skeletonCache.clear();
  skeletonCache.set(word, sk);
  return sk;
}

function computeSkeleton(word: string): string {
  const w = word.replace(/[^a-z]/g, '');
  let out = '';
  const n = w.length;
  const push = (c: string) => {
    if (out[out.length - 1] !== c) out += c;
  };
  for (let i = 0; i < n; i++) {
    const c = w[i];
    const next = i + 1 < n ? w[i + 1] : '';
    const prev = i > 0 ? w[i - 1] : '';
    if (VOWELS.has(c)) {
      if (i === 0) out = 'a';
      continue;
    }
    // digraphs
    if (c === 'p' && next === 'h') { push('f'); i++; continue; }
    if ((c === 'g' || c === 'k') && next === 'h') { push('k'); i++; continue; }
    if (c === 'd' && next === 'h') { push('d'); i++; continue; }
    if (c === 't' && next === 'h') { push('t'); i++; continue; }
    if ((c === 's' || c === 'c' || c === 'z') && next === 'h') { push('s'); i++; continue; }
    if (c === 's' && next === 'c' && w[i + 2] === 'h') { push('s'); i += 2; continue; }
    if (c === 'c' && next === 'k') { push('k'); i++; continue; }
    switch (c) {
      case 'q':
      case 'k':
      case 'g':
        push('k');
        break;
      case 'c':
        push(next === 'e' || next === 'i' || next === 'y' ? 's' : 'k');
        break;
      case 'z':
        push('s');
        break;
      case 'x':
        push('k');
        push('s');
        break;
      case 'w':
      case 'v':
        if (c === 'w' && !VOWELS.has(next)) break;
        push('v');
        break;
      case 'y':
        if (VOWELS.has(next)) push('y');
        else if (i === 0) out = 'a';
        break;
      case 'h':
        if (VOWELS.has(prev) && !VOWELS.has(next)) break;
        if (i === 0 || VOWELS.has(next) || VOWELS.has(prev)) push('h');
        break;
      default:
        push(c);
    }
  }
  return out;
}

/** Number of consonants in a skeleton (the initial-vowel marker "a" does not count). */
function skeletonStrength(sk: string): number {
  return sk.startsWith('a') ? sk.length - 1 : sk.length;
}

/** Optimal-string-alignment Damerau–Levenshtein distance, with an early exit above `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0) return lb;
  if (lb === 0) return la;
  let prev2 = new Array<number>(lb + 1).fill(0);
  let prev = new Array<number>(lb + 1);
  let cur = new Array<number>(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= lb; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[lb];
}

/**
 * Similarity of two normalised tokens: 3 exact, 2 transliteration or long-word typo, 1 one edit, 0 none.
 *
 * A shared consonant skeleton counts as a transliteration only between words of about one
 * length (at most 2 letters apart, or a quarter of the longer): spellings of one sound differ in
 * a vowel or a digraph (Dehqan / Dehghan, Gaddafi / Qadhafi), while the skeleton, which drops
 * vowels and merges k/c/g/q, also equates unrelated words of different lengths (Rancagua / Rengo,
 * both "rnk").
 */
export function tokenSimilarity(a: string, b: string): 0 | 1 | 2 | 3 {
  if (a === b) return 3;
  if (a.length < 2 || b.length < 2) return 0;
  if (a[0] !== b[0] && !(VOWELS.has(a[0]) && VOWELS.has(b[0])) && skeleton(a[0] + 'a') !== skeleton(b[0] + 'a')) {
    return 0;
  }
  const maxLen = Math.max(a.length, b.length);
  const sa = skeleton(a);
  if (sa === skeleton(b) && skeletonStrength(sa) >= 3 && Math.abs(a.length - b.length) <= Math.max(2, maxLen >> 2)) return 2;
  if (maxLen >= 7) {
    const allowed = Math.max(1, Math.floor(maxLen / 6));
    const d = editDistance(a, b, allowed);
    if (d <= allowed) return 2;
    return 0;
  }
  if (maxLen >= 4 && editDistance(a, b, 1) <= 1) return 1;
  return 0;
}

/**
 * Are two given names compatible as the same person's? Equal or transliterated, one an initial
 * of the other ("W"/"William"), one a prefix of the other ("Fred"/"Frederick", "Chris"/
 * "Christopher"), or a shared stem of 3+ letters that is most of the shorter name
 * ("Katie"/"Kathryn", "Alexis"/"Alexandros") — the common ways a short form is built.
 *
 * @example givenNamesCompatible("chris", "paul") // false: different people sharing a surname
 */
export function givenNamesCompatible(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === 1 || b.length === 1) return a[0] === b[0];
  if (a.startsWith(b) || b.startsWith(a)) return true;
  if (tokenSimilarity(a, b) >= 2) return true;
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  const shorter = Math.min(a.length, b.length);
  return k >= 3 && k >= shorter - 2;
}

/** Is this token an initial ("w" from "W.")? */
export function isInitial(t: string): boolean {
  return t.length === 1;
}

/**
 * Compare two multi-word person names (normalised core tokens, particles already removed).
 *  - `same`: surnames match and the shorter name's other tokens match, in order, tokens of the
 *    longer one ("Mark Felt" ⊂ "W. Mark Felt", "Diane Crawford Smith" ⊂ "Sharron Diane Crawford
 *    Smith", "Fred LaRue" ~ "Frederick Cheney LaRue").
 *  - `conflict`: surnames match but the given names cannot belong to one person ("Chris Weitz"
 *    vs "Paul Weitz"): different people sharing a surname.
 *  - `different`: surnames differ.
 */
export function comparePersonNames(a: readonly string[], b: readonly string[]): 'same' | 'conflict' | 'different' {
  if (a.length < 2 || b.length < 2) return 'different';
  const la = a[a.length - 1];
  const lb = b[b.length - 1];
  const othersExact = a.slice(0, -1).join(' ') === b.slice(0, -1).join(' ');
  const surname = tokenSimilarity(la, lb);
  if (surname === 0 || (surname === 1 && !othersExact)) return 'different';
  // The given names decide. A name may carry descriptors or extra names before the surname
  // ("Watergate Fred LaRue", "Charger Jamal Williams", "Sharron Diane Crawford Smith"), so each
  // side's given name is its first known given name (else its first word), and it may also match
  // any pre-surname word of the other side ("Diane" in "Sharron Diane Crawford Smith").
  const ga = givenOf(a);
  const gb = givenOf(b);
  if (givenNamesCompatible(ga, gb)) return 'same';
  if (b.slice(0, -1).some((t) => t.length > 1 && givenNamesCompatible(ga, t))) return 'same';
  if (a.slice(0, -1).some((t) => t.length > 1 && givenNamesCompatible(gb, t))) return 'same';
  return 'conflict';
}

let givenNames: Set<string> | null = null;

/** Is this (folded, lower-case) word an English given name (Moby list, see data/README.md)? */
export function isGivenName(word: string): boolean {
  givenNames ??= new Set(GIVEN_NAMES.split(' ').map((n) => n.toLowerCase()));
  return givenNames.has(word);
}

let nameSex: Map<string, 'f' | 'm'> | null = null;
/**
 * The sex of a (lower-case) given name when the name lists give it one: "alice" → f, "john" → m;
 * undefined for names on both lists ("lee", "jordan") and unknown names.
 */
export function givenNameSex(word: string): 'f' | 'm' | undefined {
  if (!nameSex) {
    nameSex = new Map();
    const list = GIVEN_NAMES.split(' ');
    for (let i = 0; i < list.length; i++) {
      const c = GIVEN_NAME_SEX.charAt(i);
      if (c !== 'f' && c !== 'm') continue;
      const n = list[i].toLowerCase();
      // a name written the same on both lists in another case would be ambiguous: drop it
      const had = nameSex.get(n);
      if (had && had !== c) nameSex.delete(n);
      else nameSex.set(n, c);
    }
  }
  return nameSex.get(word);
}

/** The given name of a person name: its first known given name, else its first full word. */
function givenOf(tokens: readonly string[]): string {
  const pre = tokens.slice(0, -1);
  return pre.find((t) => isGivenName(t)) ?? pre.find((t) => t.length > 1) ?? pre[0];
}

/** Initials of a multi-word name, skipping connectors: "Central Elections Commission" → "cec". */
export function initials(tokens: readonly string[], connectors: ReadonlySet<string>): string {
  let out = '';
  for (const t of tokens) if (!connectors.has(t) && t.length > 0 && !/^\d/.test(t)) out += t[0];
  return out;
}
