import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { DedupeIndex } from '../dedupe/index.js';
import { finalizeArticle } from '../ingest/finalize.js';
import { readJsonDocument } from '../ingest/interchange.js';
import { readDocument } from '../ingest/sources.js';
import type { Article } from '../types.js';
import { buildProvenance, provenanceSvg } from './provenance.js';
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
