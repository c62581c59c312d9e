/**
 * Entity resolution: group mentions whose names denote the same person, organisation or place.
 *
 * Two scopes, because evidence differs by scope:
 * - **Within a story** (reports of one event) a partial name almost always means the full name
 *   already used: "Dehqan" after "Hossein Dehqan", "the Angels" after "Los Angeles Angels", "CEC"
 *   beside "Central Elections Commission". Liberal rules apply here.
 * - **Across the store** only strong, context-free keys link stories: a full person name
 *   (given name + surname, transliteration-normalised), a gazetteer place id, or a whole
 *   organisation/other name. A lone surname never links two stories — "Williams" in a football
 *   story and in a tennis story are different people.
 *
 * Reading entities is incremental: each component keeps its member forms, and only components
 * changed since the last read are rebuilt ({@link EntityResolver.entities}); a caller that saves
 * what a batch touched asks for just those ({@link EntityResolver.entitiesOf}).
 *
 * Data structure: a union-find over *form nodes* — one per distinct normalised name per story —
 * and *key nodes* — one per strong key. An entity is a connected component. Every union is
 * checked first: components whose types clash (a person and a place) or that hold two full person
 * names with the same surname but incompatible given names ("Chris Weitz" / "Paul Weitz") are
 * never joined. That check is what keeps different people who share a surname apart, and it also
 * applies to links through strong keys.
 *
 * Within-story rules, each with its reason (names are compared as normalised tokens, see names.ts):
 *  1. equivalent names: same length, every token equal, transliterated or a long-word typo
 *     (Hiyali/Hayali, Turkmenistan/Turkeminstan, Centre/Center);
 *  2. person names: same surname and compatible given names, middle names optional
 *     (Erfan al-Hiyali / Erfan Mahmoud al-Hayali, Fred / Frederick Cheney LaRue);
 *  3. multi-word names contained in another with the same first and last word, in order or as a
 *     set (Central Elections Commission / Central Election and Referendum Commission);
 *  4. a name equal to the *end* of a longer one — English names are head-final, so the end names
 *     the same thing (Dehqan / Hossein Dehqan, Angels / Los Angeles Angels, Promises Treatment
 *     Center / Malibu Promises Treatment Center) — but not the part after "of" (Aden ≠ Gulf of
 *     Aden) and never two different gazetteer places (York ≠ New York);
 *  4d. a place name the text uses for an organisation (a team in a game report, see
 *     extract.ts) is keyed apart from the place and joins the story's organisation named after
 *     the place plus a non-generic word ("Jacksonville" / "Jacksonville Jaguars").
 *  5. a lone given name equal to a person's first name (Katie / Katie Jenkin);
 *  6. a name that differs only by corporate designators (Microsoft / Microsoft Corp., TMZ /
 *     TMZ.com, Staunton Police / Staunton Police Department);
 *  7. an acronym equal to the initials of a multi-word name (CEC / Central Elections Commission,
 *     AP / Associated Press);
 *  8. an alias stated by the text: quoted nicknames and bracketed variants;
 *  9. a role noun used alone ("the President", a headline's "RECEIVER", and in running text with
 *     a definite or possessive determiner: "the coach", "her rep") stands for the story's holder
 *     of that role — the entity whose mentions state it ("President Barack Obama", "wide
 *     receiver Vincent Jackson", "the star's rep Jack Ketsoyan"), matched on the whole role or
 *     its head word; among several holders, one named in the role noun's own article, else the
 *     most mentioned; never a holder whose stated affiliation differs from the role noun's
 *     ("former Portland Trailblazers Coach" is not "Sixers' Coach Jim O'Brien"). This is the
 *     definite-description case of coreference, limited to roles the story itself attaches to a
 *     name. The role noun is not listed among the holder's name variants; in running text it is
 *     a description (rule 10's kind), dropped when the story names no holder.
 * 10. a description — a common noun standing for a participant the report names elsewhere
 *     ("the woman", a headline's "Teen", "Goth son held as mum and sister killed", "checks into
 *     rehab"; the closed lists of lexicon.ts, read by extract.ts only when the determiner makes
 *     the phrase refer back) — stands for the most salient compatible entity: the one with most
 *     name mentions in its own article, then the one whose stated sex agrees, then the earliest;
 *     when the article names none, the story's most mentioned one if it has at least three
 *     times the mentions of the next. Compatible: a person (or an undecided multi-word name a
 *     pronoun gave a sex: "Gaetano Lo Presti … his cell") for a person noun, with no stated sex
 *     (honorific, given-name lists, a subject's pronoun) against the noun's ("mum" is not John
 *     Jenkin) and no role or title (a person the story names by office is referred to by it:
 *     "the man" is not "police inspector Dave Gaskin"); for a facility noun, an organisation with
 *     a facility head word in a name ("Promises Treatment Center", "Morningside Recovery"),
 *     located where the description says ("Malibu Rehab", "rehab in Newport Beach"). Two
 *     candidates equally salient — the same count, first named in the same sentence (at story
 *     level: the same count) — leave the description unresolved: evidence, not a guess. Different
 *     person nouns of one sentence stand for different people ("mum and sister"). Why: this is
 *     salience-based coreference (Lappin & Leass 1994; the Stanford multi-pass sieve resolves
 *     nominals after names for the same reason, Lee et al. 2013): a news report's descriptions
 *     refer to its principal participants, whom it has named, and the salience ranking is what
 *     tells the principal participant from the police spokesman. A resolved description counts in
 *     its entity's mentions (and for later descriptions of its article) but is never a name
 *     variant; an unresolved one gets no node and no entity. Descriptions are forms of their
 *     article (a story's "rehab" can be two facilities), resolved once, when their article is
 *     added.
 * A one-word name matching several different entities (rules 4, 5) goes to the most mentioned of
 * them in the story, the usual salience heuristic of coreference resolution; ties go to the one
 * seen first. A person's name used for the facility named after the person ("checks into Betty
 * Ford", typed organisation by extract.ts) is keyed apart from the person, like a city standing
 * for its team (4d), and joins the facility by rule 3.
 */
import type { Entity, EntityType, Mention, Variant } from './types.js';
import type { Article } from '../types.js';
import { comparePersonNames, fold, initials, nameTokens, skeleton, stripPossessive, tokenSimilarity } from './names.js';
import {
  DESIGNATORS,
  FACILITY_HEADS,
  NAME_CONNECTORS,
  NAME_PARTICLES,
  NAME_SUFFIXES,
  ORG_WORDS,
  PERSON_DESCRIPTORS,
  PLACE_WORDS,
  ROLE_HEADS,
  ROLE_MODIFIERS,
} from './lexicon.js';
import { demonymCountry, demonymOf, isGivenName, lookupPlace, lookupPlaceKey } from './gazetteer.js';
import { extractMentions } from './extract.js';

/**
 * Batches after which a story no batch has read loses its indexes (rebuilt on its next read, with
 * the same content: see `EntityResolver.unindexed`), and how often that is checked. A memory
 * setting only — results are the same for any value. 2,000 articles is hours to days of a busy
 * stream, past which few stories get another report; one that does pays the indexing of its own
 * forms again.
 */
const IDLE_BATCHES = 2_000;

/** Story scope of a mention: its story, or its own article when no story is known. */
function scopeOf(m: Mention, storyId: string | undefined): string {
  return storyId !== undefined ? `s:${storyId}` : `a:${m.articleId}`;
}

interface FormNode {
  kind: 'form';
  scope: string;
  key: string;
  /** normalised tokens without leading "the" */
  tokens: string[];
  /** tokens without particles, suffixes and connectors */
  core: string[];
  acronym: boolean;
  roleOnly: boolean;
  place?: string;
  placeName?: string;
  types: Record<EntityType, number>;
  /** [display name, count]: few per form (case and possessive variants), so arrays beat maps */
  variants: Array<[string, number]>;
  mentions: number;
  articles: string[];
  roles: Array<[string, number]>;
  affiliations: Array<[string, number]>;
  /** a description (rule 10), never a name of its entity: its article */
  desc?: string;
  /** mentions stating the sex: [female, male] (honorifics, gendered nouns) */
  sex?: [number, number];
  /** places the text locates it in (folded place names) */
  located?: string[];
}

interface KeyNode {
  kind: 'key';
  key: string;
}

type Node = FormNode | KeyNode;

interface Component {
  id: string;
  /** Full person names (core tokens) in the component, for conflict checks. */
  persons: string[][];
  types: Record<EntityType, number>;
  /** Gazetteer places in the component: two different places never merge. */
  places: string[];
  /**
   * Modifier-and-head names of bodies in the component ("iranian national security council"),
   * for conflict checks (`bodiesConflict`); absent in states saved before they were kept: none.
   */
  bodies?: string[][];
}

/** Serializable state of an {@link EntityResolver}. */
export interface ResolverState {
  version: 1;
  nodes: Node[];
  parent: number[];
  components: Array<[number, Component]>;
  redirects: Array<[string, string]>;
  storyOrder: string[];
}

const EMPTY_TYPES = (): Record<EntityType, number> => ({ person: 0, organisation: 0, place: 0, other: 0 });

function dominant(types: Record<EntityType, number>): EntityType {
  let best: EntityType = 'other';
  let n = 0;
  for (const t of ['person', 'organisation', 'place'] as const) {
    if (types[t] > n) {
      best = t;
      n = types[t];
    }
  }
  return best;
}

function typesClash(a: EntityType, b: EntityType): boolean {
  return a !== 'other' && b !== 'other' && a !== b;
}

function lettersOf(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) out += s[i];
    else if (c >= 128 && s[i].toLowerCase() !== s[i].toUpperCase()) out += s[i];
  }
  return out;
}

function stripThe(tokens: string[]): string[] {
  return tokens[0] === 'the' && tokens.length > 1 ? tokens.slice(1) : tokens;
}

