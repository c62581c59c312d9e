/**
 * Story headline: the story's own headline — the one `parallax stories` lists (see `storyHeadline`
 * for the rule and why).
 *
 * `compressHeadline` shortens a sentence into headline form for callers that need a short title
 * (cheapest readable cuts first): drop a leading dateline ("TEHRAN –") and a trailing attribution
 * (", Tasnim news agency reported", ", police said"), drop the final period, then cut at the last
 * clause boundary (comma, semicolon, dash) that leaves at most `MAX_HEADLINE_WORDS` words, else
 * before the last function word within the limit, else at the limit with an ellipsis. The story
 * headline does not use it: a cut sentence is a fragment, not a headline.
 */
import type { Article } from '../types.js';
import { STOPWORDS } from '../text/tokenize.js';
import { datelineLength } from '../text/sentences.js';
import type { Unit } from './units.js';

/** Longest headline kept whole: news headlines rarely exceed 14 words (wire style guides aim at 8-12). */
export const MAX_HEADLINE_WORDS = 14;

/** Remove an outlet suffix ("… | Reuters", "… - Tehran Times") when it names the article's outlet. */
function stripOutletSuffix(h: string, a: Article): string {
  const m = /^(.*\S)\s+(?:\||-|–|—|::)\s+([^|–—-]{2,40})$/.exec(h);
  if (!m) return h;
  const suffix = m[2].toLowerCase().replace(/[^a-z0-9]/g, '');
  const names = [a.outlet?.name, a.outlet?.domain?.replace(/\.[a-z.]+$/, '')]
    .filter((x): x is string => !!x)
    .map((x) => x.toLowerCase().replace(/[^a-z0-9]/g, ''));
  if (h.includes(' | ') || names.some((n) => n && (suffix.includes(n) || n.includes(suffix)))) return m[1];
  return h;
}

/**
 * Shorten a sentence into headline form (see module doc).
 *
 * @example compressHeadline('Iran and Iraq signed an agreement on Sunday to boost cooperation, Tasnim news agency reported.')
 *   // 'Iran and Iraq signed an agreement on Sunday to boost cooperation'
 */
export function compressHeadline(sentence: string): string {
  let h = sentence.trim().replace(/\s+/g, ' ');
  h = h.slice(datelineLength(h)).trim();
  h = h.replace(
    /,\s+(?:(?:the\s+)?[\w'’.-]+(?:\s+[\w'’.-]+){0,4}\s+(?:reported|said|says|reports|announced|confirmed|stated)|according\s+to\s+[^,.]+)\s*[.!]?$/i,
    '',
  );
  h = h.replace(/[.!]+$/, '').trim();
  const words = h.split(' ');
  if (words.length <= MAX_HEADLINE_WORDS) return h;
  const head = words.slice(0, MAX_HEADLINE_WORDS + 1).join(' ');
  const cut = Math.max(head.lastIndexOf(', '), head.lastIndexOf('; '), head.lastIndexOf(' – '), head.lastIndexOf(' — '));
  const clause = cut > 0 ? head.slice(0, cut).trim() : '';
  if (clause.split(' ').length >= 4) return clause;
  // No clause boundary: end before the last function word within the limit, so the headline ends
  // on a content word ("… to boost military cooperation" rather than "… cooperation in").
  for (let j = MAX_HEADLINE_WORDS; j >= 6; j--) {
    if (STOPWORDS.has(words[j].toLowerCase().replace(/[^\p{L}]/gu, ''))) {
      let k = j;
      while (k > 4 && STOPWORDS.has(words[k - 1].toLowerCase().replace(/[^\p{L}]/gu, ''))) k--;
      return words.slice(0, k).join(' ').replace(/[,;:]$/, '');
    }
  }
  return words.slice(0, MAX_HEADLINE_WORDS).join(' ').replace(/[,;:]$/, '') + '…';
}

/**
 * Headline of the story; never empty. It is the story's own headline, chosen by the rule the store
 * uses for `parallax stories` (see `refreshStory` in src/store/sqlite.ts): the headline of the first
 * article (in the story's order, i.e. earliest seen) that has one, else the first sentence of the
 * first article (its dateline removed) — whole, never cut. Only an outlet suffix ("… | Reuters")
 * and extra white space are removed.
 *
 * Why not the most representative member headline (the medoid this module used before): the brief
 * is read as the story's page, reached from the story list, and a headline that differs from the one
 * listed ("Black boxes from Air France Flight 447 localized" under "Air France jet with 228 on board
 * goes missing") reads as a different story; and a lead sentence compressed to headline length
 * ("Tara Reid has seemingly spent the last decade out and about") is a cut-off fragment. The first
 * report's headline names the event that opened the story; what happened later is in the brief.
 */
export function storyHeadline(articles: readonly Article[], units: readonly Unit[]): string {
  const withHeadline = articles.findIndex((a) => typeof a.headline === 'string' && a.headline.trim() !== '');
  if (withHeadline >= 0) {
    const a = articles[withHeadline];
    const text = stripOutletSuffix((a.headline as string).trim().replace(/\s+/g, ' '), a);
    if (text) return text;
  }
  const lead = units.find((u) => u.article === 0);
  const text = lead?.sentence.text.trim().replace(/\s+/g, ' ') ?? '';
  return text || 'Untitled story';
}
