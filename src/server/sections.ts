/**
 * The adapter between the server and the analysis modules: briefs (`src/summarize/`), entities
 * (`src/entities/`, persisted by the ingest pipeline in the store) and the coverage comparison
 * (`src/compare/`).
 *
 * The server renders a story section only when its provider is present here; an absent provider
 * means the section is absent from `GET /api/stories/:id` and from the story page — the server
 * never shows placeholder data. Connecting a module is a change to this file only: map its
 * output to the plain shapes below (they are what the API documents and the pages draw, so the
 * server does not change when a module's internals do).
 *
 * Two kinds of provider, by where their input lives:
 * - *computed* sections (brief, comparison) run the module on the story's articles; they are
 *   CPU-heavy and run on a worker thread when one is available (offload.ts);
 * - *stored* sections (entities, entity pages, the entity filter) read what the pipeline
 *   persisted at ingest time; they are cheap queries and run on the main thread.
 *
 * Provenance and the timeline are not here: the server derives them from what the store already
 * holds (relations found by dedupe, attribution hints found by the readers, publication times),
 * or takes the comparison module's richer provenance when the comparison provides one.
 */
import type { Article, ArticleRelation } from '../types.js';
import type { EntityRow, Store } from '../store/types.js';
import type { Mention } from '../entities/types.js';
import { writeBrief } from '../summarize/index.js';
import { compareStory, type Comparison, type FactGroup } from '../compare/index.js';
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
 * An entity of a story (counts within the story) or of the whole store (counts store-wide), with
 * its name variants. `id` is the store's entity id: the same person is the same id in every story.
 *
 * @example { id: '3f2a9c1d0b7e6a54', name: 'Erfan Mahmoud al-Hayali', type: 'person',
 *            variants: [{ name: 'al-Hiyali', count: 3 }, { name: 'Hayali', count: 1 }],
 *            roles: ['defense minister'], affiliations: ['Iraq'], mentions: 6, articles: 2 }
 *
 * The store's entity row, as is: `articles` counts the articles mentioning it (within the story,
 * or store-wide for the entity page).
 */
export type EntitySection = EntityRow;

/** An entity as shown on its own page: the entity plus the stories it occurs in, newest first. */
export interface EntityDetail extends EntitySection {
  stories: string[];
}

/**
 * Coverage comparison of a story's outlets, as titled sections of statements with the outlets
 * (and articles) that carry each one.
 *
 * @example { sections: [{ kind: 'exclusive', title: 'Only in Mehr News Agency',
 *            items: [{ text: 'Al-Hiyali also met Ali Shamkhani …', outlets: ['Mehr News Agency'], articleIds: ['6328…'] }] }] }
 */
