/**
 * What the server shows, as plain JSON-ready objects: the same functions feed `/api/*` and the
 * HTML pages, so a script and a reader always see the same data.
 *
 * Story sections computed by analysis modules (brief, entities, comparison) can be expensive, so
 * they are memoised per story *membership* (the sorted member ids), not per store version: adding
 * an article to one story does not recompute the briefs of all others. A section whose provider
 * fails is reported under `unavailable` with the reason, and the rest of the story still renders.
 */
import { createHash } from 'node:crypto';
import type { Article, ArticleRelation } from '../types.js';
import type { Store, StoryQuery, StoryRow } from '../store/types.js';
import { articleJson } from '../cli/commands/articles.js';
import { firstSentence } from '../store/sqlite.js';
import { ApiError, notFound } from './errors.js';
import type { BriefRequest, BriefSection, ComparisonSection, EntityDetail, EntitySection, Sections } from './sections.js';
import { articleTime, buildProvenance, outletLabel, type ProvenanceGraph } from './provenance.js';
import { buildTimeline, type TimelineRow } from './timeline.js';

/**
 * A story in a listing.
 *
 * @example { id: '74bfdcc74ec9356c', headline: 'Iran, Iraq sign MoU to boost defense ties', size: 2, outlet_count: 2,
 *            outlets: ['Mehr News Agency', 'unknown outlet'], first_seen: '2017-07-23T00:00:00.000Z', last_seen: '2017-07-23T00:00:00.000Z',
 *            url: '/stories/74bfdcc74ec9356c', api: '/api/stories/74bfdcc74ec9356c' }
 */
export interface StoryListItem extends StoryRow {
  outlet_count: number;
  url: string;
  api: string;
}

/** A page of results. `next` is the path of the following page, or null on the last one. */
export interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
  next: string | null;
}

/**
 * An article as listed inside a story or a search result (the full text is at `/api/articles/:id`).
 *
 * @example { id: '632889e61b552585', headline: null, headlineDerived: false, outlet: { name: 'Mehr News Agency', domain: null },
 *            outletLabel: 'Mehr News Agency', published: '2017-07-23T00:00:00.000Z', time: '2017-07-23T00:00:00.000Z',
 *            url: null, language: 'en', words: 402, lead: 'TEHRAN – Iran and Iraq signed an initial agreement …' }
 */
export interface ArticleSummary {
  id: string;
  headline: string | null;
  headlineDerived: boolean;
  outlet: Article['outlet'];
  outletLabel: string;
  published: string | null;
  /** Publication time, else ingest time. */
  time: string;
  url: string | null;
  language: string | null;
  words: number;
  /** The opening of the body, at most ~300 characters. */
  lead: string;
}

/** Everything about one story. Analysis sections are present only when their module is wired in. */
export interface StoryDetail extends StoryListItem {
  members: ArticleSummary[];
  /** Member ids grouped by outlet, outlets in order of their first article. */
  by_outlet: Array<{ outlet: string; articles: string[] }>;
  brief?: BriefSection;
  entities?: EntitySection[];
  comparison?: ComparisonSection;
  provenance: ProvenanceGraph;
  timeline: TimelineRow[];
  /** Sections whose module is present but failed on this story, with the reason. */
  unavailable?: Array<{ section: string; reason: string }>;
}

/** Articles in time order (published, else ingested), ties by id: the order of every story view. */
function byTime(articles: Article[]): Article[] {
  return articles.sort((a, b) => (articleTime(a) < articleTime(b) ? -1 : articleTime(a) > articleTime(b) ? 1 : a.id < b.id ? -1 : 1));
}

export function clipText(text: string, n: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= n) return flat;
  return `${flat.slice(0, n - 1).replace(/\s\S*$/, '')}…`;
}

export function summarizeArticle(a: Article): ArticleSummary {
  const body = a.paragraphs.join(' ');
  return {
    id: a.id,
    headline: a.headline,
    headlineDerived: a.headlineDerived,
    outlet: a.outlet,
    outletLabel: outletLabel(a),
    published: a.published,
    time: articleTime(a),
    url: a.url,
    language: a.language,
    words: body.split(/\s+/).filter(Boolean).length,
    lead: clipText(body, 300),
  };
}

