/**
 * One document in memory → read items: refuse binaries, decode the character set, recognise the
 * format by content, and hand over to the format's reader.
 *
 * Format by content, because file names and server headers lie (feeds served as text/html, HTML
 * saved as .txt): a document whose first element is `<rss>`, `<feed>` or `<rdf:RDF>` is a feed; any
 * other markup (a doctype, `<html>`, or a fragment starting with a tag) is HTML; one starting with
 * `{` or `[` is JSON/JSONL/JSON Feed; everything else is plain text. The name's extension and the
 * Content-Type serve only as hints where content is ambiguous: text that merely *starts* with a
 * bracket ("[Updated] …") and does not parse as JSON is plain text unless the hints say JSON.
 */
import type { ReadItem } from '../types.js';
import { binaryReason, decodeBytes } from '../text/charset.js';
import { readHtml } from './html.js';
import { isJsonFeed, readJsonFeed, readXmlFeed } from './feeds.js';
import { readJsonDocument } from './interchange.js';
import { readPlainText } from './plaintext.js';

export type DocumentKind = 'html' | 'feed' | 'xml' | 'json' | 'text';

/** Metadata of a document being read. */
export interface DocumentMeta {
  /** Names the document in failures: a path, a URL, "stdin". */
  name: string;
  /** HTTP Content-Type, when fetched. */
  contentType?: string | null;
  /** Where the document lives (after redirects), when fetched; resolves relative links. */
  url?: string | null;
}

const FEED_ROOTS = new Set(['rss', 'feed', 'rdf:rdf', 'rdf']);

/** First element name of a markup document, skipping the XML declaration, comments, doctype and PIs. */
function firstElement(head: string): string | null {
  const re = /<(\?[^>]*\?>|!--[\s\S]*?-->|![^>]*>)|<([A-Za-z][\w:.-]*)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(head)) !== null) {
    if (m[2]) return m[2].toLowerCase();
  }
  return null;
}

/**
 * What kind of document `text` is.
 *
 * @example detectFormat('<?xml version="1.0"?><rss version="2.0">…') // 'feed'
 */
export function detectFormat(text: string): DocumentKind {
  const start = text.search(/\S/);
  if (start < 0) return 'text';
  const c = text[start];
  if (c === '{' || c === '[') return 'json';
  if (c === '<') {
    const head = text.slice(start, start + 8192);
    const root = firstElement(head);
    if (root && FEED_ROOTS.has(root)) return 'feed';
    if (/^<!doctype\s+html/i.test(head) || root === 'html' || !/^<\?xml/i.test(head)) return 'html';
    return 'xml';
  }
  // Markup after a short preamble (a stray line before the doctype) is still a page.
  if (/<!doctype\s+html|<html[\s>]/i.test(text.slice(start, start + 1024))) return 'html';
  return 'text';
}

/** The parsed document when it is a JSON Feed (its required `version` URL is checked first, cheaply). */
function jsonFeedOf(text: string): Record<string, unknown> | null {
  if (!text.includes('jsonfeed.org/version')) return null;
  try {
    const v: unknown = JSON.parse(text.replace(/^\ufeff/, ''));
    return isJsonFeed(v) ? v : null;
  } catch {
    return null;
  }
}

function hintsJson(meta: DocumentMeta): boolean {
  return /\.(?:json|jsonl|ndjson|jsonlines)$/i.test(meta.name) || /json/i.test(meta.contentType ?? '');
}

/**
 * Sniff and parse one document already in memory (HTML, feed, JSON/JSONL, plain text). Never
 * throws: every problem becomes a failure item naming the document.
 *
 * @example readDocument(readFileSync('seed.txt'), { name: 'seed.txt' }) // [{ ok: true, input: 'seed.txt', draft }]
 */
export function readDocument(bytes: Uint8Array, meta: DocumentMeta): ReadItem[] {
  const name = meta.name;
  try {
    if (bytes.length === 0) return [{ ok: false, input: name, reason: 'empty file' }];
    const binary = binaryReason(bytes);
    if (binary) return [{ ok: false, input: name, reason: binary }];
    let text: string;
    try {
      text = decodeBytes(bytes, { contentType: meta.contentType }).text;
    } catch (e) {
      return [{ ok: false, input: name, reason: (e as Error).message }];
    }
    if (!text.trim()) return [{ ok: false, input: name, reason: 'empty file (only white space)' }];
    return readText(text, meta);
  } catch (e) {
    return [{ ok: false, input: name, reason: `could not read the document: ${(e as Error).message}` }];
  }
}

/** Dispatch decoded text to its reader (see the module comment for the format rules). */
export function readText(text: string, meta: DocumentMeta): ReadItem[] {
  const kind = detectFormat(text);
  switch (kind) {
    case 'json': {
      const feed = jsonFeedOf(text);
      if (feed) return readJsonFeed(feed, { name: meta.name, url: meta.url });
      const items = readJsonDocument(text, meta.name);
      const unparsable = items.length === 1 && !items[0].ok && items[0].reason.startsWith('invalid JSON');
      return unparsable && !hintsJson(meta) ? [readPlainText(text, meta.name)] : items;
    }
    case 'feed':
    case 'xml':
      return readXmlFeed(text, { name: meta.name, url: meta.url });
    case 'html':
      return [readHtml(text, { name: meta.name, url: meta.url })];
    default:
      return [readPlainText(text, meta.name)];
  }
}
