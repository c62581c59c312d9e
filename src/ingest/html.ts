/**
 * HTML news pages: main text with @mozilla/readability on linkedom's DOM, metadata from the page.
 *
 * Metadata is read *before* Readability runs (Readability removes scripts and rewrites the DOM),
 * each field from the most specific source that has it:
 *
 * | field     | order of preference |
 * |-----------|---------------------|
 * | headline  | JSON-LD `headline` → `og:title` → `twitter:title` → `itemprop=headline` → the page's one `<h1>` (three words or more, not a link or the site's name) → Readability's cleaned `<title>` |
 * | published | JSON-LD `datePublished` → `article:published_time` → `<meta>` date names → `itemprop=datePublished` → first `<time datetime>` in the article |
 * | authors   | JSON-LD `author` → `<meta name=author>` → `article:author` (names, not profile URLs) → `itemprop=author` → Readability byline |
 * | outlet    | JSON-LD `publisher.name` → `og:site_name`; domain from the canonical URL, else the page URL |
 * | canonical | `<link rel=canonical>` → `og:url` → JSON-LD `url`/`mainEntityOfPage` → the page URL |
 * | language  | JSON-LD `inLanguage` → `<html lang>` → `og:locale` → `<meta http-equiv=content-language>` |
 *
 * JSON-LD comes first because it is the structured record publishers maintain for search engines
 * (schema.org NewsArticle); OpenGraph is written for link previews and often carries marketing
 * titles; plain `<meta>` names are the least standardised. The first *readable* date wins; when the
 * page states dates but none can be read, the article is stored undated with a warning naming the
 * first of them (see published.ts).
 *
 * A page is refused as *not an article* when its main text has fewer than {@link MIN_ARTICLE_WORDS}
 * words outside links, navigation and forms (a login page, a paywall notice, an error page; see
 * there why).
 *
 * A page is refused as *truncated* when it ends inside a tag or comment, or opens `<html>`/`<body>`
 * without closing either: storing the part of an article that happened to arrive would be worse than
 * storing nothing. (Omitting both closing tags is legal HTML but no publishing system does it, while
 * a cut-off transfer always looks like that.)
 */
import { Readability } from '@mozilla/readability';
import type { ArticleDraft, ReadItem } from '../types.js';
import { countWords, fragmentParagraphs, inlineText, paragraphsFromNode, parseHtmlDocument, proseParagraphs } from './dom.js';
import { readPublished, undatedWarning, warningsOf, type DateCandidate } from './published.js';
import { canonicalUrl, hostOf } from './url.js';

/** schema.org types that describe a news article (and close relatives used by news sites). */
const ARTICLE_TYPES = new Set([
  'NewsArticle', 'Article', 'ReportageNewsArticle', 'AnalysisNewsArticle', 'OpinionNewsArticle', 'BackgroundNewsArticle',
  'ReviewNewsArticle', 'AskPublicNewsArticle', 'LiveBlogPosting', 'BlogPosting', 'SatiricalArticle', 'ScholarlyArticle',
  'TechArticle', 'Report',
]);

/** `<meta name|property>` keys that carry the publication time, most specific first. */
const META_DATE_KEYS = [
  'article:published_time', 'og:article:published_time', 'article.published', 'datepublished', 'publish-date',
  'publishdate', 'pubdate', 'publication_date', 'date', 'dc.date.issued', 'dc.date', 'dcterms.created',
  'dcterms.date', 'sailthru.date', 'parsely-pub-date', 'citation_publication_date', 'og:published_time',
];

/**
 * Fewest words of prose — text outside links, navigation and forms — that make a page an article.
 * The shortest real news items (a wire flash, a one-paragraph brief) are a sentence of reporting,
 * and saying who did what where takes about a dozen words ("An earthquake of magnitude 6.1 struck
 * off Japan on Monday, officials said": 12). Pages with no article leave a few labels and a
 * notice: a login form ("Home"), a paywall ("Subscribe to continue reading. Already a subscriber?":
 * 7), an error page ("Sorry, the page you are looking for does not exist": 10). Readability itself
 * never refuses — with no article it returns whatever text the body has — so this floor is what
 * tells "no article here" from a short article. The headline is not counted: a title alone is not an
 * article. Feed items and JSON articles are not held to it: a feed item that is a title and a line
 * of summary is a legitimate teaser, and a JSON record says outright that it is an article.
 */
export const MIN_ARTICLE_WORDS = 12;

type Json = Record<string, unknown>;

