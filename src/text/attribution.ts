/**
 * Attribution hints: where an article says its content came from. Stored with the article for the
 * provenance stage (which agency a syndicated copy came from, which outlet owns a text).
 *
 * Three kinds, each found where news style puts it:
 * - `dateline`: the place at the very start of the body, in the wire-service form — an upper-case
 *   place ("TEHRAN –", "NEW YORK, July 23 (Reuters) -", "BEIRUT, Lebanon —") or a title-case
 *   place followed by a parenthesised credit ("Tehran, July 23 (IRNA) –"). Only the first two
 *   paragraphs are examined: a dateline is by definition the opening of the story.
 * - `credit`: a named media source credited in the text — the parenthesised wire credit of a
 *   dateline ("(AP) —"), a source followed by a reporting verb ("Tasnim news agency reported",
 *   "Reuters said"), or a reporting preposition followed by a source ("according to Reuters",
 *   "told the Associated Press", "quoted by IRNA"), and origin notes ("This article was originally
 *   published by X", "Source: X").
 * - `licence`: ownership/licence footers ("All Content by Mehr News Agency is licensed under …",
 *   "© 2017 The Associated Press"), searched in the last {@link FOOTER_CHARS} characters only,
 *   because that is where a site or agency template appends them.
 *
 * Precision over recall: a name followed by "said" is usually a person, so a credit is kept only
 * when the source is evidently a media organisation — it is followed by a media noun ("news
 * agency", "newspaper", "TV"), its last word is a media word ("… Agency", "… Times", "… Press"),
 * or it is a well-known news agency or broadcaster ({@link KNOWN_MEDIA}, a list of the major
 * national and international agencies written from general knowledge, not from any evaluation
 * set). Credits are searched in the first {@link CREDIT_SCAN_CHARS} characters, which bounds the
 * cost on very long documents while covering essentially every news article.
 */
import type { Attribution } from '../types.js';

/** Characters from the end of the text searched for licence and origin footers. */
export const FOOTER_CHARS = 2000;
/** Characters from the start of the text searched for credits. */
export const CREDIT_SCAN_CHARS = 20_000;
/** At most this many hints are kept per article (the rest repeat the same sources). */
export const MAX_ATTRIBUTIONS = 20;

/**
 * Major news agencies and broadcasters, as they are usually written in running text. A credit
 * whose source is one of these needs no other evidence of being a media outlet.
 */
export const KNOWN_MEDIA: ReadonlySet<string> = new Set([
  'Reuters', 'AP', 'Associated Press', 'AFP', 'Agence France-Presse', 'Agence France Presse', 'Xinhua', 'Tasnim',
  'Fars', 'IRNA', 'ISNA', 'ILNA', 'Mehr', 'MNA', 'IRIB', 'Press TV', 'Bloomberg', 'Dow Jones', 'UPI',
  'United Press International', 'dpa', 'DPA', 'Deutsche Presse-Agentur', 'ANSA', 'EFE', 'Kyodo', 'Jiji', 'Yonhap',
  'KCNA', 'TASS', 'ITAR-TASS', 'Itar-Tass', 'RIA Novosti', 'RIA', 'Interfax', 'Sputnik', 'RT', 'Anadolu', 'PTI',
  'Press Trust of India', 'IANS', 'ANI', 'Bernama', 'Antara', 'WAM', 'SPA', 'QNA', 'KUNA', 'MENA', 'SANA', 'NNA',
  'Petra', 'PAP', 'CTK', 'BTA', 'MTI', 'HINA', 'Tanjug', 'Ukrinform', 'UNIAN', 'CNA', 'NHK', 'BBC', 'CNN',
  'Al Jazeera', 'Al-Jazeera', 'Al Arabiya', 'Al-Arabiya', 'Sky News', 'CBS', 'NBC', 'ABC', 'Fox News', 'NPR', 'PBS',
  'MSNBC', 'CNBC', 'Canadian Press', 'AAP', 'PA', 'Politico', 'Axios', 'Rudaw', 'Wikinews',
]);

/** Capitalised last words that mark a name as a media organisation ("Mehr News Agency", "The New York Times"). */
const MEDIA_WORDS = new Set([
  'Agency', 'Agentur', 'Agence', 'News', 'Newswire', 'Press', 'Presse', 'Times', 'Post', 'Journal', 'Herald',
  'Tribune', 'Gazette', 'Telegraph', 'Guardian', 'Daily', 'TV', 'Television', 'Radio', 'Broadcasting', 'Broadcaster',
  'Network', 'Wire', 'Magazine', 'Weekly', 'Chronicle', 'Observer', 'Monitor', 'Examiner', 'Express', 'Mail',
  'Mirror', 'Reporter', 'Bulletin', 'Dispatch', 'Courier', 'Standard', 'Inquirer', 'Today', 'Online', 'Media',
  'Channel', 'Newspaper', 'Economist', 'Independent', 'Globe', 'Register', 'Ledger', 'Insider', 'Sun', 'Star',
]);