function coreOf(tokens: string[]): string[] {
  const out = tokens.filter((t) => !NAME_PARTICLES.has(t) && !NAME_SUFFIXES.has(t) && !NAME_CONNECTORS.has(t));
  return out.length ? out : tokens;
}

function withoutDesignators(core: string[]): string[] {
  let n = core.length;
  while (n > 1 && DESIGNATORS.has(core[n - 1])) n--;
  return core.slice(0, n);
}

/** A token's key for the strong person key: its skeleton when specific enough, else the token. */
function tokKey(t: string): string {
  const sk = skeleton(t);
  const strength = sk.startsWith('a') ? sk.length - 1 : sk.length;
  return strength >= 3 ? sk : t;
}

function equivalentTokens(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  let exact = 0;
  let weak = 0;
  for (let i = 0; i < a.length; i++) {
    const s = tokenSimilarity(a[i], b[i]);
    if (s === 0) return false;
    if (s === 3) exact++;
    if (s === 1) weak++;
  }
  return weak === 0 || exact >= 1;
}

/** Is `s` an in-order subsequence of `l` (fuzzy tokens), first and last aligned? */
function alignedSubsequence(s: string[], l: string[]): boolean {
  if (s.length < 2 || s.length >= l.length) return false;
  if (tokenSimilarity(s[0], l[0]) < 2 || tokenSimilarity(s[s.length - 1], l[l.length - 1]) < 2) return false;
  let j = 1;
  for (let i = 1; i < s.length - 1; i++) {
    while (j < l.length - 1 && tokenSimilarity(s[i], l[j]) < 2) j++;
    if (j >= l.length - 1) return false;
    j++;
  }
  return true;
}

/**
 * Are all of `s`'s tokens (2+) found in `l`, in any order, with at most two extra tokens in `l`?
 * Word order varies in translated institution names ("Central Elections Commission" / "Central
 * Commission for Elections and Referenda"); the two-word allowance admits one added portfolio
 * ("and Referenda") but not a different, longer body that merely contains the words.
 */
function containedSet(s: string[], l: string[]): boolean {
  if (s.length < 2 || s.length >= l.length || l.length > s.length + 2) return false;
  return s.every((t) => l.some((u) => tokenSimilarity(t, u) >= 2));
}

type Match = 'equiv' | 'partial' | null;

/** Compare two forms of the same story. `partial`: a one-word name matching a longer one. */
function compareForms(f: FormNode, g: FormNode): Match {
  if (f.roleOnly || g.roleOnly) return null;
  const tf = dominant(f.types);
  const tg = dominant(g.types);
  if (typesClash(tf, tg)) return null;
  if (f.place && g.place) return f.place === g.place ? 'equiv' : null;
  const [s, l] = f.core.length <= g.core.length ? [f, g] : [g, f];
  // A head noun alone ("Police", "the Court") can only be a partial reference to one body of
  // the story (rule 4); any stronger link would chain different bodies through it.
  if (s.core.length === 1 && GENERIC_WORDS(s.core[0])) {
    if (l.core.length > 1 && tokenSimilarity(s.core[0], l.core[l.core.length - 1]) === 3) {
      const before = l.tokens[l.tokens.length - 2];
      if (before !== 'of' && before !== 'for' && !typesClash(dominant(s.types), dominant(l.types))) return 'partial';
    }
    return null;
  }
  // 1. equivalent spellings
  if (s.core.length === l.core.length) {
    if (equivalentTokens(s.core, l.core)) return 'equiv';
  }
  // 1b. the same letters split differently ("Trail Blazers" / "Trailblazers", "SAP-Arena")
  const sj = s.core.join('');
  if (s.core.length !== l.core.length && sj.length >= 6 && sj === l.core.join('')) return 'equiv';
  // 7. acronym — not one the gazetteer knows as a place ("US" is no "UNFCCC Secretariat", even
  // where an article uses it for an organisation: the US delegation)
  if (s.acronym && l.core.length >= 2 && !(lookupPlaceKey(s.core[0]) && !l.place)) {
    const a = s.core[0];
    const withConn = l.tokens.filter((t) => t !== 'and' && t !== '&');
    if (a === initials(l.core, NAME_CONNECTORS) || a === initials(withConn, NAME_CONNECTORS) || a === initials(['the', ...l.core], new Set())) {
      return 'equiv';
    }
  }
  const sType = dominant(s.types);
  const lType = dominant(l.types);
  const personish = (t: EntityType) => t === 'person' || t === 'other';
  // 2. person names
  if (s.core.length >= 2 && personish(sType) && personish(lType) && (sType === 'person' || lType === 'person')) {
    if (comparePersonNames(s.core, l.core) === 'same') return 'equiv';
  }
  // 6. designators
  const sd = withoutDesignators(s.core);
  const ld = withoutDesignators(l.core);
  if ((sd.length !== s.core.length || ld.length !== l.core.length) && equivalentTokens(sd, ld)) {
    if (!(lookupPlaceKey(sd.join(' ')) && (lType === 'organisation' || sType === 'organisation'))) return 'equiv';
  }
  // 3. contained multi-word names
  if (s.core.length >= 2 && sType !== 'person' && lType !== 'person') {
    if (alignedSubsequence(s.core, l.core)) return 'equiv';
    if ((sType === 'organisation' || lType === 'organisation') && containedSet(s.core, l.core)) return 'equiv';
  }
  // 4. head-final: s is the end of l
  if (s.core.length < l.core.length) {
    const off = l.core.length - s.core.length;
    let ok = true;
    for (let i = 0; i < s.core.length && ok; i++) {
      const sim = tokenSimilarity(s.core[i], l.core[off + i]);
      // a common head word is matched as spelt: "Consul" is no misspelt "Council"
      ok = GENERIC_WORDS(l.core[off + i]) ? sim === 3 : sim >= 2 || (sim === 1 && s.core.length > 1);
    }
    if (ok) {
      // not the part after "of": locate the suffix start in the full token list
      const startTok = l.core[off];
      const pos = l.tokens.lastIndexOf(startTok);
      const before = pos > 0 ? l.tokens[pos - 1] : '';
      const afterOf = before === 'of' || before === 'for' || before === 'de' || before === 'and' || before === 'on';
      const sPlace = s.place ?? (s.core.length === 1 ? undefined : lookupPlaceKey(s.core.join(' '))?.id);
      // a known place ending a longer name that is no place is not a short form of it ("France" /
      // "Air France", "Santiago" / "Santiago Metropolitan")
      const blocked = afterOf || (!!sPlace && lType !== 'place') || (!!sPlace && !!l.place && sPlace !== l.place);
      if (!blocked) {
        // person surname or the head noun of an organisation; places only when both are places
        if (s.core.length >= 2) return 'equiv';
        if (lType === 'place' && sType !== 'place') return null;
        return 'partial';
      }
    }
  }
  // 4d. a place name used for an organisation (a team, see extract.ts sportsMetonymy) standing for
  // the organisation of the story named after the place ("Jacksonville" / "Jacksonville Jaguars")
  if (s.core.length < l.core.length && sType === 'organisation' && !s.place && (lType === 'organisation' || lType === 'other') && isPlaceName(s.core)) {
    let ok = true;
    for (let i = 0; i < s.core.length && ok; i++) ok = s.core[i] === l.core[i];
    const rest = l.core.slice(s.core.length);
    if (ok && !rest.some((t) => ORG_WORDS.has(t) || PLACE_WORDS.has(t) || DESIGNATORS.has(t))) return 'partial';
  }
  // 4b. a distinctive first word standing for an organisation named after it, within a story
  // ("Cliffside" / "Cliffside Rehab Center", "Morningside Recovery" / "Morningside Recovery
  // Center"): the extra words must all be organisation words, and the short name must be neither a
  // person's nor a place's name (New Orleans ≠ New Orleans Saints, Betty Ford ≠ Betty Ford Center)
  // nor an acronym, which is a body's whole name (UN ≠ UN Security Council), nor a people's name
  // ("Americans" are no "American Civil Liberties Union")
  if (s.core.length < l.core.length && lType === 'organisation' && (sType === 'other' || sType === 'organisation') && !s.place && !s.acronym && !isDemonym(s.core)) {
    let ok = ORG_WORDS.has(l.core[l.core.length - 1]) || DESIGNATORS.has(l.core[l.core.length - 1]) || l.core.length === s.core.length + 1;
    for (let i = 0; i < s.core.length && ok; i++) ok = tokenSimilarity(s.core[i], l.core[i]) >= 2;
    if (ok && !lookupPlaceKey(s.core.join(' '))) return s.core.length >= 2 ? 'equiv' : 'partial';
  }
  // 4c. a one-word name that ends the last word of a longer name ("Blazers" / "Portland Trailblazers")
  if (s.core.length === 1 && l.core.length >= 2 && s.core[0].length >= 5 && !s.place) {
    const last = l.core[l.core.length - 1];
    if (last.length > s.core[0].length && last.endsWith(s.core[0]) && (lType === sType || sType === 'other')) return 'partial';
  }
  // 5. given name alone
  if (s.core.length === 1 && l.core.length >= 2 && lType === 'person' && personish(sType) && !s.place) {
    const g0 = l.core[0];
    if (g0.length > 1 && tokenSimilarity(s.core[0], g0) >= 2 && isGivenName(s.core[0])) return 'partial';
  }
  return null;
}

/** "Americans", "Iraqi": a nationality word (singular or plural), which names no organisation. */
function isDemonym(core: string[]): boolean {
  return core.length === 1 && !!demonymOf(core[0]);
}

