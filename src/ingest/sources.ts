/**
 * The ingest front door: expand inputs (files, directories, globs, `-` for stdin, http(s) URLs)
 * and yield every item read from them — good or bad — in a deterministic order: inputs in the
 * order given, the files of a directory or glob sorted by path, items in document order.
 *
 * Size policy: a document is held in memory whole and is limited to `maxBytes` (default 20 MiB),
 * which a 50 MB HTML or text file exceeds with a clear reason. A JSON Lines file or stream is the
 * exception: it is read line by line, limited per line only, so a corpus of any size streams through
 * in constant memory. A path given twice (or matched by two globs) is read once.
 */
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { ReadItem } from '../types.js';
import { readDocument } from './document.js';
import { DEFAULT_MAX_BYTES, fetchUrl, formatBytes, type ReadOptions } from './fetch.js';
import { readJsonLine } from './interchange.js';
import { describeFsError, describePathError, expandLocalInput } from './paths.js';

export { readDocument, readText, detectFormat, type DocumentMeta } from './document.js';
export { fetchUrl, privateAddressKind, type ReadOptions, type FetchResult } from './fetch.js';

/** Bytes examined to decide whether an over-size file is JSON Lines. */
const PEEK_BYTES = 64 * 1024;

/**
 * Expand inputs (files, directories recursively, globs, '-', http(s) URLs) and yield every item,
 * good or bad, in a deterministic order (sorted paths).
 *
 * @example for await (const item of readInputs(['samples/', 'https://example.com/feed.xml'])) { … }
 */
export async function* readInputs(inputs: string[], opts: ReadOptions = {}): AsyncGenerator<ReadItem> {
  const seen = new Set<string>();
  for (const input of inputs) {
    if (input === '-') {
      yield* readStream(process.stdin, 'stdin', opts);
      continue;
    }
    if (/^https?:\/\//i.test(input)) {
      yield* readUrl(input, opts);
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
      yield { ok: false, input, reason: `unsupported URL scheme "${input.split(':')[0]}:" (only http and https)` };
      continue;
    }
    const expansion = await expandLocalInput(input);
    if ('error' in expansion) {
      yield { ok: false, input, reason: expansion.error };
      continue;
    }
    for (const file of expansion.files) {
      // The real path identifies a file however it is reached (relative, absolute, through links).
      const key = await fs.realpath(file).catch(() => path.resolve(file));
      if (seen.has(key)) continue;
      seen.add(key);
      yield* readFile(file, opts);
    }
  }
}

async function* readUrl(url: string, opts: ReadOptions): AsyncGenerator<ReadItem> {
  let fetched;
  try {
    fetched = await fetchUrl(url, opts);
  } catch (e) {
    yield { ok: false, input: url, reason: (e as Error).message };
    return;
  }
  yield* readDocument(fetched.bytes, { name: url, contentType: fetched.contentType, url: fetched.finalUrl });
}