/** Lower-case nouns that, following a name, say it is a media outlet ("Tasnim news agency"). */
const MEDIA_NOUN =
  '(?:news\\s+agency|news\\s+service|wire\\s+service|news\\s+website|news\\s+site|news\\s+portal|news\\s+outlet|news\\s+channel|' +
  'agency|newspaper|daily|weekly|website|broadcaster|television|TV|radio|channel|magazine|tabloid)';

/** A capitalised word; inner periods only between letters ("U.S"), so a sentence-final period ends the name. */
const WORD = "\\p{Lu}(?:[\\p{L}\\p{N}&'’\\-]|\\.(?=\\p{L}))*";
/** A proper name of up to six words, allowing lower-case particles ("Voice of America", "Agence France-Presse"). */
const NAME = `${WORD}(?:\\s+(?:(?:of|de|du|la|el|al|for|the)\\s+)?${WORD}){0,5}`;
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?';

/** Reporting verbs that follow a credited source ("Tasnim news agency reported"). ASCII: a cheap first pass. */
const CREDIT_VERB = /\b(?:reported|reports|said|says|quoted|cited|wrote|writes|published|announced|broadcast|carried|claimed|confirmed|learned|learnt)\b/g;
/** The source right before a reporting verb: matched against a short window ending at the verb. */
const SOURCE_BEFORE_VERB = new RegExp(
  `(?<![\\p{L}\\p{N}])(?<src>${NAME})(?<noun>\\s+${MEDIA_NOUN})?(?:\\s+(?:has|had|have|also))?\\s+$`,
  'u',
);
/** Reporting phrases that precede a credited source ("according to Reuters"). The opening word may start a sentence. */
const CREDIT_LEAD =
  /\b(?:[Aa]ccording\s+to|[Cc]iting|[Cc]ited\s+by|[Qq]uoted\s+by|[Rr]eported\s+by|told|[Ii]n\s+an\s+interview\s+with|[Ss]peaking\s+to|[Ii]n\s+a\s+report\s+by|[Aa]\s+report\s+(?:by|from)|wrote\s+in|[Ww]riting\s+in)\s+/g;
/** The source right after a reporting phrase (sticky: anchored where the phrase ends). */
const SOURCE_AFTER_LEAD = new RegExp(`(?:the\\s+)?(?:\\p{Ll}[\\p{Ll}\\-]*\\s+){0,2}(?<src>${NAME})(?<noun>\\s+${MEDIA_NOUN})?`, 'uy');
/** Characters before a reporting verb searched for its source: six words of a long name and a media noun fit easily. */
const VERB_WINDOW = 160;

/** Upper-case place dateline, optional region, date and parenthesised credit, then a dash or colon. */
const DATELINE_CAPS = new RegExp(
  "^(?<place>\\p{Lu}[\\p{Lu}'’.\\-]+(?: \\p{Lu}[\\p{Lu}'’.\\-]+){0,3})" +
    `(?:,\\s*(?<region>\\p{Lu}[\\p{L}.]+(?:\\s\\p{Lu}[\\p{L}.]+){0,2}))??(?:,?\\s*(?<date>${MONTH}\\s+\\d{1,2}(?:,\\s*\\d{4})?))?` +
    '\\s*(?:\\((?<credit>[^()\\n]{2,40})\\)\\s*)?(?<sep>[-–—]+|:)\\s*(?=[\\p{L}\\p{N}"“‘\'])',
  'u',
);
/** Title-case place dateline: needs the parenthesised credit to be told apart from an ordinary sentence. */
const DATELINE_TITLE = new RegExp(
  "^(?<place>\\p{Lu}\\p{Ll}+(?:[ -]\\p{Lu}\\p{Ll}+){0,2})(?:,\\s*(?<region>\\p{Lu}[\\p{L}.]+(?:\\s\\p{Lu}[\\p{L}.]+){0,2}))??" +
    `(?:,?\\s*(?<date>${MONTH}\\s+\\d{1,2}(?:,\\s*\\d{4})?))?\\s*\\((?<credit>[^()\\n]{2,40})\\)\\s*(?<sep>[-–—]+|:)\\s*(?=[\\p{L}\\p{N}"“‘'])`,
  'u',
);
/** A bare wire credit opening the story: "(AP) — …". */
const CREDIT_ONLY = /^\((?<credit>[^()\n]{2,40})\)\s*(?<sep>[-–—]+)\s*/u;
/** Upper-case openings that are labels, not places. */
const NOT_PLACES = new Set([
  'BREAKING', 'UPDATE', 'UPDATED', 'EXCLUSIVE', 'WATCH', 'VIDEO', 'PHOTOS', 'PHOTO', 'LIVE', 'ANALYSIS', 'OPINION',
  'EDITORIAL', 'COMMENT', 'CORRECTION', 'FACTBOX', 'EXPLAINER', 'REVIEW', 'NOTE', 'EDITOR’S NOTE', "EDITOR'S NOTE",
  'ADVERTISEMENT', 'READ MORE', 'RELATED', 'FILE', 'UPDATE 1', 'UPDATE 2', 'URGENT', 'FLASH', 'ALERT', 'WARNING',
  'LISTEN', 'CLARIFICATION', 'SPONSORED', 'PROMOTED', 'DEVELOPING', 'JUST IN', 'LATEST', 'NEW', 'PHOTOS', 'GALLERY',
]);

