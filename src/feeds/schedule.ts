/**
 * When to poll a feed next: the politeness policy of `parallax watch`, as pure functions of the
 * last response, so tests check it without a network or a clock.
 *
 * Rules and why:
 * - **Hints only lengthen the interval.** A feed's own hints — RSS `<ttl>` (minutes), the RSS
 *   syndication module's `sy:updatePeriod`/`sy:updateFrequency`, `Cache-Control: max-age`,
 *   `Expires` − `Date` — say how long the content stays fresh, i.e. how long polling would be
 *   wasted. The next poll is at `max(interval, hint)`: never sooner than the user's interval (a
 *   `max-age=0` is not an invitation to poll continuously), never sooner than the publisher asks.
 * - **Caps.** No hint holds a feed longer than {@link MAX_HINT_SECONDS} (a day): a mistaken
 *   `ttl` of a year must not silently stop a feed. Back-off stops growing at
 *   {@link MAX_BACKOFF_SECONDS} (6 h), so a feed that was down for a day is read again within
 *   hours of its return, while the items it published are most likely still in it.
 * - **Back-off** after the n-th consecutive failure: `interval × 2^(n−1)`, with "equal jitter"
 *   (the delay is multiplied by a random factor in [1, 2)): doubling bounds the load a dead
 *   server receives to O(log t) requests; the jitter keeps feeds that failed together (one outlet's
 *   outage) from retrying in lock-step. The factor is ≥ 1, so a failing feed is never polled sooner
 *   than a healthy one.
 * - **Retry-After** (429/503, seconds or an HTTP date) is a floor: the next attempt is at the later
 *   of Retry-After and the back-off, capped at a day.
 * - **Regular polls** get up to +10 % jitter, so a thousand feeds added at once spread out after
 *   the first round instead of arriving at every server in the same second forever.
 * - `holdUntil` marks a wait the server imposed (Retry-After, back-off): `watch --once` (cron)
 *   polls every feed regardless of its regular interval but still honours a hold.
 */

/** Longest interval any feed hint may impose (24 h). */
export const MAX_HINT_SECONDS = 86_400;
/** Longest back-off after failures (6 h). */
export const MAX_BACKOFF_SECONDS = 6 * 3600;
/** Default poll interval where a feed gives no hint (5 minutes, as the issue asks). */
export const DEFAULT_INTERVAL_SECONDS = 300;
/** Relative jitter added to regular intervals. */
export const INTERVAL_JITTER = 0.1;

/** `max-age` of a Cache-Control header in seconds, or null (absent, `no-cache`, `no-store`, unparsable). */
export function cacheControlMaxAge(header: string | null | undefined): number | null {
  if (!header) return null;
  const directives = header.toLowerCase().split(',').map((d) => d.trim());
  if (directives.includes('no-store') || directives.includes('no-cache')) return null;
  for (const d of directives) {
    const m = /^max-age\s*=\s*"?(\d+)"?$/.exec(d);
    if (m) return Number(m[1]);
  }
  return null;
}

/** Freshness from `Expires` relative to the server's `Date` (or to `nowMs` when Date is absent), in seconds. */
export function expiresSeconds(expires: string | null | undefined, date: string | null | undefined, nowMs: number): number | null {
  if (!expires) return null;
  const e = Date.parse(expires);
  if (!Number.isFinite(e)) return null;
  const d = date ? Date.parse(date) : NaN;
  const secs = Math.round((e - (Number.isFinite(d) ? d : nowMs)) / 1000);
  return secs > 0 ? secs : null;
}

/**
 * `Retry-After` in seconds from now: delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when
 * absent or unparsable.
 *
 * @example retryAfterSeconds('120', Date.now()) // 120
 */
export function retryAfterSeconds(value: string | null | undefined, nowMs: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const t = Date.parse(v);
  if (!Number.isFinite(t)) return null;
  return Math.max(0, Math.round((t - nowMs) / 1000));
}

const PERIOD_SECONDS: Readonly<Record<string, number>> = { hourly: 3600, daily: 86_400, weekly: 604_800, monthly: 2_592_000, yearly: 31_536_000 };

