/**
 * `POST /api/articles`: turn a request body into reader items and run them through the same
 * ingest pipeline as `parallax ingest`.
 *
 * Accepted bodies (JSON): one article object, an array of them, `{"articles": [...]}`, or
 * `{"url": "https://…"}`. Articles use the project's interchange fields or news-please's, read by
 * the same `readJsonArticle` the file reader uses, so an article posted here and the same article
 * in a JSONL file become the same stored article. A URL is fetched with the ingest module's
 * `fetchUrl`, which refuses loopback/private/link-local addresses (checked on every resolved
 * address and after every redirect) unless the server runs with `--allow-private` — the same
 * rule as the CLI, so the server cannot be used to probe the network it sits in.
 */
import type { ReadItem } from '../types.js';
import type { Store } from '../store/types.js';
import { readJsonArticle } from '../ingest/interchange.js';
import { fetchUrl, readDocument } from '../ingest/sources.js';
import { ingestItems } from '../pipeline.js';
import { ApiError } from './errors.js';
import { MAX_POST_ARTICLES } from './openapi.js';

/** The outcome of one POST, one entry per input item. */
export interface IngestResult {
  added: Array<{ id: string; story: string | null }>;
  duplicates: Array<{ input: string; id: string; by: string }>;
  failed: Array<{ input: string; reason: string }>;
  /** Articles stored with a field that could not be read (an unreadable date), one per problem. */
  warnings: Array<{ input: string; reason: string }>;
}

export interface PostOptions {
  allowPrivate: boolean;
  fetchTimeoutMs?: number;
  /** Largest document fetched from a URL. */
  maxFetchBytes?: number;
}

/** Reader items for a parsed JSON body, or an ApiError (400) for a body of the wrong shape. */
export async function itemsFromBody(body: unknown, opts: PostOptions): Promise<ReadItem[]> {
  if (body === null || body === undefined || typeof body !== 'object') {
    throw new ApiError(400, 'invalid_body', 'expected a JSON object (an article, {"articles": [...]} or {"url": "…"}) or an array of articles');
  }
  if (!Array.isArray(body) && 'url' in body && !('text' in body) && !('maintext' in body)) {
    const url = (body as { url: unknown }).url;
    if (typeof url !== 'string' || !/^https?:\/\//i.test(url.trim()) || url.length > 2048) {
      throw new ApiError(400, 'invalid_body', 'url must be an http(s) URL of at most 2048 characters', [{ param: 'url', message: 'must be an http(s) URL' }]);
    }
    return fetchItems(url.trim(), opts);
  }
  let list: unknown[];
  if (Array.isArray(body)) list = body;
  else if ('articles' in body) {
    const a = (body as { articles: unknown }).articles;
    if (!Array.isArray(a)) throw new ApiError(400, 'invalid_body', 'articles must be an array', [{ param: 'articles', message: 'must be an array' }]);
    list = a;
  } else list = [body];
  if (list.length === 0) throw new ApiError(400, 'invalid_body', 'no articles in the body');
  if (list.length > MAX_POST_ARTICLES) throw new ApiError(400, 'invalid_body', `at most ${MAX_POST_ARTICLES} articles per request, got ${list.length}`);
  return list.map((v, i): ReadItem => {
    const input = `body[${i}]`;
    const d = readJsonArticle(v, 'json');
    return typeof d === 'string' ? { ok: false, input, reason: d } : { ok: true, input, draft: d.draft, warnings: d.warnings };
  });
}

async function fetchItems(url: string, opts: PostOptions): Promise<ReadItem[]> {
  try {
    const res = await fetchUrl(url, { allowPrivate: opts.allowPrivate, timeoutMs: opts.fetchTimeoutMs, maxBytes: opts.maxFetchBytes });
    return readDocument(res.bytes, { name: url, contentType: res.contentType, url: res.finalUrl });
  } catch (e) {
    return [{ ok: false, input: url, reason: (e as Error).message }];
  }
}

/** Store the items (and cluster them) and describe the outcome. */
export async function ingestBody(store: Store, items: ReadItem[]): Promise<IngestResult> {
  const summary = await ingestItems(store, items);
  const added = await Promise.all(summary.addedIds.map(async (id) => ({ id, story: await store.storyOfArticle(id) })));
  return { added, duplicates: summary.duplicateOf, failed: summary.failed, warnings: summary.warnings };
}
