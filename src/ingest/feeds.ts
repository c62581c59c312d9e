/**
 * Feed documents: RSS 2.0 (and 0.9x), Atom 1.0, RDF / RSS 1.0, and JSON Feed 1.x. One article per
 * item: the full content when the item carries it (`content:encoded`, Atom `content`, JSON Feed
 * `content_html`/`content_text`), otherwise the summary (`description`, `summary`) plus the link.
 *
 * XML handling:
 * - the document must be well-formed (fast-xml-parser's validator); a malformed feed is one failure
 *   naming the parser's message and position, never a partial read. One error is repaired first
 *   because it is endemic and unambiguous: a bare `&` that starts no entity ("AT&T") becomes `&amp;`;
 * - documents declaring entities (`<!ENTITY`) are refused: feeds never need them and they are the
 *   vehicle of entity-expansion attacks;
 * - text fields are taken raw (parser "stop nodes") and decoded by their declared type: Atom
 *   `type="xhtml"` is markup, `type="text"` is text, everything else (RSS `description`, Atom `html`)
 *   is entity-escaped or CDATA HTML, which is unescaped and then rendered to paragraphs.
 * Relative links are resolved against the feed's own URL, else the channel/feed link.
 *
 * An item's date is the first readable of its date fields (RSS `pubDate`, `dc:date`; Atom
 * `published`, `updated`; JSON Feed `date_published`, `date_modified`). An item whose stated date
 * cannot be read is kept, undated, with a warning (see published.ts). An item with no text is a
 * failure, but a short one (a title and a one-line summary) is not: feeds legitimately carry teasers.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ArticleDraft, InputFormat, ReadItem } from '../types.js';
import { fragmentParagraphs, inlineText } from './dom.js';
import { readPublished, undatedWarning, warningsOf, type DateCandidate } from './published.js';
import { canonicalUrl, hostOf } from './url.js';

type Node = Record<string, unknown>;

const TEXT_FIELDS = ['title', 'description', 'content:encoded', 'content', 'summary', 'subtitle', 'dc:description'];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  stopNodes: TEXT_FIELDS.map((f) => `*.${f}`),
  isArray: (tag) => ['item', 'entry', 'link', 'author', 'category', 'dc:creator', 'contributor'].includes(tag),
});

/** Replace a bare `&` (one that starts no entity or character reference) with `&amp;`. */
export function repairBareAmpersands(xml: string): string {
  return xml.replace(/&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);)/g, '&amp;');
}

/** Decode the raw inner XML of a text element: CDATA sections literal, the rest entity-decoded. */
function unescapeXml(raw: string): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const start = raw.indexOf('<![CDATA[', i);
    const plainEnd = start < 0 ? raw.length : start;
    out += decodeXmlEntities(raw.slice(i, plainEnd));
    if (start < 0) break;
    const end = raw.indexOf(']]>', start + 9);
    out += raw.slice(start + 9, end < 0 ? raw.length : end);
    i = end < 0 ? raw.length : end + 3;
  }
  return out;
}

/** The five XML entities and numeric references; HTML named entities are left for the HTML parser. */
function decodeXmlEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:(lt|gt|amp|quot|apos)|#(\d+)|#[xX]([0-9A-Fa-f]+));/g, (m, named: string, dec: string, hex: string) => {
    if (named) return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[named as 'lt'];
    const cp = dec ? parseInt(dec, 10) : parseInt(hex, 16);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

function rawOf(v: unknown): { raw: string; type: string | null } | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return { raw: v, type: null };
  if (Array.isArray(v)) return rawOf(v[0]);
  if (typeof v === 'object') {
    const o = v as Node;
    const raw = typeof o['#text'] === 'string' ? o['#text'] : '';
    return { raw, type: typeof o['@_type'] === 'string' ? o['@_type'].toLowerCase() : null };
  }
  return null;
}

/** A text field as HTML markup ready for the HTML renderer (or null when empty). */
function fieldHtml(v: unknown): string | null {
  const r = rawOf(v);
  if (!r || !r.raw.trim()) return null;
  if (r.type === 'xhtml' || r.type === 'application/xhtml+xml') return r.raw;
  const text = unescapeXml(r.raw);
  if (r.type === 'text' || r.type === 'text/plain') return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>');
  return text;
}

/** A short text field (a title) as plain text. */
function fieldText(v: unknown): string | null {
  const html = fieldHtml(v);
  return html ? inlineText(html) : null;
}

function plain(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return plain(v[0]);
  if (v && typeof v === 'object' && typeof (v as Node)['#text'] === 'string') return ((v as Node)['#text'] as string).trim() || null;
  return null;
}

function asArray(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

/** RSS `author` is an e-mail address, often with the name in parentheses: "jd@example.com (Jane Doe)". */
function rssAuthor(v: string): string | null {
  const paren = /\(([^)]+)\)/.exec(v);
  if (paren) return paren[1].trim();
  return /@/.test(v) ? null : v.trim() || null;
}

