/**
 * Bytes → text without mojibake, and binary-file sniffing.
 *
 * The character set is decided in the order browsers and feed readers use, so a document is read
 * the way its publisher's readers saw it:
 *
 * 1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) — unambiguous, it wins over any label;
 * 2. the HTTP `Content-Type: …; charset=` label;
 * 3. the document's own declaration: `<meta charset>` / `<meta http-equiv=Content-Type>` or the
 *    XML declaration's `encoding=`, looked for in the first {@link PRESCAN_BYTES} bytes;
 * 4. UTF-16 without a BOM, recognised by its pattern of zero bytes (chardet cannot see it);
 * 5. valid UTF-8 (which includes pure ASCII) — a legacy 8-bit text almost never forms valid
 *    multi-byte UTF-8 sequences by accident, so validity is strong evidence;
 * 6. statistical detection with `chardet`.
 *
 * Labels are mapped the way the WHATWG Encoding Standard maps them (ISO-8859-1, Latin-1 and ASCII
 * all mean windows-1252, ISO-8859-9 means windows-1254, …), because that is what every browser does
 * and publishers who declare Latin-1 routinely use the windows-1252 quotes and dashes. A declared
 * UTF-8 whose bytes are not valid UTF-8 is a mislabel (common on old CMSs): it falls through to
 * detection instead of producing U+FFFD replacement characters. An unknown label is ignored.
 */
import iconv from 'iconv-lite';
import chardet from 'chardet';

/** How many leading bytes are searched for an in-document charset declaration (HTML's prescan uses 1024; CMS headers can be longer). */
export const PRESCAN_BYTES = 4096;

/** Where the chosen encoding came from. */
export type CharsetSource = 'bom' | 'http' | 'declared' | 'utf16-pattern' | 'utf8' | 'detected';

/** @example { text: 'café', encoding: 'windows-1252', source: 'detected' } */
export interface DecodedText {
  text: string;
  /** The encoding used, as an iconv-lite / WHATWG name. */
  encoding: string;
  source: CharsetSource;
}

/** WHATWG label aliases that differ from the literal codec (Encoding Standard §4.2). */
const WHATWG_ALIASES: Readonly<Record<string, string>> = {
  'iso-8859-1': 'windows-1252', iso88591: 'windows-1252', 'iso_8859-1': 'windows-1252', latin1: 'windows-1252',
  l1: 'windows-1252', ascii: 'windows-1252', 'us-ascii': 'windows-1252', cp1252: 'windows-1252', 'x-cp1252': 'windows-1252',
  'cp819': 'windows-1252', 'ibm819': 'windows-1252', 'iso-ir-100': 'windows-1252', 'ansi_x3.4-1968': 'windows-1252',
  'iso-8859-9': 'windows-1254', latin5: 'windows-1254', l5: 'windows-1254', 'iso-8859-11': 'windows-874', 'tis-620': 'windows-874',
  gb2312: 'gbk', 'x-gbk': 'gbk', 'ks_c_5601-1987': 'cp949', 'euc-kr': 'cp949', 'x-sjis': 'shift_jis', 'ms932': 'shift_jis',
  'windows-31j': 'shift_jis', 'utf8': 'utf-8', 'unicode-1-1-utf-8': 'utf-8', 'x-mac-roman': 'macintosh',
};

/** Normalise a charset label to a codec name iconv-lite can decode, or null when unknown. */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!l) return null;
  const name = WHATWG_ALIASES[l] ?? l;
  return iconv.encodingExists(name) ? name : null;
}

/** The `charset` parameter of a Content-Type value. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
  return m ? m[2] : null;
}

/** Charset declared inside the first bytes of an HTML or XML document, if any. */
export function declaredCharset(bytes: Uint8Array): string | null {
  // Latin-1 view of the prefix: every ASCII-compatible encoding keeps the declaration's bytes as is.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, PRESCAN_BYTES)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1];
  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return meta ? meta[1] : null;
}

/** BOM → [encoding, BOM length]. UTF-32 is tested before UTF-16 because FF FE 00 00 starts with FF FE. */
function bomOf(b: Uint8Array): [string, number] | null {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return ['utf-8', 3];
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return ['utf-32le', 4];
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return ['utf-32be', 4];
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return ['utf-16le', 2];
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return ['utf-16be', 2];
  return null;
}

/**
 * UTF-16 without BOM: text in Latin or most other scripts has a zero high byte in a large share of
 * its code units and an almost zero-free other half. Threshold: ≥ 30 % zeros on one parity and
 * < 5 % on the other, over the first 4 KiB — far from anything an 8-bit text or UTF-8 produces
 * (they contain no zero bytes at all).
 */
