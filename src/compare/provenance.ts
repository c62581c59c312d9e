/**
 * Provenance of a story: passages shared between articles, the sources each article credits, and
 * an estimate of who originated the text and who copied or credited whom, as a graph.
 *
 * **Shared passages** are runs of at least {@link MIN_PASSAGE_WORDS} consecutive identical words
 * (case-folded word tokens; punctuation and spacing ignored). Twelve words is the issue's
 * definition; it is also long enough that two independent reporters almost never write the same
 * twelve words by chance, while quotes of a speaker's words may (a shared quotation is reported as
 * a passage, which is the truth: the words travelled). Articles are taken in time order (published,
 * else ingested, else input order) and every 12-word window remembers the *earliest* article holding
 * it; a later article's matching windows are extended into maximal passages against that holder.
 * So each passage points at the earliest known source of those words and the work is linear in
 * the story's length — no pairwise comparison of articles.
 *
 * **Credits** are the article's `credit` and `licence` attribution hints (from
 * `src/text/attribution.ts`; recomputed here when an article carries none). Datelines are places,
 * not sources, and are left out; so are hints that name no source (a generic word such as "News",
 * a nationality such as "Danish", words that describe or point back at an outlet without naming it:
 * "The news agency also reported", "State television quoted"), and a second hint naming the same
 * source ("AP" after "Associated Press") is merged into the first; across articles, such names are
 * one node of the graph (one estimated origin).
 *
 * **Graph and origin estimate.** Nodes are the story's articles and the credited sources outside
 * it; every edge points from the borrowing article towards its origin: `copy`/`reuses` relations
 * from the dedupe stage when given, else from our own passages with the dedupe stage's definitions
 * (`copy`: passages cover ≥ 90 % of both articles; `reuses`: ≥ 50 % of the later one), `shares`
 * for smaller shared passages, `credit`/`licence` for attributions (to an article of the story when
 * the credited name is one of the story's outlets). An article's role follows from its edges; the
 * estimated origins are the nodes others borrow from that borrow from no one.
 */
import type { Article, ArticleRelation, Attribution } from '../types.js';
import { findAttributions } from '../text/attribution.js';
import { tokenize } from '../text/tokenize.js';
import { demonymCountry } from '../entities/gazetteer.js';
import type { ArticleRole, Credit, Provenance, ProvenanceEdge, ProvenanceGraph, ProvenanceNode, SharedPassage } from './types.js';

/** Minimum length of a shared passage, in words (the issue's definition). */
export const MIN_PASSAGE_WORDS = 12;
/** Passage coverage of both articles at or above which the later one is a copy (dedupe's COPY_JACCARD). */
export const COPY_COVERAGE = 0.9;
/** Passage coverage of the later article at or above which it reuses the earlier (dedupe's REUSE_CONTAINMENT). */
export const REUSE_COVERAGE = 0.5;

/** Body text as the passages' offsets see it. */
function body(a: Article): string {
  return a.paragraphs.join('\n\n');
}

/** Time key for ordering: published, else ingested; null sorts last and keeps input order. */
export function articleTime(a: Pick<Article, 'published' | 'ingestedAt'>): string | null {
  return a.published ?? a.ingestedAt ?? null;
}

interface Toks {
  ids: Int32Array;
  start: Int32Array;
  end: Int32Array;
}

/**
 * All shared passages of a story's articles, given in time order (earliest first).
 *
 * @example sharedPassages([original, copy]) // [{ from: { articleId: copy.id, … }, to: { articleId: original.id, … }, words: 240, text: '…' }]
 */