/**
 * Incremental resolver over the whole store. Feed it each article's mentions with the story the
 * article belongs to; it returns the entity id of every mention and keeps the entities up to date.
 * Ids are deterministic for the same input in the same order; when two entities turn out to be one,
 * the older id survives and {@link EntityResolver.canonicalId} maps the other to it.
 *
 * @example
 * const r = new EntityResolver();
 * const ids = r.add(extractMentions(article), { storyId: 'story-17' });
 * r.entities().find((e) => e.variants.some((v) => v.name === 'Hayali'))?.name // 'Erfan Mahmoud al-Hayali'
 */
export class EntityResolver {
  private nodes: Node[] = [];
  private parent: number[] = [];
  private comps = new Map<number, Component>();
  private redirects = new Map<string, string>();
  /** Ids issued since the last {@link EntityResolver.settleIds} (none in a resolver just rebuilt from a state). */
  private fresh = new Set<string>();
  private usedIds = new Set<string>();
  private formsByScope = new Map<string, Map<string, number>>(); // scope → form key → node
  private keyNodes = new Map<string, number>(); // strong key → node
  private storyForms = new Map<string, number[]>();
  private storyIndex = new Map<string, Map<string, number[]>>();
  private storyOrder: string[] = [];
  /**
   * Stories whose forms are not indexed yet (scope → its form nodes, in node order): a resolver
   * rebuilt from a saved state indexes a story's forms on the first look at that story. Why: the
   * per-story indexes of every story ever seen were most of the time and memory of loading the
   * stage for a one-article ingest (a store of 20,000 articles: 0.9 s of 1.9 s), while a batch
   * touches a few stories — and a retired story none at all. Every read of the maps above goes
   * through {@link EntityResolver.scoped}, which indexes the story first.
   */
  private unindexed = new Map<string, number[]>();
  /**
   * Batches added, and the batch that last read each indexed story: a story left alone for
   * `idleBatches` batches has its indexes dropped (its forms go back to `unindexed`, to be
   * indexed again if it is ever read), so that a long stream holds the indexes of its active stories
   * only — news stories go quiet, and their indexes were a fifth of the stage's memory.
   */
  private batches = 0;
  private lastRead = new Map<string, number>();

  /** @param idleBatches batches after which an unread story's indexes are dropped (default {@link IDLE_BATCHES}) */
  constructor(private readonly idleBatches: number = IDLE_BATCHES) {}
  // Incremental read side (not serialised; rebuilt lazily): the form nodes of each component,
  // the root of each live entity id, the built entity of each clean component, the components
  // changed since they were last built, and the sorted list while nothing changed.
  private members = new Map<number, number[]>();
  // what rule 10 asks of each component (RootTraits without the type), kept up to date by
  // record/union rather than read from the forms: a component of a common name holds thousands
  private traitsOf = new Map<number, FormTraits>();
  // the articles of forms that list many (see hasArticle)
  private articleSets = new Map<number, Set<string>>();
  // role nouns (rule 9): per story, role-only forms, and the forms whose mentions state each role
  private roleForms = new Map<string, number[]>();
  private roleHolders = new Map<string, Map<string, number[]>>();
  private rootOfId = new Map<string, number>();
  private built = new Map<number, Entity>();
  private dirty = new Set<number>();
  private sorted: Entity[] | null = null;

  /**
   * Resolve one batch of mentions (typically one article's) in a story. Returns mention → entity
   * id for the names; descriptions (`kind: 'description'`, rule 10) are resolved and counted in
   * their entity's mentions too, but appear in the returned map only with `descriptions: true`
   * (their entity's id; an unresolved description is never in it). A caller that stores mentions
   * as the occurrences of an entity's names (the pipeline, the comparison) leaves it off, so that
   * "Woman" or "rehab" is never listed as a way the entity was written.
   */
  add(mentions: readonly Mention[], context: { storyId?: string; descriptions?: boolean } = {}): Map<Mention, string> {
    const created: number[] = [];
    const nodeOf = new Map<Mention, number>();
    const aliasPairs: Array<[number, string]> = [];
    const roleScopes: string[] = [];
    let descs: Mention[] | undefined;
    // the scope of a story is one string for the whole batch (one hash, one look-up)
    const storyScope = context.storyId !== undefined ? scopeOf(mentions[0], context.storyId) : undefined;
    let storyForms = storyScope !== undefined ? this.scoped(this.formsByScope, storyScope) : undefined;
    this.batches++;
    if (storyScope !== undefined) this.lastRead.set(storyScope, this.batches);
    for (const m of mentions) {
      if (m.kind === 'description') {
        (descs ??= []).push(m);
        continue;
      }
      const form = formOfName(m.name, m.type === 'organisation');
      if (form === null) continue;
      const { tokens, key } = form;
      const scope = storyScope ?? scopeOf(m, context.storyId);
      if (storyScope === undefined) {
        storyForms = this.scoped(this.formsByScope, scope);
        this.lastRead.set(scope, this.batches);
      }
      let idx = storyForms?.get(key);
      if (idx === undefined) {
        idx = this.newForm(scope, key, tokens, m);
        created.push(idx);
        storyForms = this.scoped(this.formsByScope, scope);
      }
      this.record(idx, m);
      nodeOf.set(m, idx);
      if ((m.role || m.titles) && !roleScopes.includes(scope)) roleScopes.push(scope);
      if (m.alias) aliasPairs.push([idx, m.alias]);
    }
    // link new forms: fuller names first, so partial names find them
    created.sort((a, b) => (this.nodes[b] as FormNode).core.length - (this.nodes[a] as FormNode).core.length || a - b);
    for (const idx of new Set(nodeOf.values())) this.refreshComponent(idx);
    for (const idx of created) this.linkStrongKeys(idx);
    for (const idx of created) this.linkInStory(idx);
    for (const [idx, alias] of aliasPairs) this.linkAlias(idx, alias);
    for (const scope of roleScopes) this.linkRoles(scope);
    if (descs) this.linkDescriptions(mentions, descs, nodeOf, context.storyId);
    const out = new Map<Mention, string>();
    for (const [m, idx] of nodeOf) if (m.kind !== 'description' || context.descriptions) out.set(m, this.comps.get(this.find(idx))!.id);
    if (this.batches % Math.ceil(this.idleBatches / 4) === 0) this.unindexIdle();
    return out;
  }

  /** Drop the indexes of the stories no batch has read for `idleBatches` batches (see `lastRead`). */
  private unindexIdle(): void {
    for (const [scope, at] of this.lastRead) {
      if (this.batches - at < this.idleBatches) continue;
      this.lastRead.delete(scope);
      const byKey = this.formsByScope.get(scope);
      if (byKey === undefined) continue;
      // every form of the story is under its key here (descriptions too), each once
      this.unindexed.set(scope, [...byKey.values()].sort((a, b) => a - b));
      this.formsByScope.delete(scope);
      this.storyForms.delete(scope);
      this.storyIndex.delete(scope);
      this.roleForms.delete(scope);
      this.roleHolders.delete(scope);
    }
  }

  /** The current id of an entity id handed out earlier (ids of merged entities redirect). */
  canonicalId(id: string): string {
    let cur = id;
    for (let guard = 0; guard < 64; guard++) {
      const next = this.redirects.get(cur);
      if (!next) return cur;
      cur = next;
    }
    return cur;
  }

  /**
   * Forget the ids issued since the last call that have been merged away since, and point every
   * other redirect straight at its final id. For a caller that saves entities now and then (the
   * pipeline's checkpoints): an id issued and merged away between two saves was never saved, so
   * once the caller has mapped the ids it holds through {@link EntityResolver.canonicalId} nobody
   * can ask for it. Why: within a batch most new entities are a story's partial names and
   * spellings that join a fuller name a few articles later; their redirects were four in five of
   * all redirects kept (146,199 for 36,879 entities in a store of 20,000 articles), and saving each
   * cost four statements at every checkpoint.
   *
   * @example
   * const ids = r.add(mentions, { storyId });                        // may hand out ids merged later
   * const held = [...ids.values()].map((id) => r.canonicalId(id));   // map first …
   * r.settleIds();                                                   // … then forget the merged ones
   */
  settleIds(): void {
    const final = new Map<string, string>();
    for (const from of this.redirects.keys()) if (!this.fresh.has(from)) final.set(from, this.canonicalId(from));
    this.redirects = final;
    this.fresh.clear();
  }

  /**
   * All entities, largest first (by mentions, then name). Incremental: only components changed
   * since the last call are rebuilt (a store of 16k entities used to be rebuilt in full, 1.7 s);
   * when nothing changed the previous list is returned again (as a fresh array). The entity
   * objects are shared with the resolver's cache until their entity changes: read, do not mutate.
   */
  entities(): Entity[] {
    if (this.sorted && this.dirty.size === 0) return this.sorted.slice();
    this.rebuildDirty();
    const out = [...this.built.values()];
    out.sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    this.sorted = out;
    return out.slice();
  }

  /**
   * The current entities behind the given ids (old ids of merged entities redirect), each once,
   * in the order first asked; unknown ids are skipped. Costs only the entities asked for — what a
   * caller that saves the entities touched by a batch of mentions should use.
   */
  entitiesOf(ids: Iterable<string>): Entity[] {
    const out: Entity[] = [];
    const seen = new Set<number>();
    for (const id of ids) {
      const root = this.rootOfId.get(this.canonicalId(id));
      if (root === undefined || seen.has(root)) continue;
      seen.add(root);
      const e = this.buildRoot(root);
      if (e) out.push(e);
    }
    return out;
  }

  /** Ids of the entities changed (new, grown or merged) since the last {@link EntityResolver.entities} call. */
  changedIds(): string[] {
    const out: string[] = [];
    for (const r of this.dirty) {
      const c = this.comps.get(r);
      if (c && c.id && this.parent[r] === r) out.push(c.id);
    }
    return out;
  }

  /** The entity with this id (or a redirected older id), if any. */
  entity(id: string): Entity | undefined {
    return this.entitiesOf([id])[0];
  }

