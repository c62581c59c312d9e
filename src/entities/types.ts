/**
 * Plain, JSON-serialisable data of the entities stage.
 */

/** What a name denotes. `other`: a proper name whose kind the cues could not decide (a team, a work). */
export type EntityType = 'person' | 'organisation' | 'place' | 'other';

/**
 * One occurrence of a proper name in an article.
 *
 * Offsets index the article's *entity text* ({@link import('./extract.js').entityText}): the
 * headline, a blank line, then the body paragraphs joined by blank lines (just the body when the
 * headline is missing or was derived from the body).
 *
 * @example
 * // "… between the Iranian Defense Minister Hossein Dehqan and …"
 * { articleId: 'a1', text: 'Iranian Defense Minister Hossein Dehqan', start: 120, end: 159,
 *   type: 'person', name: 'Hossein Dehqan', role: 'Defense Minister', affiliation: 'Iran' }
 */
export interface Mention {
  articleId: string;
  /** The exact text span, including titles and possessive ("Iran's"). */
  text: string;
  start: number;
  end: number;
  type: EntityType;
  /** The name itself: titles, honorifics, role words, quotes and possessive removed. */
  name: string;
  /** Position the text gives the person ("Defense Minister", "Governor", "Wide Receiver"). */
  role?: string;
  /** Further titles stated with the role, e.g. a rank ("Brigadier General" after "Defense Minister"). */
  titles?: string[];
  /** Country or organisation the text ties the name to ("Iran", "Supreme National Security Council"). */
  affiliation?: string;
  /** Another name the text gives in the same breath: a quoted nickname or a bracketed variant/acronym. */
  alias?: string;
  /**
   * `description`: not a name but a definite description standing for a participant the report
   * names elsewhere ("the woman", a headline's "Teen", "checks into rehab"; see rule 10 of
   * resolve.ts). `name` is then the noun phrase as written ("Queens Woman"). The resolver counts a
   * description in its entity's mentions but never lists it among the entity's names, and drops
   * it when no participant qualifies.
   */
  kind?: 'description';
  /**
   * The sex the text gives a person: by an honorific ("Mrs. Hiller"), a first name the given-name
   * lists hold for one sex only ("Alice McMeekin"), or the pronoun that follows the name as the
   * subject of its sentence ("Raj Chohan, 59, … had just parked her car").
   */
  sex?: 'f' | 'm';
  /** Index of the sentence the mention is in (0 = the first of the entity text). */
  sentence?: number;
  /** A place the text locates the named thing in, right after it ("Morningside Recovery in Newport Beach"). */
  locatedIn?: string;
}

/** A name as written, with how often it was seen. */
export interface Variant {
  name: string;
  count: number;
}

/**
 * A canonical entity: all the names that denote one person, organisation or place.
 *
 * @example
 * { id: 'e3f1c2a9b8d7e6f5', name: 'Erfan Mahmoud al-Hayali', type: 'person',
 *   variants: [{ name: 'al-Hiyali', count: 3 }, { name: 'Erfan al-Hiyali', count: 1 },
 *              { name: 'Erfan Mahmoud al-Hayali', count: 1 }, { name: 'Hayali', count: 1 }],
 *   roles: [], affiliations: ['Iraq'], articles: ['a1', 'a2'], mentions: 6 }
 */
export interface Entity {
  /** Stable id (16 hex chars), deterministic for the same input in the same order. */
  id: string;
  /** Canonical name: the most frequent of the fullest forms (most words), ties to the longer. */
  name: string;
  type: EntityType;
  /** Distinct surface names (case and possessive aside), most frequent first. */
  variants: Variant[];
  /** Roles stated in the text, most frequent first. */
  roles: string[];
  /** Affiliations stated in the text, most frequent first. */
  affiliations: string[];
  /** Article ids, in the order first seen. */
  articles: string[];
  /** Number of mentions. */
  mentions: number;
  /** Story ids the entity occurs in, in the order first seen (empty when no story was given). */
  stories: string[];
}
