/**
 * URL hygiene for article identity. An article's id is derived from its canonical URL, so two
 * fetches of the same page must give the same string: the fragment is dropped (it never selects a
 * different document), the scheme and host are lower-cased, default ports removed, and the
 * click-tracking parameters that newsletters and social sites append (utm_*, fbclid, gclid, …) are
 * removed. Other query parameters are kept in their order: some sites select the article with them.
 */

/** Query parameters that only track the click, never select content. */
const TRACKING = /^(?:utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|_ga|_gl|ocid|cmpid|yclid|twclid)$/i;

/**
 * Absolute http(s) URL in canonical form, resolving `value` against `base` when relative; null for
 * anything else (mailto:, javascript:, unparsable).
 *
 * @example canonicalUrl('HTTPS://Example.com:443/a?utm_source=x&id=3#top') // 'https://example.com/a?id=3'
 */
export function canonicalUrl(value: string | null | undefined, base?: string | null): string | null {
  if (!value || typeof value !== 'string') return null;
  let u: URL;
  try {
    u = base ? new URL(value.trim(), base) : new URL(value.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  if (u.search) {
    for (const key of [...u.searchParams.keys()]) if (TRACKING.test(key)) u.searchParams.delete(key);
  }
  return u.toString();
}

/** Host of a URL without "www.", lower-cased, or null. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '').toLowerCase() || null;
  } catch {
    return null;
  }
}