export function sharedPassages(articles: readonly Article[], minWords = MIN_PASSAGE_WORDS): SharedPassage[] {
  const vocab = new Map<string, number>();
  const toks: Toks[] = articles.map((a) => {
    const t = tokenize(body(a));
    const ids = new Int32Array(t.length);
    const start = new Int32Array(t.length);
    const end = new Int32Array(t.length);
    t.forEach((x, i) => {
      const w = x.text.toLowerCase().replace(/’/g, "'");
      let id = vocab.get(w);
      if (id === undefined) vocab.set(w, (id = vocab.size));
      ids[i] = id;
      start[i] = x.start;
      end[i] = x.end;
    });
    return { ids, start, end };
  });
  const hashAt = (ids: Int32Array, i: number): number => {
    let h = 0x811c9dc5;
    for (let k = 0; k < minWords; k++) {
      h ^= ids[i + k];
      h = Math.imul(h, 0x01000193);
      h ^= h >>> 13;
    }
    return h >>> 0;
  };
  const first = new Map<number, number>(); // window hash → article index * 2^20 + position (first holder)
  const POS = 1 << 20;
  const out: SharedPassage[] = [];
  for (let b = 0; b < articles.length; b++) {
    const tb = toks[b];
    const n = tb.ids.length;
    const hashes: number[] = [];
    for (let i = 0; i + minWords <= n; i++) hashes.push(hashAt(tb.ids, i));
    for (let i = 0; i + minWords <= n; ) {
      const hit = first.get(hashes[i]);
      if (hit === undefined) {
        i++;
        continue;
      }
      const a = Math.floor(hit / POS);
      const j = hit % POS;
      const ta = toks[a];
      let len = 0;
      while (i + len < n && j + len < ta.ids.length && tb.ids[i + len] === ta.ids[j + len]) len++;
      if (len < minWords) {
        i++; // hash collision
        continue;
      }
      const text = body(articles[b]).slice(tb.start[i], tb.end[i + len - 1]);
      out.push({
        from: { articleId: articles[b].id, start: tb.start[i], end: tb.end[i + len - 1] },
        to: { articleId: articles[a].id, start: ta.start[j], end: ta.end[j + len - 1] },
        words: len,
        text,
      });
      i += len - minWords + 1;
    }
    for (let i = 0; i < hashes.length; i++) if (!first.has(hashes[i]) && i < POS) first.set(hashes[i], b * POS + i);
  }
  return out;
}

const keyCache = new Map<string, string>();
/** Normalised key of a source name: "The Tasnim News Agency" → "tasnim". */
export function sourceKey(name: string): string {
  let k = keyCache.get(name);
  if (k === undefined) {
    k = computeSourceKey(name);
    if (keyCache.size > 10_000) keyCache.clear();
    keyCache.set(name, k);
  }
  return k;
}

function computeSourceKey(name: string): string {
  const t = name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}&]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w && !['the', 'news', 'agency', 'agence', 'service', 'online', 'com'].includes(w));
  return t.join(' ') || name.toLowerCase().trim();
}

/** Initials of a multi-word name ("Associated Press" → "ap", "Agence France-Presse" → "afp"). */
function initialsOf(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => w && !['of', 'the', 'and', 'for', '&'].includes(w.toLowerCase()))
    .map((w) => w[0].toLowerCase())
    .join('');
}

/**
 * Do two source names denote the same source? Equal keys, one key a whole-word part of the other
 * ("Tasnim" / "Tasnim News Agency"), or an acronym equal to the other's initials ("AP" /
 * "Associated Press").
 */
export function sameSource(a: string, b: string): boolean {
  const x = sourceKey(a);
  const y = sourceKey(b);
  if (!x || !y) return false;
  if (x === y) return true;
  for (const [short, long] of [[a, b], [b, a]]) {
    if (/^[A-Z]{2,6}$/.test(short.trim()) && /\s|-/.test(long.trim()) && initialsOf(long) === short.trim().toLowerCase()) return true;
  }
  const [s, l] = x.length <= y.length ? [x, y] : [y, x];
  return s.length >= 3 && ` ${l} `.includes(` ${s} `);
}

/**
 * Words that describe a kind of outlet or point back at one, without naming it: determiners and
 * possessives ("The news agency also reported" refers to an agency named earlier; the hint's
 * capitalised "The" is the sentence's first word), ownership and scope ("State television quoted",
 * "official media"), and media words ("the website reported").
 */
const GENERIC_SOURCE_WORDS = new Set(
  (
    'the a an its his her their our this that these those state state-run state-owned official semi-official ' +
    'local national regional government public private independent foreign international domestic ' +
    'tv television radio channel press media news agency agencies service wire website site web online paper newspaper broadcaster'
  ).split(' '),
);

/** Does a credited name name a source: a word left once generic words are removed ("The" → no, "Press Democrat" → yes)? */
export function namesSource(name: string): boolean {
  return name
    .toLowerCase()
    .split(/[^\p{L}\p{N}&-]+/u)
    .some((w) => w && !GENERIC_SOURCE_WORDS.has(w));
}

/** Credit and licence hints of each article (recomputed when the article carries no hints). */
export function creditsOf(articles: readonly Article[], sourceOf: (a: Article) => string): Credit[] {
  const out: Credit[] = [];
  for (const a of articles) {
    let hints: readonly Attribution[] = Array.isArray(a.attributions) ? a.attributions : [];
    if (hints.length === 0) {
      try {
        hints = findAttributions(a.paragraphs);
      } catch {
        hints = [];
      }
    }
    const kept: Attribution[] = [];
    for (const h of hints) {
      if (h.kind !== 'credit' && h.kind !== 'licence') continue;
      // A hint that names no source: a generic word ("News") or a nationality ("Danish news channel").
      if (!namesSource(h.source) || demonymCountry(h.source)) continue;
      if (kept.some((k) => k.kind === h.kind && sameSource(k.source, h.source))) continue;
      kept.push(h);
      out.push({ articleId: a.id, source: sourceOf(a), kind: h.kind, credited: h.source, text: h.text });
    }
  }
  return out;
}

