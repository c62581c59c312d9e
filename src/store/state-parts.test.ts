import { describe, expect, it } from 'vitest';
import { readParts, writeParts } from './state-parts.js';

/** A state shaped like the story stage's: collections a few levels down, small arrays inline. */
function stageState(n: number) {
  return {
    dedupe: { version: 1, hashes: Array.from({ length: n }, (_, i) => [`h${i}`, `a${i}`]), docs: Array.from({ length: n }, (_, i) => ({ id: `a${i}`, size: i, sig: [i, i + 1, i + 2] })) },
    cluster: { version: 1, vocab: { docs: n, df: Array.from({ length: 3 * n }, (_, i) => i % 7) }, stories: [{ id: 's', members: ['a0', 'a1'] }] },
    entities: { nodes: Array.from({ length: n }, (_, i) => ({ id: `e${i}`, forms: [`Name ${i}`] })), redirects: [] },
  };
}

describe('stage state in parts', () => {
  it('cuts every large collection into parts no longer than the part size and reads the same state back', () => {
    const state = stageState(25);
    const parts: string[] = [];
    const skeleton = writeParts(state, (n, json) => (parts[n] = json), 10);
    // dedupe.hashes (3 parts), dedupe.docs (3), vocab.df (8), entities.nodes (3); stories stay inline.
    expect(parts).toHaveLength(17);
    for (const p of parts) expect((JSON.parse(p) as unknown[]).length).toBeLessThanOrEqual(10);
    expect(skeleton.length).toBeLessThan(JSON.stringify(state).length / 4);
    expect(JSON.parse(skeleton).cluster.stories).toEqual(state.cluster.stories);
    expect(readParts(skeleton, (n) => parts[n])).toEqual(state);
  });

  it('writes a state without large arrays as plain JSON (how states saved before parts read back)', () => {
    const state = stageState(3);
    const emitted: number[] = [];
    const skeleton = writeParts(state, (n) => emitted.push(n), 10);
    expect(emitted).toEqual([]);
    expect(skeleton).toBe(JSON.stringify(state));
    expect(readParts(JSON.stringify(state), () => undefined)).toEqual(state);
  });

  it('names the missing part instead of returning a truncated state', () => {
    const parts: string[] = [];
    const skeleton = writeParts(stageState(25), (n, json) => (parts[n] = json), 10);
    expect(() => readParts(skeleton, (n) => (n === 4 ? undefined : parts[n]))).toThrow('stage state part 4 is missing');
  });
});
