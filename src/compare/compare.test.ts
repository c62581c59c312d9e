import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article } from '../types.js';
import { textArticle as article } from '../../test/articles.js';
import { compareStory, formatComparison, toDot, toMermaid, type Comparison, type FactGroup } from './index.js';

const root = resolve(import.meta.dirname, '../..');
const seedDir = join(root, 'samples/seeds');
const fixtures = join(root, 'test/fixtures/compare');

/** A seed file as the text reader gives it: headline, blank line, body (000) or body only (004). */
function seed(name: string, outlet: string | null): Article {
  const raw = readFileSync(join(seedDir, name), 'utf8');
  if (name.startsWith('000')) {
    const [headline, ...rest] = raw.split('\n\n');
    return article(rest.join('\n\n'), outlet, { headline: headline.trim() });
  }
  return article(raw, outlet);
}

/** A fixture file: headline, blank line, text. */
function fixture(name: string, outlet: string | null, published: string | null = null): Article {
  const raw = readFileSync(join(fixtures, name), 'utf8');
  const [headline, ...rest] = raw.split('\n\n');
  return article(rest.join('\n\n'), outlet, { headline, published, externalId: name });
}

const texts = (gs: FactGroup[]) => gs.flatMap((g) => g.units.map((u) => u.text));

describe('compareStory on the seeds', () => {
  const tasnim = seed('000_74bfdcc74ec9356c.txt', null);
  const tehran = seed('004_632889e61b552585.txt', 'Tehran Times');
  const c: Comparison = compareStory([tasnim, tehran]);

  it('compares the two outlets', () => {
    expect(c.by).toBe('outlet');
    expect(c.sources.map((s) => s.key)).toEqual([tasnim.id, 'Tehran Times']);
  });

  it('finds the signing and the cooperation areas in consensus, from two independent outlets', () => {
    const signing = c.consensus.find((g) => g.units.some((u) => /signed an initial agreement on Sunday/.test(u.text)));
    expect(signing?.units.map((u) => u.articleId).sort()).toEqual([tasnim.id, tehran.id].sort());
    expect(signing?.independent).toBe(2);
    const areas = c.consensus.find((g) => g.units.some((u) => /border security/.test(u.text) && u.articleId === tehran.id));
    expect(areas?.units.some((u) => u.articleId === tasnim.id && /border security/.test(u.text))).toBe(true);
  });

  it('lists the Shamkhani meeting and the referendum among the exclusives of 004', () => {
    const ex = texts(c.exclusive['Tehran Times'] ?? []);
    expect(ex.some((t) => /met with .* Ali Shamkhani/.test(t))).toBe(true);
    expect(ex.some((t) => /independence referendum/.test(t))).toBe(true);
    // …and not among anything 000 reports.
    expect(texts(c.consensus).some((t) => /referendum/.test(t))).toBe(false);
  });

  it('reports Hiyali/Hayali as one entity spelled two ways', () => {
    const names = c.disagreements.filter((d) => d.kind === 'name');
    const hiyali = names.filter((d) => d.values.some((v) => v.value === 'Hiyali'));
    expect(hiyali).toHaveLength(1);
    expect(hiyali[0].values.map((v) => v.value).sort()).toEqual(['Hayali', 'Hiyali']);
    expect(hiyali[0].slot).toMatch(/Hayali|Hiyali/);
  });

  it('shows Tasnim credited by 000 and Mehr by 004 in the provenance', () => {
    const cr = c.provenance.credits.map((x) => [x.articleId, x.kind, x.credited]);
    expect(cr).toContainEqual([tasnim.id, 'credit', 'Tasnim']);
    expect(cr).toContainEqual([tehran.id, 'licence', 'Mehr News Agency']);
    expect(c.provenance.sharedPassages).toEqual([]);
    const edges = c.provenance.graph.edges.map((e) => [e.from, e.kind]);
    expect(edges).toContainEqual([`a:${tasnim.id}`, 'credit']);
    expect(edges).toContainEqual([`a:${tehran.id}`, 'licence']);
  });

  it('renders for a terminal and as DOT / Mermaid', () => {
    const text = formatComparison(c);
    expect(text).toMatch(/CONSENSUS/);
    expect(text).toMatch(/EXCLUSIVE/);
    expect(text).toMatch(/Tehran Times \(\d+\)/);
    expect(text).toMatch(/Shamkhani/);
    expect(text).toMatch(/"Hiyali"/);
    expect(text).toMatch(/Mehr News Agency/);
    expect(toDot(c.provenance.graph)).toMatch(/^digraph provenance \{[^]*"a:[0-9a-f]{16}" -> "s:tasnim" \[label="credit"/);
    expect(toMermaid(c.provenance.graph)).toMatch(/^flowchart LR\n[^]*-\.->\|licence\|/);
    // The JSON form is complete and serialisable.
    const json = JSON.parse(JSON.stringify(c)) as Comparison;
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['consensus', 'exclusive', 'disagreements', 'provenance']));
    expect(json.provenance.graph.nodes.length).toBeGreaterThanOrEqual(4);
  });
});

