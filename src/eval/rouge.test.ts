import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { porterStem, round5, rouge, rougeTokens } from './rouge.js';

/** ../shared beside the checkout (CI's layout), else the development machine's /work/shared. */
const ML = [resolve('../shared/data/multiling2011-en'), '/work/shared/data/multiling2011-en'].find((p) => existsSync(p)) ?? '';

describe('ROUGE-1.5.5 tokenisation and counting', () => {
  it('lower-cases, splits off hyphens and blanks other punctuation', () => {
    expect(rougeTokens(['The U.S.-led "coalition" won 3,197 votes.', '', 'Café au lait'])).toEqual([
      'the', 'u', 's', '-', 'led', 'coalition', 'won', '3', '197', 'votes', 'caf', 'au', 'lait',
    ]);
  });

  it('counts clipped unigram and bigram hits (hand-computed)', () => {
    // peer unigrams: the×2 cat sat on mat (6); reference: the×2 cat was on mat (6); hits 2+1+1+1 = 5
    // bigrams: "the cat","on the","the mat" shared of 5 each → 3 hits
    const s = rouge(['The cat sat on the mat.'], [['The cat was on the mat.']]);
    expect(s.rouge1).toMatchObject({ hits: 5, referenceGrams: 6, peerGrams: 6, recall: 0.83333, precision: 0.83333 });
    expect(s.rouge2).toMatchObject({ hits: 3, referenceGrams: 5, peerGrams: 5, recall: 0.6, precision: 0.6, f: 0.6 });
  });

  it('counts skip-bigrams with gap ≤ 4 plus all unigrams but the last (-2 4 -u)', () => {
    // peer "a b c": unigrams a, b (not c) + pairs ab ac bc = 5 grams.
    // reference "a c": unigram a + pair ac = 2 grams. Hits: a, ac = 2.
    const s = rouge(['a b c'], [['a c']]);
    expect(s.rougeSU4).toMatchObject({ hits: 2, referenceGrams: 2, peerGrams: 5, recall: 1, precision: 0.4 });
    // gap: in "a x1 x2 x3 x4 x5 b" a and b are 5 apart → no "a b" pair; with 4 between they pair.
    const far = rouge(['a q w e r t b'], [['a b']]).rougeSU4;
    const near = rouge(['a q w e r b'], [['a b']]).rougeSU4;
    expect(far.hits).toBe(1);
    expect(near.hits).toBe(2);
  });

  it('n-grams run across lines and over dropped hyphen tokens', () => {
    const s = rouge(['well-known', 'fact'], [['well known fact']]);
    expect(s.rouge2).toMatchObject({ hits: 2, referenceGrams: 2, peerGrams: 2 });
  });

  it('sums counts over references (-f A) rather than averaging scores', () => {
    const s = rouge(['a b c d'], [['a b'], ['a b c d e f g h']]);
    // unigrams: ref1 hits 2 of 2, ref2 hits 4 of 8 → (2+4)/(2+8) = 0.6, not mean(1, 0.5) = 0.75
    expect(s.rouge1.recall).toBe(0.6);
    expect(s.rouge1.peerGrams).toBe(8);
    const best = rouge(['a b c d'], [['a b'], ['a b c d e f g h']], { scoring: 'B' });
    expect(best.rouge1.recall).toBe(1);
  });

  it('jackknifing averages the leave-one-out scores', () => {
    const refs = [['a b'], ['a b c d e f g h'], ['c d x']];
    const jk = rouge(['a b c d'], refs, { jackknife: true }).rouge1;
    const loo = [0, 1, 2].map((k) => rouge(['a b c d'], refs.filter((_, j) => j !== k)).rouge1.recall);
    expect(jk.recall).toBeCloseTo((loo[0] + loo[1] + loo[2]) / 3, 5);
    expect(jk.recall).not.toBe(rouge(['a b c d'], refs).rouge1.recall);
  });

  it('truncates peers and references to the word limit (-l)', () => {
    const s = rouge(['one two three four five six'], [['one two three four five six']], { wordLimit: 3 });
    expect(s.rouge1).toMatchObject({ hits: 3, referenceGrams: 3, peerGrams: 3 });
  });

  it('rounds like C printf: exact binary value, ties to even', () => {
    expect(round5(9 / 64)).toBe(0.14062); // 0.140625 exactly
    expect(round5(0.140635)).toBe(0.14064); // not a tie in binary: 0.14063500000000000556
    expect(round5(1 / 3)).toBe(0.33333);
  });

  it('stems with the Porter algorithm (Perl reference outputs)', () => {
    const pairs: [string, string][] = [
      ['caresses', 'caress'], ['ponies', 'poni'], ['cats', 'cat'], ['agreed', 'agre'], ['plastered', 'plaster'],
      ['motoring', 'motor'], ['conflated', 'conflat'], ['hopping', 'hop'], ['filing', 'file'], ['happy', 'happi'],
      ['relational', 'relat'], ['generalizations', 'gener'], ['oscillators', 'oscil'], ['electricity', 'electr'],
      ['hopeful', 'hope'], ['goodness', 'good'], ['allowance', 'allow'], ['adjustment', 'adjust'],
      ['adoption', 'adopt'], ['effective', 'effect'], ['cease', 'ceas'], ['controlling', 'control'], ['roll', 'roll'],
      ['yelling', 'yell'], ['ministers', 'minist'],
    ];
    for (const [w, s] of pairs) expect(porterStem(w), w).toBe(s);
    const stemmed = rouge(['ministers signed'], [['minister signs']], { stem: true });
    expect(stemmed.rouge2.hits).toBe(1);
    expect(rouge(['ministers signed'], [['minister signs']]).rouge2.hits).toBe(0);
  });
});

