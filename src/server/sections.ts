/**
 * The adapter between the server and the analysis modules that are built in parallel: briefs
 * (`src/summarize/`), entities (`src/entities/`) and coverage comparison (`src/compare/`).
 *
 * The server renders a story section only when its provider is present here; an absent provider
 * means the section is absent from `GET /api/stories/:id` and from the story page — the server
 * never shows placeholder data. Connecting a module is a change to this file only: import it
 * and map its output to the plain shapes below (they are what the API documents and the pages
 * draw, so the server does not change when a module's internals do).
 *
 * Provenance and the timeline are not here: the server derives them from what the store already
 * holds (relations found by dedupe, attribution hints found by the readers, publication times).
 */
import type { Article, ArticleRelation } from '../types.js';
import type { Store } from '../store/types.js';
import { writeBrief } from '../summarize/index.js';
import { compareStory, type Comparison, type FactGroup } from '../compare/index.js';
import { extractMentions } from '../entities/extract.js';
import { entityKey, resolveMentions } from '../entities/resolve.js';
import type { Entity, Mention } from '../entities/types.js';
import { articleTime, outletLabel, type ProvenanceGraph } from './provenance.js';

/**
 * One source supporting a brief sentence.
 *
 * @example { articleId: '632889e61b552585', outlet: 'Tehran Times', published: '2017-07-23T00:00:00.000Z',
 *            sentence: 'Iran and Iraq signed an initial agreement on Sunday to boost military cooperation …' }
 */
export interface BriefCitation {
  articleId: string;
  outlet: string | null;
  published: string | null;
  /** The supporting sentence as it appears in that article. */
  sentence: string;
}

/**
 * A story brief: headline and sentences, each citing every article that reports it.
 *
 * @example { headline: 'Iran, Iraq sign MoU to boost defense ties', words: 58,
 *            sentences: [{ text: 'Iran and Iraq signed an agreement on Sunday …', articleId: '74bfdcc74ec9356c',
 *                          citations: [{ articleId: '74bfdcc74ec9356c', … }, { articleId: '632889e61b552585', … }] }] }
 */
export interface BriefSection {
  headline: string;
  sentences: Array<{ text: string; articleId: string; citations: BriefCitation[] }>;
  words: number;
}

/**
 * An entity of a story (or of the whole store) with its name variants.
 *
 * `id` must be stable across stories for entities that can be recognised across stories (the
 * server groups story sections by it for the entity page and the `entity` filter), and must
 * include the story for entities that cannot (see {@link storyEntities}).
 *
 * @example { id: 'p:arfn|hyl', name: 'Erfan Mahmoud al-Hayali', type: 'person',
 *            variants: [{ name: 'al-Hiyali', count: 3 }, { name: 'Hayali', count: 1 }],
 *            roles: ['defense minister'], affiliations: ['Iraq'], mentions: 6, articles: ['74bf…', '6328…'] }
 */
export interface EntitySection {
  id: string;
  name: string;
  type: 'person' | 'organisation' | 'place' | 'other';
  variants: Array<{ name: string; count: number }>;
  roles: string[];
  affiliations: string[];
  mentions: number;
  /** Ids of the articles mentioning it (within the story, or store-wide for the entity page). */
  articles: string[];
}

/** An entity as shown on its own page: the entity plus the stories it occurs in. */
export interface EntityDetail extends EntitySection {
  stories: string[];
}

/**
 * Coverage comparison of a story's outlets, as titled sections of statements with the outlets
 * (and articles) that carry each one.
 *
 * @example { sections: [{ title: 'Reported by only one outlet',
 *            items: [{ text: 'Al-Hiyali also met Ali Shamkhani …', outlets: ['Tehran Times'], articleIds: ['6328…'] }] }] }
 */