  private rebuildDirty(): void {
    for (const r of this.dirty) this.buildRoot(r);
    this.dirty.clear();
  }

  /** The built entity of a live component root (rebuilt when dirty), undefined without mentions. */
  private buildRoot(root: number): Entity | undefined {
    if (!this.dirty.has(root)) {
      const e = this.built.get(root);
      if (e) return e;
    }
    this.dirty.delete(root);
    this.built.delete(root);
    const comp = this.comps.get(root);
    if (!comp || this.parent[root] !== root) return undefined;
    const forms: FormNode[] = [];
    const list = this.members.get(root) ?? [];
    list.sort((a, b) => a - b); // node order = order first seen, as articles and variants expect
    for (const i of list) {
      const n = this.nodes[i] as FormNode;
      if (n.mentions > 0) forms.push(n);
    }
    // an unresolved description alone is no entity
    if (forms.length === 0 || forms.every((f) => f.desc !== undefined)) return undefined;
    const e = buildEntity(comp, forms);
    this.built.set(root, e);
    return e;
  }

  private touch(root: number): void {
    this.dirty.add(root);
    this.sorted = null;
  }

  /** JSON-serialisable snapshot; {@link EntityResolver.fromState} restores it. */
  exportState(): ResolverState {
    for (let i = 0; i < this.parent.length; i++) this.find(i);
    return {
      version: 1,
      nodes: this.nodes,
      parent: this.parent.slice(),
      components: [...this.comps.entries()],
      redirects: [...this.redirects.entries()],
      storyOrder: this.storyOrder.slice(),
    };
  }

  static fromState(state: ResolverState): EntityResolver {
    if (!state || state.version !== 1) throw new Error('unsupported entity resolver state');
    const r = new EntityResolver();
    r.nodes = state.nodes;
    r.parent = state.parent.slice();
    r.comps = new Map(state.components);
    r.redirects = new Map(state.redirects);
    r.storyOrder = state.storyOrder.slice();
    for (const [, c] of r.comps) r.usedIds.add(c.id);
    for (const [from] of r.redirects) r.usedIds.add(from);
    r.nodes.forEach((n, i) => {
      if (n.kind === 'key') r.keyNodes.set(n.key, i);
      else {
        const list = r.unindexed.get(n.scope);
        if (list) list.push(i);
        else r.unindexed.set(n.scope, [i]);
      }
    });
    r.nodes.forEach((n, i) => {
      if (n.kind !== 'form') return;
      const root = r.find(i);
      let list = r.members.get(root);
      if (!list) r.members.set(root, (list = []));
      list.push(i);
      r.dirty.add(root);
      r.addTraitsTo(root, formTraits(n));
    });
    for (const [root, c] of r.comps) if (c.id) r.rootOfId.set(c.id, root);
    return r;
  }

  // -------------------------------------------------------------------------------------------

