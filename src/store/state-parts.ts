/**
 * Stage state written and read in parts, so that no single JSON string holds a whole stage.
 *
 * Why: the stage state (dedupe window, clusterer, entity resolver) grows with the store — about
 * 5 KB per article on news text, mostly the entity resolver. Serialised as one JSON string it
 * would pass V8's longest string (2^29 − 24 characters, ~537 MB) at roughly a hundred thousand
 * articles, and every checkpoint from then on would fail; long before that, the one string and
 * its parse tree double the memory a checkpoint needs. Here every large array in the top levels
 * of the state is cut into parts of {@link PART_ITEMS} elements, each serialised on its own and
 * handed to the caller one at a time (the store writes it straight into its own row), so the
 * longest string is one part.
 *
 * Format: the *skeleton* is the state with each large array replaced by `{"$parts": [first,
 * last]}` (part numbers, inclusive); part `n` is the JSON of a slice of that array. Arrays are
 * looked for in plain objects down to {@link SPILL_DEPTH} levels (where the stages keep their
 * collections: `entities.nodes`, `dedupe.docs`, `cluster.stories`, `cluster.vocab.df`); an array
 * inside an array element is kept inline. A state without large arrays is its skeleton alone,
 * i.e. plain JSON, which is also how states saved before parts existed read back.
 *
 * @example
 * const parts: string[] = [];
 * const skeleton = writeParts({ docs: bigArray }, (n, json) => { parts[n] = json; });
 * readParts(skeleton, (n) => parts[n]);   // deep-equal to { docs: bigArray }
 */

/** Elements per part. Small enough that a part of large elements stays a few MB. */
export const PART_ITEMS = 2_000;
/** Levels of plain objects searched for large arrays. */
export const SPILL_DEPTH = 4;

const MARK = '$parts';

/**
 * Serialise `state`: each part is passed to `emit(n, json)` as it is made (numbered from 0);
 * returns the skeleton JSON.
 */
export function writeParts(state: unknown, emit: (n: number, json: string) => void, partItems = PART_ITEMS): string {
  let next = 0;
  const spill = (v: unknown, depth: number): unknown => {
    if (Array.isArray(v)) {
      if (v.length <= partItems) return v;
      const first = next;
      for (let i = 0; i < v.length; i += partItems) emit(next++, JSON.stringify(v.slice(i, i + partItems)));
      return { [MARK]: [first, next - 1] };
    }
    if (depth >= SPILL_DEPTH || !isPlainObject(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = spill(x, depth + 1);
    return out;
  };
  return JSON.stringify(spill(state, 0));
}

/**
 * Rebuild a state from its skeleton JSON; `part(n)` returns the JSON of part `n` (parts are asked
 * for in increasing order). Throws when a part is missing.
 */
export function readParts(skeleton: string, part: (n: number) => string | undefined): unknown {
  const fill = (v: unknown, depth: number): unknown => {
    if (!isPlainObject(v) || depth > SPILL_DEPTH) return v;
    const range = v[MARK];
    if (Array.isArray(range) && Object.keys(v).length === 1) {
      const out: unknown[] = [];
      for (let n = range[0] as number; n <= (range[1] as number); n++) {
        const json = part(n);
        if (json === undefined) throw new Error(`stage state part ${n} is missing`);
        for (const x of JSON.parse(json) as unknown[]) out.push(x);
      }
      return out;
    }
    for (const k of Object.keys(v)) v[k] = fill(v[k], depth + 1);
    return v;
  };
  return fill(JSON.parse(skeleton), 0);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
}
