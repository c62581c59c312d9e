/**
 * Fact units: the sentences (or clauses of long sentences) of each article, each carrying what it
 * states in comparable form — its content terms, the entities it names, its figures, dates and
 * places, and whom it attributes its content to.
 *
 * Choices, and why:
 * - **Sentences** come from the shared splitter (`src/text/sentences.ts`), which already drops
 *   datelines, bylines and licence lines. Headlines are not units: they restate the lead, and a
 *   headline group would only duplicate the lead's group.
 * - **Clauses**: a sentence is cut at a semicolon, and a very long sentence (> {@link LONG_SENTENCE}
 *   words) also at ", and" / ", but" / ", while" / ", whereas", when both sides keep at least
 *   {@link MIN_CLAUSE_WORDS} words. Long news sentences often join two facts; a clause of fewer
 *   words is usually not a fact on its own ("…, and more"). Both numbers were set from reading news
 *   prose (a typical news sentence has 20–30 words), not tuned on any evaluation.
 * - **Not facts**: section headings and captions (no final punctuation, at most 8 words, no
 *   figure) and units with fewer than two content terms and no figure ("It makes me sad.").
 * - **Terms** are Porter stems of content words (the shared STOPWORDS removed) *outside* names,
 *   figures, dates and the attribution phrase. Names become entity keys instead, so that
 *   "al-Hiyali" and "Hayali" count as the same feature; figures and dates are compared slot by
 *   slot rather than as words, so that a changed number does not hide that two sentences state the
 *   same fact. A number that *names* something ("stage 13", "Flight 447") is not a figure but a
 *   label term ("stage#13"); the attribution ("…, Tasnim news agency reported", "According to CNN, …", "…, he
 *   said") says who tells, not what happened, and is kept apart as `speaker`.
 * - **Entities** come from the entities stage (`extractMentions` + `resolveMentions`), or from the
 *   caller (`mentions`, `entityOf`). Places are keyed by their gazetteer id when the gazetteer
 *   knows them, and demonyms ("Iraqi") become their country, so "the Iraqi counterpart" and
 *   "Iraq's minister" share the place feature.
 */
import type { Article } from '../types.js';
import type { Mention } from '../entities/types.js';
import { splitSentences } from '../text/sentences.js';
import { tokenize, STOPWORDS } from '../text/tokenize.js';
import { porterStem } from '../summarize/porter.js';
import { demonymCountry, lookupPlace } from '../entities/gazetteer.js';
import { extractDates, extractQuantities, identifierAt } from './quantities.js';
import type { FactUnit, NameType, UnitEntity } from './types.js';

/** Sentences longer than this many words are also cut at clause-level conjunctions. */
export const LONG_SENTENCE = 40;
/** A clause must keep at least this many words on each side of a cut. */
export const MIN_CLAUSE_WORDS = 8;

/** How an article's mentions are turned into entity keys. */
export interface EntityInput {
  /** Mentions per article id, offsets in the entities stage's entity text. */
  mentions: Map<string, Mention[]>;
  /** Story-wide entity key of a mention (undefined: not an entity). */
  entityOf: (m: Mention) => string | undefined;
}

