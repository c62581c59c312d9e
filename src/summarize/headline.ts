/**
 * Story headline: the member headline that best represents the whole story, or, when no article
 * has a headline of its own, a lead sentence compressed into headline form.
 *
 * "Represents the story" is measured as the mean, over the story's independent articles, of the
 * share of the headline's concept weight (stems of its content words, weighted by how many articles
 * mention them) found in that article's headline and first two sentences. A headline about one
 * outlet's angle scores low because the other articles do not share its words; the headline whose
 * words recur across the coverage wins (a medoid). Ties go to the shorter, then the earlier
 * headline. Source-given headlines are preferred to derived ones (those are only a copy of a first
 * sentence).
 *
 * Compression (for lead sentences and over-long headlines), cheapest readable cuts first: drop a
 * leading dateline ("TEHRAN –") and a trailing attribution (", Tasnim news agency reported",
 * ", police said"), drop the final period, then cut at the last clause boundary (comma, semicolon,
 * dash) that leaves at most `MAX_HEADLINE_WORDS` words, else before the last function word within
 * the limit (so the headline ends on a content word), else at the limit with an ellipsis.
 */
import type { Article } from '../types.js';
import { STOPWORDS } from '../text/tokenize.js';
import { datelineLength } from '../text/sentences.js';
import { contentStems, type Unit } from './units.js';

/** Longest headline kept whole: news headlines rarely exceed 14 words (wire style guides aim at 8-12). */
export const MAX_HEADLINE_WORDS = 14;

interface Candidate {
  text: string;
  article: number;
  derived: boolean;
}

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

/** Headline of the story; never empty. */
export function storyHeadline(articles: readonly Article[], units: readonly Unit[], stems: readonly string[]): string {
  const leads = new Map<number, Unit[]>();
  for (const u of units) {
    const list = leads.get(u.article) ?? [];
    if (list.length < 2) list.push(u);
    leads.set(u.article, list);
  }
  const candidates: Candidate[] = [];
  articles.forEach((a, i) => {
    if (typeof a.headline === 'string' && a.headline.trim()) {
      candidates.push({ text: stripOutletSuffix(a.headline.trim().replace(/\s+/g, ' '), a), article: i, derived: !!a.headlineDerived });
    }
  });
  let pool = candidates.filter((c) => !c.derived);
  if (pool.length === 0) {
    pool = [...candidates];
    for (const [ai, list] of leads) {
      const lead = list.find((u) => u.standalone) ?? list[0];
      if (lead) pool.push({ text: lead.sentence.text, article: ai, derived: true });
    }
  }
  if (pool.length === 0) return 'Untitled story';

  // Story vocabulary per independent article: headline + first two sentences.
  const seenText = new Set<string>();
  const views: Set<string>[] = [];
  articles.forEach((a, i) => {
    const key = a.contentHash || a.id || String(i);
    if (seenText.has(key)) return;
    seenText.add(key);
    const view = new Set(contentStems(a.headline ?? ''));
    for (const u of leads.get(i) ?? []) for (const id of u.stemIds) view.add(stems[id]);
    views.push(view);
  });
  const df = new Map<string, number>();
  for (const v of views) for (const s of v) df.set(s, (df.get(s) ?? 0) + 1);

  // Mean over views of (weight of the headline's stems found in the view) / (weight of all its
  // stems), with weight = df, equals Σ df(w)² / (|views| · Σ df(w)): computed per candidate directly.
  let best: { text: string; score: number; len: number } | null = null;
  for (const c of pool) {
    const text = compressHeadline(c.text);
    if (!text) continue;
    let mass = 0;
    let sq = 0;
    for (const w of new Set(contentStems(text))) {
      const d = df.get(w) ?? 0;
      mass += d;
      sq += d * d;
    }
    const score = mass > 0 ? sq / (views.length * mass) : 0;
    const len = text.split(' ').length;
    if (!best || score > best.score + 1e-9 || (Math.abs(score - best.score) <= 1e-9 && len < best.len)) {
      best = { text, score, len };
    }
  }
  const chosen = (best as { text: string } | null)?.text;
  return chosen && chosen.trim() ? chosen : 'Untitled story';
}