/** Why an HTML document looks cut off, or null when it looks complete. */
export function truncatedHtmlReason(html: string): string | null {
  const tail = html.slice(-4096).trimEnd();
  if (tail.lastIndexOf('<') > tail.lastIndexOf('>')) return 'truncated HTML: the document ends inside a tag';
  const open = html.lastIndexOf('<!--');
  if (open >= 0 && html.indexOf('-->', open + 4) < 0) return 'truncated HTML: the document ends inside a comment';
  if (/<(?:html|body)[\s>]/i.test(html) && !/<\/(?:body|html)\s*>/i.test(html)) {
    return 'truncated HTML: the page opens <html>/<body> but never closes them';
  }
  return null;
}

/**
 * Comments, scripts (except JSON-LD), styles and inline SVG, matched in one left-to-right pass as
 * the HTML tokenizer meets them (so a `<script>` inside a comment stays inside the comment, and a
 * script ends at its first `</script>` exactly as in a browser).
 */
const INERT = /<!--[\s\S]*?-->|<script\b([^>]*)>[\s\S]*?<\/script\s*>|<style\b[^>]*>[\s\S]*?<\/style\s*>|<svg\b[^>]*>[\s\S]*?<\/svg\s*>/gi;

/**
 * Remove markup that never holds article text before building the DOM. On real news pages inline
 * scripts, styles and SVG icons are most of the bytes; Readability would discard them anyway, but
 * only after linkedom had tokenised them and built their nodes. JSON-LD scripts are kept for the
 * metadata.
 */
export function stripInert(html: string): string {
  return html.replace(INERT, (m: string, scriptAttrs: string | undefined) =>
    scriptAttrs !== undefined && /ld\+json/i.test(scriptAttrs) ? m : m.startsWith('<svg') || m.startsWith('<SVG') ? ' ' : '',
  );
}

/**
 * A fragment ("<p>…</p><p>…</p>", as saved by some scrapers) wrapped in `<html><body>`: unlike a
 * browser, linkedom does not create the missing elements, and Readability needs a body.
 */
function asDocument(html: string): string {
  if (/<html[\s>]/i.test(html)) return html;
  return /<body[\s>]/i.test(html) ? `<html>${html}</html>` : `<html><body>${html}</body></html>`;
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  return null;
}