export interface ComparisonSection {
  sections: Array<{
    /** What kind of finding the section lists (for styling): scope, consensus, exclusive, echoed, disagreements, names. */
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

/** A stored mention with the (current) id of its entity. */
export type StoredMention = Mention & { entityId: string };

/** What the comparison provider receives besides the articles. */
export interface ComparisonContext {
  storyId: string;
  relations: ArticleRelation[];
  /** Stored mentions per article id; empty when the store holds none for this story. */
  mentions: Map<string, StoredMention[]>;
}

/**
 * What the analysis modules provide. Every member is optional; the server checks presence.
 * Computed providers receive the story's member articles in time order and plain data only (so
 * they can run on a worker thread).
 */
export interface Sections {
  brief?(articles: Article[], opts: BriefRequest): BriefSection | Promise<BriefSection>;
  comparison?(articles: Article[], ctx: ComparisonContext): ComparisonSection | null | Promise<ComparisonSection | null>;
  /** Entities of a story, most mentioned first. */
  entities?(store: Store, storyId: string): Promise<EntitySection[]>;
  /** Store-wide entity by id (old ids of merged entities redirect), for `/api/entities/:id` and the entity page. */
  entity?(store: Store, id: string): Promise<EntityDetail | null>;
  /** Ids of stories mentioning an entity, newest first, for the `entity` filter of `GET /api/stories`. */
  storiesWithEntity?(store: Store, id: string): Promise<string[]>;
  /** Release resources (a worker thread); called when the server closes. */
  close?(): Promise<void>;
  /** Prepare ahead of the first request (start the worker thread and load its models). */
  warm?(): void;
}

function entitySection(r: EntityRow): EntitySection {
  return { id: r.id, name: r.name, type: r.type, variants: r.variants, roles: r.roles, affiliations: r.affiliations, mentions: r.mentions, articles: r.articles };
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
  const sorted = [...articles].sort((a, b) => (articleTime(a) < articleTime(b) ? -1 : articleTime(a) > articleTime(b) ? 1 : a.id < b.id ? -1 : 1));
  if (sorted.length <= max) return sorted;
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
  if (c.stats.articles < members.length)
    sections.push({
      kind: 'scope',
      title: `Compared ${c.stats.articles} of the story's ${members.length} articles`,
      note: `The first report of every outlet, then later articles in time order, up to ${MAX_COMPARED_ARTICLES}.`,
      items: [],
    });
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
  const provenance: ProvenanceGraph = {
    nodes: c.provenance.graph.nodes.map((n) =>
      n.kind === 'article'
        ? {
            id: n.id,
            kind: 'article',
            label: readable(n.label),
            articleId: n.articleId,
            time: n.time ?? articleTime(byId.get(n.articleId) ?? { published: null, ingestedAt: '' }),
            headline: byId.get(n.articleId)?.headline ?? null,
            inStory: true,
            role: n.role,
          }
        : { id: n.id, kind: 'source', label: n.label },
    ),
    edges: c.provenance.graph.edges.map((e) => ({ ...e })),
    summary: c.provenance.summary.map(renameIds),
  };
  return { sections, provenance };
}

/**
 * Compare a story: on the selection of {@link comparisonSelection}, with the dedupe relations
 * among it and the stored entity mentions (so the comparison does not extract entities again;
 * when the store has none for the story, the compare module extracts them itself).
 */
export function compareForPage(articles: Article[], ctx: ComparisonContext): ComparisonSection {
  const selected = comparisonSelection(articles);
  const ids = new Set(selected.map((a) => a.id));
  const relations = ctx.relations.filter((r) => ids.has(r.from) && ids.has(r.to));
  const stored = selected.some((a) => (ctx.mentions.get(a.id)?.length ?? 0) > 0);
  const c = stored
    ? compareStory(selected, {
        relations,
        mentions: new Map(selected.map((a) => [a.id, ctx.mentions.get(a.id) ?? []])),
        entityOf: (m) => (m as StoredMention).entityId,
      })
    : compareStory(selected, { relations });
  return comparisonSection(c, articles);
}

/** Computed sections, run in-process (the worker thread runs these same functions). */
export function computedSections(): Sections {
  return {
    brief: (articles, opts) => writeBrief(articles, { words: opts.words, focus: opts.focus, since: opts.since }),
    comparison: (articles, ctx) => compareForPage(articles, ctx),
  };
}

/** Stored sections: entities persisted by the ingest pipeline. */
export function storedSections(): Sections {
  return {
    entities: async (store, storyId) => (await store.listEntities({ storyId })).map(entitySection),
    entity: async (store, id) => {
      const e = await store.getEntity(id);
      if (!e) return null;
      const stories = await store.storiesOfEntity(e.id);
      return { ...entitySection(e), stories: stories.map((s) => s.id) };
    },
    storiesWithEntity: async (store, id) => (await store.storiesOfEntity(id)).map((s) => s.id),
  };
}

/** Every provider wired into this build, all in-process. */
export function defaultSections(): Sections {
  return { ...computedSections(), ...storedSections() };
}
