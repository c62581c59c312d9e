/**
 * The provenance graph of a story: who took text from whom, and whom each article credits.
 *
 * Built only from evidence the store already holds — no guessing:
 * - `copy` / `reuses` relations between articles, found by the dedupe stage (text overlap);
 * - `credit` and `licence` attribution hints found by the readers ("Tasnim news agency reported",
 *   "All Content by Mehr News Agency is licensed under …"). Datelines are places, not sources,
 *   so they are left out.
 *
 * Every edge points from the borrowing article to its origin (the earlier article, or the
 * credited agency), so "follow the arrows" always means "towards the source".
 *
 * Drawing: a layered diagram in SVG, rendered on the server (no client library, works without
 * JavaScript). Articles are laid out left-to-right by time and top-to-bottom in one lane per
 * outlet; credited sources that are not themselves outlets of the story sit in a first lane.
 * That layout makes the direction of borrowing visible without a force simulation, and it is
 * deterministic (the same story always draws the same picture).
 */
import type { Article, ArticleRelation } from '../types.js';
import { html, type SafeHtml } from './html.js';
import type { ProvenanceEdge } from '../compare/index.js';

/**
 * A node: one article, or one credited source outside the story.
 *
 * @example { id: 'a:632889e61b552585', kind: 'article', label: 'Tehran Times', articleId: '632889e61b552585', time: '2017-07-23T00:00:00.000Z', headline: null }
 * @example { id: 's:tasnim news agency', kind: 'source', label: 'Tasnim news agency' }
 */
export type ProvenanceNode =
  | {
      id: string;
      kind: 'article';
      label: string;
      articleId: string;
      time: string;
      headline: string | null;
      inStory: boolean;
      /** When the comparison module traced the story: origin, copy, reuses, credits or independent. */
      role?: string;
    }
  | { id: string; kind: 'source'; label: string };

/** An edge from a borrowing article to its origin: the comparison module's edge type, shared. */
export type { ProvenanceEdge };

export interface ProvenanceGraph {
  nodes: ProvenanceNode[];
  edges: ProvenanceEdge[];
  /** One sentence per finding, when the comparison module traced the story. */
  summary?: string[];
}

/** Display name of an article's outlet. */
export function outletLabel(a: Pick<Article, 'outlet'>): string {
  return a.outlet.name ?? a.outlet.domain ?? 'unknown outlet';
}

/** Publication time when known, else ingest time (the same rule the store uses for ordering). */
export function articleTime(a: Pick<Article, 'published' | 'ingestedAt'>): string {
  return a.published ?? a.ingestedAt;
}

