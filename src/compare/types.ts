/**
 * Plain, JSON-serialisable data of the compare stage (`parallax compare <story>`).
 *
 * Offsets: a fact unit's `paragraph`/`start`/`end` index `article.paragraphs[paragraph]`, exactly
 * like the sentence splitter's {@link import('../text/sentences.js').Sentence}; `bodyStart`/
 * `bodyEnd` index the article's body text `bodyText(article)` (paragraphs joined by one blank
 * line), the same coordinates shared passages use.
 */

/** What kind of thing a name denotes (mirrors the entities stage; `other` when unknown). */
export type NameType = 'person' | 'organisation' | 'place' | 'other';

/**
 * A proper name inside a fact unit, resolved to a story-wide entity key.
 *
 * @example { key: 'e:hiyali', name: 'al-Hiyali', type: 'person', start: 104, end: 113 }
 */
export interface UnitEntity {
  /** Story-wide entity key: the entities stage's entity id, or the fallback resolver's key. */
  key: string;
  /** The name as written (titles removed when the entities stage provides them). */
  name: string;
  type: NameType;
  /** Offsets of the name in the unit's paragraph. */
  start: number;
  end: number;
}

/**
 * A number stated in a unit, with what it counts and how exactly it is stated.
 *
 * `low`/`high` is the range the wording allows under news rounding conventions (see
 * `quantities.ts`): "more than 4,000" → (4000, 5000], "about 200,000" → [150000, 250000],
 * "3,197" → [3197, 3197].
 *
 * @example { raw: 'more than 4,000 people', value: 4000, qualifier: 'more than', low: 4000, high: 5000,
 *            noun: ['peopl'], kind: 'count', start: 12, end: 34 }
 */
export interface Quantity {
  /** The text of the number with its qualifier and noun, as written. */
  raw: string;
  /** The stated number ("half a billion" → 500000000, "a dozen" → 12). */
  value: number;
  /** "more than", "about", "at least", … or null for a plain figure. */
  qualifier: string | null;
  low: number;
  high: number;
  /** Stems of the word(s) the number counts or measures ("people", "km"); empty when unknown. */
  noun: string[];
  /** count (people, bodies), measure (km, magnitude, percent), money, year, ordinal, age. */
  kind: 'count' | 'measure' | 'money' | 'year' | 'age';
  start: number;
  end: number;
}

/**
 * A date or clock time stated in a unit, normalised for comparison.
 *
 * @example { kind: 'weekday', value: 'sunday', raw: 'Sunday', start: 40, end: 46 }
 * @example { kind: 'date', value: '06-01', raw: 'June 1', start: 70, end: 76 }
 * @example { kind: 'time', value: '08:30', raw: '08:30 BST', start: 5, end: 14 }
 */
export interface DateMention {
  kind: 'weekday' | 'date' | 'year' | 'time';
  /** weekday name; `MM-DD` or `YYYY-MM-DD`; `YYYY`; 24-hour `HH:MM`. */
  value: string;
  raw: string;
  start: number;
  end: number;
}

/**
 * One fact unit: a sentence, or a clause of a long sentence, of one article.
 *
 * @example
 * { id: '632889e61b552585:0', articleId: '632889e61b552585', source: 'Tehran Times',
 *   text: 'Iran and Iraq signed an initial agreement on Sunday to boost military cooperation …',
 *   paragraph: 0, start: 9, end: 140, bodyStart: 9, bodyEnd: 140,
 *   terms: ['sign', 'initi', 'agreement', …], entities: [{ key: 'p:country:IRN', name: 'Iran', … }],
 *   quantities: [], dates: [{ kind: 'weekday', value: 'sunday', … }], places: ['p:country:IRN', 'p:country:IRQ'] }
 */
export interface FactUnit {
  /** `articleId:n`, n counting units of the article from 0. */
  id: string;
  articleId: string;
  /** The comparison source the article belongs to (its outlet, or the article in per-article mode). */
  source: string;
  text: string;
  paragraph: number;
  start: number;
  end: number;
  bodyStart: number;
  bodyEnd: number;
  /** Distinct Porter stems of the content words outside names, numbers and attribution phrases. */
  terms: string[];
  entities: UnitEntity[];
  quantities: Quantity[];
  dates: DateMention[];
  /** Entity keys of the places named in the unit (demonyms count as their country). */
  places: string[];
  /**
   * Entity and place keys of what the unit is about: its entities and places except those inside
   * the attribution phrase ("…, Tasnim news agency reported"). Used for matching units.
   */
  about: string[];
  /** Who the unit attributes its content to ("Tasnim news agency", "Dehqan"), when it says so. */
  speaker: string | null;
}

