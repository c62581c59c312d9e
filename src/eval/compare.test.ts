import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { covers, evalCompare, formatCompareEval, loadCompareSet, scoreStory, type LabelledStory } from './compare.js';
import type { Comparison, FactGroup, UnitRef } from '../compare/types.js';

const dir = join(resolve(import.meta.dirname, '../..'), 'data/compare');

describe('the labelled comparison set', () => {
  const { stories, problems } = loadCompareSet(dir);

  it('loads seven stories whose every quote is found in its article', () => {
    expect(problems).toEqual([]);
    expect(stories.map((s) => s.labels.id)).toEqual([
      'seeds-iran-iraq',
      'airfrance-447',
      'haiti-2010',
      'tsunami-2004',
      'chile-2010',
      'london-2005',
      'tour-2007',
    ]);
    expect(stories.reduce((n, s) => n + s.articles.length, 0)).toBe(22);
    // Scoring resolves every reference; a quote that is not verbatim would be reported here.
    const p: string[] = [];
    for (const s of stories) scoreStory(s, emptyComparison(), p);
    expect(p).toEqual([]);
  });

  it('scores the seeds story: signing etc. in consensus, the Hiyali/Hayali spelling, both credits', () => {
    const seeds = stories.filter((s) => s.labels.id === 'seeds-iran-iraq');
    const r = evalCompare(seeds);
    const s = r.stories[0];
    expect(s.consensus.found).toBeGreaterThanOrEqual(4);
    expect(s.consensus.precision).toBeGreaterThanOrEqual(0.8);
    expect(s.disagreements).toMatchObject({ found: 1, labels: 1, correct: 1 });
    expect(s.credits).toMatchObject({ found: 2, labels: 2 });
    expect(formatCompareEval(r)).toMatch(/seeds-iran-iraq/);
  });
});

function emptyComparison(): Comparison {
  return {
    by: 'outlet',
    sources: [],
    consensus: [],
    exclusive: {},
    echoed: [],
    disagreements: [],
    provenance: { credits: [], sharedPassages: [], graph: { nodes: [], edges: [] }, origins: [], summary: [] },
    stats: { articles: 0, units: 0, groups: 0, skipped: [] },
  };
}

describe('matching rule', () => {
  const { stories } = loadCompareSet(dir);
  const seeds = stories.find((s) => s.labels.id === 'seeds-iran-iraq') as LabelledStory;
  const [a0, a4] = seeds.articles;
  /** A unit ref spanning the first occurrence of `text` in an article. */
  const unit = (articleId: string, paragraphs: string[], text: string): UnitRef => {
    const p = paragraphs.findIndex((x) => x.includes(text));
    const start = paragraphs[p].indexOf(text);
    return { unit: `${articleId}:${start}`, articleId, source: articleId, text, paragraph: p, start, end: start + text.length };
  };
  const group = (units: UnitRef[]): FactGroup => ({
    id: 'g',
    text: units[0].text,
    units,
    sources: [...new Set(units.map((u) => u.source))],
    articles: [...new Set(units.map((u) => u.articleId))],
    independentSources: units.map((u) => [u.source]),
    independent: units.length,
    disputed: false,
  });

  it('covers a reference when the spans overlap by half of the shorter one', () => {
    const u = unit(a0.id, a0.paragraphs, 'Iran and Iraq signed an agreement on Sunday to boost cooperation in a host of military fields');
    expect(covers(u, { articleId: a0.id, paragraph: u.paragraph, start: u.start + 10, end: u.start + 30 })).toBe(true);
    expect(covers(u, { articleId: a0.id, paragraph: u.paragraph, start: u.end - 5, end: u.end + 200 })).toBe(false);
    expect(covers(u, { articleId: a4.id, paragraph: u.paragraph, start: u.start, end: u.end })).toBe(false);
  });

  it('counts a consensus group correct when it covers a label in two articles, unjudged when it covers only ignored quotes', () => {
    const c = emptyComparison();
    const signing = group([
      unit(a0.id, a0.paragraphs, 'Iran and Iraq signed an agreement on Sunday to boost cooperation in a host of military fields, Tasnim news agency reported.'),
      unit(a4.id, a4.paragraphs, 'Iran and Iraq signed an initial agreement on Sunday to boost military cooperation in various areas, including counterterrorism efforts.'),
    ]);
    const unity = group([
      unit(a0.id, a0.paragraphs, 'National unity and integrity in Iraq would guarantee stability'),
      unit(a4.id, a4.paragraphs, 'Shamkhani, for his part, noted that the Arab country’s territorial unity'),
    ]);
    const wrong = group([
      unit(a0.id, a0.paragraphs, 'A regional and international consensus must be achieved against terrorism and its supporters'),
      unit(a4.id, a4.paragraphs, 'ties between Iran and Iraq need to be expanded'),
    ]);
    c.consensus = [signing, unity, wrong];
    const s = scoreStory(seeds, c, []);
    expect(s.consensus).toMatchObject({ correct: 1, system: 2, unjudged: 1, found: 1, labels: seeds.labels.consensus.length });
    expect(s.consensus.precision).toBe(0.5);
  });

  it('matches a disagreement when two labelled values are found in two articles', () => {
    const c = emptyComparison();
    const ref = (aid: string, text: string) => unit(aid, aid === a0.id ? a0.paragraphs : a4.paragraphs, text);
    c.disagreements = [
      {
        kind: 'name',
        slot: 'Erfan Mahmoud al-Hayali',
        group: null,
        compatible: true,
        values: [
          { value: 'Hiyali', sources: [a0.id], articles: [a0.id], quotes: [ref(a0.id, 'Erfan al-Hiyali')] },
          { value: 'Hayali', sources: ['Tehran Times'], articles: [a4.id], quotes: [ref(a4.id, 'al-Hayali')] },
        ],
      },
      { kind: 'name', slot: 'x', group: null, compatible: true, values: [{ value: 'Hiyali', sources: [a0.id], articles: [a0.id], quotes: [] }, { value: 'Hayali', sources: [a0.id], articles: [a0.id], quotes: [] }] },
    ];
    const s = scoreStory(seeds, c, []);
    expect(s.disagreements).toMatchObject({ correct: 1, system: 2, found: 1, labels: 1 });
  });
});
