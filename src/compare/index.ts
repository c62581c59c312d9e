/**
 * Coverage comparison of one story: the facts all outlets agree on, the facts only one outlet
 * reports, the points where they disagree, and how the text travelled between them.
 *
 * Pipeline (each step in its own module, each documented there):
 * 1. **Sources** — who is compared. An article's source is its outlet, `outlet.name ??
 *    outlet.domain ?? article id`. When a story has a single outlet (the MultiLing Wikinews
 *    clusters: several Wikinews articles on one event over days) there is nothing to compare
 *    between outlets, so `by: 'auto'` (the default) compares its *articles* instead; `by` forces
 *    either mode. Two articles of one outlet are one source, never two confirmations.
 * 2. **Fact units** (`units.ts`) — sentences/clauses with terms, entities, figures, dates, places.
 * 3. **Provenance** (`provenance.ts`) — shared ≥ 12-word passages, credits, copy/reuse estimate.
 * 4. **Fact groups** (`group.ts`) — units of different articles stating the same thing.
 * 5. **Independence** — in each group, sources are joined when their articles are not independent
 *    witnesses of that fact: a `copy`/`reuses` relation (given, or estimated from passages), a
 *    shared passage running through both units, or one crediting the other's outlet. The group's
 *    independent count is the number of resulting parts.
 * 6. **Categories** — consensus: ≥ 2 independent sources; exclusive: one source; echoed: several
 *    sources that all go back to one origin (a copy repeating a fact does not confirm it).
 * 7. **Disagreements** (`disagree.ts`) — slots with different values inside groups (numbers, days,
 *    times, places) and names spelled differently for one entity across the story.
 *
 * Entities come from the entities stage (`extractMentions` + `resolveMentions`, one story scope)
 * unless the caller passes `mentions` (and `entityOf`), e.g. from the store.
 *
 * Bad input never throws: an article without an id or paragraphs is skipped with one message in
 * `stats.skipped`; a failure of the entities stage leaves units without entities (also noted).
 */
import type { Article, ArticleRelation } from '../types.js';
import type { Mention } from '../entities/types.js';
import { extractMentions } from '../entities/extract.js';
import { resolveMentions } from '../entities/resolve.js';
import { buildUnits, type EntityInput } from './units.js';
import { groupUnits } from './group.js';
import { groupDisagreements, nameDisagreements, refOf } from './disagree.js';
import { buildProvenance, creditsOf, pairShares, sameSource, sharedPassages } from './provenance.js';
import type { BodySpan, Comparison, Disagreement, FactGroup, FactUnit, SharedPassage, SourceInfo } from './types.js';

export type * from './types.js';
export { toDot, toMermaid, MIN_PASSAGE_WORDS, sharedPassages } from './provenance.js';
export { formatComparison } from './format.js';
export { SAME_FACT_SIMILARITY } from './group.js';

/** Options of {@link compareStory}. */
export interface CompareOptions {
  /** Dedupe relations (`copy` / `reuses`) among the story's articles, if known. */
  relations?: ArticleRelation[];
  /** Entity mentions per article id (offsets in the entities stage's entity text). */
  mentions?: Map<string, Mention[]>;
  /** Entity key of a mention; default: the resolver's entity id (or the normalised name when `mentions` is given alone). */
  entityOf?: (m: Mention) => string | undefined;
  /** Compare outlets, articles, or decide by the number of outlets (default `auto`). */
  by?: 'auto' | 'outlet' | 'article';
  /** Similarity threshold of fact grouping (default {@link SAME_FACT_SIMILARITY}). */
  threshold?: number;
  /** Also return the fact units (for evaluation and inspection). */
  withUnits?: boolean;
}

/** The outlet of an article: `outlet.name ?? outlet.domain ?? article id`. */
export function outletKey(a: Pick<Article, 'outlet' | 'id'>): string {
  return a.outlet?.name ?? a.outlet?.domain ?? a.id;
}

function validArticle(a: unknown): string | null {
  if (!a || typeof a !== 'object') return 'not an article object';
  const x = a as Partial<Article>;
  if (typeof x.id !== 'string' || !x.id) return 'article without an id';
  if (!Array.isArray(x.paragraphs) || x.paragraphs.some((p) => typeof p !== 'string')) return `article ${x.id}: paragraphs must be an array of strings`;
  return null;
}