const LICENCE_ALL = new RegExp(
  `\\bAll\\s+(?:[Cc]ontents?|[Mm]aterials?|[Aa]rticles|[Rr]ights)\\s+(?:by|of|from|on|©)\\s+(?:the\\s+)?(?<src>${NAME})\\s+(?:is|are)\\s+` +
    'licen[sc]ed\\s+under\\s+(?:a|an|the)?\\s*(?:[^.\\n]|\\.(?=\\d)){3,120}',
  'gu',
);
const LICENCE_COPYRIGHT = new RegExp(
  // "(c)" counts only before a year: alone it is as often a list marker ("(a) … (b) … (c)").
  `(?:©|\\(c\\)(?=\\s*\\d{4})|\\bCopyright\\b(?:\\s*(?:©|\\(c\\)))?)\\s*(?:\\d{4}(?:\\s*[-–]\\s*\\d{4})?\\s*,?\\s*)?(?:by\\s+)?(?<src>${NAME})`,
  'gu',
);
const ORIGIN_NOTE = new RegExp(
  '\\b(?:This|The)\\s+(?:article|story|report|piece|post|content)\\s+(?:was|is|has\\s+been|first|originally)\\s+' +
    '(?:(?:originally|first|previously|also)\\s+)?(?:published|posted|appeared|republished|reproduced|syndicated)\\s+' +
    `(?:with\\s+permission\\s+)?(?:on|in|by|at|from|courtesy\\s+of)\\s+(?:the\\s+)?(?<src>${NAME})`,
  'gu',
);
const SOURCE_LINE = new RegExp(`^(?:Source|Courtesy(?:\\s+of)?|Credit|Originally\\s+published\\s+(?:by|in|on))\\s*:?\\s+(?:the\\s+)?(?<src>${NAME})`, 'u');

/**
 * Strip a possessive and stray punctuation from a source name, and a leading "The" when more than
 * one word follows ("The Associated Press" → "Associated Press", but "The Conversation" stays).
 */
