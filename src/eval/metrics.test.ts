import { describe, expect, it } from 'vitest';
import { bcubed, pairwise } from './metrics.js';

const map = (o: Record<string, string>) => new Map(Object.entries(o));

describe('B-cubed', () => {
  it('is perfect for the gold partition, whatever the labels are called', () => {
    const gold = map({ a: 'x', b: 'x', c: 'y' });
    expect(bcubed(map({ a: '1', b: '1', c: '2' }), gold)).toEqual({ p: 1, r: 1, f1: 1 });
  });

  it('matches the hand computation of Bagga & Baldwin', () => {
    // Gold {a,b,c} {d,e}; predicted {a,b} {c,d,e}.
    // Precision: a,b 2/2; c 1/3; d,e 2/3 → (1+1+1/3+2/3+2/3)/5 = 11/15.
    // Recall:    a,b 2/3; c 1/3; d,e 2/2 → (2/3+2/3+1/3+1+1)/5 = 11/15.
    const r = bcubed(map({ a: '1', b: '1', c: '2', d: '2', e: '2' }), map({ a: 'x', b: 'x', c: 'x', d: 'y', e: 'y' }));
    expect(r.p).toBeCloseTo(11 / 15);
    expect(r.r).toBeCloseTo(11 / 15);
    expect(r.f1).toBeCloseTo(11 / 15);
  });

  it('scores all-singletons and all-in-one as the two extremes', () => {
    const gold = map({ a: 'x', b: 'x', c: 'y', d: 'y' });
    expect(bcubed(map({ a: '1', b: '2', c: '3', d: '4' }), gold)).toMatchObject({ p: 1, r: 0.5 });
    expect(bcubed(map({ a: '1', b: '1', c: '1', d: '1' }), gold)).toMatchObject({ p: 0.5, r: 1 });
  });

  it('scores only items present in both maps', () => {
    const r = bcubed(map({ a: '1', b: '1', z: '1' }), map({ a: 'x', b: 'x', q: 'y' }));
    expect(r).toEqual({ p: 1, r: 1, f1: 1 });
    expect(bcubed(new Map(), map({ a: 'x' }))).toEqual({ p: 0, r: 0, f1: 0 });
  });
});

describe('pairwise', () => {
  it('counts pairs together in both partitions', () => {
    // Gold pairs: ab ac bc de (4). Predicted pairs: ab cd ce de (4). Shared: ab de (2).
    const r = pairwise(map({ a: '1', b: '1', c: '2', d: '2', e: '2' }), map({ a: 'x', b: 'x', c: 'x', d: 'y', e: 'y' }));
    expect(r.p).toBeCloseTo(0.5);
    expect(r.r).toBeCloseTo(0.5);
  });

  it('takes precision 1 when nothing is claimed together', () => {
    expect(pairwise(map({ a: '1', b: '2' }), map({ a: 'x', b: 'x' }))).toEqual({ p: 1, r: 0, f1: 0 });
  });
});
