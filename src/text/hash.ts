/**
 * Small non-cryptographic string hashing shared by the stages that hash text features (dedupe's
 * shingles, the clusterer's feature space).
 */

/**
 * 32-bit FNV-1a of a string (its UTF-16 code units).
 *
 * @example fnv1a('pirate') // → an unsigned 32-bit integer, the same on every run
 */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's 32-bit finaliser: a bijective mixer with full avalanche (FNV's high bits mix poorly). */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