/** Entity input: the caller's mentions, else the entities stage run over the story. */
function entityInput(articles: readonly Article[], opts: CompareOptions, skipped: string[]): EntityInput {
  if (opts.mentions) {
    const entityOf = opts.entityOf ?? ((m: Mention) => `n:${m.name.toLowerCase()}`);
    return { mentions: opts.mentions, entityOf };
  }
  try {
    const mentions = new Map<string, Mention[]>();
    const all: Mention[] = [];
    for (const a of articles) {
      const ms = extractMentions(a);
      mentions.set(a.id, ms);
      all.push(...ms);
    }
    const { assignment } = resolveMentions(all, { storyOf: () => 'story' });
    const entityOf = opts.entityOf ?? ((m: Mention) => assignment.get(m));
    return { mentions, entityOf };
  } catch (e) {
    skipped.push(`entities could not be extracted (${(e as Error).message}); comparing without entity keys`);
    return { mentions: new Map(), entityOf: () => undefined };
  }
}

/**
 * Compare the coverage of one story.
 *
 * @example
 * const c = compareStory([tasnimReport, tehranTimesReport]);
 * c.consensus.map(g => g.text)         // ['Iran and Iraq signed an agreement on Sunday …', …]
 * c.exclusive['Tehran Times']          // [… Shamkhani …, … referendum …]
 * c.disagreements[0]                   // { kind: 'name', slot: 'Erfan Mahmoud al-Hayali', values: [Hiyali, Hayali] }
 * c.provenance.credits                 // [{ credited: 'Tasnim', … }, { credited: 'Mehr News Agency', kind: 'licence', … }]
 */