function typesOf(o: Json): string[] {
  const t = o['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^.*[/:#]/, ''));
}

/** Every JSON-LD object of the page, with `@graph` containers and arrays flattened. */
function jsonLdObjects(doc: Document): Json[] {
  const out: Json[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 4 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const o = v as Json;
    out.push(o);
    if (Array.isArray(o['@graph'])) visit(o['@graph'], depth + 1);
  };
  for (const s of Array.from(doc.querySelectorAll('script[type]'))) {
    if (!/ld\+json/i.test(s.getAttribute('type') ?? '')) continue;
    const raw = (s.textContent ?? '').replace(/^\s*<!--|-->\s*$/g, '').replace(/^\s*\/\/\s*<!\[CDATA\[|\/\/\s*\]\]>\s*$/g, '');
    try {
      visit(JSON.parse(raw), 0);
    } catch {
      // A broken JSON-LD block is common and harmless: the other sources still apply.
    }
  }
  return out;
}

/** Person/organisation names from a JSON-LD `author`-like value. */
function namesOf(v: unknown): string[] {
  if (!v) return [];
  if (typeof v === 'string') return splitNames(v);
  if (Array.isArray(v)) return v.flatMap(namesOf);
  if (typeof v === 'object') {
    const n = (v as Json).name;
    if (typeof n === 'string') return splitNames(n);
    if (Array.isArray(n)) return n.flatMap(namesOf);
  }
  return [];
}

/** "By Jane Doe and John Roe" → ["Jane Doe", "John Roe"]; profile URLs are not names. */
function splitNames(s: string): string[] {
  const clean = inlineText(s) ?? '';
  if (!clean || /^https?:\/\//i.test(clean)) return [];
  return clean
    .replace(/^by\s+/i, '')
    .split(/\s*(?:,|;|\band\b|&|\|)\s*/)
    .map((x) => x.trim())
    .filter((x) => x.length > 1 && x.length < 80 && !/^https?:/i.test(x));
}

function unique(list: string[]): string[] {
  const seen = new Set<string>();
  return list.filter((x) => {
    const k = x.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

interface PageMeta {
  meta: Map<string, string>;
  article: Json | null;
  publisherName: string | null;
  canonicalLink: string | null;
  htmlLang: string | null;
  titleTag: string | null;
  /** The text of the page's one `<h1>`, when it has exactly one that is not a link (a logo). */
  h1: string | null;
  itemprops: Map<string, string>;
}

function readPageMeta(doc: Document): PageMeta {
  const meta = new Map<string, string>();
  for (const m of Array.from(doc.getElementsByTagName('meta'))) {
    const key = (m.getAttribute('property') ?? m.getAttribute('name') ?? m.getAttribute('http-equiv') ?? m.getAttribute('itemprop'))?.toLowerCase().trim();
    const content = m.getAttribute('content');
    if (key && content && content.trim() && !meta.has(key)) meta.set(key, content.trim());
  }
  const objects = jsonLdObjects(doc);
  const article = objects.find((o) => typesOf(o).some((t) => ARTICLE_TYPES.has(t))) ?? null;
  let publisherName: string | null = null;
  const pub = article?.publisher ?? article?.sourceOrganization;
  if (typeof pub === 'string') publisherName = pub;
  else if (Array.isArray(pub)) publisherName = namesOf(pub)[0] ?? null;
  else if (pub && typeof pub === 'object') publisherName = str((pub as Json).name);
  if (!publisherName) {
    const org = objects.find((o) => typesOf(o).some((t) => t === 'NewsMediaOrganization' || t === 'Organization'));
    publisherName = org ? str(org.name) : null;
  }
  let canonicalLink: string | null = null;
  for (const l of Array.from(doc.getElementsByTagName('link'))) {
    const rel = (l.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (rel.includes('canonical') && l.getAttribute('href')) {
      canonicalLink = l.getAttribute('href');
      break;
    }
  }
  const itemprops = new Map<string, string>();
  for (const el of Array.from(doc.querySelectorAll('[itemprop]'))) {
    const key = (el.getAttribute('itemprop') ?? '').toLowerCase();
    if (!['datepublished', 'author', 'headline'].includes(key) || itemprops.has(key)) continue;
    const v = el.getAttribute('content') ?? el.getAttribute('datetime') ?? el.textContent ?? '';
    if (v.trim()) itemprops.set(key, v.trim());
  }
  const titleEl = doc.querySelector('title');
  const h1s = Array.from(doc.getElementsByTagName('h1'));
  const h1Text = h1s.length === 1 && !h1s[0].closest('a') && !h1s[0].querySelector('a') ? (h1s[0].textContent ?? '').replace(/\s+/g, ' ').trim() : '';
  return {
    meta,
    article,
    publisherName,
    canonicalLink,
    htmlLang: doc.documentElement?.getAttribute('lang') ?? doc.documentElement?.getAttribute('xml:lang') ?? null,
    titleTag: titleEl ? (titleEl.textContent ?? '').trim() || null : null,
    h1: h1Text || null,
    itemprops,
  };
}

/** "Headline | Site" / "Headline - Site" → "Headline" when the suffix is the site name. */
function stripSiteSuffix(title: string, site: string | null): string {
  if (!site) return title;
  const i = title.toLowerCase().lastIndexOf(site.toLowerCase());
  if (i > 0 && i + site.length === title.length) {
    const head = title.slice(0, i).replace(/\s*[|–—\-:·•]\s*$/, '');
    if (head.length >= 10 && head !== title.slice(0, i)) return head;
  }
  return title;
}

function sameText(a: string, b: string): boolean {
  const n = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return n(a) === n(b);
}

/**
 * Read one HTML page. `url` is where it was fetched from (null for a local file).
 *
 * @example readHtml(html, { name: 'page.html', url: 'https://example.com/news/1' })
 *   // { ok: true, input: 'page.html', draft: { format: 'html', headline: '…', … } }
 */
export function readHtml(html: string, meta: { name: string; url?: string | null }): ReadItem {
  const name = meta.name;
  const truncated = truncatedHtmlReason(html);
  if (truncated) return { ok: false, input: name, reason: truncated };
  let doc: Document;
  try {
    doc = parseHtmlDocument(asDocument(stripInert(html)));
  } catch (e) {
    return { ok: false, input: name, reason: `unreadable HTML: ${(e as Error).message}` };
  }
  const pm = readPageMeta(doc);
  const a = pm.article;
  const m = pm.meta;
  const pageUrl = canonicalUrl(meta.url);

  const canonical =
    canonicalUrl(pm.canonicalLink, pageUrl ?? m.get('og:url')) ??
    canonicalUrl(m.get('og:url'), pageUrl) ??
    canonicalUrl(str(a?.url), pageUrl) ??
    canonicalUrl(typeof a?.mainEntityOfPage === 'string' ? a.mainEntityOfPage : str((a?.mainEntityOfPage as Json | undefined)?.['@id']), pageUrl) ??
    pageUrl;

  let parsed: ReturnType<Readability<Element>['parse']>;
  try {
    parsed = new Readability<Element>(doc, { serializer: (el) => el as Element }).parse();
  } catch (e) {
    return { ok: false, input: name, reason: `could not extract the article text: ${(e as Error).message}` };
  }

  const siteName = inlineText(pm.publisherName) ?? inlineText(m.get('og:site_name')) ?? inlineText(parsed?.siteName) ?? null;
  // Without publisher metadata, the page's one <h1> is the headline as printed over the article;
  // the <title> is often shortened or reworded for search engines and browser tabs ("Café story"
  // over "Café reopens in Springfield"). A one- or two-word <h1>, or the site's name, is a logo.
  const h1 = pm.h1 && pm.h1.split(' ').length >= 3 && !(siteName && sameText(pm.h1, siteName)) ? pm.h1 : null;
  const rawTitle = str(a?.headline) ?? m.get('og:title') ?? m.get('twitter:title') ?? pm.itemprops.get('headline') ?? h1 ?? parsed?.title ?? pm.titleTag;
  const headline = rawTitle ? stripSiteSuffix(inlineText(rawTitle) ?? '', siteName) || null : null;

  // The headline opening the text is the title printed again, not text: it neither stays in the
  // body nor counts towards the prose an article needs.
  const withoutHeadline = (ps: string[]): string[] => (headline && ps.length && sameText(ps[0], headline) ? ps.slice(1) : ps);
  let paragraphs = parsed?.content ? withoutHeadline(paragraphsFromNode(parsed.content)) : [];
  let proseWords = parsed?.content ? countWords(withoutHeadline(proseParagraphs(parsed.content)).join('\n')) : 0;
  // Readability found no article (or almost no text) but the publisher's JSON-LD carries the body.
  const articleBody = str(a?.articleBody);
  if ((paragraphs.join(' ').length < 40 || proseWords < MIN_ARTICLE_WORDS) && articleBody) {
    paragraphs = fragmentParagraphs(articleBody);
    proseWords = countWords(paragraphs.join('\n'));
  }
  if (proseWords < MIN_ARTICLE_WORDS || !paragraphs.some((p) => /\p{L}{2}/u.test(p))) {
    const words = `${proseWords} word${proseWords === 1 ? '' : 's'}`;
    return { ok: false, input: name, reason: `no article text found (the page's main text has ${words} outside links, navigation and forms; an article has at least ${MIN_ARTICLE_WORDS})` };
  }

  // Date sources in the order of the module table, looked up lazily: the first readable one wins.
  function* dateCandidates(): Generator<DateCandidate> {
    yield ['JSON-LD datePublished', a?.datePublished];
    yield ['JSON-LD dateCreated', a?.dateCreated];
    for (const k of META_DATE_KEYS) yield [`<meta> ${k}`, m.get(k)];
    yield ['itemprop=datePublished', pm.itemprops.get('datepublished')];
    yield ['<time datetime>', doc.querySelector('article time[datetime], time[pubdate]')?.getAttribute('datetime')];
    yield ['Readability publishedTime', parsed?.publishedTime];
  }
  const date = readPublished(dateCandidates());

  let authors = namesOf(a?.author);
  if (!authors.length) authors = splitNames(m.get('author') ?? '');
  if (!authors.length) authors = splitNames(m.get('article:author') ?? '');
  if (!authors.length) authors = splitNames(pm.itemprops.get('author') ?? '');
  if (!authors.length && parsed?.byline) authors = splitNames(parsed.byline);
  authors = unique(authors);
  // A site that names itself as the author ("By Wikinews") has no personal byline; keep the name
  // only when it is the sole credit, drop it from a list of people.
  if (siteName && authors.length > 1) authors = authors.filter((x) => x.toLowerCase() !== siteName.toLowerCase());

  const inLanguage = a?.inLanguage;
  const language =
    str(inLanguage) ??
    str((inLanguage as Json | undefined)?.alternateName) ??
    pm.htmlLang ??
    m.get('og:locale') ??
    m.get('content-language') ??
    m.get('language') ??
    null;

  const draft: ArticleDraft = {
    externalId: null,
    headline,
    headlineDerived: false,
    paragraphs,
    url: pageUrl ?? canonical,
    canonicalUrl: canonical,
    outlet: { name: siteName, domain: hostOf(canonical ?? pageUrl) },
    authors,
    published: date.published,
    language: language?.trim() || null,
    format: 'html',
  };
  return { ok: true, input: name, draft, ...warningsOf(date.rejected && undatedWarning(date.rejected, paragraphs)) };
}