const stemCache = new Map<string, string>();
/** Porter stem with a cache (news vocabulary repeats heavily within a story). */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = porterStem(word);
    if (stemCache.size > 100_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/** Offset of each paragraph in `bodyText(article)` (paragraphs joined by "\n\n"). */
export function paragraphOffsets(paragraphs: readonly string[]): number[] {
  const out: number[] = [];
  let pos = 0;
  for (const p of paragraphs) {
    out.push(pos);
    pos += p.length + 2;
  }
  return out;
}

/** Length of the headline prefix of the entities stage's entity text ("headline\n\n"), or 0. */
export function entityTextPrefix(a: Pick<Article, 'headline' | 'headlineDerived'>): number {
  return a.headline && !a.headlineDerived ? a.headline.length + 2 : 0;
}

const REPORT_VERB =
  /\b(?:said|says|say|reported|reports|report|added|adds|stressed|noted|commented|remarked|explained|told|tells|announced|stated|declared|confirmed|claimed|warned|quoted|wrote|writes)\b/i;
const PRONOUN_SPEAKER = /^(?:he|she|they|it|we|i|the\s+\w+)$/i;

/**
 * Where a unit says who tells it: a leading "According to X," / "X said (that)", or a trailing
 * ", X reported." / "…," he said. Returns the spans (unit offsets) and the speaker's name.
 *
 * @example attribution('Iran and Iraq signed an agreement on Sunday, Tasnim news agency reported.')
 *   // { spans: [[44, 73]], speaker: 'Tasnim news agency' }
 */
export function attribution(text: string): { spans: Array<[number, number]>; speaker: string | null } {
  const spans: Array<[number, number]> = [];
  let speaker: string | null = null;
  const lead = /^According to (?:the\s+)?([^,]{2,80}?),\s*/i.exec(text);
  if (lead) {
    spans.push([0, lead[0].length]);
    speaker = lead[1];
  } else {
    const head =
      /^((?:[\p{Lu}][\p{L}\p{N}.'’-]*\s+){0,4}[\p{Lu}][\p{L}\p{N}.'’-]*(?:,\s[^,]{3,70},)?)\s+(?:said|says|reported|announced|confirmed|stated|told\s+[\p{Lu}][\p{L}]*(?:\s[\p{Lu}][\p{L}]*)*)\s+(?:that\s+)?/u.exec(
        text,
      );
    if (head) {
      spans.push([0, head[0].length]);
      speaker = head[1].replace(/,.*$/, '');
    }
  }
  // Trailing attribution: after the last comma or closing quote, at most 12 words, a reporting verb.
  const cut = Math.max(text.lastIndexOf(','), text.lastIndexOf('”'), text.lastIndexOf('"', text.length - 2));
  if (cut > 0 && cut < text.length - 1) {
    const tail = text.slice(cut + 1);
    const words = tail.trim().split(/\s+/).filter(Boolean);
    if (words.length > 0 && words.length <= 12 && REPORT_VERB.test(tail) && !/^\s*(?:and|but|which|who|that)\b/i.test(tail)) {
      spans.push([cut, text.length]);
      const who = tail
        .replace(REPORT_VERB, ' ')
        .replace(/\b(?:in a statement|to reporters|afterwards|also|later|on \w+day)\b/gi, ' ')
        .replace(/[.!?"”]+\s*$/, '')
        .replace(/\s+/g, ' ')
        .trim();
      if (!speaker && who && !PRONOUN_SPEAKER.test(who) && /\p{Lu}/u.test(who)) speaker = who.replace(/^(?:the)\s+/i, '');
    }
  }
  return { spans, speaker };
}

/** Cut a sentence into clauses (see the module comment). Returns [start, end) offsets in the sentence. */
export function clauses(sentence: string): Array<[number, number]> {
  const words = (s: string) => (s.match(/\S+/g) ?? []).length;
  const cuts: number[] = [];
  const semi = /;\s+/g;
  let m: RegExpExecArray | null;
  while ((m = semi.exec(sentence)) !== null) cuts.push(m.index + 1);
  if (words(sentence) > LONG_SENTENCE) {
    const conj = /,\s+(?:and|but|while|whereas)\s+/g;
    while ((m = conj.exec(sentence)) !== null) cuts.push(m.index + 1);
  }
  cuts.sort((a, b) => a - b);
  const out: Array<[number, number]> = [];
  let start = 0;
  for (const c of cuts) {
    if (words(sentence.slice(start, c)) >= MIN_CLAUSE_WORDS && words(sentence.slice(c)) >= MIN_CLAUSE_WORDS) {
      out.push([start, c]);
      start = c;
    }
  }
  out.push([start, sentence.length]);
  return out.map(([a, b]) => {
    while (a < b && /[\s;,]/.test(sentence[a])) a++;
    while (b > a && /\s/.test(sentence[b - 1])) b--;
    return [a, b];
  });
}

/** A heading or caption rather than a statement. */
function isHeading(text: string): boolean {
  return !/[.!?"”'’:)]$/.test(text) && (text.match(/\S+/g) ?? []).length <= 8 && !/\d/.test(text);
}

const demonymCache = new Map<string, string | null>();
/** Gazetteer id of the country a demonym names ("Iraqi" → "country:IRQ"), cached. */
function demonym(word: string): { id: string } | null {
  let id = demonymCache.get(word);
  if (id === undefined) {
    id = demonymCountry(word)?.id ?? null;
    if (demonymCache.size > 50_000) demonymCache.clear();
    demonymCache.set(word, id);
  }
  return id ? { id } : null;
}

const placeCache = new Map<string, string | null>();
/** Gazetteer id of a place name, cached. */
function placeId(name: string): string | null {
  let id = placeCache.get(name);
  if (id === undefined) {
    id = lookupPlace(name)?.id ?? null;
    if (placeCache.size > 50_000) placeCache.clear();
    placeCache.set(name, id);
  }
  return id;
}

/** Map a mention to the key and type used in units: gazetteer id for known places, else the resolver's key. */
function mentionKey(m: Mention, entityOf: EntityInput['entityOf']): { key: string; type: NameType } | null {
  if (m.type === 'place') {
    const p = placeId(m.name);
    if (p) return { key: `g:${p}`, type: 'place' };
  }
  const k = entityOf(m);
  if (!k) return null;
  return { key: k, type: m.type };
}

/**
 * Build the fact units of every article.
 *
 * @param sourceOf comparison source of each article
 * @param entities mentions and their entity keys (may be empty)
 */
export function buildUnits(articles: readonly Article[], sourceOf: (a: Article) => string, entities: EntityInput): FactUnit[] {
  const out: FactUnit[] = [];
  for (const a of articles) {
    const offsets = paragraphOffsets(a.paragraphs);
    const prefix = entityTextPrefix(a);
    // Mentions in body coordinates, verified against the text (a mismatch means other offsets).
    const ments: Array<{ m: Mention; start: number; end: number; key: string; type: NameType }> = [];
    const body = a.paragraphs.join('\n\n');
    for (const m of entities.mentions.get(a.id) ?? []) {
      const s = m.start - prefix;
      if (s < 0 || body.slice(s, s + m.text.length) !== m.text) continue;
      const k = mentionKey(m, entities.entityOf);
      if (k) ments.push({ m, start: s, end: s + m.text.length, ...k });
    }
    let n = 0;
    for (const sent of splitSentences(a.paragraphs)) {
      for (const [c0, c1] of clauses(sent.text)) {
        let start = sent.start + c0;
        let text = sent.text.slice(c0, c1);
        const bullet = /^[*•·–—-]\s+/.exec(text);
        if (bullet) {
          start += bullet[0].length;
          text = text.slice(bullet[0].length);
        }
        if (!text || isHeading(text)) continue;
        const end = start + text.length;
        const bodyStart = offsets[sent.paragraph] + start;
        const bodyEnd = bodyStart + text.length;
        const unit = describeUnit(text, start, bodyStart, ments);
        if (unit.terms.length < 2 && unit.quantities.length === 0) continue;
        out.push({
          id: `${a.id}:${n++}`,
          articleId: a.id,
          source: sourceOf(a),
          text,
          paragraph: sent.paragraph,
          start,
          end,
          bodyStart,
          bodyEnd,
          ...unit,
        });
      }
    }
  }
  return out;
}

/** Terms, entities, figures, dates, places and speaker of one unit (offsets: paragraph `base`). */
function describeUnit(
  text: string,
  base: number,
  bodyStart: number,
  ments: ReadonlyArray<{ start: number; end: number; key: string; type: NameType; m: Mention }>,
): Pick<FactUnit, 'terms' | 'entities' | 'quantities' | 'dates' | 'places' | 'about' | 'speaker'> {
  const bodyEnd = bodyStart + text.length;
  const entities: UnitEntity[] = [];
  const masked: Array<[number, number]> = []; // unit offsets excluded from terms
  for (const x of ments) {
    if (x.start < bodyStart || x.end > bodyEnd) continue;
    const s = x.start - bodyStart;
    entities.push({ key: x.key, name: x.m.name, type: x.type, start: s + base, end: s + base + (x.end - x.start) });
    masked.push([s, x.end - bodyStart]);
  }
  const att = attribution(text);
  const about = new Set<string>();
  for (const e of entities) {
    const s = e.start - base;
    if (!att.spans.some(([a, b]) => s >= a && s < b)) about.add(e.key);
  }
  const tokens = tokenize(text);
  const quantities = extractQuantities(text, base, tokens);
  const dates = extractDates(text, base, tokens);
  for (const q of quantities) masked.push([q.start - base, q.end - base]);
  for (const d of dates) masked.push([d.start - base, d.end - base]);
  const terms: string[] = [];
  const seen = new Set<string>();
  const places = new Set<string>();
  for (const e of entities) if (e.type === 'place') places.add(e.key);
  tokens.forEach((t, i) => {
    const id = /^\d/.test(t.text) ? identifierAt(tokens, i, text) : null;
    if (id && !seen.has(id)) {
      seen.add(id);
      terms.push(id);
    }
  });
  for (const t of tokens) {
    const inAtt = att.spans.some(([a, b]) => t.start >= a && t.end <= b);
    const inMask = masked.some(([a, b]) => t.start >= a && t.end <= b);
    let w = t.text.toLowerCase();
    if (w.endsWith("'s") || w.endsWith('’s')) w = w.slice(0, -2);
    if (inMask) {
      // Quantity nouns stay terms ("people" in "228 people"): only the figure itself is masked.
      const q = quantities.find((x) => t.start >= x.start - base && t.end <= x.end - base);
      if (!q || /^\d/.test(w) || !/^\p{L}/u.test(w) || STOPWORDS.has(w) || inAtt) continue;
    }
    if (inAtt || w.length < 2 || /^\d/.test(w) || STOPWORDS.has(w)) continue;
    // Demonyms of known countries become the country ("Iraqi" → Iraq).
    if (/^\p{Lu}/u.test(t.text)) {
      const c = demonym(t.text.replace(/['’]s$/, ''));
      if (c) {
        places.add(`g:${c.id}`);
        if (!inAtt) about.add(`g:${c.id}`);
        continue;
      }
    }
    const s = stem(w);
    if (!seen.has(s)) {
      seen.add(s);
      terms.push(s);
    }
  }
  return { terms, entities, quantities, dates, places: [...places], about: [...about], speaker: att.speaker };
}