function listItem(r: StoryRow): StoryListItem {
  const id = encodeURIComponent(r.id);
  return { ...r, outlet_count: r.outlets.length, url: `/stories/${id}`, api: `/api/stories/${id}` };
}

/** Filters of the story listing, already validated. */
export interface StoryFilters {
  since?: string;
  until?: string;
  outlet?: string;
  entity?: string;
  q?: string;
  min_size?: number;
  limit: number;
  offset: number;
}

/** Small LRU memo for section results. */
class Memo<V> {
  private map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(k: string): V | undefined {
    const v = this.map.get(k);
    if (v !== undefined) {
      this.map.delete(k);
      this.map.set(k, v);
    }
    return v;
  }
  set(k: string, v: V): void {
    this.map.delete(k);
    this.map.set(k, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
}

type SectionResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** An entity gathered from the story sections of the whole store (see {@link DataService.entityIndex}). */
interface EntityAggregate {
  id: string;
  /** Per-story sections of this entity, newest story first. */
  parts: Array<{ storyId: string; entity: EntitySection }>;
}

/** The server's read model over a store and the wired analysis sections. */
export class DataService {
  private memo = new Memo<SectionResult<unknown>>(2000);
  /** Entities of each story, with the membership signature they were computed for. */
  private storyEntityCache = new Map<string, { sig: string; result: SectionResult<EntitySection[]> }>();
  private index: { version: string; promise: Promise<Map<string, EntityAggregate>> } | null = null;

  constructor(
    readonly store: Store,
    readonly sections: Sections,
    private readonly log: (msg: string) => void = () => {},
    /** Store version (see cache.ts), to know when the entity index is stale. */
    private readonly version: () => Promise<string> = async () => String(Date.now()),
  ) {}

  async listStories(f: StoryFilters, basePath = '/api/stories'): Promise<Page<StoryListItem>> {
    if (f.since && f.until && f.since >= f.until) {
      throw new ApiError(400, 'invalid_parameter', 'since must be earlier than until', [{ param: 'since', message: 'must be earlier than until' }]);
    }
    const query: StoryQuery = { since: f.since, until: f.until, outlet: f.outlet, q: f.q, minSize: f.min_size };
    let total: number;
    let rows: StoryRow[];
    if (f.entity !== undefined) {
      const ids = new Set(await this.storiesWithEntity(f.entity));
      // The store cannot filter by a set of story ids, so filter its ordered listing here.
      const all = ids.size ? (await this.store.listStories(query)).filter((r) => ids.has(r.id)) : [];
      total = all.length;
      rows = all.slice(f.offset, f.offset + f.limit);
    } else {
      [rows, total] = await Promise.all([this.store.listStories({ ...query, limit: f.limit, offset: f.offset }), this.store.countStories(query)]);
    }
    return { total, limit: f.limit, offset: f.offset, items: rows.map(listItem), next: nextPath(basePath, f, total) };
  }

  /** Member articles of a story in time order, or null when there is no such story. */
  async storyArticles(id: string): Promise<{ row: StoryRow; articles: Article[] } | null> {
    const stored = await this.store.getStory(id);
    if (!stored) return null;
    const articles = byTime(await this.store.listArticles({ ids: stored.members }));
    const row = await this.storyRow(id, articles);
    return { row, articles };
  }

  /**
   * The listing row of one story. The store has no lookup of a row by id, so derive it from the
   * members with the store's own rules (outlet labels, earliest headline, else first sentence).
   */
  private async storyRow(id: string, articles: Article[]): Promise<StoryRow> {
    const outlets = [...new Set(articles.map((a) => a.outlet.name ?? a.outlet.domain).filter((o): o is string => !!o))].sort();
    const times = articles.map(articleTime).sort();
    const withHeadline = articles.find((a) => a.headline);
    return {
      id,
      size: articles.length,
      outlets,
      first_seen: times[0] ?? null,
      last_seen: times[times.length - 1] ?? null,
      headline: withHeadline?.headline ?? firstSentence(articles[0]?.paragraphs.join('\n\n') ?? ''),
    };
  }

  private signature(kind: string, articles: Article[], extra = ''): string {
    const h = createHash('sha1');
    for (const id of articles.map((a) => a.id).sort()) h.update(id).update(',');
    return `${kind}:${h.digest('hex')}:${extra}`;
  }

  private async section<T>(kind: string, articles: Article[], extra: string, run: () => T | Promise<T>): Promise<SectionResult<T>> {
    const key = this.signature(kind, articles, extra);
    const hit = this.memo.get(key) as SectionResult<T> | undefined;
    if (hit) return hit;
    let result: SectionResult<T>;
    try {
      result = { ok: true, value: await run() };
    } catch (e) {
      const reason = (e as Error)?.message ?? String(e);
      this.log(`${kind} failed for a story of ${articles.length} articles: ${reason}`);
      result = { ok: false, reason };
    }
    this.memo.set(key, result);
    return result;
  }

  /** The brief of a story's articles, or undefined when no brief module is wired in. */
  async brief(articles: Article[], opts: BriefRequest = {}): Promise<SectionResult<BriefSection> | undefined> {
    const provider = this.sections.brief;
    if (!provider || articles.length === 0) return undefined;
    return this.section('brief', articles, JSON.stringify(opts), () => provider(articles, opts));
  }

  async storyDetail(id: string, briefOpts: BriefRequest = {}): Promise<StoryDetail | null> {
    const found = await this.storyArticles(id);
    if (!found) return null;
    const { row, articles } = found;
    const ids = articles.map((a) => a.id);
    const relations = await this.store.relationsFor(ids);
    const outsideIds = [...new Set(relations.flatMap((r: ArticleRelation) => [r.from, r.to]))].filter((x) => !ids.includes(x));
    const outside = outsideIds.length ? await this.store.listArticles({ ids: outsideIds }) : [];
    const byOutlet = new Map<string, string[]>();
    for (const a of articles) {
      const k = outletLabel(a);
      if (!byOutlet.has(k)) byOutlet.set(k, []);
      byOutlet.get(k)!.push(a.id);
    }
    const detail: StoryDetail = {
      ...listItem(row),
      members: articles.map(summarizeArticle),
      by_outlet: [...byOutlet].map(([outlet, list]) => ({ outlet, articles: list })),
      provenance: buildProvenance(articles, relations, outside),
      timeline: buildTimeline(articles),
    };
    const unavailable: Array<{ section: string; reason: string }> = [];
    const brief = await this.brief(articles, briefOpts);
    if (brief?.ok) {
      detail.brief = brief.value;
      if (brief.value.headline) detail.headline = brief.value.headline;
    } else if (brief) unavailable.push({ section: 'brief', reason: brief.reason });
    if (this.sections.entities) {
      const r = await this.storyEntities(id, articles);
      if (r.ok) detail.entities = r.value;
      else unavailable.push({ section: 'entities', reason: r.reason });
    }
    if (this.sections.comparison) {
      const provider = this.sections.comparison;
      const r = await this.section('comparison', articles, id, () => provider(articles, { storyId: id, relations }));
      if (r.ok && r.value) {
        const { provenance, ...comparison } = r.value;
        detail.comparison = comparison;
        if (provenance) detail.provenance = provenance;
      } else if (!r.ok) unavailable.push({ section: 'comparison', reason: r.reason });
    }
    if (unavailable.length) detail.unavailable = unavailable;
    return detail;
  }

  /** First sentence of each story's brief, for the front page (absent without a brief module). */
  async leadSentences(rows: StoryRow[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (!this.sections.brief) return out;
    for (const r of rows) {
      const found = await this.storyArticles(r.id);
      if (!found) continue;
      const b = await this.brief(found.articles, {});
      const first = b?.ok ? b.value.sentences[0]?.text : undefined;
      if (first) out.set(r.id, first);
    }
    return out;
  }

  async article(id: string): Promise<Record<string, unknown> & { story: string | null; relations: ArticleRelation[] }> {
    const a = await this.store.getArticle(id);
    if (!a) throw notFound('article', id);
    const [story, relations] = await Promise.all([this.store.storyOfArticle(id), this.store.relationsFor([id])]);
    return { ...articleJson(a), outletLabel: outletLabel(a), story, relations };
  }

  /**
   * Entities of one story, cached per story while its membership is unchanged. `articles` may be
   * passed when already loaded.
   */
  async storyEntities(storyId: string, articles?: Article[]): Promise<SectionResult<EntitySection[]>> {
    const provider = this.sections.entities;
    if (!provider) return { ok: true, value: [] };
    const members = articles ? articles.map((a) => a.id) : ((await this.store.getStory(storyId))?.members ?? []);
    const sig = createHash('sha1').update([...members].sort().join(',')).digest('hex');
    const hit = this.storyEntityCache.get(storyId);
    if (hit && hit.sig === sig) return hit.result;
    // Time order, as on the story page: the resolver's fallback ids depend on the input order.
    const list = articles ?? (members.length ? byTime(await this.store.listArticles({ ids: members })) : []);
    let result: SectionResult<EntitySection[]>;
    try {
      result = { ok: true, value: await provider(list, storyId) };
    } catch (e) {
      const reason = (e as Error)?.message ?? String(e);
      this.log(`entities failed for story ${storyId}: ${reason}`);
      result = { ok: false, reason };
    }
    this.storyEntityCache.set(storyId, { sig, result });
    return result;
  }

  /**
   * Every entity of the store, gathered from the per-story entity sections and grouped by id
   * (ids are the entities module's context-free keys, so one person is one entry across
   * stories). Rebuilt when the store version changes; stories whose membership did not change
   * are served from the per-story cache, so a rebuild costs one membership query per story.
   * Building yields to the event loop between stories so other requests are not held up.
   *
   * This is the fallback for stores that do not persist entities (`Sections.entity` answers
   * directly when wired); its first build extracts entities from every article once.
   */
  async entityIndex(): Promise<Map<string, EntityAggregate>> {
    const v = await this.version();
    if (this.index && this.index.version === v) return this.index.promise;
    const promise = this.buildEntityIndex();
    this.index = { version: v, promise };
    promise.catch(() => {
      if (this.index?.promise === promise) this.index = null;
    });
    return promise;
  }

  private async buildEntityIndex(): Promise<Map<string, EntityAggregate>> {
    const rows = await this.store.listStories({});
    const live = new Set(rows.map((r) => r.id));
    for (const id of this.storyEntityCache.keys()) if (!live.has(id)) this.storyEntityCache.delete(id);
    const index = new Map<string, EntityAggregate>();
    let n = 0;
    for (const row of rows) {
      const r = await this.storyEntities(row.id);
      if (r.ok) {
        for (const e of r.value) {
          let agg = index.get(e.id);
          if (!agg) index.set(e.id, (agg = { id: e.id, parts: [] }));
          agg.parts.push({ storyId: row.id, entity: e });
        }
      }
      if (++n % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    return index;
  }

  /** The story id an entity id is scoped to (`…@storyId`), or null for store-wide ids. */
  private scopedStory(id: string): string | null {
    const at = id.lastIndexOf('@');
    return at > 0 ? id.slice(at + 1) : null;
  }

  /** The parts of one entity: from its own story when the id is story-scoped, else from the index. */
  private async entityParts(id: string): Promise<EntityAggregate['parts']> {
    const story = this.scopedStory(id);
    if (story !== null) {
      const r = await this.storyEntities(story);
      return r.ok ? r.value.filter((e) => e.id === id).map((entity) => ({ storyId: story, entity })) : [];
    }
    return (await this.entityIndex()).get(id)?.parts ?? [];
  }

  async storiesWithEntity(id: string): Promise<string[]> {
    if (this.sections.storiesWithEntity) return this.sections.storiesWithEntity(this.store, id);
    if (!this.sections.entities) throw new ApiError(501, 'not_available', 'filtering by entity needs the entities module, which this build does not include');
    return (await this.entityParts(id)).map((p) => p.storyId);
  }

  async entity(id: string): Promise<EntityDetail> {
    if (this.sections.entity) {
      const e = await this.sections.entity(this.store, id);
      if (!e) throw notFound('entity', id);
      return e;
    }
    if (!this.sections.entities) throw new ApiError(501, 'not_available', 'entity pages need the entities module, which this build does not include');
    const parts = await this.entityParts(id);
    if (parts.length === 0) throw notFound('entity', id);
    return mergeEntityParts(id, parts);
  }

  /** Full-text search over stories and articles. */
  async search(q: string, limit: number, offset: number): Promise<SearchResult> {
    const [stories, storyTotal, articles, articleTotal] = await Promise.all([
      this.store.listStories({ q, limit: 10 }),
      this.store.countStories({ q }),
      this.store.listArticles({ q, limit, offset }),
      this.store.countArticles({ q }),
    ]);
    const terms = searchTerms(q);
    const storyIds = await Promise.all(articles.map((a) => this.store.storyOfArticle(a.id)));
    return {
      q,
      terms,
      stories: { total: storyTotal, items: stories.map(listItem) },
      articles: {
        total: articleTotal,
        limit,
        offset,
        items: articles.map((a, i) => ({ ...summarizeArticle(a), story: storyIds[i], snippet: snippet(a, terms) })),
        next: offset + limit < articleTotal ? `/api/search?${new URLSearchParams({ q, limit: String(limit), offset: String(offset + limit) })}` : null,
      },
    };
  }
}

/**
 * One entity from its per-story sections: the name of the story where it is mentioned most, the
 * type most of its mentions have, variants and counts summed, roles and affiliations by how
 * often they are stated.
 */
export function mergeEntityParts(id: string, parts: Array<{ storyId: string; entity: EntitySection }>): EntityDetail {
  const main = [...parts].sort((a, b) => b.entity.mentions - a.entity.mentions)[0].entity;
  const variants = new Map<string, number>();
  const types = new Map<EntitySection['type'], number>();
  const roles = new Map<string, number>();
  const affiliations = new Map<string, number>();
  const articles: string[] = [];
  let mentions = 0;
  for (const { entity: e } of parts) {
    for (const v of e.variants) variants.set(v.name, (variants.get(v.name) ?? 0) + v.count);
    types.set(e.type, (types.get(e.type) ?? 0) + e.mentions);
    e.roles.forEach((r, i) => roles.set(r, (roles.get(r) ?? 0) + (e.roles.length - i)));
    e.affiliations.forEach((r, i) => affiliations.set(r, (affiliations.get(r) ?? 0) + (e.affiliations.length - i)));
    for (const a of e.articles) if (!articles.includes(a)) articles.push(a);
    mentions += e.mentions;
  }
  const byCount = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  return {
    id,
    name: main.name,
    type: [...types].sort((a, b) => b[1] - a[1])[0][0],
    variants: [...variants].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name, count]) => ({ name, count })),
    roles: byCount(roles),
    affiliations: byCount(affiliations),
    mentions,
    articles,
    stories: parts.map((p) => p.storyId),
  };
}

export interface SearchResult {
  q: string;
  /** The words searched for (what the full-text index matched on). */
  terms: string[];
  stories: { total: number; items: StoryListItem[] };
  articles: Page<ArticleSummary & { story: string | null; snippet: string }>;
}

/** Words of a query as the full-text index sees them (letters and digits). */
export function searchTerms(q: string): string[] {
  return [...new Set((q.match(/[\p{L}\p{N}]+/gu) ?? []).map((t) => t.toLowerCase()))];
}

/**
 * A ~240-character window of the article around the first paragraph that contains a query term
 * (the headline alone may have matched, then the lead is shown).
 */
export function snippet(a: Article, terms: string[]): string {
  const re = terms.length ? new RegExp(`(?<![\\p{L}\\p{N}])(${terms.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'iu') : null;
  for (const p of a.paragraphs) {
    const m = re ? re.exec(p) : null;
    if (!m) continue;
    const start = Math.max(0, m.index - 80);
    const cut = p.slice(start);
    const text = clipText(start > 0 ? cut.replace(/^\S*\s/, '') : cut, 240);
    return start > 0 ? `…${text}` : text;
  }
  return clipText(a.paragraphs.join(' '), 240);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function nextPath(base: string, f: StoryFilters, total: number): string | null {
  if (f.offset + f.limit >= total) return null;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && k !== 'offset') p.set(k, String(v));
  p.set('offset', String(f.offset + f.limit));
  return `${base}?${p}`;
}
