import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { DedupeIndex } from '../dedupe/index.js';
import { finalizeArticle } from '../ingest/finalize.js';
import { readJsonDocument } from '../ingest/interchange.js';
import { readDocument } from '../ingest/sources.js';
import type { Article } from '../types.js';
import { buildProvenance, MAX_ARTICLE_NODES, outletGraph, provenanceSvg, type ProvenanceGraph } from './provenance.js';
import { buildTimeline, timelineSvg } from './timeline.js';

const ROOT = join(import.meta.dirname, '../..');
const INGESTED = '2026-01-01T00:00:00.000Z';

function seeds(): Article[] {
  const dir = join(ROOT, 'samples/seeds');
  return ['000_74bfdcc74ec9356c.txt', '004_632889e61b552585.txt'].map((f) => {
    const [item] = readDocument(readFileSync(join(dir, f)), { name: f });
    if (!item.ok) throw new Error(item.reason);
    return finalizeArticle(item.draft, INGESTED);
  });
}

/** Wikinews M0000 and the XSS fixture built on its text: a real case of text reuse. */
function reusePair(): Article[] {
  const wiki = readJsonDocument(readFileSync(join(ROOT, 'samples/wikinews/wikinews.jsonl'), 'utf8'), 'w').find((i) => i.ok && i.draft.externalId === 'M0000');
  const xss = readJsonDocument(readFileSync(join(ROOT, 'test/fixtures/server/xss.jsonl'), 'utf8'), 'x')[0];
  if (!wiki?.ok || !xss.ok) throw new Error('fixtures missing');
  return [finalizeArticle(wiki.draft, INGESTED), finalizeArticle(xss.draft, INGESTED)];
}

describe('provenance graph', () => {
  it('links the seed that credits Tasnim to a Tasnim source node, and skips an outlet crediting itself', () => {
    const [a000, a004] = seeds();
    const g = buildProvenance([a000, a004], []);
    expect(g.nodes.filter((n) => n.kind === 'article').map((n) => n.kind === 'article' && n.articleId)).toEqual([a000.id, a004.id]);
    const credits = g.edges.filter((e) => e.kind === 'credit');
    expect(credits).toHaveLength(1);
    expect(credits[0].from).toBe(`a:${a000.id}`);
    const source = g.nodes.find((n) => n.id === credits[0].to);
    expect(source?.kind).toBe('source');
    expect(source?.label).toMatch(/Tasnim/i);
    // 004 is Mehr text under Mehr's own licence: no edge from it to itself.
    expect(g.edges.some((e) => e.from === `a:${a004.id}` && /mehr/i.test(e.to))).toBe(false);
  });

  it('turns a dedupe relation into an edge from the reusing article to its origin, drawn as SVG', () => {
    const [orig, reuse] = reusePair();
    const index = new DedupeIndex();
    index.add(orig);
    const { relations } = index.add(reuse);
    expect(relations.length).toBeGreaterThan(0);
    const g = buildProvenance([orig, reuse], relations);
    const rel = g.edges.find((e) => e.kind === 'reuses' || e.kind === 'copy');
    expect(rel).toMatchObject({ from: `a:${reuse.id}`, to: `a:${orig.id}` });
    const svg = provenanceSvg(g)!.toString();
    const { document } = parseHTML(`<div>${svg}</div>`);
    expect(document.querySelectorAll('path.edge').length).toBe(g.edges.length);
    expect(document.querySelector(`a[href="/articles/${reuse.id}"]`)).toBeTruthy();
    // The outlet name of the fixture is an injection attempt: it must appear only as text.
    expect(svg).not.toContain('<b onmouseover');
  });

  it('draws nothing without edges', () => {
    const [a000] = seeds();
    expect(provenanceSvg(buildProvenance([{ ...a000, attributions: [] }], []))).toBeNull();
  });
});

describe('outlet-level provenance for large stories', () => {
  /** A wire story picked up by two papers: 15 articles, more than the article-level diagram draws. */
  function wireStory(): ProvenanceGraph {
    const outlets = ['Wire', 'Daily A', 'Daily B'];
    const nodes: ProvenanceGraph['nodes'] = Array.from({ length: 15 }, (_, i) => ({
      id: `a:${i}`,
      kind: 'article' as const,
      label: outlets[i % 3],
      articleId: String(i),
      time: `2017-07-${String(10 + i).padStart(2, '0')}T00:00:00.000Z`,
      headline: null,
      inStory: true,
    }));
    nodes.push({ id: 's:tasnim', kind: 'source', label: 'Tasnim' });
    const edges: ProvenanceGraph['edges'] = [];
    for (let i = 3; i < 15; i++) if (i % 3 !== 0) edges.push({ from: `a:${i}`, to: `a:${i - (i % 3)}`, kind: 'reuses', score: 0.8 });
    edges.push({ from: 'a:3', to: 'a:0', kind: 'reuses', score: 0.7 }); // the wire reusing itself
    edges.push({ from: 'a:0', to: 's:tasnim', kind: 'credit', text: 'Tasnim reported' });
    return { nodes, edges };
  }

  it('aggregates links per outlet pair, in order of first publication, without self-links', () => {
    const og = outletGraph(wireStory());
    expect(og.nodes.map((n) => n.label)).toEqual(['Wire', 'Daily A', 'Daily B', 'Tasnim']);
    expect(og.nodes.map((n) => n.articles)).toEqual([5, 5, 5, 0]);
    expect(og.edges).toEqual(
      expect.arrayContaining([
        { from: 'o:Daily A', to: 'o:Wire', kind: 'reuses', count: 4 },
        { from: 'o:Daily B', to: 'o:Wire', kind: 'reuses', count: 4 },
        { from: 'o:Wire', to: 's:tasnim', kind: 'credit', count: 1 },
      ]),
    );
    expect(og.edges).toHaveLength(3);
  });

  it('draws the circular outlet diagram beyond the article-level limit', () => {
    const g = wireStory();
    expect(g.nodes.filter((n) => n.kind === 'article').length).toBeGreaterThan(MAX_ARTICLE_NODES);
    const { document } = parseHTML(`<div>${provenanceSvg(g)}</div>`);
    expect(document.querySelector('svg.graph-circle')).toBeTruthy();
    expect(document.querySelectorAll('circle').length).toBe(3);
    expect(document.querySelectorAll('path.edge').length).toBe(3);
    expect(document.querySelector('path.edge-w3 title')!.textContent).toBe('Daily A reuses text of Wire (4 links)');
  });
});

describe('timeline', () => {
  it('has one row per outlet in order of first article, flagging undated articles', () => {
    const [orig, reuse] = reusePair();
    const rows = buildTimeline([reuse, orig]);
    expect(rows.map((r) => r.outlet)).toEqual(['Wikinews', '<b onmouseover=alert(7)>Evil Outlet</b>']);
    expect(rows[0].articles[0]).toMatchObject({ id: orig.id, time: '2005-01-08T00:00:00.000Z', timeKnown: true });
    const [a000] = seeds();
    expect(buildTimeline([a000])[0].articles[0]).toMatchObject({ time: INGESTED, timeKnown: false });
    const svg = timelineSvg(rows)!.toString();
    const { document } = parseHTML(`<div>${svg}</div>`);
    expect(document.querySelectorAll('circle').length).toBe(2);
    // The earlier article is drawn to the left of the later one (linear time axis).
    const xs = Array.from(document.querySelectorAll('circle')).map((c) => Number(c.getAttribute('cx')));
    expect(xs[0]).toBeLessThan(xs[1]);
  });
});
