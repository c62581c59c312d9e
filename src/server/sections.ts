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
import type { Article } from '../types.js';
import type { Store } from '../store/types.js';
import { writeBrief } from '../summarize/index.js';
import { extractMentions } from '../entities/extract.js';
import { entityKey, resolveMentions } from '../entities/resolve.js';
import type { Entity } from '../entities/types.js';

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
    title: string;
    /** Optional one-sentence explanation of the section. */
    note?: string;
    items: Array<{ text: string; outlets: string[]; articleIds: string[] }>;
  }>;
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
  comparison?(articles: Article[]): ComparisonSection | null | Promise<ComparisonSection | null>;
  /**
   * Store-wide entity by id, for `/api/entities/:id` and the entity page. Optional even when
   * `entities` is present: without it the server assembles the entity from the story sections
   * (see DataService.entityIndex); a store that persists entities can answer directly instead.
   */
  entity?(store: Store, id: string): Promise<EntityDetail | null>;
  /** Ids of stories mentioning an entity, for the `entity` filter of `GET /api/stories` (same fallback). */
  storiesWithEntity?(store: Store, id: string): Promise<string[]>;
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
export function entityId(e: Pick<Entity, 'id' | 'name' | 'type'> & Partial<Entity>, storyId: string): string {
  const key = entityKey(e as Entity);
  if (key && !key.startsWith('s:')) return key;
  return `${key ?? `x:${e.id}`}@${storyId}`;
}

/** Entities of one story: mentions of all its articles resolved together (story scope). */
export function storyEntities(articles: readonly Article[], storyId: string): EntitySection[] {
  const mentions = articles.flatMap((a) => extractMentions(a));
  const { entities } = resolveMentions(mentions, { storyOf: () => storyId });
  return entities.map((e) => ({
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
 * The providers wired into this build. Connected: briefs (`src/summarize/`) and entities
 * (`src/entities/`). Not yet: comparison (`src/compare/`) — connect it here when it lands, mapping
 * its output to {@link ComparisonSection}.
 */
export function defaultSections(): Sections {
  return {
    brief: (articles, opts) => writeBrief(articles, { words: opts.words, focus: opts.focus, since: opts.since }),
    entities: (articles, storyId) => storyEntities(articles, storyId),
  };
}