/** Atom link: the `alternate` (or rel-less) href. */
function atomLink(links: unknown): string | null {
  const list = asArray(links).filter((l): l is Node => !!l && typeof l === 'object');
  const alt = list.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate') ?? null;
  return alt && typeof alt['@_href'] === 'string' ? alt['@_href'] : null;
}

/** RSS link: the `<link>` text (an `atom:link` in an RSS channel is the feed itself, not the page). */
function rssLink(links: unknown): string | null {
  for (const l of asArray(links)) {
    const t = plain(l);
    if (t) return t;
  }
  return null;
}

interface FeedContext {
  name: string;
  format: InputFormat;
  base: string | null;
  outletName: string | null;
  language: string | null;
}

interface ItemFields {
  externalId: string | null;
  title: string | null;
  fullHtml: string | null;
  summaryHtml: string | null;
  link: string | null;
  /** The item's date fields, most specific first, named as the feed spells them (`pubDate`, `dc:date`). */
  dates: DateCandidate[];
  authors: string[];
  language: string | null;
}

function itemToRead(f: ItemFields, ctx: FeedContext, index: number): ReadItem {
  const input = `${ctx.name}#item${index + 1}`;
  const body = f.fullHtml ?? f.summaryHtml;
  const paragraphs = body ? fragmentParagraphs(body) : [];
  if (paragraphs.length === 0) return { ok: false, input, reason: 'feed item has no text (no content, description or summary)' };
  const url = canonicalUrl(f.link, ctx.base);
  const date = readPublished(f.dates);
  const draft: ArticleDraft = {
    externalId: f.externalId,
    headline: f.title,
    headlineDerived: false,
    paragraphs,
    url,
    canonicalUrl: url,
    outlet: { name: ctx.outletName, domain: hostOf(url ?? ctx.base) },
    authors: [...new Set(f.authors.map((a) => inlineText(a)).filter((a): a is string => !!a))],
    published: date.published,
    language: f.language ?? ctx.language,
    format: ctx.format,
  };
  return { ok: true, input, draft, ...warningsOf(date.rejected && undatedWarning(date.rejected, paragraphs)) };
}

/**
 * Read an RSS, Atom or RDF document. `url` is where the feed came from (resolves relative links).
 *
 * @example readXmlFeed(xml, { name: 'world.rss' }) // one ReadItem per <item>, inputs 'world.rss#item1', …
 */
export function readXmlFeed(xml: string, meta: { name: string; url?: string | null }): ReadItem[] {
  const name = meta.name;
  if (/<!ENTITY/i.test(xml)) return [{ ok: false, input: name, reason: 'refusing an XML document that declares entities (<!ENTITY …>)' }];
  const text = repairBareAmpersands(xml);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const e = valid.err;
    return [{ ok: false, input: name, reason: `malformed feed XML: ${e.msg} (line ${e.line}, column ${e.col})` }];
  }
  let doc: Node;
  try {
    doc = parser.parse(text) as Node;
  } catch (e) {
    return [{ ok: false, input: name, reason: `malformed feed XML: ${(e as Error).message}` }];
  }
  const feedUrl = canonicalUrl(meta.url);
  if (doc.rss && typeof doc.rss === 'object') {
    const channel = (asArray((doc.rss as Node).channel)[0] ?? {}) as Node;
    return readRssItems(channel, asArray(channel.item) as Node[], { name, format: 'rss', feedUrl });
  }
  const rdf = (doc['rdf:RDF'] ?? doc.RDF) as Node | undefined;
  if (rdf && typeof rdf === 'object') {
    const channel = (asArray(rdf.channel)[0] ?? {}) as Node;
    return readRssItems(channel, asArray(rdf.item) as Node[], { name, format: 'rdf', feedUrl });
  }
  if (doc.feed && typeof doc.feed === 'object') return readAtom(doc.feed as Node, { name, feedUrl });
  const root = Object.keys(doc).find((k) => !k.startsWith('?')) ?? '(none)';
  return [{ ok: false, input: name, reason: `XML document is not a feed (root element <${root}>, expected <rss>, <feed> or <rdf:RDF>)` }];
}

