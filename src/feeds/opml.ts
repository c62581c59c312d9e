/**
 * OPML subscription lists (http://opml.org/spec2.opml), the format every feed reader imports and
 * exports.
 *
 * Reading: every `<outline>` at any depth that carries an `xmlUrl` is a feed (folders are outlines
 * without one; their nesting is not kept — Parallax has no folders). Attribute names are matched
 * case-insensitively because exporters disagree (`xmlUrl`, `xmlurl`, `XMLURL`). Outlines whose
 * `xmlUrl` is not an absolute http(s) URL are reported, one line each, and skipped. Documents
 * declaring entities are refused, as in the feed reader.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * One subscription.
 *
 * @example { url: 'https://www.theguardian.com/world/rss', title: 'World news | The Guardian', siteUrl: 'https://www.theguardian.com/world' }
 */
export interface OpmlFeed {
  url: string;
  title: string | null;
  siteUrl: string | null;
}

export interface OpmlResult {
  feeds: OpmlFeed[];
  /** One message per outline that could not be used, or one for a document that could not be read. */
  problems: string[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: true,
  isArray: (tag) => tag === 'outline',
});

type Node = Record<string, unknown>;

function attr(node: Node, name: string): string | null {
  const want = `@_${name.toLowerCase()}`;
  for (const [k, v] of Object.entries(node)) {
    if (k.toLowerCase() === want && typeof v === 'string' && v.trim()) return v.trim();
  }
  return null;
}

function httpUrl(value: string): string | null {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * Read an OPML document.
 *
 * @example parseOpml('<opml version="2.0"><body><outline text="BBC" xmlUrl="https://feeds.bbci.co.uk/news/rss.xml"/></body></opml>')
 *   // { feeds: [{ url: 'https://feeds.bbci.co.uk/news/rss.xml', title: 'BBC', siteUrl: null }], problems: [] }
 */
export function parseOpml(xml: string): OpmlResult {
  const text = xml.replace(/^\ufeff/, '');
  if (/<!ENTITY/i.test(text)) return { feeds: [], problems: ['refusing an OPML document that declares entities (<!ENTITY …>)'] };
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { feeds: [], problems: [`malformed OPML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`] };
  const doc = parser.parse(text) as Node;
  const opml = doc.opml as Node | undefined;
  if (!opml || typeof opml !== 'object') return { feeds: [], problems: ['not an OPML document (no <opml> root element)'] };
  const body = opml.body as Node | undefined;
  const feeds: OpmlFeed[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const walk = (outlines: unknown): void => {
    if (!Array.isArray(outlines)) return;
    for (const o of outlines) {
      if (!o || typeof o !== 'object') continue;
      const node = o as Node;
      const raw = attr(node, 'xmlUrl');
      const title = attr(node, 'title') ?? attr(node, 'text');
      if (raw) {
        const url = httpUrl(raw);
        if (!url) problems.push(`outline "${title ?? raw}": xmlUrl "${raw}" is not an http(s) URL`);
        else if (!seen.has(url)) {
          seen.add(url);
          const site = attr(node, 'htmlUrl');
          feeds.push({ url, title, siteUrl: site ? httpUrl(site) : null });
        }
      }
      walk(node.outline);
    }
  };
  walk(body?.outline);
  if (feeds.length === 0 && problems.length === 0) problems.push('the OPML document lists no feeds (no <outline xmlUrl="…">)');
  return { feeds, problems };
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Write an OPML 2.0 document listing `feeds`.
 *
 * @example writeOpml([{ url: 'https://example.com/rss', title: 'Example', siteUrl: null }], new Date(0).toISOString())
 */
export function writeOpml(feeds: OpmlFeed[], now: string = new Date().toISOString()): string {
  const lines = feeds.map((f) => {
    const title = esc(f.title ?? f.url);
    const site = f.siteUrl ? ` htmlUrl="${esc(f.siteUrl)}"` : '';
    return `    <outline type="rss" text="${title}" title="${title}" xmlUrl="${esc(f.url)}"${site}/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    '    <title>Parallax feeds</title>',
    `    <dateCreated>${new Date(now).toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...lines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