export interface ComparisonSection {
  sections: Array<{
    /** What kind of finding the section lists (for styling): consensus, exclusive, echoed, disagreements, names. */
    kind?: string;
    title: string;
    /** Optional one-sentence explanation of the section. */
    note?: string;
    items: Array<{ text: string; outlets: string[]; articleIds: string[]; note?: string }>;
  }>;
  /**
   * When the comparison module also traces provenance (shared passages, credits, copies), its
   * graph; the server then shows it instead of the one it derives from stored relations.
   */
  provenance?: ProvenanceGraph;
}

/** Options the server passes when it asks for a brief. */
export interface BriefRequest {
  words?: number;
  focus?: string;
  since?: string;
}

/**
 * What the analysis modules provide. Every member is optional; the server checks presence.
 * Story-level providers receive the story's member articles in time order.
 */
export interface Sections {
  brief?(articles: Article[], opts: BriefRequest): BriefSection | Promise<BriefSection>;
  entities?(articles: Article[], storyId: string): EntitySection[] | Promise<EntitySection[]>;
  comparison?(articles: Article[], ctx: { storyId: string; relations: ArticleRelation[] }): ComparisonSection | null | Promise<ComparisonSection | null>;
  /**
   * Store-wide entity by id, for `/api/entities/:id` and the entity page. Optional even when
   * `entities` is present: without it the server assembles the entity from the story sections
   * (see DataService.entityIndex); a store that persists entities can answer directly instead.
   */
  entity?(store: Store, id: string): Promise<EntityDetail | null>;
  /** Ids of stories mentioning an entity, for the `entity` filter of `GET /api/stories` (same fallback). */
  storiesWithEntity?(store: Store, id: string): Promise<string[]>;
  /** Release resources (a worker thread); called when the server closes. */
  close?(): Promise<void>;
}

/**
 * The id under which the server shows an entity. The entities module gives every entity a
 * *context-free key* when its name is strong enough to identify it anywhere — a full person name
 * (`p:…`, transliteration-normalised), a gazetteer place (`g:…`), a whole organisation name
 * (`n:…`) — and the module's own rule is that only such keys link stories. Those keys are used
 * as ids as they are, so "Hossein Dehqan" in two stories is one entity page. A weak key (`s:`, a
 * surname seen alone) or none makes an id scoped to the story (`…@storyId`): "Williams" in a
 * football story and in a tennis story stay two entities.
 */
export function entityId(e: Entity, storyId: string): string {
  const key = entityKey(e);
  if (key && !key.startsWith('s:')) return key;
  // The canonical name may be a surname ("al-Hiyali") while the text also gave the full name
  // ("Erfan Mahmoud al-Hayali"): a full-name variant identifies the entity just as well.
  for (const v of [...e.variants].sort((a, b) => b.name.length - a.name.length)) {
    const k = entityKey({ ...e, name: v.name });
    if (k && !k.startsWith('s:')) return k;
  }
  return `${key ?? `x:${e.id}`}@${storyId}`;
}

/**
 * A story's entity analysis: every article's mentions and their resolution in story scope. The
 * entities section and the comparison both need it; extraction is the costly part (linear in the
 * text), so {@link StoryAnalyses} computes it once per story membership for both.
 */
export interface StoryAnalysis {
  mentions: Map<string, Mention[]>;
  entities: Entity[];
  /** Entity id of each mention. */
  assignment: Map<Mention, string>;
}

export function analyseStory(articles: readonly Article[], storyId: string): StoryAnalysis {
  const mentions = new Map<string, Mention[]>();
  for (const a of articles) mentions.set(a.id, extractMentions(a));
  const { entities, assignment } = resolveMentions([...mentions.values()].flat(), { storyOf: () => storyId });
  return { mentions, entities, assignment };
}

/** A small LRU of story analyses keyed by story id and membership. */
export class StoryAnalyses {
  private cache = new Map<string, StoryAnalysis>();
  constructor(private readonly max = 16) {}