/** Article pairs (later → earlier) and how much text they share. */
export interface PairShare {
  from: string;
  to: string;
  words: number;
  passages: number;
  kind: 'copy' | 'reuses' | 'shares';
  score?: number;
}

/**
 * Aggregate passages per article pair and classify the pair with the dedupe stage's definitions;
 * dedupe relations, when given, take precedence.
 */
export function pairShares(articles: readonly Article[], passages: readonly SharedPassage[], relations: readonly ArticleRelation[] = []): PairShare[] {
  const words = new Map<string, number>();
  for (const a of articles) words.set(a.id, tokenize(body(a)).length);
  const by = new Map<string, PairShare>();
  for (const p of passages) {
    const k = `${p.from.articleId}|${p.to.articleId}`;
    let s = by.get(k);
    if (!s) by.set(k, (s = { from: p.from.articleId, to: p.to.articleId, words: 0, passages: 0, kind: 'shares' }));
    s.words += p.words;
    s.passages++;
  }
  for (const s of by.values()) {
    const wf = words.get(s.from) || 1;
    const wt = words.get(s.to) || 1;
    if (s.words / wf >= COPY_COVERAGE && s.words / wt >= COPY_COVERAGE) s.kind = 'copy';
    else if (s.words / wf >= REUSE_COVERAGE) s.kind = 'reuses';
  }
  const ids = new Set(articles.map((a) => a.id));
  for (const r of relations) {
    if (!ids.has(r.from) || !ids.has(r.to) || r.from === r.to) continue;
    const k = `${r.from}|${r.to}`;
    const s = by.get(k) ?? by.get(`${r.to}|${r.from}`);
    if (s) {
      s.kind = r.kind;
      s.score = r.score;
    } else by.set(k, { from: r.from, to: r.to, words: 0, passages: 0, kind: r.kind, score: r.score });
  }
  return [...by.values()];
}

/**
 * Build the provenance of a story.
 *
 * @param articles in time order
 * @param labelOf display label of an article (its outlet, or outlet + id in per-article mode)
 */
export function buildProvenance(
  articles: readonly Article[],
  sourceOf: (a: Article) => string,
  labelOf: (a: Article) => string,
  passages: readonly SharedPassage[],
  credits: readonly Credit[],
  relations: readonly ArticleRelation[] = [],
): Provenance {
  const nodes: ProvenanceNode[] = [];
  const edges: ProvenanceEdge[] = [];
  const byId = new Map(articles.map((a) => [a.id, a]));
  const summary: string[] = [];
  for (const a of articles)
    nodes.push({ id: `a:${a.id}`, kind: 'article', label: labelOf(a), articleId: a.id, source: sourceOf(a), time: a.published ?? null, role: 'independent' });
  const shares = pairShares(articles, passages, relations);
  for (const s of shares) {
    edges.push({ from: `a:${s.from}`, to: `a:${s.to}`, kind: s.kind, ...(s.score !== undefined ? { score: s.score } : {}), words: s.words, passages: s.passages });
    const from = labelOf(byId.get(s.from)!);
    const to = labelOf(byId.get(s.to)!);
    if (s.kind === 'copy') summary.push(`${from} is a copy of ${to}`);
    else if (s.kind === 'reuses') summary.push(`${from} reuses text of ${to}${s.words ? ` (${s.words} words in ${s.passages} passage${s.passages === 1 ? '' : 's'})` : ''}`);
    else summary.push(`${from} shares ${s.words} words with ${to} (${s.passages} passage${s.passages === 1 ? '' : 's'})`);
  }
  const sourceNodes = new Map<string, string>();
  for (const c of credits) {
    const a = byId.get(c.articleId);
    if (!a) continue;
    // An outlet naming itself (its own licence footer) borrowed from no one.
    const own = a.outlet.name ?? a.outlet.domain;
    if (own && sameSource(own, c.credited)) {
      summary.push(`${labelOf(a)} carries its own ${c.kind === 'licence' ? 'licence notice' : 'credit'} (${c.credited})`);
      continue;
    }
    // A credit naming another outlet of the story points at that outlet's earlier articles.
    const targets = articles.filter((o) => o.id !== a.id && sourceOf(o) !== sourceOf(a) && (o.outlet.name || o.outlet.domain) && sameSource(o.outlet.name ?? o.outlet.domain ?? '', c.credited));
    const edgeKind = c.kind === 'licence' ? 'licence' : 'credit';
    if (targets.length > 0) {
      for (const t of targets) edges.push({ from: `a:${a.id}`, to: `a:${t.id}`, kind: edgeKind, text: c.text });
    } else {
      // One node per source: a name already credited under another form ("AP" / "Associated Press",
      // see sameSource) is that node.
      const key = sourceKey(c.credited);
      let id = sourceNodes.get(key);
      if (!id) for (const n of nodes) if (n.kind === 'source' && sameSource(n.label, c.credited)) id = n.id;
      if (!id) {
        id = `s:${key}`;
        sourceNodes.set(key, id);
        nodes.push({ id, kind: 'source', label: c.credited });
      }
      edges.push({ from: `a:${a.id}`, to: id, kind: edgeKind, text: c.text });
    }
    summary.push(c.kind === 'licence' ? `${labelOf(a)} carries ${c.credited} text under its licence` : `${labelOf(a)} credits ${c.credited}`);
  }
  // Roles and origins.
  const borrowing = (e: ProvenanceEdge) => e.kind === 'copy' || e.kind === 'reuses' || e.kind === 'shares';
  for (const n of nodes) {
    if (n.kind !== 'article') continue;
    const out = edges.filter((e) => e.from === n.id);
    const inc = edges.filter((e) => e.to === n.id);
    let role: ArticleRole = 'independent';
    if (out.some((e) => e.kind === 'copy')) role = 'copy';
    else if (out.some(borrowing)) role = 'reuses';
    else if (inc.length > 0) role = 'origin';
    else if (out.length > 0) role = 'credits';
    n.role = role;
  }
  const borrowsFromSomeone = new Set(edges.map((e) => e.from));
  const origins = [...new Set(edges.map((e) => e.to))].filter((id) => !borrowsFromSomeone.has(id));
  const indeg = (id: string) => edges.filter((e) => e.to === id).length;
  origins.sort((x, y) => indeg(y) - indeg(x) || x.localeCompare(y));
  const label = (id: string) => nodes.find((n) => n.id === id)?.label ?? id;
  if (origins.length) summary.push(`Estimated origin${origins.length > 1 ? 's' : ''}: ${origins.map(label).join(', ')}`);
  else if (articles.length > 1) summary.push('No shared passages or credits: the articles appear to be reported independently');
  const graph: ProvenanceGraph = { nodes, edges };
  return { credits: [...credits], sharedPassages: [...passages], graph, origins, summary };
}

