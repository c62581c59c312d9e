/**
 * What the server shows, as plain JSON-ready objects: the same functions feed `/api/*` and the
 * HTML pages, so a script and a reader always see the same data.
 *
 * Story sections computed by analysis modules (brief, comparison) can be expensive, so they are
 * memoised per story *membership* (the sorted member ids), not per store version: adding an
 * article to one story does not recompute the briefs of all others. Stored sections (entities)
 * are queries and are not memoised here (the response cache covers repeats). A section whose
 * provider fails is reported under `unavailable` with the reason, and the rest still renders.
 */
import { createHash } from 'node:crypto';
import type { Article, ArticleRelation } from '../types.js';
import type { Store, StoryQuery, StoryRow } from '../store/types.js';
import { articleJson } from '../cli/commands/articles.js';
import { firstSentence } from '../store/sqlite.js';
import { ApiError, notFound } from './errors.js';
import type { BriefRequest, BriefSection, ComparisonSection, EntityDetail, EntitySection, Sections, StoredMention } from './sections.js';
import { articleTime, buildProvenance, outletLabel, type ProvenanceGraph } from './provenance.js';
import { buildTimeline, type TimelineRow } from './timeline.js';
import { escapeRegExp } from '../text/regexp.js';

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

/**
 * A story's listing row derived from its members with the store's rules (outlet labels, earliest
 * headline, else first sentence), for a story whose aggregates the store has not written yet.
 */
function derivedRow(id: string, articles: Article[]): StoryRow {
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

/** The server's read model over a store and the wired analysis sections. */
export class DataService {
  private memo = new Memo<SectionResult<unknown>>(2000);

  constructor(
    readonly store: Store,
    readonly sections: Sections,
    private readonly log: (msg: string) => void = () => {},
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
      // an id that names no entity (a name given for an id, a typo) is an error, not an empty list
      if (ids.size === 0 && this.sections.entity && !(await this.sections.entity(this.store, f.entity))) throw notFound('entity', f.entity);
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
    const [row] = await this.store.storyRows([id]);
    return { row: row ?? derivedRow(id, articles), articles };
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

  /** True when {@link DataService.brief} would answer from memory (nothing to compute). */
  private briefKnown(articles: Article[], opts: BriefRequest = {}): boolean {
    return this.memo.get(this.signature('brief', articles, JSON.stringify(opts))) !== undefined;
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
      try {
        detail.entities = await this.sections.entities(this.store, id);
      } catch (e) {
        unavailable.push({ section: 'entities', reason: (e as Error)?.message ?? String(e) });
      }
    }
    if (this.sections.comparison) {
      const provider = this.sections.comparison;
      const r = await this.section('comparison', articles, id, async () => {
        const mentions = new Map<string, StoredMention[]>();
        for (const a of articles) mentions.set(a.id, await this.store.mentionsOf(a.id));
        return provider(articles, { storyId: id, relations, mentions });
      });
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
  /**
   * The first sentence of each story's brief, for the front page. Briefs already computed are
   * free; new ones are computed only while `budgetMs` lasts (a cold front page of large stories
   * would otherwise cost a brief per story — seconds — before anything shows). `complete` tells
   * whether every story got its sentence; the caller can show the page now and ask again later.
   */
  async leadSentences(rows: StoryRow[], budgetMs = Number.POSITIVE_INFINITY): Promise<{ leads: Map<string, string>; complete: boolean }> {
    const leads = new Map<string, string>();
    if (!this.sections.brief) return { leads, complete: true };
    const t0 = performance.now();
    let complete = true;
    for (const r of rows) {
      const found = await this.storyArticles(r.id);
      if (!found || found.articles.length === 0) continue;
      if (!this.briefKnown(found.articles) && performance.now() - t0 > budgetMs) {
        complete = false;
        continue;
      }
      const b = await this.brief(found.articles, {});
      const first = b?.ok ? b.value.sentences[0]?.text : undefined;
      if (first) leads.set(r.id, first);
    }
    return { leads, complete };
  }

  async article(id: string): Promise<Record<string, unknown> & { story: string | null; relations: ArticleRelation[] }> {
    const a = await this.store.getArticle(id);
    if (!a) throw notFound('article', id);
    const [story, relations] = await Promise.all([this.store.storyOfArticle(id), this.store.relationsFor([id])]);
    return { ...articleJson(a), outletLabel: outletLabel(a), story, relations };
  }

  async storiesWithEntity(id: string): Promise<string[]> {
    if (!this.sections.storiesWithEntity) throw new ApiError(501, 'not_available', 'filtering by entity needs the entities module, which this build does not include');
    return this.sections.storiesWithEntity(this.store, id);
  }

  async entity(id: string): Promise<EntityDetail> {
    if (!this.sections.entity) throw new ApiError(501, 'not_available', 'entity pages need the entities module, which this build does not include');
    const e = await this.sections.entity(this.store, id);
    if (!e) throw notFound('entity', id);
    return e;
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

function nextPath(base: string, f: StoryFilters, total: number): string | null {
  if (f.offset + f.limit >= total) return null;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && k !== 'offset') p.set(k, String(v));
  p.set('offset', String(f.offset + f.limit));
  return `${base}?${p}`;
}