/**
 * A short reference to a unit, as carried in fact groups and disagreements.
 *
 * @example { unit: '632889e61b552585:0', articleId: '632889e61b552585', source: 'Tehran Times',
 *            text: 'Iran and Iraq signed an initial agreement on Sunday …', paragraph: 0, start: 9, end: 140 }
 */
export interface UnitRef {
  unit: string;
  articleId: string;
  source: string;
  text: string;
  paragraph: number;
  start: number;
  end: number;
}

/**
 * Units of different articles that state the same thing.
 *
 * @example
 * { id: 'g3', text: 'Iran and Iraq signed an agreement on Sunday …',
 *   units: [ {…000…}, {…004…} ], sources: ['74bfdcc74ec9356c', 'Tehran Times'],
 *   articles: ['74bfdcc74ec9356c', '632889e61b552585'], independentSources: [['74bfdcc74ec9356c'], ['Tehran Times']],
 *   independent: 2, disputed: false }
 */
export interface FactGroup {
  id: string;
  /** A representative wording: the earliest unit's text. */
  text: string;
  units: UnitRef[];
  /** Distinct sources (outlets) reporting the fact, in order of first appearance. */
  sources: string[];
  articles: string[];
  /**
   * The sources partitioned into independent origins: sources in one part took the text from each
   * other (copy, reuse, a shared ≥ 12-word passage in this fact, or a credit). Its length is
   * `independent`.
   */
  independentSources: string[][];
  independent: number;
  /** True when a disagreement was found inside this group. */
  disputed: boolean;
}

/**
 * Different values for one slot.
 *
 * - `number`: figures of the same thing ("3,197 cases" vs "more than 4,000 people");
 * - `date`, `time`: different days/dates or clock times for the same fact;
 * - `place`: different places in the same role ("signed in Tehran" vs "signed in Baghdad");
 * - `name`: one entity spelled differently ("al-Hiyali" vs "al-Hayali").
 *
 * `compatible` is true when the wordings can all be true at once (rounding, "more than", …): the
 * figures differ but do not contradict each other. Spelling variants are always compatible.
 *
 * @example
 * { kind: 'name', slot: 'Erfan Mahmoud al-Hayali', group: null, compatible: true,
 *   values: [ { value: 'Hiyali', sources: ['74bf…', 'Tehran Times'], articles: [...], quotes: [...] },
 *             { value: 'Hayali', sources: ['74bf…', 'Tehran Times'], articles: [...], quotes: [...] } ] }
 */
export interface Disagreement {
  kind: 'number' | 'date' | 'time' | 'place' | 'name';
  /** What the values are values of: the counted noun, "date", the entity's canonical name, … */
  slot: string;
  /** Id of the fact group the values were found in (null for story-wide name spellings). */
  group: string | null;
  compatible: boolean;
  /**
   * True when sources disagree: two sources each state a value the other never states. False for a
   * name whose spellings are all used by the same outlets (each seed report writes both "Hiyali"
   * and "Hayali") or by one outlet beside the others' single spelling: a spelling variation, shown
   * apart from the disagreements. Always true for numbers, dates, times and places (found only
   * between units of different sources). Always set by `compareStory`; optional only so that
   * hand-made values (tests, older JSON) stay valid, absent meaning true.
   */
  betweenSources?: boolean;
  values: DisagreementValue[];
}

/** One of the values of a disagreement and who reports it. */
export interface DisagreementValue {
  /** The value as written ("more than 4,000 people", "Hayali", "Sunday"). */
  value: string;
  sources: string[];
  articles: string[];
  /** The units stating it. */
  quotes: UnitRef[];
}

/**
 * A credit or licence hint of one article (datelines are places, not sources, and are left out).
 *
 * @example { articleId: '74bfdcc74ec9356c', source: '74bfdcc74ec9356c', kind: 'credit', credited: 'Tasnim', text: 'Tasnim news agency reported' }
 */