  private find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r];
    while (this.parent[i] !== r) {
      const next = this.parent[i];
      this.parent[i] = r;
      i = next;
    }
    return r;
  }

  private newId(seed: string): string {
    let id = idHash(seed);
    for (let k = 1; this.usedIds.has(id); k++) id = idHash(`${seed}#${k}`);
    this.usedIds.add(id);
    this.fresh.add(id);
    return id;
  }

  private newForm(scope: string, key: string, tokens: string[], m: Mention, desc?: string): number {
    const core = coreOf(tokens);
    const letters = lettersOf(m.name);
    const place = m.type === 'place' || m.type === 'other' ? lookupPlaceKey(tokens.join(' ')) : undefined;
    const node: FormNode = {
      kind: 'form',
      scope,
      key,
      tokens,
      core,
      acronym: core.length === 1 && letters.length >= 2 && letters.length <= 6 && letters === letters.toUpperCase() && !place,
      roleOnly: !!m.role && m.role === m.name,
      place: place?.id,
      placeName: place?.name,
      types: EMPTY_TYPES(),
      variants: [],
      mentions: 0,
      articles: [],
      roles: [],
      affiliations: [],
      // always present (undefined when unset): every form keeps one object shape
      desc,
      sex: undefined,
      located: undefined,
    };
    if (desc !== undefined) {
      node.acronym = false;
      node.roleOnly = false;
    }
    const idx = this.nodes.length;
    this.nodes.push(node);
    this.parent.push(idx);
    this.ensureScope(scope);
    if (!this.storyForms.has(scope)) this.storyOrder.push(scope);
    this.indexForm(idx);
    const id = this.newId(`${scope}\u0000${key}`);
    this.comps.set(idx, { id, persons: [], types: EMPTY_TYPES(), places: place ? [place.id] : [] });
    this.members.set(idx, [idx]);
    this.traitsOf.set(idx, formTraits(node));
    this.rootOfId.set(id, idx);
    return idx;
  }

  /** Index the forms of a story rebuilt from a saved state that were not indexed yet (see `unindexed`). */
  private ensureScope(scope: string): void {
    const pending = this.unindexed.get(scope);
    if (pending === undefined) return;
    this.unindexed.delete(scope);
    for (const i of pending) this.indexForm(i);
  }

  /** A per-story map's entry for `scope`, its forms indexed first. */
  private scoped<T>(map: Map<string, T>, scope: string): T | undefined {
    this.ensureScope(scope);
    return map.get(scope);
  }

  /** Index a new form, or a pending one (callers — newForm, ensureScope — have its story indexed already). */
  private indexForm(idx: number): void {
    const f = this.nodes[idx] as FormNode;
    let byKey = this.formsByScope.get(f.scope);
    if (!byKey) this.formsByScope.set(f.scope, (byKey = new Map()));
    byKey.set(f.key, idx);
    // a description is found by its key only: it is no name to match, nor a story form to count
    if (f.desc !== undefined) return;
    let list = this.storyForms.get(f.scope);
    if (!list) this.storyForms.set(f.scope, (list = []));
    list.push(idx);
    let index = this.storyIndex.get(f.scope);
    if (!index) this.storyIndex.set(f.scope, (index = new Map()));
    // lists start as literals of their exact size: an array grown from [] by push reserves 16
    // slots (~130 bytes), and most of these lists — like a form's articles and variants — hold one
    for (const k of formIndexKeys(f)) {
      const l = index.get(k);
      if (l) l.push(idx);
      else index.set(k, [idx]);
    }
    if (f.roleOnly) {
      let rl = this.roleForms.get(f.scope);
      if (!rl) this.roleForms.set(f.scope, (rl = []));
      rl.push(idx);
    } else for (const [r] of f.roles) this.addHolder(idx, r);
  }

  /** Index a form under a role its mentions state: the whole role and its head (last word). */
  private addHolder(idx: number, role: string): void {
    const f = this.nodes[idx] as FormNode;
    const toks = nameTokens(role);
    if (toks.length === 0) return;
    this.ensureScope(f.scope);
    let byRole = this.roleHolders.get(f.scope);
    if (!byRole) this.roleHolders.set(f.scope, (byRole = new Map()));
    const keys = toks.length > 1 ? [toks.join(' '), toks[toks.length - 1]] : [toks[0]];
    for (const k of keys) {
      const l = byRole.get(k);
      if (!l) byRole.set(k, [idx]);
      else if (!l.includes(idx)) l.push(idx);
    }
  }

  /**
   * Rule 9: a role noun used alone ("the President", "RECEIVER", "the Attorney") stands for the
   * story's holder of that role — the entity whose mentions state it ("President Barack Obama",
   * "wide receiver Vincent Jackson"); with several holders, the most mentioned in the story. A
   * role-only form already joined to a holder stays there.
   */
  private linkRoles(scope: string): void {
    const forms = this.scoped(this.roleForms, scope);
    if (!forms || !this.scoped(this.roleHolders, scope)) return;
    for (const j of forms) {
      const root = this.find(j);
      if ((this.members.get(root)?.length ?? 1) > 1) continue;
      const f = this.nodes[j] as FormNode;
      const best = this.holderOf(scope, f.key, f.affiliations, f.articles[0]);
      if (best >= 0) this.union(j, best);
    }
  }

  /** The holder of a role description's role: of the whole role ("head coach"), else of its head. */
  private roleHolder(scope: string, m: Mention): number {
    const toks = nameTokens(m.role ?? '');
    if (toks.length === 0) return -1;
    const aff: Array<[string, number]> = m.affiliation ? [[m.affiliation, 1]] : [];
    const whole = this.holderOf(scope, toks.join(' '), aff, m.articleId, true);
    if (whole >= 0 || toks.length === 1) return whole;
    // "the former attorney general", "the interim head coach": modifiers that keep the role
    const head = toks.findIndex((w) => !ROLE_KEEPING_MODIFIERS.has(w));
    if (head < 0) return -1;
    const rest = toks.slice(head).join(' ');
    return rest === toks.join(' ') ? -1 : this.holderOf(scope, rest, aff, m.articleId, true);
  }

  /**
   * The story's holder of a role (a form index, -1 for none): among the entities whose mentions
   * state it, those whose affiliation agrees with the role noun's ("former Portland Trailblazers
   * Coach" is not the Sixers' coach); first one named in the role noun's own article ("Rehires
   * Attorney" … "re-hired attorney Shawn Holley", as in rule 10), then the most mentioned.
   */
  private holderOf(scope: string, role: string, affiliations: Array<[string, number]>, article: string | undefined, personOnly = false): number {
    const cands = this.scoped(this.roleHolders, scope)?.get(role);
    if (!cands) return -1;
    // the candidates' components, then one pass over the story's forms for their mention counts,
    // whether their own article names them, and their affiliations
    const info = new Map<number, { count: number; here: boolean; affs: string[] }>();
    for (const c of cands) {
      const r = this.find(c);
      if (info.has(r)) continue;
      // a holder is a person (or an undecided name), never an organisation or a place
      const t = dominant(this.comps.get(r)?.types ?? EMPTY_TYPES());
      if (t === 'organisation' || t === 'place' || (personOnly && t !== 'person')) continue;
      info.set(r, { count: 0, here: false, affs: [] });
    }
    if (info.size === 0) return -1;
    for (const j of this.scoped(this.storyForms, scope) ?? []) {
      const x = info.get(this.find(j));
      if (!x) continue;
      const f = this.nodes[j] as FormNode;
      x.count += f.mentions;
      if (!f.roleOnly && article !== undefined && !x.here) x.here = f.articles.includes(article);
      if (affiliations.length) for (const [aff] of f.affiliations) x.affs.push(aff);
    }
    let best = -1;
    let bestCount = -1;
    let bestHere = false;
    for (const c of cands) {
      const x = info.get(this.find(c));
      if (!x || !this.affiliationsAgree(scope, affiliations, x.affs)) continue;
      if ((x.here && !bestHere) || (x.here === bestHere && (x.count > bestCount || (x.count === bestCount && c < best)))) {
        best = c;
        bestCount = x.count;
        bestHere = x.here;
      }
    }
    return best;
  }

  /**
   * Does a role noun's stated affiliation ("Portland Trailblazers Coach") allow a holder with
   * these affiliations (`theirs`)? Yes when either states none, or they share one: a word of the
   * name, or names of one entity of the story.
   */
  private affiliationsAgree(scope: string, affiliations: Array<[string, number]>, theirs: readonly string[]): boolean {
    if (affiliations.length === 0 || theirs.length === 0) return true;
    const byKey = this.scoped(this.formsByScope, scope);
    const rootOf = (name: string) => {
      const k = byKey?.get(stripThe(nameTokens(name)).join(' '));
      return k === undefined ? -1 : this.find(k);
    };
    for (const [a] of affiliations) {
      const ta = nameTokens(a);
      const ra = rootOf(a);
      for (const b of theirs) {
        const tb = nameTokens(b);
        if (ta.some((t) => tb.includes(t))) return true;
        if (ra >= 0 && ra === rootOf(b)) return true;
      }
    }
    return false;
  }

  /**
   * Rule 10: each description of the batch stands for the most salient compatible entity of its
   * article — most name mentions there, then the earliest — or, when the article names none, of
   * the story (most mentions). Two candidates equally salient (same count, first named in the same
   * sentence; at story level, the same count) leave it unresolved, and an unresolved description
   * gets no node and no entity. Descriptions of different nouns in one sentence ("mum and
   * sister") stand for different entities. A resolved description counts for the salience of its
   * entity in the article, for the descriptions after it ("Rehab in Newport Beach" then
   * "Facility").
   */
  private linkDescriptions(batch: readonly Mention[], descs: readonly Mention[], nodeOf: Map<Mention, number>, storyId: string | undefined): void {
    const byArticle = new Map<string, Map<number, Salience>>();
    // salience in the articles, needed unless every description is a role noun (rule 9's holder)
    for (const m of descs.some((d) => !d.role) ? batch : []) {
      if (m.kind === 'description') continue;
      const idx = nodeOf.get(m);
      if (idx === undefined) continue;
      const root = this.find(idx);
      let sal = byArticle.get(m.articleId);
      if (!sal) byArticle.set(m.articleId, (sal = new Map()));
      const x = sal.get(root);
      if (x) x.count++;
      else sal.set(root, { root, count: 1, sentence: m.sentence ?? -1 - sal.size, start: m.start });
    }
    const taken = new Map<string, Array<[number, string]>>(); // article + sentence → [root, noun]
    const traits = new Map<number, RootTraits>(); // read once per batch
    const storyTally = new Map<string, Array<[number, number]>>(); // per scope, most mentioned first
    for (const m of descs) {
      const tokens = stripThe(nameTokens(m.name));
      if (tokens.length === 0) continue;
      const head = tokens[tokens.length - 1];
      const scope = scopeOf(m, storyId);
      const key = `${tokens.join(' ')} #d:${m.articleId}`;
      const at = `${m.articleId}\u0000${m.sentence ?? ''}`;
      let idx = this.scoped(this.formsByScope, scope)?.get(key);
      if (idx === undefined) {
        const person = m.type === 'person';
        // different person nouns in one sentence are different people ("mum and sister")
        const excluded = person ? (taken.get(at) ?? []).filter(([, h]) => h !== head).map(([r]) => r) : [];
        const sex = person ? PERSON_DESCRIPTORS.get(head) || undefined : undefined;
        const place = !person && m.locatedIn ? nameTokens(m.locatedIn).join(' ') : undefined;
        const fits = (root: number) => (excluded.includes(root) ? -1 : this.fits(root, person, sex, place, traits));
        // a role noun ("her rep", "the coach") stands for the story's holder of the role (rule 9)
        const target = m.role ? this.roleHolder(scope, m) : this.salient(byArticle.get(m.articleId), scope, fits, storyTally);
        if (target === undefined || target < 0) continue;
        idx = this.newForm(scope, key, tokens, m, m.articleId);
        this.record(idx, m);
        if (!this.union(idx, target)) continue;
      } else if (this.find(idx) === idx) continue; // never joined (cannot happen: fits implies joinable)
      else this.record(idx, m);
      nodeOf.set(m, idx);
      const root = this.find(idx);
      const sal = byArticle.get(m.articleId);
      const x = sal?.get(root);
      if (x) x.count++;
      else if (sal) sal.set(root, { root, count: 1, sentence: m.sentence ?? -1, start: m.start });
      let t = taken.get(at);
      if (!t) taken.set(at, (t = []));
      t.push([root, head]);
    }
  }

  /**
   * The most salient root that `fits` (≥ 0): in the article (`sal`: most name mentions, then the
   * one whose stated sex agrees, then the earliest), else in the story (most mentions, and at
   * least three times the next one's: without the article's own evidence only a clearly principal
   * participant qualifies). Undefined on a tie.
   */
  private salient(
    sal: Map<number, Salience> | undefined,
    scope: string,
    fits: (root: number) => number,
    storyTally: Map<string, Array<[number, number]>>,
  ): number | undefined {
    let best: Salience | undefined;
    let second: Salience | undefined;
    let bestFit = 0;
    let secondFit = 0;
    if (sal) {
      for (const x of sal.values()) {
        if (this.find(x.root) !== x.root) continue;
        const fit = fits(x.root);
        if (fit < 0) continue;
        const better = (b: Salience | undefined, bf: number) => !b || x.count > b.count || (x.count === b.count && (fit > bf || (fit === bf && x.start < b.start)));
        if (better(best, bestFit)) {
          [second, secondFit] = [best, bestFit];
          [best, bestFit] = [x, fit];
        } else if (better(second, secondFit)) [second, secondFit] = [x, fit];
      }
      if (best) return second && second.count === best.count && secondFit === bestFit && second.sentence === best.sentence ? undefined : best.root;
    }
    // the article names no candidate: the story's principal one (name mentions per entity,
    // counted once per batch: descriptions joining entities do not change them)
    let story = storyTally.get(scope);
    if (!story) storyTally.set(scope, (story = [...this.storyMentions(scope)].sort((x, y) => y[1] - x[1])));
    // most mentioned first: the first two that fit are the principal one and its runner-up
    let top = -1;
    let topCount = 0;
    for (const [r, n] of story) {
      if (fits(r) < 0) continue;
      if (top >= 0) return topCount >= 3 * n ? top : undefined;
      top = r;
      topCount = n;
    }
    return top >= 0 ? top : undefined;
  }

  /**
   * How well a description fits the entity `root`: -1 not at all, 0 compatible, 1 compatible with
   * the sex it states confirmed. A person description needs a person — or an undecided name that
   * a pronoun gave a sex — named with no role or title, whose stated sex (see `Mention.sex`) does
   * not contradict the noun's; a facility description needs an organisation with a facility head
   * word in one of its names, located where the description says ("Malibu Rehab", "rehab in
   * Newport Beach") when it says. `cache` keeps each entity's traits for a batch.
   */
  private fits(root: number, person: boolean, sex: 'f' | 'm' | undefined, place: string | undefined, cache?: Map<number, RootTraits>): number {
    let x = cache?.get(root);
    if (!x) {
      x = this.traits(root);
      cache?.set(root, x);
    }
    if (!x.type) return -1;
    if (!person) {
      if ((x.type !== 'organisation' && x.type !== 'other') || !x.facility) return -1;
      return !place || this.locatedAt(root, place) ? 0 : -1;
    }
    // a person the story names with a role or title is referred to by it (rule 9), not as "the man"
    if ((x.type !== 'person' && x.type !== 'other') || x.role) return -1;
    // an undecided name qualifies only by the sex a pronoun gave it ("Gaetano Lo Presti … his")
    if (x.type === 'other' && !x.fullSexed) return -1;
    if (!sex) return 0;
    const [same, other] = sex === 'f' ? [x.female, x.male] : [x.male, x.female];
    return other > same ? -1 : same > other ? 1 : 0;
  }

  /** What rule 10 asks of an entity. */
  private traits(root: number): RootTraits {
    const c = this.comps.get(root);
    const t = this.traitsOf.get(root);
    return { type: c ? dominant(c.types) : undefined, female: 0, male: 0, fullSexed: false, role: false, facility: false, ...t };
  }

  /** Add a form's or a joined component's traits to those of the component `root`. */
  private addTraitsTo(root: number, t: FormTraits): void {
    const into = this.traitsOf.get(root);
    if (into) addTraits(into, t);
    else this.traitsOf.set(root, t);
  }

  /** Is the entity `root` located at `place` (stated "in" it, or named with it)? */
  private locatedAt(root: number, place: string): boolean {
    for (const j of this.members.get(root) ?? []) {
      const n = this.nodes[j];
      if (n.kind !== 'form' || n.desc !== undefined) continue;
      if (n.located?.includes(place) || ` ${n.tokens.join(' ')} `.includes(` ${place} `)) return true;
    }
    return false;
  }

  private record(idx: number, m: Mention): void {
    const f = this.nodes[idx] as FormNode;
    // the first mention sets the lists at their exact size (see indexForm)
    if (f.mentions === 0) {
      f.variants = [[variantOfName(m.name), 1]];
      f.articles = [m.articleId];
    } else {
      bump(f.variants, variantOfName(m.name));
      if (f.articles[f.articles.length - 1] !== m.articleId && !this.hasArticle(idx, f, m.articleId)) f.articles.push(m.articleId);
    }
    f.mentions++;
    f.types[m.type]++;
    if (m.role && !f.roleOnly && f.desc === undefined) {
      bump(f.roles, m.role);
      this.addHolder(idx, m.role);
    }
    if (m.titles) {
      for (const t of m.titles) {
        bump(f.roles, t);
        if (!f.roleOnly) this.addHolder(idx, t);
      }
    }
    if (m.affiliation) bump(f.affiliations, m.affiliation);
    if (m.sex && f.desc === undefined) (f.sex ??= [0, 0])[m.sex === 'f' ? 0 : 1]++;
    if (f.desc === undefined && (f.roles.length > 0 || m.sex)) {
      const t = this.traitsOf.get(this.find(idx));
      if (t) {
        t.role ||= f.roles.length > 0;
        if (m.sex) {
          t[m.sex === 'f' ? 'female' : 'male']++;
          t.fullSexed ||= f.core.length >= 2;
        }
      }
    }
    if (m.locatedIn) {
      const p = nameTokens(m.locatedIn).join(' ');
      if (!(f.located ??= []).includes(p)) f.located.push(p);
    }
    const root = this.find(idx);
    const comp = this.comps.get(root);
    if (comp) comp.types[m.type]++;
    this.touch(root);
  }

  /**
   * Is `article` among the form's articles? A scan for a short list; a set (built on first need,
   * not serialised) for a long one — a place named in every report of a long story lists thousands.
   */
  private hasArticle(idx: number, f: FormNode, article: string): boolean {
    if (f.articles.length < 32) return f.articles.includes(article);
    let set = this.articleSets.get(idx);
    if (!set) this.articleSets.set(idx, (set = new Set(f.articles)));
    if (set.has(article)) return true;
    set.add(article); // the caller appends it
    return false;
  }

  /** Recompute what a (new) form contributes to its component's conflict data. */
  private refreshComponent(idx: number): void {
    const f = this.nodes[idx] as FormNode;
    const c = this.comps.get(this.find(idx))!;
    const type = dominant(f.types);
    if (type === 'person' && f.core.length >= 2 && !c.persons.some((p) => p.join(' ') === f.core.join(' '))) {
      c.persons.push(f.core);
    }
    if (type === 'organisation' || type === 'other') {
      const body = bodyName(f);
      if (body !== null && !(c.bodies ??= []).some((b) => b.join(' ') === body.join(' '))) c.bodies.push(body);
    }
  }

  private canUnion(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    const ca = this.comps.get(ra)!;
    const cb = this.comps.get(rb)!;
    if (typesClash(dominant(ca.types), dominant(cb.types))) return false;
    if (ca.places.length && cb.places.length && !ca.places.some((p) => cb.places.includes(p))) return false;
    for (const p of ca.persons) for (const q of cb.persons) if (comparePersonNames(p, q) === 'conflict') return false;
    if (ca.bodies && cb.bodies) for (const p of ca.bodies) for (const q of cb.bodies) if (bodiesConflict(p, q)) return false;
    return true;
  }

  private union(a: number, b: number): boolean {
    if (!this.canUnion(a, b)) return false;
    let ra = this.find(a);
    let rb = this.find(b);
    // the older component (lower index) survives, with its id
    if (rb < ra) [ra, rb] = [rb, ra];
    const ca = this.comps.get(ra)!;
    const cb = this.comps.get(rb)!;
    this.parent[rb] = ra;
    for (const p of cb.persons) if (!ca.persons.some((q) => q.join(' ') === p.join(' '))) ca.persons.push(p);
    for (const p of cb.bodies ?? []) if (!(ca.bodies ??= []).some((q) => q.join(' ') === p.join(' '))) ca.bodies.push(p);
    for (const t of Object.keys(cb.types) as EntityType[]) ca.types[t] += cb.types[t];
    for (const p of cb.places) if (!ca.places.includes(p)) ca.places.push(p);
    if (ca.id === '') ca.id = cb.id;
    else if (cb.id !== '' && cb.id !== ca.id) {
      this.redirects.set(cb.id, ca.id);
      this.rootOfId.delete(cb.id);
    }
    if (ca.id) this.rootOfId.set(ca.id, ra);
    this.comps.delete(rb);
    // member lists: append the shorter to the longer (order is restored when an entity is built)
    const mb = this.members.get(rb);
    if (mb) {
      const ma = this.members.get(ra);
      if (!ma) this.members.set(ra, mb);
      else if (ma.length >= mb.length) for (const i of mb) ma.push(i);
      else {
        for (const i of ma) mb.push(i);
        this.members.set(ra, mb);
      }
      this.members.delete(rb);
    }
    const tb = this.traitsOf.get(rb);
    if (tb) {
      this.addTraitsTo(ra, tb);
      this.traitsOf.delete(rb);
    }
    this.built.delete(rb);
    this.dirty.delete(rb);
    this.touch(ra);
    return true;
  }

  private keyNode(key: string): number {
    let idx = this.keyNodes.get(key);
    if (idx === undefined) {
      idx = this.nodes.length;
      this.nodes.push({ kind: 'key', key });
      this.parent.push(idx);
      this.keyNodes.set(key, idx);
      // key nodes carry no id of their own: an entity's id is always that of a form
      this.comps.set(idx, { id: '', persons: [], types: EMPTY_TYPES(), places: [] });
    }
    return idx;
  }

  private linkStrongKeys(idx: number): void {
    const f = this.nodes[idx] as FormNode;
    for (const key of strongKeys(f)) this.union(idx, this.keyNode(key));
  }

  /**
   * Would joining acronym form `acr` to the multi-word form `exp` give the acronym a second
   * expansion — a name of its entity with the same initials that is not `exp`'s equivalent? An
   * acronym stands for one name in a story, the one it was first read as: "UNCCC" fits both "United
   * Nations Convention on Climate Change" and "United Nations Climate Change Conference", and
   * joining it to both would make the convention and the conference one entity.
   */
  private secondExpansion(acr: number, exp: number): boolean {
    const a = this.nodes[acr] as FormNode;
    const e = this.nodes[exp] as FormNode;
    if (e.acronym || e.core.length < 2) return false;
    const expRoot = this.find(exp);
    for (const h of this.members.get(this.find(acr)) ?? []) {
      const g = this.nodes[h] as FormNode;
      if (g.kind !== 'form' || g.acronym || g.core.length < 2 || this.find(h) === expRoot) continue;
      if (compareForms(a, g) === 'equiv' && compareForms(g, e) !== 'equiv') return true;
    }
    return false;
  }

  private linkInStory(idx: number): void {
    const f = this.nodes[idx] as FormNode;
    const index = this.scoped(this.storyIndex, f.scope)!;
    const cands = new Set<number>();
    for (const k of formIndexKeys(f)) for (const j of index.get(k) ?? []) if (j !== idx) cands.add(j);
    const partialRoots = new Map<number, number>(); // root → a form of it
    for (const j of [...cands].sort((a, b) => a - b)) {
      const g = this.nodes[j] as FormNode;
      const m = compareForms(f, g);
      if (!m) continue;
      const fShorter = f.core.length < g.core.length || (f.core.length === g.core.length && f.acronym);
      if (m === 'equiv') {
        if ((f.acronym && this.secondExpansion(idx, j)) || (g.acronym && this.secondExpansion(j, idx))) continue;
        this.union(idx, j);
      }
      else if (!fShorter) {
        // f is the fuller name; the partial g joins it only if g is not already resolved to
        // another full name (else "Center" would chain every "… Center" of the story together)
        if (!this.hasFullForm(this.find(j), f.scope, j)) this.union(idx, j);
      } else {
        const r = this.find(j);
        if (!partialRoots.has(r)) partialRoots.set(r, j);
      }
    }
    if (partialRoots.size === 0) return;
    const fRoot = this.find(idx);
    if (partialRoots.has(fRoot)) return; // already joined to one of them
    // already resolved to a full name (by an equivalence or a strong key): a partial match to
    // another entity would chain the two ("Microsoft" = "Microsoft Corp." ≠ "Microsoft Word")
    if (this.hasFullForm(fRoot, f.scope, idx)) return;
    let best = -1;
    let bestCount = -1;
    let bestRoot = Infinity;
    const mentions = this.storyMentions(f.scope);
    for (const [root, j] of partialRoots) {
      const count = mentions.get(root) ?? 0;
      if (count > bestCount || (count === bestCount && root < bestRoot)) {
        best = j;
        bestCount = count;
        bestRoot = root;
      }
    }
    if (best >= 0) this.union(idx, best);
  }

  /** Does the component `root` hold, in this story, a multi-word form other than `except`? */
  private hasFullForm(root: number, scope: string, except: number): boolean {
    for (const j of this.scoped(this.storyForms, scope) ?? []) {
      if (j !== except && this.find(j) === root && (this.nodes[j] as FormNode).core.length >= 2) return true;
    }
    return false;
  }

  /** Name mentions per entity (component root) in a story, in one pass over its forms. */
  private storyMentions(scope: string): Map<number, number> {
    const out = new Map<number, number>();
    for (const j of this.scoped(this.storyForms, scope) ?? []) {
      const f = this.nodes[j] as FormNode;
      if (f.mentions > 0) {
        const r = this.find(j);
        out.set(r, (out.get(r) ?? 0) + f.mentions);
      }
    }
    return out;
  }

  private linkAlias(idx: number, alias: string): void {
    const f = this.nodes[idx] as FormNode;
    const tokens = stripThe(nameTokens(alias));
    if (tokens.length === 0) return;
    const key = tokens.join(' ');
    let j = this.scoped(this.formsByScope, f.scope)?.get(key);
    if (j === undefined) {
      j = this.newForm(f.scope, key, tokens, { articleId: '', text: alias, start: 0, end: 0, type: 'other', name: alias });
      this.linkInStory(j);
    }
    this.union(idx, j);
  }
}

