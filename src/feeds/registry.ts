/**
 * The feed registry on top of the store: URL validation, adding many feeds with one message per
 * bad one, and resolving what a person typed (an id or a URL) to a feed.
 *
 * A feed URL is kept as given except for what never changes the document: the scheme and host are
 * lower-cased and the fragment dropped (the `URL` parser does the rest: default ports, percent
 * encoding). Query strings stay — many feeds are selected by them (`?format=rss&section=world`) —
 * and so do tracking-looking parameters, unlike article URLs, because a feed URL is an address to
 * poll, not an identity to deduplicate.
 */
import type { FeedRecord, NewFeed, Store } from '../store/types.js';

/**
 * The canonical form of a feed URL, or an error message.
 *
 * @example normalizeFeedUrl('HTTPS://Example.COM/rss#top') // { url: 'https://example.com/rss' }
 * @example normalizeFeedUrl('ftp://example.com/rss') // { error: 'not an http(s) URL: ftp://example.com/rss' }
 */
export function normalizeFeedUrl(input: string): { url: string } | { error: string } {
  let u: URL;
  try {
    u = new URL(input.trim());
  } catch {
    return { error: `not a valid URL: ${input}` };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { error: `not an http(s) URL: ${input}` };
  u.hash = '';
  return { url: u.href };
}

export interface AddFeedsResult {
  added: FeedRecord[];
  existing: FeedRecord[];
  /** One line per input that is not a usable feed URL. */
  invalid: Array<{ input: string; reason: string }>;
}

/** Add feeds; a URL already followed is reported as existing, a bad one as invalid. */
export async function addFeeds(store: Store, feeds: NewFeed[], now: string): Promise<AddFeedsResult> {
  const out: AddFeedsResult = { added: [], existing: [], invalid: [] };
  for (const f of feeds) {
    const n = normalizeFeedUrl(f.url);
    if ('error' in n) {
      out.invalid.push({ input: f.url, reason: n.error });
      continue;
    }
    const r = await store.addFeed({ ...f, url: n.url }, now);
    (r.status === 'added' ? out.added : out.existing).push(r.feed);
  }
  return out;
}

/** A feed by numeric id or by URL (as typed, or normalised). */
export async function resolveFeed(store: Store, idOrUrl: string): Promise<FeedRecord | null> {
  if (/^\d+$/.test(idOrUrl)) return store.getFeed(Number(idOrUrl));
  const direct = await store.findFeedByUrl(idOrUrl);
  if (direct) return direct;
  const n = normalizeFeedUrl(idOrUrl);
  return 'url' in n ? store.findFeedByUrl(n.url) : null;
}
