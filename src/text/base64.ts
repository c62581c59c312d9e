/**
 * Typed arrays in stage states, as base64 of their bytes (little-endian, the byte order of every
 * platform Node runs on): a quarter to a half of the length of a JSON array of the numbers, and
 * read back without parsing a number.
 *
 * @example
 * const s = typedToBase64(new Uint32Array([1, 2]));   // 'AQAAAAIAAAA='
 * typedFromBase64(s, Uint32Array);                     // Uint32Array [1, 2]
 */

type Typed = Uint32Array | Int32Array | Float32Array;

/** Base64 of the bytes of `a`. */
export function typedToBase64(a: Typed): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

/** The array `typedToBase64` encoded, or null when `b64` is not a string of whole elements. */
export function typedFromBase64<T extends Typed>(b64: unknown, Kind: { new (n: number): T; BYTES_PER_ELEMENT: number }): T | null {
  if (typeof b64 !== 'string') return null;
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length % Kind.BYTES_PER_ELEMENT !== 0) return null;
  // copied into a buffer of its own: a Buffer's memory may be an unaligned slice of a shared pool
  const out = new Kind(bytes.length / Kind.BYTES_PER_ELEMENT);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