function utf16Pattern(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 8) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZeros++;
    if (b[i + 1] === 0) oddZeros++;
  }
  const half = n / 2;
  if (oddZeros / half >= 0.3 && evenZeros / half < 0.05) return 'utf-16le';
  if (evenZeros / half >= 0.3 && oddZeros / half < 0.05) return 'utf-16be';
  return null;
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeWith(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'utf-8') return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), encoding, { stripBOM: false });
}

/**
 * Decode a document's bytes. Throws an Error with a one-line reason when no encoding gives text
 * (see {@link checkDecoded}).
 *
 * @example decodeBytes(iconv.encode('café', 'windows-1252')).text // 'café'
 */
export function decodeBytes(bytes: Uint8Array, opts: { contentType?: string | null } = {}): DecodedText {
  const bom = bomOf(bytes);
  if (bom) return checkDecoded({ text: decodeWith(bytes.subarray(bom[1]), bom[0]), encoding: bom[0], source: 'bom' });

  const utf16 = utf16Pattern(bytes);
  const candidates: [string | null, CharsetSource][] = [
    [normalizeCharset(charsetFromContentType(opts.contentType)), 'http'],
    // A UTF-16 label inside an ASCII-compatible prescan is impossible (HTML spec: treat as UTF-8).
    [utf16 ? null : normalizeCharset(declaredCharset(bytes)), 'declared'],
  ];
  for (const [enc, source] of candidates) {
    if (!enc) continue;
    if (enc === 'utf-8') {
      const t = tryUtf8(bytes);
      if (t !== null) return checkDecoded({ text: t, encoding: 'utf-8', source });
      continue; // mislabelled: fall through to detection
    }
    if (/^utf-?16/.test(enc) && !utf16) continue; // label says UTF-16, bytes say otherwise
    return checkDecoded({ text: decodeWith(bytes, enc), encoding: enc, source });
  }
  if (utf16) return checkDecoded({ text: decodeWith(bytes, utf16), encoding: utf16, source: 'utf16-pattern' });
  const t = tryUtf8(bytes);
  if (t !== null) return checkDecoded({ text: t, encoding: 'utf-8', source: 'utf8' });
  const detected = normalizeCharset(chardet.detect(bytes.subarray(0, 65536))) ?? 'windows-1252';
  return checkDecoded({ text: decodeWith(bytes, detected), encoding: detected, source: 'detected' });
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8Fatal.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Reject decodings that are not text: more than 1 % replacement characters or C0 control
 * characters (other than tab, newline, carriage return, form feed) means the bytes were not text
 * in the chosen encoding. 1 % tolerates a stray bad byte in a long article.
 */
function checkDecoded(d: DecodedText): DecodedText {
  const sample = d.text.length > 65536 ? d.text.slice(0, 65536) : d.text;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0xfffd || (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) bad++;
  }
  if (sample.length > 0 && bad / sample.length > 0.01) {
    throw new Error(`cannot decode the text: ${bad} of the first ${sample.length} characters are invalid in ${d.encoding}`);
  }
  return d;
}

/** Magic numbers of common binary formats, so the failure message can say what the file is. */
const MAGIC: readonly [number[], string, number?][] = [
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'a PDF document'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (or an Office document)'],
  [[0x1f, 0x8b], 'a gzip-compressed file'],
  [[0x42, 0x5a, 0x68], 'a bzip2-compressed file'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'an xz-compressed file'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'a 7-Zip archive'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old Microsoft Office document'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an executable (ELF)'],
  [[0x4d, 0x5a], 'an executable (Windows)'],
  [[0x52, 0x49, 0x46, 0x46], 'a RIFF media file (WAV/AVI/WebP)'],
  [[0x4f, 0x67, 0x67, 0x53], 'an Ogg media file'],
  [[0x49, 0x44, 0x33], 'an MP3 audio file'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], 'an SQLite database'],
  [[0x00, 0x61, 0x73, 0x6d], 'a WebAssembly module'],
  [[0x66, 0x74, 0x79, 0x70], 'an MP4/QuickTime media file', 4],
];

/**
 * Why these bytes are not a text document, or null when they may be text. Checks magic numbers,
 * then NUL bytes (never present in 8-bit or UTF-8 text; UTF-16 is recognised first), then the
 * share of C0 control bytes in the first 8 KiB (> 10 %: text has almost none).
 */
export function binaryReason(bytes: Uint8Array): string | null {
  if (bomOf(bytes)) return null;
  for (const [sig, what, at = 0] of MAGIC) {
    if (bytes.length >= at + sig.length && sig.every((v, i) => bytes[at + i] === v)) return `binary file (${what}), not a text document`;
  }
  if (utf16Pattern(bytes)) return null;
  const n = Math.min(bytes.length, 8192);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const c = bytes[i];
    if (c === 0) return 'binary file (contains NUL bytes), not a text document';
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 0x1b) controls++;
  }
  if (n > 0 && controls / n > 0.1) return 'binary file (mostly control bytes), not a text document';
  return null;
}