function readRssItems(channel: Node, items: Node[], o: { name: string; format: InputFormat; feedUrl: string | null }): ReadItem[] {
  const channelLink = canonicalUrl(rssLink(channel.link), o.feedUrl);
  const ctx: FeedContext = {
    name: o.name,
    format: o.format,
    base: o.feedUrl ?? channelLink,
    outletName: fieldText(channel.title),
    language: plain(channel.language) ?? plain(channel['dc:language']),
  };
  if (items.length === 0) return [{ ok: false, input: o.name, reason: 'feed has no items' }];
  return items.map((it, i) => {
    const guid = it.guid;
    const guidText = plain(guid);
    const guidIsLink =
      guidText && /^https?:\/\//i.test(guidText) && !(guid && typeof guid === 'object' && (guid as Node)['@_isPermaLink'] === 'false');
    const authors = [
      ...asArray(it['dc:creator']).map(plain),
      ...asArray(it.author).map((a) => {
        const t = plain(a);
        return t ? rssAuthor(t) : null;
      }),
    ].filter((a): a is string => !!a);
    return itemToRead(
      {
        externalId: guidText ?? (typeof it['@_rdf:about'] === 'string' ? it['@_rdf:about'] : null),
        title: fieldText(it.title),
        fullHtml: fieldHtml(it['content:encoded']),
        summaryHtml: fieldHtml(it.description) ?? fieldHtml(it['dc:description']),
        link: rssLink(it.link) ?? (guidIsLink ? guidText : null) ?? (typeof it['@_rdf:about'] === 'string' ? it['@_rdf:about'] : null),
        dates: [['pubDate', plain(it.pubDate)], ['dc:date', plain(it['dc:date'])]],
        authors,
        language: plain(it['dc:language']),
      },
      ctx,
      i,
    );
  });
}

function readAtom(feed: Node, o: { name: string; feedUrl: string | null }): ReadItem[] {
  const base = canonicalUrl(typeof feed['@_xml:base'] === 'string' ? feed['@_xml:base'] : null, o.feedUrl) ?? o.feedUrl;
  const feedLink = canonicalUrl(atomLink(feed.link), base);
  const ctx: FeedContext = {
    name: o.name,
    format: 'atom',
    base: base ?? feedLink,
    outletName: fieldText(feed.title),
    language: typeof feed['@_xml:lang'] === 'string' ? feed['@_xml:lang'] : null,
  };
  const entries = asArray(feed.entry) as Node[];
  if (entries.length === 0) return [{ ok: false, input: o.name, reason: 'feed has no entries' }];
  const feedAuthors = asArray(feed.author).map((a) => plain((a as Node)?.name)).filter((a): a is string => !!a);
  return entries.map((e, i) => {
    const content = e.content;
    // Out-of-line content (`<content src="…">`) is not in the feed: use the summary instead.
    const outOfLine = !!content && typeof content === 'object' && !Array.isArray(content) && typeof (content as Node)['@_src'] === 'string';
    const authors = asArray(e.author).map((a) => plain((a as Node)?.name)).filter((a): a is string => !!a);
    return itemToRead(
      {
        externalId: plain(e.id),
        title: fieldText(e.title),
        fullHtml: outOfLine ? null : fieldHtml(content),
        summaryHtml: fieldHtml(e.summary),
        link: atomLink(e.link) ?? (outOfLine ? ((content as Node)['@_src'] as string) : null),
        dates: [['published', plain(e.published)], ['updated', plain(e.updated)], ['dc:date', plain(e['dc:date'])]],
        authors: authors.length ? authors : feedAuthors,
        language: typeof e['@_xml:lang'] === 'string' ? e['@_xml:lang'] : null,
      },
      ctx,
      i,
    );
  });
}

/** True for a parsed JSON value that is a JSON Feed (https://jsonfeed.org/version/1.1). */
export function isJsonFeed(v: unknown): v is Node {
  return !!v && typeof v === 'object' && !Array.isArray(v) && typeof (v as Node).version === 'string' && /jsonfeed\.org\/version\//.test((v as Node).version as string) && Array.isArray((v as Node).items);
}

/** Read a parsed JSON Feed. */
export function readJsonFeed(feed: Node, meta: { name: string; url?: string | null }): ReadItem[] {
  const feedUrl = canonicalUrl(meta.url);
  const home = canonicalUrl(plain(feed.home_page_url), feedUrl);
  const ctx: FeedContext = {
    name: meta.name,
    format: 'jsonfeed',
    base: feedUrl ?? home,
    outletName: plain(feed.title),
    language: plain(feed.language),
  };
  const items = asArray(feed.items);
  if (items.length === 0) return [{ ok: false, input: meta.name, reason: 'feed has no items' }];
  const names = (v: unknown): string[] =>
    asArray(v)
      .map((a) => (a && typeof a === 'object' ? plain((a as Node).name) : null))
      .filter((a): a is string => !!a);
  const feedAuthors = [...names(feed.authors), ...names(feed.author)];
  return items.map((raw, i) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      return { ok: false, input: `${meta.name}#item${i + 1}`, reason: 'feed item is not a JSON object' };
    }
    const it = raw as Node;
    const text = plain(it.content_text);
    const authors = [...names(it.authors), ...names(it.author)];
    return itemToRead(
      {
        externalId: plain(it.id),
        title: plain(it.title),
        fullHtml: plain(it.content_html) ?? (text ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>') : null),
        summaryHtml: plain(it.summary),
        link: plain(it.url) ?? plain(it.external_url),
        dates: [['date_published', plain(it.date_published)], ['date_modified', plain(it.date_modified)]],
        authors: authors.length ? authors : feedAuthors,
        language: plain(it.language),
      },
      ctx,
      i,
    );
  });
}