export interface Credit {
  articleId: string;
  /** The comparison source of the crediting article. */
  source: string;
  kind: 'credit' | 'licence';
  /** The credited agency or outlet. */
  credited: string;
  text: string;
}

/** A character span in an article's body text (`bodyText(article)`). */
export interface BodySpan {
  articleId: string;
  start: number;
  end: number;
}

/**
 * A passage of at least {@link import('./provenance.js').MIN_PASSAGE_WORDS} consecutive words that
 * a later article shares with an earlier one (the earliest article holding it).
 *
 * @example { from: { articleId: 'M0086', start: 912, end: 987 }, to: { articleId: 'M0080', start: 160, end: 235 },
 *            words: 13, text: 'The Airbus A330-200 was last heard via radio at 22:30 local time (01:30' }
 */
export interface SharedPassage {
  /** The later article's span. */
  from: BodySpan;
  /** The earlier article's span. */
  to: BodySpan;
  words: number;
  /** The passage as written in the later article. */
  text: string;
}

/**
 * A node of the provenance graph: an article of the story, or a credited source outside it.
 *
 * @example { id: 'a:632889e61b552585', kind: 'article', label: 'Tehran Times', articleId: '632889e61b552585', time: null }
 * @example { id: 's:mehr news agency', kind: 'source', label: 'Mehr News Agency' }
 */
export type ProvenanceNode =
  | { id: string; kind: 'article'; label: string; articleId: string; source: string; time: string | null; role: ArticleRole }
  | { id: string; kind: 'source'; label: string };

/**
 * How an article relates to the others: it originated text others took, it copied or reused
 * another's text, it only credits outside sources, or none of these.
 */
export type ArticleRole = 'origin' | 'copy' | 'reuses' | 'credits' | 'independent';

/**
 * An edge, always pointing from the borrowing article towards its origin.
 *
 * - `copy` / `reuses`: a dedupe relation (or our own passage evidence when most of the text is shared);
 * - `shares`: shared passages, `words` in total;
 * - `credit` / `licence`: an attribution hint naming the target.
 *
 * @example { from: 'a:74bfdcc74ec9356c', to: 's:tasnim', kind: 'credit', text: 'Tasnim news agency reported' }
 */
export interface ProvenanceEdge {
  from: string;
  to: string;
  kind: 'copy' | 'reuses' | 'shares' | 'credit' | 'licence';
  score?: number;
  words?: number;
  passages?: number;
  text?: string;
}

export interface ProvenanceGraph {
  nodes: ProvenanceNode[];
  edges: ProvenanceEdge[];
}

/**
 * Who originated and who copied or credited whom.
 *
 * @example { credits: [...], sharedPassages: [], graph: { nodes: [...], edges: [...] },
 *            origins: ['s:tasnim', 's:mehr news agency'], summary: ['74bf… credits Tasnim', 'Tehran Times carries Mehr News Agency text under its licence'] }
 */
export interface Provenance {
  credits: Credit[];
  sharedPassages: SharedPassage[];
  graph: ProvenanceGraph;
  /** Node ids estimated to be where the story's text originated. */
  origins: string[];
  /** One readable sentence per finding. */
  summary: string[];
}

/** A source (outlet, or article in per-article mode) taking part in the comparison. */
export interface SourceInfo {
  key: string;
  label: string;
  articles: string[];
}

/**
 * The comparison of one story.
 *
 * @example
 * { by: 'outlet', sources: [...], consensus: [ {…signing…} ], exclusive: { 'Tehran Times': [ {…Shamkhani…} ] },
 *   echoed: [], disagreements: [ {kind: 'name', …} ], provenance: {…}, stats: { articles: 2, units: 26, groups: 19 } }
 */
export interface Comparison {
  /** Whether sources are outlets or, when the story has a single outlet, its articles. */
  by: 'outlet' | 'article';
  sources: SourceInfo[];
  /** Facts reported by at least two independent sources. */
  consensus: FactGroup[];
  /** Facts only one source reports, per source key. */
  exclusive: Record<string, FactGroup[]>;
  /** Facts several sources report, all from one origin (copies, reuse, credits). */
  echoed: FactGroup[];
  disagreements: Disagreement[];
  provenance: Provenance;
  stats: { articles: number; units: number; groups: number; skipped: string[] };
}