function sourceKey(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * Build the graph for a story's members. `relations` may mention articles outside the story
 * (pass them in `others` to label them); they become nodes marked `inStory: false`.
 */
export function buildProvenance(members: Article[], relations: ArticleRelation[], others: Article[] = []): ProvenanceGraph {
  const byId = new Map<string, Article>();
  for (const a of [...members, ...others]) byId.set(a.id, a);
  const memberIds = new Set(members.map((a) => a.id));
  const nodes = new Map<string, ProvenanceNode>();
  const edges: ProvenanceEdge[] = [];
  const articleNode = (a: Article): string => {
    const id = `a:${a.id}`;
    if (!nodes.has(id))
      nodes.set(id, { id, kind: 'article', label: outletLabel(a), articleId: a.id, time: articleTime(a), headline: a.headline, inStory: memberIds.has(a.id) });
    return id;
  };
  for (const a of members) articleNode(a);
  const seenRel = new Set<string>();
  for (const r of relations) {
    const from = byId.get(r.from);
    const to = byId.get(r.to);
    if (!from || !to || r.from === r.to) continue;
    if (!memberIds.has(r.from) && !memberIds.has(r.to)) continue;
    const key = `${r.from}>${r.to}`;
    if (seenRel.has(key)) continue;
    seenRel.add(key);
    edges.push({ from: articleNode(from), to: articleNode(to), kind: r.kind, score: r.score });
  }
  for (const a of members) {
    const seenSrc = new Set<string>();
    for (const h of a.attributions ?? []) {
      if (h.kind !== 'credit' && h.kind !== 'licence') continue;
      const key = sourceKey(h.source);
      if (!key || seenSrc.has(key) || sourceKey(outletLabel(a)) === key) continue; // an outlet crediting itself is no provenance
      seenSrc.add(key);
      const id = `s:${key}`;
      if (!nodes.has(id)) nodes.set(id, { id, kind: 'source', label: h.source });
      edges.push({ from: `a:${a.id}`, to: id, kind: h.kind, text: h.text });
    }
  }
  return { nodes: [...nodes.values()], edges };
}

const KEY_LABEL: Record<ProvenanceEdge['kind'], string> = {
  copy: 'is a copy of',
  reuses: 'reuses text of',
  shares: 'shares passages with',
  credit: 'credits',
  licence: 'carries text licensed from',
};

/** Short date for node captions: `2017-07-23`. */
function day(iso: string): string {
  return iso.slice(0, 10);
}

function clip(text: string, n: number): string {
  return text.length <= n ? text : `${text.slice(0, n - 1)}…`;
}

/**
 * Most article nodes drawn one by one. Beyond this the article-level diagram (one column per
 * article) becomes wider than several screens, so the graph is drawn per outlet instead — the
 * question a reader asks of a big story is which outlets took from which.
 */
export const MAX_ARTICLE_NODES = 12;

/**
 * Draw the graph as an SVG diagram (escaped through the `html` helper like everything else):
 * article by article when few articles are involved, per outlet otherwise (see
 * {@link MAX_ARTICLE_NODES}). Returns null when there is nothing to draw.
 */
export function provenanceSvg(g: ProvenanceGraph): SafeHtml | null {
  if (g.edges.length === 0) return null;
  const involved = new Set<string>();
  for (const e of g.edges) involved.add(e.from).add(e.to);
  const articleCount = g.nodes.filter((n) => n.kind === 'article' && involved.has(n.id)).length;
  if (articleCount > MAX_ARTICLE_NODES) return outletProvenanceSvg(g);
  return articleProvenanceSvg(g, involved);
}

/** An outlet-level view of a provenance graph: one node per outlet or credited source. */
export interface OutletGraph {
  nodes: Array<{ id: string; label: string; kind: 'outlet' | 'source'; articles: number }>;
  /** Edges between outlets, `count` article-level edges of that kind; no self-loops. */
  edges: Array<{ from: string; to: string; kind: ProvenanceEdge['kind']; count: number }>;
}

/**
 * Aggregate the article graph by outlet. Outlets are ordered by their first article's time, then
 * credited sources. Edges within one outlet (an outlet reusing its own earlier text) are not
 * provenance between outlets and are left out.
 */
export function outletGraph(g: ProvenanceGraph): OutletGraph {
  const outletOf = new Map<string, string>();
  const first = new Map<string, string>();
  const count = new Map<string, number>();
  for (const n of g.nodes) {
    if (n.kind === 'article') {
      const key = `o:${n.label}`;
      outletOf.set(n.id, key);
      if (!first.has(key) || n.time < first.get(key)!) first.set(key, n.time);
      count.set(key, (count.get(key) ?? 0) + 1);
    } else outletOf.set(n.id, n.id);
  }
  const edges = new Map<string, OutletGraph['edges'][number]>();
  for (const e of g.edges) {
    const from = outletOf.get(e.from);
    const to = outletOf.get(e.to);
    if (!from || !to || from === to) continue;
    const k = `${from}>${to}>${e.kind}`;
    const x = edges.get(k);
    if (x) x.count++;
    else edges.set(k, { from, to, kind: e.kind, count: 1 });
  }
  const used = new Set<string>();
  for (const e of edges.values()) used.add(e.from).add(e.to);
  const outlets = [...first.keys()].filter((k) => used.has(k)).sort((a, b) => (first.get(a)! < first.get(b)! ? -1 : first.get(a)! > first.get(b)! ? 1 : a < b ? -1 : 1));
  const sources = g.nodes.filter((n) => n.kind === 'source' && used.has(n.id));
  return {
    nodes: [
      ...outlets.map((k) => ({ id: k, label: k.slice(2), kind: 'outlet' as const, articles: count.get(k) ?? 0 })),
      ...sources.map((n) => ({ id: n.id, label: n.label, kind: 'source' as const, articles: 0 })),
    ],
    edges: [...edges.values()],
  };
}

/**
 * The outlet-level diagram: nodes on a circle in order of first publication (clockwise from the
 * top), credited sources after them, edges as curves bent towards the centre so that they do not
 * run along the rim through other nodes; a thicker line stands for more article-level links.
 * A circle keeps every outlet visible and labelled at any number of outlets, with no node
 * placement to tune.
 */
function outletProvenanceSvg(g: ProvenanceGraph): SafeHtml | null {
  const og = outletGraph(g);
  if (og.edges.length === 0) return null;
  const n = og.nodes.length;
  const R = Math.max(150, Math.min(420, n * 11));
  const LABEL = 150;
  const size = 2 * (R + LABEL);
  const c = R + LABEL;
  const pos = new Map<string, { x: number; y: number; angle: number }>();
  og.nodes.forEach((node, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
    pos.set(node.id, { x: c + R * Math.cos(angle), y: c + R * Math.sin(angle), angle });
  });
  const r = 7;
  const edgeEls = og.edges.map((e) => {
    const p = pos.get(e.from)!;
    const q = pos.get(e.to)!;
    const mx = (p.x + q.x) / 2;
    const my = (p.y + q.y) / 2;
    const [qx, qy] = [mx + (c - mx) * 0.45, my + (c - my) * 0.45];
    const back = (x: number, y: number, fx: number, fy: number, d: number) => {
      const len = Math.hypot(fx - x, fy - y) || 1;
      return [x + ((fx - x) / len) * d, y + ((fy - y) / len) * d];
    };
    const [sx, sy] = back(p.x, p.y, qx, qy, r);
    const [tx, ty] = back(q.x, q.y, qx, qy, r + 4);
    // Line weight in four steps (1, 2-3, 4-7, 8+ links); a class, since the stylesheet sets stroke widths.
    const weight = Math.min(4, 1 + Math.floor(Math.log2(e.count)));
    const fromLabel = og.nodes.find((x) => x.id === e.from)!.label;
    const toLabel = og.nodes.find((x) => x.id === e.to)!.label;
    return html`<path class="edge edge-${e.kind} edge-w${weight}" d="M${sx.toFixed(1)},${sy.toFixed(1)} Q${qx.toFixed(1)},${qy.toFixed(1)} ${tx.toFixed(1)},${ty.toFixed(1)}" marker-end="url(#arrow-${e.kind})"><title>${fromLabel} ${KEY_LABEL[e.kind]} ${toLabel}${e.count > 1 ? ` (${e.count} links)` : ''}</title></path>`;
  });
  const nodeEls = og.nodes.map((node) => {
    const p = pos.get(node.id)!;
    // Labels run outwards along the radius (the usual chord-diagram labelling): neighbours never
    // overlap, and the left half is turned round so that no label reads upside down.
    const right = Math.cos(p.angle) >= -1e-9;
    const deg = ((p.angle * 180) / Math.PI + (right ? 0 : 180)).toFixed(1);
    const lx = right ? p.x + r + 5 : p.x - r - 5;
    const ly = p.y + 4;
    const shape =
      node.kind === 'outlet'
        ? html`<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="${r}"/>`
        : html`<rect x="${(p.x - r).toFixed(1)}" y="${(p.y - r).toFixed(1)}" width="${2 * r}" height="${2 * r}" rx="3"/>`;
    return html`<g class="${node.kind === 'outlet' ? 'node node-article' : 'node node-source'}">${shape}<text x="${lx.toFixed(1)}" y="${ly.toFixed(1)}" transform="rotate(${deg} ${p.x.toFixed(1)} ${p.y.toFixed(1)})" text-anchor="${right ? 'start' : 'end'}" class="rim-label">${clip(node.label, 22)}</text><title>${node.label}${node.kind === 'outlet' ? ` · ${node.articles} article${node.articles === 1 ? '' : 's'}` : ' (credited source)'}</title></g>`;
  });
  const kinds = (['copy', 'reuses', 'shares', 'credit', 'licence'] as const).filter((k) => og.edges.some((e) => e.kind === k));
  const markers = kinds.map(
    (k) => html`<marker id="arrow-${k}" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" markerUnits="userSpaceOnUse" orient="auto-start-reverse" class="arrow arrow-${k}"><path d="M0,0 L10,5 L0,10 z"/></marker>`,
  );
  const outlets = og.nodes.filter((x) => x.kind === 'outlet').length;
  return html`<figure class="provenance"><div class="scroll-x"><svg class="graph graph-circle" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" role="img" aria-label="Provenance between ${outlets} outlets: ${og.edges.length} links"><defs>${markers}</defs>${edgeEls}${nodeEls}</svg></div><figcaption>Per outlet (${outlets} outlets${og.nodes.length > outlets ? `, ${og.nodes.length - outlets} credited sources` : ''}), clockwise from the top in order of first publication; a thicker line stands for more links. ${kinds.map((k) => html`<span class="key key-${k}">${KEY_LABEL[k]}</span> `)}</figcaption></figure>`;
}

function articleProvenanceSvg(g: ProvenanceGraph, involved: Set<string>): SafeHtml {
  const articles = g.nodes
    .filter((n): n is Extract<ProvenanceNode, { kind: 'article' }> => n.kind === 'article' && involved.has(n.id))
    .sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.articleId < b.articleId ? -1 : 1));
  const sources = g.nodes.filter((n) => n.kind === 'source' && involved.has(n.id));

  // Lanes: credited sources first, then outlets in order of their first article.
  const lanes: string[] = [];
  if (sources.length) lanes.push('credited sources');
  for (const a of articles) if (!lanes.includes(`outlet:${a.label}`)) lanes.push(`outlet:${a.label}`);
  const LABEL_W = 150;
  const COL_W = 120;
  const LANE_H = 64;
  const TOP = 16;
  const pos = new Map<string, { x: number; y: number }>();
  const laneY = (lane: string) => TOP + lanes.indexOf(lane) * LANE_H + LANE_H / 2;
  articles.forEach((a, i) => pos.set(a.id, { x: LABEL_W + COL_W * i + COL_W / 2, y: laneY(`outlet:${a.label}`) }));
  const cols = Math.max(articles.length, sources.length, 1);
  const width = LABEL_W + COL_W * cols;
  // Sources are spread evenly across the top lane, each near the articles that credit it.
  sources.forEach((s, i) => {
    const citing = g.edges.filter((e) => e.to === s.id).map((e) => pos.get(e.from)?.x ?? 0);
    const x = citing.length ? citing.reduce((p, c) => p + c, 0) / citing.length : LABEL_W + COL_W * i + COL_W / 2;
    pos.set(s.id, { x, y: laneY('credited sources') });
  });
  // Resolve horizontal collisions in the source lane (two sources credited by the same article).
  const srcSorted = sources.map((s) => s.id).sort((p, q) => pos.get(p)!.x - pos.get(q)!.x);
  for (let i = 1; i < srcSorted.length; i++) {
    const prev = pos.get(srcSorted[i - 1])!;
    const cur = pos.get(srcSorted[i])!;
    if (cur.x - prev.x < COL_W) cur.x = prev.x + COL_W;
  }
  const maxX = Math.max(width, ...[...pos.values()].map((p) => p.x + COL_W / 2));
  const height = TOP * 2 + lanes.length * LANE_H;
  const R = 9;

  const laneLabels = lanes.map(
    (lane, i) =>
      html`<g class="lane"><rect x="0" y="${TOP + i * LANE_H}" width="${maxX}" height="${LANE_H}" class="${i % 2 ? 'lane-odd' : 'lane-even'}"/><text x="8" y="${TOP + i * LANE_H + LANE_H / 2 + 4}" class="lane-label">${clip(lane.replace(/^outlet:/, ''), 22)}</text></g>`,
  );
  const edgeEls = g.edges.map((e) => {
    const p = pos.get(e.from);
    const q = pos.get(e.to);
    if (!p || !q) return '';
    // A gentle curve so that edges between nodes in one lane do not run through other nodes.
    const dx = q.x - p.x;
    const dy = q.y - p.y;
    const len = Math.hypot(dx, dy) || 1;
    const [sx, sy] = [p.x + (dx / len) * R, p.y + (dy / len) * R];
    const [tx, ty] = [q.x - (dx / len) * (R + 4), q.y - (dy / len) * (R + 4)];
    const bend = dy === 0 ? -Math.min(40, Math.abs(dx) / 3) : 0;
    const mx = (sx + tx) / 2;
    const my = (sy + ty) / 2 + bend;
    const title =
      e.kind === 'copy' || e.kind === 'reuses' || e.kind === 'shares'
        ? `${e.kind}${e.score !== undefined ? ` (${Math.round(e.score * 100)}%)` : ''}${e.words ? ` · ${e.words} words in ${e.passages ?? 1} shared passage${e.passages === 1 ? '' : 's'}` : ''}`
        : `${e.kind}: ${e.text ?? ''}`;
    return html`<path class="edge edge-${e.kind}" d="M${sx.toFixed(1)},${sy.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${tx.toFixed(1)},${ty.toFixed(1)}" marker-end="url(#arrow-${e.kind})"><title>${title}</title></path>`;
  });
  const nodeEls = [
    ...articles.map((a) => {
      const p = pos.get(a.id)!;
      return html`<a href="/articles/${a.articleId}" class="node node-article${a.inStory ? '' : ' node-outside'}"><circle cx="${p.x}" cy="${p.y}" r="${R}"/><text x="${p.x}" y="${p.y + R + 13}" text-anchor="middle">${day(a.time)}</text><title>${a.label} · ${day(a.time)}${a.headline ? ` · ${a.headline}` : ''}${a.role ? ` · ${a.role}` : ''}${a.inStory ? '' : ' (outside this story)'}</title></a>`;
    }),
    ...sources.map((s) => {
      const p = pos.get(s.id)!;
      return html`<g class="node node-source"><rect x="${p.x - COL_W / 2 + 6}" y="${p.y - 11}" width="${COL_W - 12}" height="22" rx="11"/><text x="${p.x}" y="${p.y + 4}" text-anchor="middle">${clip(s.label, 16)}</text><title>${s.label}</title></g>`;
    }),
  ];
  const kinds = (['copy', 'reuses', 'shares', 'credit', 'licence'] as const).filter((k) => g.edges.some((e) => e.kind === k));
  const markers = kinds.map(
    (k) => html`<marker id="arrow-${k}" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse" class="arrow arrow-${k}"><path d="M0,0 L10,5 L0,10 z"/></marker>`,
  );
  const hidden = g.nodes.filter((n) => n.kind === 'article' && !involved.has(n.id)).length;
  return html`<figure class="provenance"><div class="scroll-x"><svg class="graph" viewBox="0 0 ${maxX.toFixed(0)} ${height}" width="${maxX.toFixed(0)}" height="${height}" role="img" aria-label="Provenance graph: ${g.edges.length} links between ${articles.length} articles${sources.length ? ` and ${sources.length} credited sources` : ''}"><defs>${markers}</defs>${laneLabels}${edgeEls}${nodeEls}</svg></div><figcaption>${kinds.map((k) => html`<span class="key key-${k}">${KEY_LABEL[k]}</span> `)}${hidden ? html` · ${hidden} other article${hidden === 1 ? '' : 's'} without provenance links not drawn` : ''}</figcaption></figure>`;
}