export function cleanSource(name: string): string {
  return name
    .replace(/^(?:The|the)\s+(?=\S+\s+\S)/, '')
    .replace(/['’]s$/, '')
    .replace(/[\s.,;:'’-]+$/, '')
    .trim();
}

/**
 * Whether a credited name is a media organisation (see the module comment). A name made only of
 * media words ("TV" in "told local TV", "News") names no organisation and is rejected.
 */
function isMediaName(src: string, noun: string | undefined): boolean {
  if (KNOWN_MEDIA.has(src)) return true;
  const words = src.split(/\s+/);
  if (words.every((w) => MEDIA_WORDS.has(w))) return false;
  return !!noun || MEDIA_WORDS.has(words[words.length - 1]);
}

/**
 * The credited source of a name match: cleaned, and with a leading possessive dropped when a media
 * noun follows ("Iran's Tasnim news agency" → "Tasnim": the agency is the last name before "news
 * agency", the possessive is its country).
 */
function creditSource(src: string, noun: string | undefined): string {
  const s = cleanSource(src);
  return noun ? s.replace(/^\p{Lu}[\p{L}.-]*['’]s\s+(?=\p{Lu})/u, '') : s;
}

/**
 * All attribution hints of an article body, in order of kind (dateline, credits, licence) and
 * then of appearance; one hint per kind and source.
 *
 * @example findAttributions(['TEHRAN – Iran and Iraq signed …', '… All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 International License.'])
 *   // [{ kind: 'dateline', source: 'TEHRAN', text: 'TEHRAN –' },
 *   //  { kind: 'licence', source: 'Mehr News Agency', text: 'All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 International License' }]
 */
export function findAttributions(paragraphs: readonly string[]): Attribution[] {
  const out: Attribution[] = [];
  const seen = new Set<string>();
  const add = (kind: Attribution['kind'], source: string, text: string): void => {
    const s = cleanSource(source);
    if (!s || s.length < 2 || out.length >= MAX_ATTRIBUTIONS) return;
    const key = `${kind}\u0000${s.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ kind, source: s, text: text.trim() });
  };

  // Datelines: the opening of the first paragraph (or of the second when the first is a short
  // kicker/date line such as "Saturday, January 8, 2005").
  for (const p of paragraphs.slice(0, 2)) {
    const m = DATELINE_CAPS.exec(p) ?? DATELINE_TITLE.exec(p);
    if (m?.groups && !NOT_PLACES.has(m.groups.place)) {
      const g = m.groups;
      add('dateline', g.place, m[0]);
      if (g.credit) add('credit', g.credit, `(${g.credit}) ${g.sep}`);
      break;
    }
    const c = CREDIT_ONLY.exec(p);
    if (c?.groups) {
      add('credit', c.groups.credit, `(${c.groups.credit}) ${c.groups.sep}`);
      break;
    }
  }

  // Credits in running text, paragraph by paragraph so a match never spans two paragraphs. The
  // ASCII trigger (verb or reporting phrase) is found first; the Unicode name pattern runs only
  // in the short window next to it.
  let budget = CREDIT_SCAN_CHARS;
  for (const p of paragraphs) {
    if (budget <= 0) break;
    const text = p.length > budget ? p.slice(0, budget) : p;
    budget -= text.length;
    CREDIT_VERB.lastIndex = 0;
    let v: RegExpExecArray | null;
    while ((v = CREDIT_VERB.exec(text)) !== null) {
      const from = Math.max(0, v.index - VERB_WINDOW);
      let window = text.slice(from, v.index);
      // "On Saturday Reuters reported": when the longest name is not a media name, retry from
      // its next word, which may start the real one.
      for (let tries = 0; tries < 6; tries++) {
        const m = SOURCE_BEFORE_VERB.exec(window);
        if (!m) break;
        const src = creditSource(m.groups!.src, m.groups!.noun);
        if (isMediaName(src, m.groups!.noun)) {
          add('credit', src, window.slice(m.index) + v[0]);
          break;
        }
        const next = window.indexOf(' ', m.index);
        if (next < 0) break;
        window = window.slice(next + 1);
      }
    }
    CREDIT_LEAD.lastIndex = 0;
    let l: RegExpExecArray | null;
    while ((l = CREDIT_LEAD.exec(text)) !== null) {
      SOURCE_AFTER_LEAD.lastIndex = l.index + l[0].length;
      const m = SOURCE_AFTER_LEAD.exec(text);
      if (!m) continue;
      const src = creditSource(m.groups!.src, m.groups!.noun);
      if (isMediaName(src, m.groups!.noun)) add('credit', src, text.slice(l.index, m.index + m[0].length));
    }
  }

  // Footers: licence/ownership and origin notes near the end.
  const all = paragraphs.join('\n');
  const tail = all.length > FOOTER_CHARS ? all.slice(all.length - FOOTER_CHARS) : all;
  for (const re of [LICENCE_ALL, LICENCE_COPYRIGHT]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(tail)) !== null) add('licence', m.groups!.src, m[0]);
  }
  ORIGIN_NOTE.lastIndex = 0;
  let o: RegExpExecArray | null;
  while ((o = ORIGIN_NOTE.exec(tail)) !== null) add('credit', o.groups!.src, o[0]);
  for (const p of paragraphs.slice(-3)) {
    const s = SOURCE_LINE.exec(p);
    if (s?.groups) add('credit', s.groups.src, s[0]);
  }
  // Order: dateline first, then credits, then licences (stable within a kind).
  const rank = { dateline: 0, credit: 1, licence: 2 } as const;
  return out.map((a, i) => [a, i] as const).sort((x, y) => rank[x[0].kind] - rank[y[0].kind] || x[1] - y[1]).map(([a]) => a);
}

/**
 * The owner named by an ownership footer ("All Content by X is licensed …", "Copyright 2017 X"),
 * for an article whose source does not name its outlet; null when there is none. A bare "© X" is
 * not enough: it is as often a photo credit as a statement of who owns the text.
 */
export function ownerFromAttributions(attributions: readonly Attribution[]): string | null {
  const lic = attributions.find((a) => a.kind === 'licence' && /^(?:All\b|Copyright\b)/i.test(a.text));
  return lic ? lic.source : null;
}
