/**
 * JSON articles: the project's interchange format (`{"id","title","text","published","source",
 * "url","event"}`, see ../shared/data/README.md) and news-please's fields (`title`, `maintext`,
 * `date_publish`, `source_domain`, `url`, `authors`, `language`, `description`). A JSON document may
 * be one article object, an array of them, or JSON Lines (one object per line). (JSON Feed documents
 * are recognised before this module, in document.ts, so that loading JSONL here does not pull in the
 * HTML and XML parsers.)
 *
 * JSON or JSON Lines? A document starting with `[` is one JSON array. One starting with `{` is
 * first parsed whole (cheap when it is JSONL: the parser stops right after the first object); if
 * that fails and its first line is a complete JSON value, it is JSON Lines and each line stands
 * alone, so one bad line costs one failure and the others are read. Otherwise it is one malformed
 * JSON document and gives one failure.
 */
import type { ArticleDraft, InputFormat, ReadItem } from '../types.js';
import { readPublished, undatedWarning, warningsOf } from './published.js';
import { canonicalUrl, hostOf } from './url.js';

/** Split a body into trimmed non-empty paragraphs (blank-line separated; single newlines too). */
export function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n|\n/)
    .map((p) => p.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((p) => p.length > 0);
}

/** Host of a URL without "www.", or null. */
export function domainOf(url: string | null): string | null {
  return hostOf(url);
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

function nameOf(v: unknown): string | null {
  if (typeof v === 'string') return str(v);
  if (v && typeof v === 'object' && !Array.isArray(v)) return str((v as Record<string, unknown>).name);
  return null;
}

function describe(v: unknown): string {
  return Array.isArray(v) ? 'an array' : v === null ? 'null' : typeof v === 'string' ? 'a string' : typeof v === 'number' ? 'a number' : typeof v;
}

/** Fields that may carry the publication date, most specific first (interchange, news-please, then generic names). */
const DATE_FIELDS = ['published', 'date_publish', 'datePublished', 'publishedAt', 'date'] as const;

/**
 * Map one parsed JSON value to a draft, or explain why it is not an article.
 * Recognises both the interchange and the news-please field names.
 *
 * @example draftFromJson({ id: 'a1', title: 'Quake hits Chile', text: 'A magnitude 8.8 …', published: '2010-02-27' }, 'json')
 */
export function draftFromJson(obj: unknown, format: InputFormat): ArticleDraft | string {
  const r = readJsonArticle(obj, format);
  return typeof r === 'string' ? r : r.draft;
}

/**
 * {@link draftFromJson} with the warnings about fields that were present but dropped (an unreadable
 * or implausible date: see published.ts), or the reason the value is not an article.
 */
export function readJsonArticle(obj: unknown, format: InputFormat): { draft: ArticleDraft; warnings: string[] } | string {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    return `expected a JSON object, found ${describe(obj)}`;
  }
  const o = obj as Record<string, unknown>;
  const isNewsPlease = 'maintext' in o || 'date_publish' in o || 'source_domain' in o;
  // The description is a summary: used only when there is no full text (like a feed item).
  const body = str(o.text) ?? str(o.maintext) ?? str(o.body) ?? str(o.content) ?? str(o.articleBody) ?? str(o.description);
  if (!body) return 'no article text (expected a non-empty "text" or "maintext" field)';
  const url = canonicalUrl(str(o.url));
  const canonical = canonicalUrl(str(o.canonical_url) ?? str(o.canonicalUrl)) ?? url;
  const sourceName = nameOf(o.source) ?? nameOf(o.outlet) ?? nameOf(o.publisher) ?? null;
  const domain = str(o.source_domain)?.replace(/^www\./, '').toLowerCase() ?? hostOf(canonical);
  let authors: string[] = [];
  if (Array.isArray(o.authors)) authors = o.authors.map(nameOf).filter((a): a is string => !!a);
  else if (typeof o.author === 'string' && o.author.trim()) authors = [o.author.trim()];
  const headline = str(o.title) ?? str(o.headline) ?? str(o.title_page) ?? str(o.title_rss);
  const externalId = typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : null;
  const paragraphs = splitParagraphs(body);
  const date = readPublished(DATE_FIELDS.map((f) => [f, o[f]] as const));
  const draft: ArticleDraft = {
    externalId,
    headline,
    headlineDerived: false,
    paragraphs,
    url,
    canonicalUrl: canonical,
    outlet: { name: sourceName, domain },
    authors,
    published: date.published,
    language: str(o.language),
    format: isNewsPlease ? 'newsplease' : format,
  };
  return { draft, warnings: date.rejected ? [undatedWarning(date.rejected, paragraphs)] : [] };
}

/** One parsed JSON value → one read item named `input`. */
function itemOf(v: unknown, format: InputFormat, input: string): ReadItem {
  const r = readJsonArticle(v, format);
  return typeof r === 'string' ? { ok: false, input, reason: r } : { ok: true, input, draft: r.draft, ...warningsOf(...r.warnings) };
}

/** One JSON Lines line → one read item named `input` (e.g. `file.jsonl:17`). */
export function readJsonLine(line: string, input: string): ReadItem {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (e) {
    return { ok: false, input, reason: `line is not valid JSON: ${(e as Error).message}` };
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    return { ok: false, input, reason: `line is not a JSON object (found ${describe(v)})` };
  }
  return itemOf(v, 'jsonl', input);
}

/**
 * Parse a JSON or JSONL document into read items, one per article. `name` names the document in
 * failure messages (`name:LINE` for JSONL lines, `name[INDEX]` for array elements).
 *
 * @example readJsonDocument(readFileSync(p, 'utf8'), p) // one item per line, drafts with externalId = the line's "id"
 */
export function readJsonDocument(text: string, name: string): ReadItem[] {
  const body = text.replace(/^\ufeff/, '');
  const trimmed = body.trim();
  if (!trimmed) return [{ ok: false, input: name, reason: 'empty file' }];
  let value: unknown;
  let whole = true;
  try {
    value = JSON.parse(trimmed);
  } catch (e) {
    whole = false;
    if (trimmed.startsWith('[') || !isJsonLines(trimmed)) {
      return [{ ok: false, input: name, reason: `invalid JSON: ${(e as Error).message}` }];
    }
  }
  if (whole) {
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0) return [{ ok: false, input: name, reason: 'empty JSON array: no articles' }];
    return list.map((v, i) => itemOf(v, 'json', Array.isArray(value) ? `${name}[${i}]` : name));
  }
  const items: ReadItem[] = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line) items.push(readJsonLine(line, `${name}:${i + 1}`));
  }
  return items;
}

/** True when the first line of `text` is a complete JSON value and more lines follow. */
export function isJsonLines(text: string): boolean {
  const nl = text.indexOf('\n');
  if (nl < 0) return false;
  try {
    JSON.parse(text.slice(0, nl));
    return true;
  } catch {
    return false;
  }
}