  get(articles: readonly Article[], storyId: string): StoryAnalysis {
    const key = `${storyId}|${articles.map((a) => a.id).sort().join(',')}`;
    let hit = this.cache.get(key);
    if (hit) this.cache.delete(key);
    else hit = analyseStory(articles, storyId);
    this.cache.set(key, hit);
    if (this.cache.size > this.max) this.cache.delete(this.cache.keys().next().value as string);
    return hit;
  }
}

/** Entities of one story: mentions of all its articles resolved together (story scope). */
export function storyEntities(articles: readonly Article[], storyId: string, analysis: StoryAnalysis = analyseStory(articles, storyId)): EntitySection[] {
  return analysis.entities.map((e) => ({
    id: entityId(e, storyId),
    name: e.name,
    type: e.type,
    variants: e.variants,
    roles: e.roles,
    affiliations: e.affiliations,
    mentions: e.mentions,
    articles: e.articles,
  }));
}

/**
 * Most articles given to the comparison. Comparing coverage is comparing *outlets*: each
 * outlet's first report carries its account, and later follow-ups mostly repeat it. The
 * comparison's cost grows faster than linearly with the number of articles (measured on the
 * serve benchmark's 374-article story: seconds per story page), so very large stories are
 * compared on a selection — the first article of every outlet, then further articles in time
 * order — up to this many, and the page says so. 60 keeps a story page within about a second of
 * comparison work on one core while covering every outlet of all but the largest events.
 */
export const MAX_COMPARED_ARTICLES = 60;

/** The articles to compare (see {@link MAX_COMPARED_ARTICLES}), in time order. */
export function comparisonSelection(articles: readonly Article[], max = MAX_COMPARED_ARTICLES): Article[] {
  if (articles.length <= max) return [...articles];
  const sorted = [...articles].sort((a, b) => (articleTime(a) < articleTime(b) ? -1 : articleTime(a) > articleTime(b) ? 1 : a.id < b.id ? -1 : 1));
  const chosen = new Set<string>();
  const seenOutlets = new Set<string>();
  for (const a of sorted) {
    if (chosen.size >= max) break;
    const o = outletLabel(a);
    if (!seenOutlets.has(o)) {
      seenOutlets.add(o);
      chosen.add(a.id);
    }
  }
  for (const a of sorted) {
    if (chosen.size >= max) break;
    chosen.add(a.id);
  }
  return sorted.filter((a) => chosen.has(a.id));
}

/**
 * The compare module's findings as page sections: facts confirmed by independent sources, facts
 * only one source has, facts repeated from one origin, differing figures/dates/places, and names
 * spelled differently. Sources are outlets (or, for a one-outlet story, its articles — the module
 * decides and says so in `by`).
 */