interface Peer { system: string; id: string; summary: string }

describe.skipIf(!existsSync(`${ML}/published-rouge-english.txt`))('MultiLing 2011 published ROUGE-1.5.5 figures', () => {
  it('reproduces every per-topic R, P and F of all ten systems', () => {
    const order = ['M002', 'M003', 'M001', 'M000', 'M007', 'M005', 'M004', 'M006', 'M008', 'M009'];
    const published = new Map<string, [number, number, number]>();
    for (const line of readFileSync(`${ML}/published-rouge-english.txt`, 'utf8').split('\n')) {
      const m = /^(\S+) ROUGE-(1|2|SU4) Eval (\d+)\.\S+ R:([\d.]+) P:([\d.]+) F:([\d.]+)/.exec(line);
      if (m) published.set(`${m[1]} ${m[2]} ${order[Number(m[3]) - 1]}`, [Number(m[4]), Number(m[5]), Number(m[6])]);
    }
    expect(published.size).toBe(300);
    const refs = new Map<string, string[][]>();
    for (const line of readFileSync(`${ML}/clusters.jsonl`, 'utf8').trim().split('\n')) {
      const c = JSON.parse(line) as { id: string; references: Record<string, string> };
      refs.set(c.id, Object.keys(c.references).sort().map((k) => c.references[k].split('\n')));
    }
    const peers = readFileSync(`${ML}/peers.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Peer);
    expect(peers.length).toBe(100);
    let compared = 0;
    for (const p of peers) {
      const s = rouge(p.summary.split('\n'), refs.get(p.id)!);
      for (const [name, v] of [['1', s.rouge1], ['2', s.rouge2], ['SU4', s.rougeSU4]] as const) {
        const exp = published.get(`${p.system} ${name} ${p.id}`)!;
        const key = `${p.system} ROUGE-${name} ${p.id}`;
        expect(Math.abs(v.recall - exp[0]), key).toBeLessThan(0.000005);
        expect(Math.abs(v.precision - exp[1]), key).toBeLessThan(0.000005);
        expect(Math.abs(v.f - exp[2]), key).toBeLessThan(0.000005);
        compared++;
      }
    }
    expect(compared).toBe(300);
  });
});