/**
 * The name of a body as modifiers and a head word ("iranian national security council"), or
 * null when the form is no such name: one word, an acronym, a place, or a name with a
 * connector ("Ministry of Defence": its head is not its last word).
 */
function bodyName(f: FormNode): string[] | null {
  if (f.acronym || f.place || f.roleOnly) return null;
  const core = withoutDesignators(f.core);
  if (core.length < 2 || f.tokens.some((t) => NAME_CONNECTORS.has(t))) return null;
  return core;
}

/**
 * Two names of bodies with one head word that each carry a modifier the other lacks name two
 * different bodies: "Iranian National Security Council" / "United Nations Security Council",
 * "Iraqi Defense Ministry" / "Iranian Defense Ministry". A shorter name inside a longer one
 * ("Security Council") is a partial reference and conflicts with neither, but it can join only
 * one of them: without this check, partial references and exact-name keys across stories chain
 * every "… Security Council" into one entity. Modifiers match when spelt alike
 * (`tokenSimilarity` ≥ 2), when they name one place (Iraqi / Iraq), or when one side's
 * modifiers are the initials of the other's (UN / United Nations).
 */
function bodiesConflict(p: readonly string[], q: readonly string[]): boolean {
  if (tokenSimilarity(p[p.length - 1], q[q.length - 1]) < 2) return false;
  // modifiers with each place or nationality as its gazetteer id: "united kingdom", "uk" and
  // "british" qualify a body alike
  const mp = placeIds(p.slice(0, -1));
  const mq = placeIds(q.slice(0, -1));
  const same = (a: string, b: string) => a === b || (!a.startsWith('g:') && !b.startsWith('g:') && tokenSimilarity(a, b) >= 2);
  const extraP = mp.filter((a) => !mq.some((b) => same(a, b)));
  const extraQ = mq.filter((b) => !mp.some((a) => same(a, b)));
  if (extraP.length === 0 || extraQ.length === 0) return false;
  if (extraP.length === 1 && extraP[0] === initials(extraQ, NAME_CONNECTORS)) return false;
  if (extraQ.length === 1 && extraQ[0] === initials(extraP, NAME_CONNECTORS)) return false;
  return true;
}

