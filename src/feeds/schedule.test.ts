import { describe, expect, it } from 'vitest';
import { cacheControlMaxAge, expiresSeconds, feedHintSeconds, planNextPoll, retryAfterSeconds, MAX_BACKOFF_SECONDS } from './schedule.js';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

describe('server hints', () => {
  it('reads Cache-Control, Expires and Retry-After the way servers send them', () => {
    expect(cacheControlMaxAge('public, max-age=1800')).toBe(1800);
    expect(cacheControlMaxAge('max-age=600, must-revalidate')).toBe(600);
    expect(cacheControlMaxAge('no-cache, max-age=600')).toBeNull();
    expect(cacheControlMaxAge('private')).toBeNull();
    expect(expiresSeconds('Mon, 05 Jan 2026 12:10:00 GMT', 'Mon, 05 Jan 2026 12:00:00 GMT', T0)).toBe(600);
    expect(expiresSeconds('0', null, T0)).toBeNull();
    expect(retryAfterSeconds('120', T0)).toBe(120);
    expect(retryAfterSeconds('Mon, 05 Jan 2026 13:00:00 GMT', T0)).toBe(3600);
    expect(retryAfterSeconds('soon', T0)).toBeNull();
  });

  it('reads RSS ttl and the syndication module from the channel head only', () => {
    expect(feedHintSeconds('<rss><channel><title>x</title><ttl>30</ttl><item><title>a</title></item></channel></rss>')).toBe(1800);
    expect(feedHintSeconds('<rss xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency><item/></channel></rss>')).toBe(1800);
    // A <ttl> inside an item's text is not the channel's.
    expect(feedHintSeconds('<rss><channel><item><description>&lt;ttl&gt;5&lt;/ttl&gt;</description><ttl>5</ttl></item></channel></rss>')).toBeNull();
  });
});

describe('planNextPoll', () => {
  it('uses the interval, or a longer hint, never a shorter one, with up to 10% jitter', () => {
    expect(planNextPoll(T0, 0, { ok: true }, 300, () => 0)).toMatchObject({ nextPollAt: T0 + 300_000, holdUntil: null, errorCount: 0, reason: 'interval' });
    expect(planNextPoll(T0, 0, { ok: true, hintSeconds: 60 }, 300, () => 0).nextPollAt).toBe(T0 + 300_000);
    expect(planNextPoll(T0, 0, { ok: true, hintSeconds: 3600 }, 300, () => 0)).toMatchObject({ nextPollAt: T0 + 3_600_000, reason: 'hint' });
    expect(planNextPoll(T0, 0, { ok: true, hintSeconds: 10 * 86_400 }, 300, () => 0).nextPollAt).toBe(T0 + 86_400_000);
    expect(planNextPoll(T0, 0, { ok: true }, 300, () => 0.999).nextPollAt).toBeLessThan(T0 + 330_000);
  });

  it('backs off exponentially with jitter in [1, 2) and a 6-hour cap; Retry-After is a floor', () => {
    const delays = [0, 1, 2, 3, 10].map((prev) => planNextPoll(T0, prev, { ok: false }, 300, () => 0).delaySeconds);
    expect(delays).toEqual([300, 600, 1200, 2400, MAX_BACKOFF_SECONDS]);
    const p = planNextPoll(T0, 0, { ok: false }, 300, () => 0.5);
    expect(p).toMatchObject({ delaySeconds: 450, errorCount: 1, reason: 'backoff' });
    expect(p.holdUntil).toBe(p.nextPollAt);
    expect(planNextPoll(T0, 0, { ok: false, retryAfterSeconds: 7200 }, 300, () => 0)).toMatchObject({ delaySeconds: 7200, reason: 'retry-after' });
    expect(planNextPoll(T0, 5, { ok: false, retryAfterSeconds: 60 }, 300, () => 0).delaySeconds).toBe(9600);
  });
});