describe('the seeds as ingest stores them (004 attributed to Mehr News Agency, hints attached)', () => {
  it('keeps the licence credit without drawing an article crediting itself', () => {
    const tasnim = seed('000_74bfdcc74ec9356c.txt', null);
    const mehr = { ...seed('004_632889e61b552585.txt', 'Mehr News Agency') };
    mehr.attributions = [
      { kind: 'dateline', source: 'TEHRAN', text: 'TEHRAN –' },
      { kind: 'licence', source: 'Mehr News Agency', text: 'All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 International License' },
    ];
    const c = compareStory([tasnim, mehr]);
    expect(c.provenance.credits.map((x) => [x.source, x.kind, x.credited])).toEqual([
      [tasnim.id, 'credit', 'Tasnim'],
      ['Mehr News Agency', 'licence', 'Mehr News Agency'],
    ]);
    expect(c.provenance.graph.edges.filter((e) => e.from === `a:${mehr.id}`)).toEqual([]);
    expect(c.provenance.summary).toContain('Mehr News Agency carries its own licence notice (Mehr News Agency)');
    expect(c.consensus.length).toBeGreaterThanOrEqual(4);
    // the text counts outlets as the story list does, and draws no arrow from Mehr to itself
    const text = formatComparison(c);
    expect(text).toMatch(/^Comparison of 2 articles from 1 outlet and 1 article of unknown outlet — /);
    expect(text).not.toMatch(/Mehr News Agency → Mehr News Agency/);
    expect(text).toMatch(/licence: Mehr News Agency \(its own notice\)/);
  });
});

describe('a copy with a changed number', () => {
  const original = fixture('wikinews-M0080.txt', 'Wikinews', '2009-06-01T12:00:00.000Z');
  const copied = article(original.paragraphs.join('\n\n').replace('carrying 228 people', 'carrying 229 people'), 'Copycat Daily', {
    headline: original.headline,
    published: '2009-06-01T15:00:00.000Z',
  });

  for (const withRelations of [false, true]) {
    it(`disagrees on the number and is not independent confirmation (${withRelations ? 'dedupe relation given' : 'no relations: passage evidence'})`, () => {
      const c = compareStory([copied, original], withRelations ? { relations: [{ from: copied.id, to: original.id, kind: 'copy', score: 0.97 }] } : {});
      const d = c.disagreements.find((x) => x.kind === 'number' && x.values.some((v) => /228/.test(v.value)));
      expect(d?.values.map((v) => v.value).sort()).toEqual(['228 people', '229 people']);
      expect(d?.values.find((v) => v.value === '229 people')?.sources).toEqual(['Copycat Daily']);
      expect(c.consensus).toEqual([]);
      expect(c.echoed.length).toBeGreaterThan(5);
      expect(c.echoed.every((g) => g.independent === 1 && g.sources.length === 2)).toBe(true);
      const edge = c.provenance.graph.edges.find((e) => e.from === `a:${copied.id}` && e.to === `a:${original.id}`);
      expect(edge?.kind).toBe('copy');
    });
  }
});