function dotQuote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;
}

/**
 * Graphviz DOT of a provenance graph: articles as boxes, outside sources as ellipses; edges labelled
 * with their kind (and words shared).
 *
 * @example toDot(c.provenance.graph) // 'digraph provenance {\n  rankdir=LR; …'
 */
export function toDot(graph: ProvenanceGraph): string {
  const lines = ['digraph provenance {', '  rankdir=LR;', '  node [fontname="Helvetica"];'];
  for (const n of graph.nodes) {
    const attrs = n.kind === 'article' ? `shape=box, label=${dotQuote(`${n.label}\n(${n.role})`)}` : `shape=ellipse, style=dashed, label=${dotQuote(n.label)}`;
    lines.push(`  ${dotQuote(n.id)} [${attrs}];`);
  }
  for (const e of graph.edges) {
    const label = e.words ? `${e.kind} (${e.words} words)` : e.kind;
    const style = e.kind === 'credit' || e.kind === 'licence' ? ', style=dashed' : '';
    lines.push(`  ${dotQuote(e.from)} -> ${dotQuote(e.to)} [label=${dotQuote(label)}${style}];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

/**
 * Mermaid flowchart of a provenance graph (renders in GitHub/GitLab markdown).
 *
 * @example toMermaid(c.provenance.graph) // 'flowchart LR\n  n0["Tehran Times (credits)"]\n  …'
 */
export function toMermaid(graph: ProvenanceGraph): string {
  const ids = new Map<string, string>();
  graph.nodes.forEach((n, i) => ids.set(n.id, `n${i}`));
  const esc = (s: string) => s.replace(/"/g, '#quot;').replace(/[[\]{}()<>]/g, ' ');
  const lines = ['flowchart LR'];
  for (const n of graph.nodes) {
    const id = ids.get(n.id)!;
    lines.push(n.kind === 'article' ? `  ${id}["${esc(n.label)} (${n.role})"]` : `  ${id}(["${esc(n.label)}"])`);
  }
  for (const e of graph.edges) {
    const from = ids.get(e.from);
    const to = ids.get(e.to);
    if (!from || !to) continue;
    const label = e.words ? `${e.kind} ${e.words} words` : e.kind;
    lines.push(`  ${from} ${e.kind === 'credit' || e.kind === 'licence' ? '-.->' : '-->'}|${esc(label)}| ${to}`);
  }
  return lines.join('\n') + '\n';
}