/**
 * `tokens` with runs replaced, scanning left to right and trying the longest run first (up to
 * three tokens, the longest place names outlets run into other names): `replace` returns the
 * tokens for the run at `i` of length `n`, or undefined to leave it. Serves {@link placeIds} and
 * {@link canonicalCountryRuns}.
 */
function replaceRuns(tokens: readonly string[], replace: (i: number, n: number) => string[] | undefined): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    let took = 0;
    for (let n = Math.min(3, tokens.length - i); n >= 1 && !took; n--) {
      const r = replace(i, n);
      if (r === undefined) continue;
      out.push(...r);
      took = n;
    }
    if (!took) out.push(tokens[i++]);
    else i += took;
  }
  return out;
}

/** Tokens with each run naming a place (up to three tokens) or a nationality replaced by `g:<place id>`. */
function placeIds(tokens: readonly string[]): string[] {
  return replaceRuns(tokens, (i, n) => {
    const id = lookupPlaceKey(tokens.slice(i, i + n).join(' '))?.id ?? (n === 1 ? demonymCountry(tokens[i])?.id : undefined);
    return id === undefined ? undefined : [`g:${id}`];
  });
}

/**
 * 16 hex characters from two independent 32-bit multiplicative string hashes (the cyrb53 mixing
 * scheme). Entity ids need determinism and few collisions, not cryptographic strength; a SHA-256
 * per new name was a measurable share of resolution time. Collisions are resolved by re-seeding.
 */
function idHash(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/** Does this token list read as a person's name: a known given name, then one or two name words? */
function isPersonName(tokens: readonly string[]): boolean {
  if (tokens.length < 2 || tokens.length > 3 || !isGivenName(tokens[0])) return false;
  return !tokens.some((t) => ORG_WORDS.has(t) || DESIGNATORS.has(t) || PLACE_WORDS.has(t));
}

/**
 * An organisation's name with each country in it written as the gazetteer names the country:
 * "U.S. Geological Survey" and "United States Geological Survey", "UK Foreign Office" and "United
 * Kingdom Foreign Office" are one name, which outlets spell as they please. Longest run first, up
 * to three tokens; countries only (a city's name has no competing abbreviation), and never the
 * whole name (that is the place itself).
 */
function canonicalCountryRuns(tokens: string[]): string[] {
  let changed = false;
  const out = replaceRuns(tokens, (i, n) => {
    if (n === tokens.length) return undefined;
    const run = tokens.slice(i, i + n).join(' ');
    const p = lookupPlaceKey(run);
    if (p?.kind !== 'country') return undefined;
    const canon = nameTokens(p.name);
    if (canon.join(' ') !== run) changed = true;
    return canon;
  });
  return changed ? out : tokens;
}

interface NameForm {
  /** normalised tokens without leading "the" (shared: never modified) */
  tokens: string[];
  /** the form key in its story */
  key: string;
}

/** What a name gives for a form, per name: as a name of anything, as an organisation's, and as a variant. */
interface NameFacts {
  form?: NameForm | null;
  orgForm?: NameForm | null;
  variant?: string;
}

/**
 * Name facts by name. A story's reports repeat their names, and a name recurs across stories, so
 * its tokens, key and variant are made once per distinct name rather than once per mention
 * (tokenising is regular-expression work). Bounded like the skeleton cache of names.ts.
 */
const nameFacts = new Map<string, NameFacts>();

function factsOf(name: string): NameFacts {
  let f = nameFacts.get(name);
  if (f === undefined) {
    if (nameFacts.size >= 200_000) nameFacts.clear();
    nameFacts.set(name, (f = {}));
  }
  return f;
}

/** The tokens and form key of a mention's name (null: no tokens). */
function formOfName(name: string, organisation: boolean): NameForm | null {
  const facts = factsOf(name);
  const hit = organisation ? facts.orgForm : facts.form;
  if (hit !== undefined) return hit;
  let tokens = stripThe(nameTokens(name));
  let form: NameForm | null = null;
  if (tokens.length > 0) {
    if (organisation && tokens.length >= 2) tokens = canonicalCountryRuns(tokens);
    // a place name the text uses for an organisation (a team: "beat Jacksonville 31-24") is a
    // different referent from the place, so it gets a form of its own (rule 4d); so does a
    // person's name used for the facility named after the person ("checks into Betty Ford",
    // see extract.ts facilityMetonymy)
    const key = organisation && (isPlaceName(tokens) || isPersonName(tokens)) ? `${tokens.join(' ')} #org` : tokens.join(' ');
    form = { tokens, key };
  }
  if (organisation) facts.orgForm = form;
  else facts.form = form;
  return form;
}

/** A name as listed among its form's variants. */
function variantOfName(name: string): string {
  const facts = factsOf(name);
  return (facts.variant ??= stripPossessive(name.trim()));
}

/** Is this token list a gazetteer place name? */
function isPlaceName(tokens: readonly string[]): boolean {
  return tokens.length <= 4 && !!lookupPlaceKey(tokens.join(' '));
}

/** Keys under which a form is indexed in its story, to find candidate matches quickly. */
function formIndexKeys(f: FormNode): string[] {
  const keys = new Set<string>();
  for (const t of f.core) {
    // the skeleton key covers exact matches and transliterations; the 3-letter prefix catches typos
    const sk = skeleton(t);
    keys.add(sk.length >= 2 ? `s:${sk}` : `t:${t}`);
    if (t.length >= 3) keys.add(`p:${t.slice(0, 3)}`);
  }
  if (f.acronym) keys.add(`i:${f.core[0]}`);
  else if (f.core.length >= 2) {
    const ini = initials(f.core, NAME_CONNECTORS);
    keys.add(`i:${ini}`);
    keys.add(`i:t${ini}`);
  }
  return [...keys];
}

/**
 * Head nouns used alone ("the Police", "the Court", "the Ministry") refer to whichever such body
 * the story is about: they are never a key across stories.
 */
function GENERIC_WORDS(w: string): boolean {
  return ORG_WORDS.has(w) || PLACE_WORDS.has(w) || DESIGNATORS.has(w) || ROLE_HEADS.has(w) || ROLE_MODIFIERS.has(w);
}

/** Context-free keys that link a form to the same entity in other stories. */
function strongKeys(f: FormNode): string[] {
  if (f.roleOnly) return [];
  const type = dominant(f.types);
  if (f.place) return [`g:${f.place}`];
  const keys: string[] = [];
  if (type === 'person') {
    if (f.core.length >= 2) {
      const first = f.core.find((t) => t.length > 1) ?? f.core[0];
      keys.push(`p:${tokKey(first)}|${tokKey(f.core[f.core.length - 1])}`);
    }
    return keys;
  }
  if (f.core.length >= 2) keys.push(`n:${withoutDesignators(f.core).join(' ')}`);
  else {
    // A particle is part of a place's or an organisation's name ("Abu Ghraib", "La Paz", "Al
    // Jazeera"): the whole name is as specific as any two-word name. (For a person the particle
    // goes with the surname, and a lone surname is no key, above.)
    const named = f.tokens.filter((t) => !NAME_SUFFIXES.has(t));
    if (named.length >= 2) keys.push(`n:${named.join(' ')}`);
    else if ((type === 'organisation' || type === 'place') && !GENERIC_WORDS(f.core[0])) keys.push(`n:${f.core[0]}`);
  }
  return keys;
}

/** Modifiers that leave a role what it is ("former attorney general" = "attorney general"). */
const ROLE_KEEPING_MODIFIERS = new Set(['former', 'ex', 'interim', 'acting', 'head', 'then', 'new', 'current', 'incumbent', 'longtime', 'veteran']);

/** What one name form contributes to its component's {@link RootTraits} (descriptions: nothing). */
type FormTraits = Omit<RootTraits, 'type'>;

function formTraits(f: FormNode): FormTraits {
  const named = f.desc === undefined;
  return {
    female: named && f.sex ? f.sex[0] : 0,
    male: named && f.sex ? f.sex[1] : 0,
    fullSexed: named && !!f.sex && f.core.length >= 2,
    role: named && f.roles.length > 0,
    facility: named && f.core.some((w) => FACILITY_HEADS.has(w)),
  };
}

function addTraits(into: FormTraits, t: FormTraits): void {
  into.female += t.female;
  into.male += t.male;
  into.fullSexed ||= t.fullSexed;
  into.role ||= t.role;
  into.facility ||= t.facility;
}

/** What rule 10 asks of an entity (see {@link EntityResolver.fits}). */
interface RootTraits {
  type: EntityType | undefined;
  female: number;
  male: number;
  /** a sex stated for a multi-word name of it */
  fullSexed: boolean;
  /** a role or title stated for it */
  role: boolean;
  /** a facility head word in one of its names */
  facility: boolean;
}

/** An entity's salience in an article or story (rule 10). */
interface Salience {
  root: number;
  /** name mentions */
  count: number;
  /** sentence of the first mention */
  sentence: number;
  /** offset of the first mention (story level: first form) */
  start: number;
}

/** Add `n` to the count of `key` in a small [key, count] list. */
function bump(list: Array<[string, number]>, key: string, n = 1): void {
  for (const e of list) {
    if (e[0] === key) {
      e[1] += n;
      return;
    }
  }
  list.push([key, n]);
}

function sortedCounts(rec: Array<[string, number]>): string[] {
  return [...rec]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k]) => k);
}

