/**
 * JSON articles: the project's interchange format (`{"id","title","text","published","source",
 * "url","event"}`, see ../shared/data/README.md) and news-please's fields (`title`, `maintext`,
 * `date_publish`, `source_domain`, `url`, `authors`, `language`). A JSON document may be one
 * article object, an array of them, or JSON Lines (one object per line).
 */
import type { ArticleDraft, InputFormat, ReadItem } from '../types.js';
import { toIsoUtc } from '../text/dates.js';

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
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '').toLowerCase() || null;
  } catch {
    return null;
  }
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

/**
 * Map one parsed JSON value to a draft, or explain why it is not an article.
 * Recognises both the interchange and the news-please field names.
 */
export function draftFromJson(obj: unknown, format: InputFormat): ArticleDraft | string {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    return `expected a JSON object, found ${Array.isArray(obj) ? 'an array' : obj === null ? 'null' : typeof obj}`;
  }
  const o = obj as Record<string, unknown>;
  const isNewsPlease = 'maintext' in o || 'date_publish' in o || 'source_domain' in o;
  const body = str(o.text) ?? str(o.maintext) ?? str(o.body) ?? str(o.content);
  if (!body) return 'no article text (expected a non-empty "text" or "maintext" field)';
  const url = str(o.url);
  const canonical = str(o.canonical_url) ?? str(o.canonicalUrl) ?? url;
  const sourceName = str(o.source) ?? str(o.outlet) ?? null;
  const domain = str(o.source_domain) ?? domainOf(canonical);
  let authors: string[] = [];
  if (Array.isArray(o.authors)) authors = o.authors.filter((a): a is string => typeof a === 'string' && !!a.trim());
  else if (typeof o.author === 'string' && o.author.trim()) authors = [o.author.trim()];
  const headline = str(o.title) ?? str(o.headline);
  return {
    externalId: typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : null,
    headline,
    headlineDerived: false,
    paragraphs: splitParagraphs(body),
    url,
    canonicalUrl: canonical,
    outlet: { name: sourceName, domain },
    authors,
    published: toIsoUtc(o.published ?? o.date_publish ?? o.datePublished ?? o.date ?? null),
    language: str(o.language),
    format: isNewsPlease ? 'newsplease' : format,
  };
}

/**
 * Parse a JSON or JSONL document into read items, one per article. `name` names the document in
 * failure messages (`name:LINE` for JSONL lines, `name[INDEX]` for array elements).
 */
export function readJsonDocument(text: string, name: string): ReadItem[] {
  const trimmed = text.replace(/^\ufeff/, '').trim();
  if (!trimmed) return [{ ok: false, input: name, reason: 'empty file' }];
  // A whole-document JSON value (object or array) first; JSONL otherwise.
  if (trimmed.startsWith('[') || (trimmed.startsWith('{') && !/\}\s*\n\s*\{/.test(trimmed))) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (e) {
      return [{ ok: false, input: name, reason: `invalid JSON: ${(e as Error).message}` }];
    }
    const list = Array.isArray(value) ? value : [value];
    return list.map((v, i) => {
      const input = Array.isArray(value) ? `${name}[${i}]` : name;
      const d = draftFromJson(v, 'json');
      return typeof d === 'string' ? { ok: false, input, reason: d } : { ok: true, input, draft: d };
    });
  }
  const items: ReadItem[] = [];
  const lines = trimmed.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const input = `${name}:${i + 1}`;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      items.push({ ok: false, input, reason: `line is not valid JSON: ${(e as Error).message}` });
      return;
    }
    const d = draftFromJson(v, 'jsonl');
    items.push(typeof d === 'string' ? { ok: false, input, reason: d } : { ok: true, input, draft: d });
  });
  return items;
}