/**
 * The refresh interval a feed document asks for, in seconds: RSS `<ttl>` (minutes) or the
 * syndication module's update period divided by its frequency. Looked for in the channel head
 * (before the first item), where both elements belong.
 *
 * @example feedHintSeconds('<rss><channel><ttl>30</ttl><item>…') // 1800
 */
export function feedHintSeconds(text: string): number | null {
  const firstItem = text.search(/<(?:item|entry)[\s>]/i);
  const head = text.slice(0, firstItem < 0 ? Math.min(text.length, 20_000) : firstItem);
  const ttl = /<ttl>\s*(\d+)\s*<\/ttl>/i.exec(head);
  if (ttl) return Number(ttl[1]) * 60;
  const period = /<sy:updatePeriod>\s*(\w+)\s*<\/sy:updatePeriod>/i.exec(head);
  if (period) {
    const secs = PERIOD_SECONDS[period[1].toLowerCase()];
    if (!secs) return null;
    const freq = /<sy:updateFrequency>\s*(\d+)\s*<\/sy:updateFrequency>/i.exec(head);
    const f = freq ? Math.max(1, Number(freq[1])) : 1;
    return Math.round(secs / f);
  }
  return null;
}

/** The freshness hint of a response's headers (Cache-Control max-age, else Expires − Date), in seconds. */
export function headerHintSeconds(headers: Record<string, string>, nowMs: number): number | null {
  return cacheControlMaxAge(headers['cache-control']) ?? expiresSeconds(headers.expires, headers.date, nowMs);
}

/** What a poll came to, as far as scheduling is concerned. */
export interface PollOutcome {
  /** The feed answered usefully (200 with a readable feed, or 304). */
  ok: boolean;
  /** Seconds the server asked us to wait (Retry-After), if it did. */
  retryAfterSeconds?: number | null;
  /** The feed's own freshness hint in seconds (ttl, Cache-Control, Expires), if any. */
  hintSeconds?: number | null;
}

/** The schedule after a poll. Times are epoch milliseconds. */
export interface PollPlan {
  nextPollAt: number;
  /** Set when the next time is a wait imposed by failure or Retry-After (see module comment). */
  holdUntil: number | null;
  errorCount: number;
  /** The delay chosen, in seconds, and why (for logs). */
  delaySeconds: number;
  reason: 'interval' | 'hint' | 'backoff' | 'retry-after';
}

/**
 * Plan the next poll of a feed.
 *
 * @param nowMs time of the poll
 * @param previousErrors consecutive failures before this poll
 * @param intervalSeconds the user's interval (`--interval`, default 300)
 * @param random a source of uniform [0, 1) numbers (Math.random; tests pass a fixed one)
 * @example planNextPoll(0, 0, { ok: true, hintSeconds: 1800 }, 300, () => 0) // { nextPollAt: 1_800_000, reason: 'hint', … }
 */
export function planNextPoll(nowMs: number, previousErrors: number, outcome: PollOutcome, intervalSeconds: number, random: () => number): PollPlan {
  if (outcome.ok) {
    const hint = Math.min(outcome.hintSeconds ?? 0, MAX_HINT_SECONDS);
    const base = Math.max(intervalSeconds, hint);
    const delay = base * (1 + INTERVAL_JITTER * random());
    return { nextPollAt: nowMs + Math.round(delay * 1000), holdUntil: null, errorCount: 0, delaySeconds: delay, reason: hint > intervalSeconds ? 'hint' : 'interval' };
  }
  const errorCount = previousErrors + 1;
  const backoff = Math.min(MAX_BACKOFF_SECONDS, intervalSeconds * 2 ** Math.min(errorCount - 1, 30) * (1 + random()));
  const retryAfter = Math.min(outcome.retryAfterSeconds ?? 0, MAX_HINT_SECONDS);
  const delay = Math.max(backoff, retryAfter);
  const at = nowMs + Math.round(delay * 1000);
  return { nextPollAt: at, holdUntil: at, errorCount, delaySeconds: delay, reason: retryAfter > backoff ? 'retry-after' : 'backoff' };
}
