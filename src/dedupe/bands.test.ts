import { describe, expect, it } from 'vitest';
import { BandIndex } from './bands.js';

describe('BandIndex', () => {
  it('returns exactly the documents posted in a (band, key) bucket, through growth and clearing', () => {
    const b = new BandIndex(16);
    // 20,000 entries (the table starts at 4,096 and grows three times); keys repeat across bands
    // and collide within a band, so chains mix entries of other buckets that must be skipped
    const expected = new Map<string, number[]>();
    for (let doc = 0; doc < 5000; doc++) {
      for (let band = 0; band < 4; band++) {
        const key = (doc % 97) * 0x01000193 + (band === 3 ? 0x80000000 : 0); // some keys above 2^31
        b.add(band, key >>> 0, doc);
        const k = `${band}:${key >>> 0}`;
        (expected.get(k) ?? expected.set(k, []).get(k)!).push(doc);
      }
    }
    expect(b.size).toBe(20_000);
    for (const [k, docs] of expected) {
      const [band, key] = k.split(':').map(Number);
      const got: number[] = [];
      b.forEach(band, key, (d) => got.push(d));
      expect(got).toEqual([...docs].reverse()); // latest first
    }
    const none: number[] = [];
    b.forEach(5, 1, (d) => none.push(d));
    expect(none).toEqual([]);
    b.clear();
    b.forEach(0, 0, (d) => none.push(d));
    expect(none).toEqual([]);
    b.add(0, 0, 7);
    b.forEach(0, 0, (d) => none.push(d));
    expect(none).toEqual([7]);
  });
});
