import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPlainText } from '../ingest/plaintext.js';
import { finalizeArticle } from '../ingest/finalize.js';
import type { Article } from '../types.js';
import { extractNames, featurize, normalizeNumber, sStem } from './features.js';
import { featureHash } from './vocab.js';

const SEEDS = new URL('../../test/fixtures/seeds/', import.meta.url);

function seed(name: string): Article {
  const item = readPlainText(readFileSync(new URL(name, SEEDS), 'utf8'), name);
  if (!item.ok) throw new Error(item.reason);
  return finalizeArticle(item.draft, '2024-01-01T00:00:00.000Z');
}

function weightOf(f: ReturnType<typeof featurize>, key: string): number | undefined {
  const i = f.keys.indexOf(key);
  return i < 0 ? undefined : f.weights[i];
}

describe('sStem', () => {
  it('folds plurals only', () => {
    expect(sStem('pirates')).toBe('pirate');
    expect(sStem('ministries')).toBe('ministry');
    expect(sStem('cases')).toBe('case');
    expect(sStem('police')).toBe('police');
    expect(sStem('policy')).toBe('policy');
    expect(sStem('status')).toBe('status');
    expect(sStem('glass')).toBe('glass');
    expect(sStem('bus')).toBe('bus');
  });
});

describe('normalizeNumber', () => {
  it('drops thousands separators and ordinal suffixes, keeps the rest', () => {
    expect(normalizeNumber('35,000')).toBe('35000');
    expect(normalizeNumber('13th')).toBe('13');
    expect(normalizeNumber('2.5')).toBe('2.5');
    expect(normalizeNumber('1940s')).toBe('1940s');
  });
});

describe('extractNames', () => {
  it('keeps capitalised words inside sentences, drops unconfirmed sentence starts', () => {
    expect(extractNames('Police said Lindsay Lohan left. Lohan was seen in Malibu.')).toEqual(['lindsay', 'lohan', 'malibu']);
  });

  it('takes nothing from a title-cased line that the body does not confirm', () => {
    const names = extractNames('Lindsay Lohan Checks Into Betty Ford Rehab\nThe actress Lindsay Lohan entered the clinic on Thursday.');
    expect(names).toContain('lohan');
    expect(names).toContain('lindsay');
    expect(names).not.toContain('checks');
    expect(names).not.toContain('rehab');
    expect(names).not.toContain('betty');
  });

  it('finds the people and places of a real report', () => {
    const a = seed('000_74bfdcc74ec9356c.txt');
    const names = extractNames(a.paragraphs.join('\n'));
    for (const n of ['iran', 'iraq', 'dehqan', 'al-hiyali', 'tehran', 'mosul']) expect(names).toContain(n);
    expect(names).not.toContain('the');
    expect(names).not.toContain('speaking'); // sentence-initial, never capitalised mid-sentence
  });
});

describe('featurize', () => {
  const a = seed('000_74bfdcc74ec9356c.txt');
  const b = seed('004_632889e61b552585.txt');

  it('is a pure function of the article', () => {
    expect(featurize(a)).toEqual(featurize(a));
  });

  it('gives words, names and numbers their own namespaces with parallel hashes', () => {
    const f = featurize(a);
    expect(f.keys).toContain('w:agreement');
    expect(f.keys).toContain('n:dehqan');
    expect(f.keys).toContain('w:dehqan'); // a name is also a word: specifics count twice
    expect(new Set(f.keys).size).toBe(f.keys.length);
    expect(f.hashes).toEqual(f.keys.map(featureHash));
    expect(f.weights.every((w) => w > 0)).toBe(true);
  });

  it('weights a headline mention like two body mentions', () => {
    const f = featurize(a); // headline "Iran, Iraq sign MoU to boost defense ties"
    const noHead = featurize({ ...a, headline: null });
    expect(weightOf(f, 'w:mou')).toBeGreaterThan(weightOf(noHead, 'w:mou') ?? 0);
    expect(weightOf(noHead, 'w:mou')).toBeUndefined();
    // A derived headline repeats the first sentence: it is not counted again.
    expect(featurize({ ...a, headlineDerived: true })).toEqual(noHead);
  });

  it('counts numbers and number words as the same feature, with double weight', () => {
    const art = { ...b, id: 'n', headline: 'Navy report', paragraphs: ['Three ships were seized. The navy said 3 ships and 1,200 crew were held.'] };
    const f = featurize(art);
    expect(weightOf(f, '#:3')).toBeCloseTo(2 * (1 + Math.log(2)));
    expect(f.keys).toContain('#:1200');
    expect(f.keys).not.toContain('w:three');
  });

  it('uses injected canonical names instead of the built-in extractor', () => {
    const f = featurize(b, { names: ['Hossein Dehqan', 'hossein  dehqan', 'Iran'] });
    expect(f.names).toEqual(['hossein dehqan', 'iran']);
    expect(f.keys.filter((k) => k.startsWith('n:'))).toEqual(['n:hossein dehqan', 'n:iran']);
  });

  it('reads the publication time, or none', () => {
    expect(featurize({ ...a, published: '2017-07-23T10:00:00.000Z' }).time).toBe(Date.parse('2017-07-23T10:00:00.000Z'));
    expect(featurize(a).time).toBeNull();
  });

  it('survives an article without text', () => {
    const f = featurize({ ...a, headline: null, paragraphs: [] });
    expect(f.keys).toEqual([]);
  });
});