export function comparisonSection(c: Comparison, members: readonly Article[]): ComparisonSection {
  // The module names an article without an outlet by its id; readers get "unknown outlet"
  // (with a short id when several such articles would otherwise share the label).
  const byId = new Map(members.map((a) => [a.id, a]));
  const anonymous = c.sources.filter((s) => byId.has(s.label) && !byId.get(s.label)!.outlet.name && !byId.get(s.label)!.outlet.domain);
  const readable = (raw: string) =>
    byId.has(raw) && anonymous.some((s) => s.label === raw) ? (anonymous.length > 1 ? `unknown outlet (${raw.slice(0, 8)})` : 'unknown outlet') : raw;
  const label = new Map(c.sources.map((s) => [s.key, readable(s.label)]));
  const renameIds = (text: string) => anonymous.reduce((t, s) => t.split(s.label).join(readable(s.label)), text);
  const unit = c.by === 'outlet' ? 'outlets' : 'articles';
  const item = (g: FactGroup) => ({ text: g.text, outlets: g.sources.map((s) => label.get(s) ?? s), articleIds: g.articles });
  const sections: ComparisonSection['sections'] = [];
  if (c.consensus.length)
    sections.push({
      kind: 'consensus',
      title: `Confirmed by several independent ${unit}`,
      note: `Facts at least two ${unit} report without taking the text from one another.`,
      items: c.consensus.map(item),
    });
  for (const s of c.sources) {
    const only = c.exclusive[s.key];
    if (only?.length) sections.push({ kind: 'exclusive', title: `Only in ${label.get(s.key) ?? s.label}`, items: only.map(item) });
  }
  if (c.echoed.length)
    sections.push({
      kind: 'echoed',
      title: 'Repeated from one origin',
      note: `Reported by several ${unit} that all took it from one origin (a copy, reused text or a credit): repetition, not confirmation.`,
      items: c.echoed.map(item),
    });
  const describe = (d: Comparison['disagreements'][number]) => ({
    text: `${d.slot}: ${d.values.map((v) => `“${v.value}” (${v.sources.map((s) => label.get(s) ?? s).join(', ')})`).join(' vs ')}`,
    outlets: [...new Set(d.values.flatMap((v) => v.sources.map((s) => label.get(s) ?? s)))],
    articleIds: [...new Set(d.values.flatMap((v) => v.articles))],
    note: d.kind === 'name' ? undefined : d.compatible ? 'the wordings can all be true (rounding, “more than”…)' : 'contradictory',
  });
  const facts = c.disagreements.filter((d) => d.kind !== 'name');
  const names = c.disagreements.filter((d) => d.kind === 'name');
  if (facts.length) sections.push({ kind: 'disagreements', title: 'Where the reports differ', note: 'Different figures, dates, times or places given for the same fact.', items: facts.map(describe) });
  if (names.length) sections.push({ kind: 'names', title: 'Names spelled differently', items: names.map(describe) });
  if (c.stats.articles < members.length)
    sections.unshift({
      kind: 'scope',
      title: `Compared ${c.stats.articles} of the story's ${members.length} articles`,
      note: `The first report of every outlet, then later articles in time order, up to ${MAX_COMPARED_ARTICLES}.`,
      items: [],
    });
  const provenance: ProvenanceGraph = {
    nodes: c.provenance.graph.nodes.map((n) =>
      n.kind === 'article'
        ? { id: n.id, kind: 'article', label: readable(n.label), articleId: n.articleId, time: n.time ?? articleTime(byId.get(n.articleId) ?? { published: null, ingestedAt: '' }), headline: byId.get(n.articleId)?.headline ?? null, inStory: true, role: n.role }
        : { id: n.id, kind: 'source', label: n.label },
    ),
    edges: c.provenance.graph.edges.map((e) => ({ ...e })),
    summary: c.provenance.summary.map(renameIds),
  };
  return { sections, provenance };
}

/**
 * The providers wired into this build: briefs (`src/summarize/`), entities (`src/entities/`) and
 * the coverage comparison with its provenance (`src/compare/`). The comparison reuses the story's
 * entity analysis (passed as `mentions`/`entityOf`) instead of extracting entities again.
 */
export function defaultSections(): Sections {
  const analyses = new StoryAnalyses();
  return {
    brief: (articles, opts) => writeBrief(articles, { words: opts.words, focus: opts.focus, since: opts.since }),
    entities: (articles, storyId) => storyEntities(articles, storyId, analyses.get(articles, storyId)),
    comparison: (articles, ctx) => {
      const selected = comparisonSelection(articles);
      const analysis = analyses.get(articles, ctx.storyId);
      const mentions = new Map(selected.map((a) => [a.id, analysis.mentions.get(a.id) ?? []]));
      const ids = new Set(selected.map((a) => a.id));
      const relations = ctx.relations.filter((r) => ids.has(r.from) && ids.has(r.to));
      const c = compareStory(selected, { relations, mentions, entityOf: (m) => analysis.assignment.get(m) });
      return comparisonSection(c, articles);
    },
  };
}