export function compareStory(input: Article[], opts: CompareOptions = {}): Comparison & { units?: FactUnit[] } {
  const skipped: string[] = [];
  const seenIds = new Set<string>();
  const list: Article[] = [];
  for (const a of Array.isArray(input) ? input : []) {
    const bad = validArticle(a);
    if (bad) {
      skipped.push(bad);
      continue;
    }
    if (seenIds.has(a.id)) {
      skipped.push(`article ${a.id}: given twice, compared once`);
      continue;
    }
    seenIds.add(a.id);
    list.push({ ...a, outlet: a.outlet ?? { name: null, domain: null }, attributions: Array.isArray(a.attributions) ? a.attributions : [] });
  }
  // Time order (stable; unknown times keep their input order, after dated articles).
  const articles = list
    .map((a, i) => ({ a, i, t: a.published ? Date.parse(a.published) : NaN }))
    .sort((x, y) => (Number.isNaN(x.t) ? 1 : 0) - (Number.isNaN(y.t) ? 1 : 0) || (x.t - y.t || 0) || x.i - y.i)
    .map((x) => x.a);

  // 1. Sources.
  const outlets = new Set(articles.map(outletKey));
  const by: 'outlet' | 'article' = opts.by === 'outlet' || opts.by === 'article' ? opts.by : outlets.size >= 2 || articles.length < 2 ? 'outlet' : 'article';
  const extIds = new Map<string, number>();
  for (const a of articles) if (a.externalId) extIds.set(a.externalId, (extIds.get(a.externalId) ?? 0) + 1);
  const articleKey = (a: Article) => (a.externalId && extIds.get(a.externalId) === 1 ? a.externalId : a.id);
  const sourceOf = (a: Article) => (by === 'outlet' ? outletKey(a) : articleKey(a));
  /** Label: the outlet key (outlet mode), or outlet + article key (article mode); no outlet → the article's key. */
  const labelOf = (a: Article) => {
    if (by === 'outlet') return outletKey(a);
    const o = a.outlet.name ?? a.outlet.domain;
    return o ? `${o} ${articleKey(a)}` : articleKey(a);
  };
  const sources: SourceInfo[] = [];
  for (const a of articles) {
    const key = sourceOf(a);
    let s = sources.find((x) => x.key === key);
    if (!s) sources.push((s = { key, label: labelOf(a), articles: [] }));
    s.articles.push(a.id);
  }

  // 2. Units. 3. Provenance.
  const units = buildUnits(articles, sourceOf, entityInput(articles, opts, skipped));
  const passages = sharedPassages(articles);
  const credits = creditsOf(articles, sourceOf);
  const provenance = buildProvenance(articles, sourceOf, labelOf, passages, credits, opts.relations ?? []);

  // Article-level dependence: copy/reuses (given or estimated) and credits of a story outlet.
  const index = new Map(articles.map((a, i) => [a.id, i]));
  const n = articles.length;
  const dependent = new Set<number>();
  const dep = (x: string, y: string) => {
    const i = index.get(x)!;
    const j = index.get(y)!;
    dependent.add(i * n + j);
    dependent.add(j * n + i);
  };
  for (const s of pairShares(articles, passages, opts.relations ?? [])) if (s.kind !== 'shares') dep(s.from, s.to);
  const byOutletName = new Map<string, string[]>();
  for (const o of articles) {
    const name = o.outlet.name ?? o.outlet.domain;
    if (name) byOutletName.set(name, [...(byOutletName.get(name) ?? []), o.id]);
  }
  for (const c of credits)
    for (const [name, ids] of byOutletName) if (sameSource(name, c.credited)) for (const id of ids) if (id !== c.articleId) dep(c.articleId, id);

  // 4. Groups.
  const { groups } = groupUnits(units, { threshold: opts.threshold });
  const passagesByPair = new Map<string, SharedPassage[]>();
  for (const p of passages) {
    for (const k of [`${p.from.articleId}|${p.to.articleId}`, `${p.to.articleId}|${p.from.articleId}`]) {
      const l = passagesByPair.get(k) ?? [];
      l.push(p);
      passagesByPair.set(k, l);
    }
  }
  const paragraphOf = new Map(articles.map((a) => [a.id, a.paragraphs]));
  const paraText = (u: FactUnit) => paragraphOf.get(u.articleId)?.[u.paragraph] ?? '';
  const consensus: FactGroup[] = [];
  const echoed: FactGroup[] = [];
  const exclusive: Record<string, FactGroup[]> = {};
  const disagreements: Disagreement[] = [];
  groups.forEach((idx, gi) => {
    const gu = idx.map((i) => units[i]);
    const id = `g${gi + 1}`;
    const groupSources: string[] = [];
    for (const u of gu) if (!groupSources.includes(u.source)) groupSources.push(u.source);
    // 5. Independence: union sources whose units in this group are not independent.
    const parent = new Map(groupSources.map((s) => [s, s]));
    const find = (s: string): string => (parent.get(s) === s ? s : find(parent.get(s)!));
    const gi2 = gu.map((u) => index.get(u.articleId)!);
    for (let i = 0; i < gu.length; i++)
      for (let j = i + 1; j < gu.length; j++) {
        const a = gu[i];
        const b = gu[j];
        if (a.source === b.source) continue;
        const ra = find(a.source);
        const rb = find(b.source);
        if (ra === rb) continue;
        if (dependent.has(gi2[i] * n + gi2[j]) || sharesPassage(a, b, passagesByPair.get(`${a.articleId}|${b.articleId}`) ?? [])) parent.set(ra, rb);
      }
    const parts = new Map<string, string[]>();
    for (const s of groupSources) {
      const r = find(s);
      const p = parts.get(r) ?? [];
      p.push(s);
      parts.set(r, p);
    }
    const ds = groupDisagreements(gu, id, paraText);
    disagreements.push(...ds);
    const group: FactGroup = {
      id,
      text: gu[0].text,
      units: gu.map(refOf),
      sources: groupSources,
      articles: [...new Set(gu.map((u) => u.articleId))],
      independentSources: [...parts.values()],
      independent: parts.size,
      disputed: ds.length > 0,
    };
    // 6. Categories.
    if (group.independent >= 2) consensus.push(group);
    else if (groupSources.length === 1) (exclusive[groupSources[0]] ??= []).push(group);
    else echoed.push(group);
  });
  disagreements.push(...nameDisagreements(units));
  consensus.sort((x, y) => y.independent - x.independent || y.sources.length - x.sources.length || Number(x.id.slice(1)) - Number(y.id.slice(1)));
  const result: Comparison & { units?: FactUnit[] } = {
    by,
    sources,
    consensus,
    exclusive,
    echoed,
    disagreements,
    provenance,
    stats: { articles: articles.length, units: units.length, groups: groups.length, skipped },
  };
  if (opts.withUnits) result.units = units;
  return result;
}

/** Does a shared passage run through both units (in either direction)? */
function sharesPassage(a: FactUnit, b: FactUnit, passages: readonly SharedPassage[]): boolean {
  const hit = (s: BodySpan, u: FactUnit) => s.articleId === u.articleId && s.start < u.bodyEnd && s.end > u.bodyStart;
  return passages.some((p) => (hit(p.from, a) && hit(p.to, b)) || (hit(p.from, b) && hit(p.to, a)));
}