/** Read one local file (see the module comment for the size policy). */
export async function* readFile(file: string, opts: ReadOptions = {}): AsyncGenerator<ReadItem> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let size: number;
  try {
    size = (await fs.stat(file)).size;
  } catch (e) {
    yield { ok: false, input: file, reason: await describePathError(file, e) };
    return;
  }
  if (size === 0) {
    yield { ok: false, input: file, reason: 'empty file' };
    return;
  }
  if (size <= maxBytes) {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch (e) {
      yield { ok: false, input: file, reason: describeFsError(e) };
      return;
    }
    yield* readDocument(bytes, { name: file });
    return;
  }
  let head: Buffer;
  try {
    const fh = await fs.open(file, 'r');
    try {
      const buf = Buffer.alloc(Math.min(PEEK_BYTES, size));
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (e) {
    yield { ok: false, input: file, reason: describeFsError(e) };
    return;
  }
  if (!looksLikeJsonLines(head)) {
    yield { ok: false, input: file, reason: `file is ${formatBytes(size)}, larger than the ${formatBytes(maxBytes)} limit for one document` };
    return;
  }
  yield* readJsonLinesStream(createReadStream(file), file, maxBytes);
}

/**
 * True when a document's first bytes are JSON Lines: the first non-blank character is `{` and the
 * first line is a complete JSON object.
 */
export function looksLikeJsonLines(head: Uint8Array): boolean {
  const text = new TextDecoder().decode(head).replace(/^\ufeff/, '');
  const start = text.search(/\S/);
  if (start < 0 || text[start] !== '{') return false;
  const nl = text.indexOf('\n', start);
  if (nl < 0) return false;
  try {
    const v: unknown = JSON.parse(text.slice(start, nl));
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  } catch {
    return false;
  }
}

/**
 * Read JSON Lines from a byte stream, one item per non-blank line, named `name:LINE`. A line longer
 * than `maxBytes` is skipped without being buffered and reported as one failure.
 */
export async function* readJsonLinesStream(stream: AsyncIterable<unknown>, name: string, maxBytes: number): AsyncGenerator<ReadItem> {
  const decoder = new TextDecoder();
  let pending: Buffer[] = [];
  let pendingLen = 0;
  let oversized = false;
  let lineNo = 0;
  const finish = (piece: Buffer): ReadItem | null => {
    lineNo++;
    if (oversized || pendingLen + piece.length > maxBytes) {
      const item: ReadItem = { ok: false, input: `${name}:${lineNo}`, reason: `line is larger than the ${formatBytes(maxBytes)} limit` };
      oversized = false;
      pending = [];
      pendingLen = 0;
      return item;
    }
    const buf = pending.length ? Buffer.concat([...pending, piece]) : piece;
    pending = [];
    pendingLen = 0;
    let line = decoder.decode(buf).trim();
    if (lineNo === 1) line = line.replace(/^\ufeff/, '');
    return line ? readJsonLine(line, `${name}:${lineNo}`) : null;
  };
  for await (const raw of stream) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : (raw as Buffer);
    let start = 0;
    while (start <= chunk.length) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) {
        const rest = chunk.subarray(start);
        if (!oversized) {
          if (pendingLen + rest.length > maxBytes) {
            oversized = true;
            pending = [];
            pendingLen = 0;
          } else if (rest.length) {
            pending.push(rest);
            pendingLen += rest.length;
          }
        }
        break;
      }
      const item = finish(chunk.subarray(start, nl));
      if (item) yield item;
      start = nl + 1;
    }
  }
  if (pendingLen > 0 || oversized) {
    const item = finish(Buffer.alloc(0));
    if (item) yield item;
  }
}

/**
 * Read a byte stream of unknown size (stdin): buffered up to `maxBytes` and read as one document;
 * when it grows past that and is JSON Lines it continues line by line, else it is refused.
 */
export async function* readStream(stream: AsyncIterable<unknown>, name: string, opts: ReadOptions = {}): AsyncGenerator<ReadItem> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const it = stream[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    while (true) {
      const r = await it.next();
      if (r.done) break;
      const chunk = typeof r.value === 'string' ? Buffer.from(r.value) : (r.value as Buffer);
      chunks.push(chunk);
      total += chunk.length;
      if (total > maxBytes) {
        const head = Buffer.concat(chunks).subarray(0, PEEK_BYTES);
        if (!looksLikeJsonLines(head)) {
          await it.return?.();
          yield { ok: false, input: name, reason: `input is larger than the ${formatBytes(maxBytes)} limit for one document` };
          return;
        }
        const rest: AsyncIterable<unknown> = {
          [Symbol.asyncIterator]: () => ({
            next: () => (chunks.length ? Promise.resolve({ done: false, value: chunks.shift() }) : it.next()),
          }),
        };
        yield* readJsonLinesStream(rest, name, maxBytes);
        return;
      }
    }
  } catch (e) {
    yield { ok: false, input: name, reason: `could not read ${name}: ${(e as Error).message}` };
    return;
  }
  const bytes = Buffer.concat(chunks, total);
  yield* readDocument(bytes, { name });
}