describe('passages and per-article comparison (Wikinews)', () => {
  const m0080 = fixture('wikinews-M0080.txt', 'Wikinews', '2009-06-01T00:00:00.000Z');
  const m0086 = fixture('wikinews-M0086.txt', 'Wikinews', '2009-06-06T00:00:00.000Z');
  const c = compareStory([m0086, m0080]);

  it('compares the articles of a single outlet', () => {
    expect(c.by).toBe('article');
    expect(c.sources.map((s) => s.label)).toEqual(['Wikinews wikinews-M0080.txt', 'Wikinews wikinews-M0086.txt']);
  });

  it('finds the ≥ 12-word passages M0086 repeats from M0080, with exact spans', () => {
    const ps = c.provenance.sharedPassages;
    expect(ps.map((p) => p.words).sort()).toEqual([12, 13]);
    for (const p of ps) {
      expect(p.from.articleId).toBe(m0086.id);
      expect(p.to.articleId).toBe(m0080.id);
      expect(m0086.paragraphs.join('\n\n').slice(p.from.start, p.from.end)).toBe(p.text);
    }
    expect(ps.map((p) => p.text)).toContain('vanished from radar approximately 190 miles (306 km) off the Brazilian coast');
    expect(c.provenance.graph.edges).toContainEqual(expect.objectContaining({ from: `a:${m0086.id}`, to: `a:${m0080.id}`, kind: 'shares', words: 25 }));
  });

  it('does not count the repeated sentence as independent confirmation', () => {
    const radio = [...c.consensus, ...c.echoed].find((g) => g.units.some((u) => u.articleId === m0086.id && /last heard via radio/.test(u.text)));
    expect(radio?.independent).toBe(1);
  });
});

describe('bad input', () => {
  it('skips bad items with one message each and compares the rest', () => {
    const good = fixture('wikinews-M0080.txt', 'Wikinews');
    const c = compareStory([good, { id: 'x' } as unknown as Article, null as unknown as Article, good]);
    expect(c.stats.articles).toBe(1);
    expect(c.stats.skipped).toHaveLength(3);
    expect(c.exclusive['Wikinews']?.length).toBeGreaterThan(5);
    expect(compareStory([]).consensus).toEqual([]);
  });
});

describe('grouping rules on Wikinews sentences', () => {
  it('never groups statements about different labelled things ("stage 13" / "stage 15")', () => {
    const a = article('Alexander Vinokourov of Kazakhstan has won stage 13 of the 2007 Tour de France. Michael Rasmussen of Denmark held on to his overall lead, finishing 11th in the stage.', 'A');
    const b = article('Alexandre Vinokourov of Kazakhstan has won stage 15 of the 2007 Tour de France in a time of 5h 34\' 28". Michael Rasmussen of Denmark kept his overall lead by 2\' 23\' over Alberto Contador of Spain.', 'B');
    const c = compareStory([a, b]);
    expect(texts(c.consensus).some((t) => /stage 13/.test(t))).toBe(false);
    expect(texts(c.consensus).some((t) => /held on to his overall lead/.test(t))).toBe(true);
  });

  it('groups two different sentences that give the same specific figure of the same thing', () => {
    const a = article('Air France Flight 447 carrying 228 people from Rio de Janeiro, Brazil to Paris-Charles de Gaulle Airport is reported missing off the Brazilian coast.', 'A');
    const b = article('Air France Flight 447 was an Airbus A330 en route from Rio de Janeiro to Paris, France, with 228 people on board, when it vanished from radar screens after entering an area with severe turbulence.', 'B');
    const c = compareStory([a, b]);
    expect(c.consensus).toHaveLength(1);
    expect(c.consensus[0].units.map((u) => u.source)).toEqual(['A', 'B']);
  });
});

describe('credits', () => {
  it('merges an acronym with the full name and drops hints that name no source', () => {
    const a = article(
      'A US government official said several houses fell into a ravine, as quoted by the Associated Press. "They reported structures down," he said, as quoted by AP. According to Danish news channel TV 2 News, the rest of the team will be allowed to finish the race.',
      'Wikinews',
    );
    const c = compareStory([a]);
    const credited = c.provenance.credits.map((x) => x.credited);
    expect(credited.filter((x) => /^(AP|Associated Press)$/.test(x))).toHaveLength(1);
    expect(credited).not.toContain('Danish');
  });
});