function buildEntity(comp: Component, forms: FormNode[]): Entity {
  const variants = new Map<string, Map<string, number>>(); // folded → display → count
  const roles: Array<[string, number]> = [];
  const affs: Array<[string, number]> = [];
  const articles = new Set<string>();
  const stories = new Set<string>();
  const types = EMPTY_TYPES();
  let mentions = 0;
  let placeName: string | undefined;
  // a role noun joined to its holder (rule 9) and a description (rule 10) are not names of the entity
  const named = forms.some((f) => !f.roleOnly && f.desc === undefined);
  for (const f of forms) {
    mentions += f.mentions;
    for (const t of Object.keys(f.types) as EntityType[]) types[t] += f.types[t];
    for (const [d, n] of f.desc !== undefined || (named && f.roleOnly) ? [] : f.variants) {
      const folded = fold(d);
      let v = variants.get(folded);
      if (!v) variants.set(folded, (v = new Map()));
      v.set(d, (v.get(d) ?? 0) + n);
    }
    for (const [r, n] of f.roles) bump(roles, r, n);
    for (const [a, n] of f.affiliations) bump(affs, a, n);
    // sets keep first-seen order; an entity of a common name has thousands of each
    for (const a of f.articles) if (a) articles.add(a);
    if (f.scope.startsWith('s:')) stories.add(f.scope.slice(2));
    placeName ??= f.placeName;
  }
  const vlist: Variant[] = [];
  for (const displays of variants.values()) {
    const entries = [...displays].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    vlist.push({ name: entries[0][0], count: entries.reduce((s, e) => s + e[1], 0) });
  }
  vlist.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const words = (v: Variant) => coreOf(nameTokens(v.name)).length;
  const maxWords = Math.max(...vlist.map(words));
  const full = vlist.filter((v) => (maxWords >= 2 ? words(v) >= 2 : true));
  full.sort((a, b) => b.count - a.count || words(b) - words(a) || b.name.length - a.name.length || a.name.localeCompare(b.name));
  const type = dominant(types);
  const roleList = sortedCounts(roles);
  // A place goes by the gazetteer's name, which unifies its variants (US, U.S., America → United
  // States) — but in the outlets' own spelling when they write that name without its diacritics
  // ("Guantanamo" rather than the gazetteer's "Guantánamo"; "Bali" rather than "Bāli").
  if (placeName) {
    const f = fold(placeName);
    const written = variants.get(f);
    if (written && !written.has(placeName)) placeName = [...written].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
  }
  return {
    id: comp.id,
    name: type === 'place' && placeName ? placeName : full[0]?.name ?? vlist[0]?.name ?? '',
    type,
    variants: vlist,
    roles: dedupeCaseless(roleList),
    affiliations: dedupeCaseless(sortedCounts(affs)),
    articles: [...articles],
    mentions,
    stories: [...stories],
  };
}

function dedupeCaseless(list: string[]): string[] {
  const seen = new Set<string>();
  return list.filter((x) => {
    const k = x.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Result of {@link resolveMentions}. */
export interface Resolution {
  entities: Entity[];
  /**
   * Entity id of each mention (mentions whose name normalises to nothing are absent, and so are
   * descriptions unless `descriptions: true` was asked for, see {@link EntityResolver.add}).
   */
  assignment: Map<Mention, string>;
}

/**
 * Batch convenience: resolve a set of mentions in one go. `storyOf` gives each article's story
 * (default: every article is its own story, so partial names resolve only within their article).
 * Mentions are fed story by story, all of a story's at once, so the result does not depend on the
 * order of articles within a story.
 */
export function resolveMentions(
  mentions: readonly Mention[],
  opts: { storyOf?: (articleId: string) => string | undefined; descriptions?: boolean } = {},
): Resolution {
  const r = new EntityResolver();
  const byStory = new Map<string, { story: string | undefined; list: Mention[] }>();
  for (const m of mentions) {
    const story = opts.storyOf?.(m.articleId);
    const k = story !== undefined ? `s:${story}` : `a:${m.articleId}`;
    let g = byStory.get(k);
    if (!g) byStory.set(k, (g = { story, list: [] }));
    g.list.push(m);
  }
  const assignment = new Map<Mention, string>();
  for (const { story, list } of byStory.values()) {
    for (const [m, id] of r.add(list, { storyId: story, descriptions: opts.descriptions })) assignment.set(m, id);
  }
  for (const [m, id] of assignment) assignment.set(m, r.canonicalId(id));
  return { entities: r.entities(), assignment };
}

/**
 * Canonical entity keys of one article, for clustering: resolve the article on its own and give
 * each entity its strongest context-free key — `p:` full person name (transliteration-normalised),
 * `g:` gazetteer place, `n:` organisation or other name, `s:` a surname seen alone. A person with a
 * full name also gets its `s:` surname key, so a report that only says "Dehqan" still meets one
 * that says "Hossein Dehqan". Two reports of one event share many of these keys even when they
 * spell names differently.
 *
 * @example entityKeys(article) // ["g:country:IRQ", "g:country:IRN", "p:arfn|hyl", "s:hyl", "p:hsn|dkn", "s:dkn", …]
 */
export function entityKeys(article: Article, mentions: readonly Mention[] = extractMentions(article)): string[] {
  return [...entityKeyCounts(article, mentions).keys()];
}

/**
 * {@link entityKeys} with the number of mentions behind each key (an entity mentioned often is
 * central to the report), most mentioned first — for a clusterer that weights names by frequency.
 *
 * @example entityKeyCounts(article) // Map { "g:country:IRQ" => 12, "g:country:IRN" => 11, "p:arfn|hyl" => 6, "s:hyl" => 6, … }
 */
export function entityKeyCounts(article: Article, mentions: readonly Mention[] = extractMentions(article)): Map<string, number> {
  const r = new EntityResolver();
  r.add(mentions);
  const counts = new Map<string, number>();
  const add = (k: string | undefined, n: number) => {
    if (k) counts.set(k, (counts.get(k) ?? 0) + n);
  };
  for (const e of r.entities()) {
    const k = entityKey(e);
    add(k, e.mentions);
    if (k?.startsWith('p:')) add(`s:${k.slice(k.indexOf('|') + 1)}`, e.mentions);
  }
  return new Map([...counts].sort((a, b) => b[1] - a[1]));
}

/** The strongest context-free key of an entity (see {@link entityKeys}). */
export function entityKey(e: Entity): string | undefined {
  if (e.type === 'place') {
    const p = lookupPlace(e.name);
    if (p) return `g:${p.id}`;
  }
  const named = stripThe(nameTokens(e.name));
  const core = coreOf(e.type === 'organisation' && named.length >= 2 ? canonicalCountryRuns(named) : named);
  if (core.length === 0) return undefined;
  if (e.type === 'person') {
    if (core.length >= 2) {
      const first = core.find((t) => t.length > 1) ?? core[0];
      return `p:${tokKey(first)}|${tokKey(core[core.length - 1])}`;
    }
    return `s:${tokKey(core[0])}`;
  }
  if (e.type === 'other' && core.length === 1 && !ORG_WORDS.has(core[0]) && !PLACE_WORDS.has(core[0])) {
    return `s:${tokKey(core[0])}`;
  }
  return `n:${withoutDesignators(core).join(' ')}`;
}