describe('the word-form table', () => {
  it('stays bounded and consistent across more distinct words than it keeps', () => {
    // 150 000 distinct made-up words (more than the table keeps), in one text and then in many.
    const word = (i: number) => {
      let w = 'zq';
      for (let x = i; x > 0 || w.length === 2; x = Math.floor(x / 18)) w += String.fromCharCode(97 + (x % 18)); // a–r: no plural -s
      return w;
    };
    const big = Array.from({ length: 150_000 }, (_, i) => word(i)).join(' ');
    const one = featurize({ id: 'big', headline: null, headlineDerived: false, paragraphs: [big], published: null });
    expect(one.keys.length).toBe(150_000);
    const sample = { id: 's', headline: null, headlineDerived: false, paragraphs: ['Pirates seized the Sukanya off Aden.'], published: null };
    const before = featurize(sample);
    for (let k = 0; k < 30; k++) {
      const chunk = Array.from({ length: 5000 }, (_, i) => word(200_000 + k * 5000 + i)).join(' ');
      featurize({ ...sample, id: `c${k}`, paragraphs: [chunk] });
    }
    expect(featurize(sample)).toEqual(before);
  });

  it('counts one feature once when the word table was emptied while its forms were first read', () => {
    const word = (i: number) => {
      let w = 'zx';
      for (let x = i; x > 0 || w.length === 2; x = Math.floor(x / 18)) w += String.fromCharCode(97 + (x % 18));
      return w;
    };
    const art = (id: string, text: string) => ({ id, headline: 'Report', headlineDerived: false, paragraphs: [text], published: null });
    // Fill the table past its bound: the next text empties it before its own words are read.
    featurize(art('fill', Array.from({ length: 120_000 }, (_, i) => word(i)).join(' ')));
    featurize(art('first', 'A pirate was seen.'));
    // "pirate" (now a known form) and "pirate's" (a new one) are the same feature.
    const f = featurize(art('second', "The pirate's boat and the pirate."));
    expect(f.keys.filter((k) => k === 'w:pirate')).toHaveLength(1);
    expect(f.weights[f.keys.indexOf('w:pirate')]).toBeCloseTo(1 + Math.log(2));
  });
});

describe('featurize without a headline', () => {
  it('lets the lead sentence stand in for the headline', () => {
    const base = { id: 'l', headline: null, headlineDerived: false, published: null };
    const f = featurize({ ...base, paragraphs: ['Pirates seized a tanker. Pirates were seen near the coast later.'] });
    const g = featurize({ ...base, paragraphs: ['Officials met on Monday. Pirates seized a tanker near the coast.'] });
    // "tanker" occurs once in each; in the lead it counts as two occurrences, like a headline mention.
    const w = (x: typeof f, k: string) => x.weights[x.keys.indexOf(k)];
    expect(w(f, 'w:tanker')).toBeCloseTo(1 + Math.log(2));
    expect(w(g, 'w:tanker')).toBeCloseTo(1);
  });
});
