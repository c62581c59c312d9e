import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { textArticle as article } from '../../test/articles.js';
import { extractMentions } from '../entities/extract.js';
import { resolveMentions } from '../entities/resolve.js';
import { attribution, buildUnits, clauses } from './units.js';
import { groupUnits, similarity, unitFeatures } from './group.js';

const root = resolve(import.meta.dirname, '../..');

describe('attribution', () => {
  it('separates who tells from what is told', () => {
    const t = 'Iran and Iraq signed an agreement on Sunday to boost cooperation in a host of military fields, Tasnim news agency reported.';
    const a = attribution(t);
    expect(a.speaker).toBe('Tasnim news agency');
    expect(t.slice(a.spans[0][0])).toBe(', Tasnim news agency reported.');
    expect(attribution('According to CNN, a vessel from the Brazilian navy is to arrive at the scene on Wednesday.').speaker).toBe('CNN');
    expect(attribution('Nelson Jobim, the Brazilian Defence Minister, said that there were no survivors.').speaker).toBe('Nelson Jobim');
    expect(attribution('"A regional and international consensus must be achieved against terrorism and its supporters," Dehqan stressed.').speaker).toBe('Dehqan');
    expect(attribution('Heading a military delegation, Hayali arrived in Tehran on Saturday for an official visit.').spans).toEqual([]);
  });
});

describe('clauses', () => {
  it('cuts at semicolons when both sides are long enough, and keeps short sentences whole', () => {
    const s =
      'According to USGS analyst Dale Grant, this tremor was "the largest quake recorded in this area"; the last strong quake was in 1984, and had a magnitude of 6.7, he noted.';
    expect(clauses(s).map(([a, b]) => s.slice(a, b))).toEqual([
      'According to USGS analyst Dale Grant, this tremor was "the largest quake recorded in this area";',
      'the last strong quake was in 1984, and had a magnitude of 6.7, he noted.',
    ]);
    const short = 'The two plates are converging at a rate of 80 millimeters per year.';
    expect(clauses(short)).toEqual([[0, short.length]]);
  });
});

describe('fact units of the seeds', () => {
  const a000 = article(readFileSync(join(root, 'samples/seeds/000_74bfdcc74ec9356c.txt'), 'utf8').split('\n\n').slice(1).join('\n\n'), null);
  const a004 = article(readFileSync(join(root, 'samples/seeds/004_632889e61b552585.txt'), 'utf8'), 'Tehran Times');
  const mentions = new Map([a000, a004].map((a) => [a.id, extractMentions(a)]));
  const { assignment } = resolveMentions([...mentions.values()].flat(), { storyOf: () => 's' });
  const units = buildUnits([a000, a004], (a) => a.outlet.name ?? a.id, { mentions, entityOf: (m) => assignment.get(m) });

  it('keeps prose, drops the dateline and the licence line, and maps offsets back to the text', () => {
    const t004 = units.filter((u) => u.articleId === a004.id);
    expect(t004[0].text.startsWith('Iran and Iraq signed an initial agreement')).toBe(true);
    expect(t004.some((u) => /licensed under/.test(u.text))).toBe(false);
    for (const u of units) {
      const a = u.articleId === a000.id ? a000 : a004;
      expect(a.paragraphs[u.paragraph].slice(u.start, u.end)).toBe(u.text);
      expect(a.paragraphs.join('\n\n').slice(u.bodyStart, u.bodyEnd)).toBe(u.text);
    }
  });

  it('gives the variant spellings of the Iraqi minister one entity key', () => {
    const hayali = units.find((u) => /Heading a military delegation, Hayali/.test(u.text))!;
    const hiyali = units.find((u) => /Heading a military delegation, al-Hiyali/.test(u.text))!;
    const key = (u: typeof hayali) => u.entities.find((e) => /H[ai]yali/.test(e.name))?.key;
    expect(key(hayali)).toBeDefined();
    expect(key(hayali)).toBe(key(hiyali));
    expect(hayali.dates.map((d) => d.value)).toEqual(['saturday']);
  });

  it('turns demonyms into countries and leaves the attribution out of the features', () => {
    const signing = units.find((u) => u.articleId === a000.id && /signed an agreement on Sunday/.test(u.text))!;
    expect(signing.about).toEqual(expect.arrayContaining(['g:country:IRN', 'g:country:IRQ']));
    expect(signing.speaker).toBe('Tasnim news agency');
    expect(signing.terms).not.toContain('tasnim');
    expect(signing.terms).toEqual(expect.arrayContaining(['sign', 'agreement', 'boost', 'cooper', 'militari']));
  });

  it('scores the two wordings of the signing far above unrelated sentences', () => {
    const feats = units.map(unitFeatures);
    const df = new Map<string, number>();
    for (const f of feats) for (const x of f) df.set(x, (df.get(x) ?? 0) + 1);
    const w = (f: string) => Math.log(1 + units.length / (df.get(f) ?? 1));
    const i = units.findIndex((u) => /signed an agreement on Sunday/.test(u.text));
    const j = units.findIndex((u) => /signed an initial agreement on Sunday/.test(u.text));
    const k = units.findIndex((u) => /independence referendum/.test(u.text));
    expect(similarity(feats[i], feats[j], w)).toBeGreaterThan(0.4);
    expect(similarity(feats[i], feats[k], w)).toBeLessThan(0.15);
    const { groups } = groupUnits(units);
    expect(groups.some((g) => g.includes(i) && g.includes(j))).toBe(true);
    // At most one unit per article in a group.
    for (const g of groups) expect(new Set(g.map((x) => units[x].articleId)).size).toBe(g.length);
  });
});
