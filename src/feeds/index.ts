/**
 * Live feeds and alerts: the feed registry lives in the store; {@link Watcher} polls feeds into
 * the pipeline; alerts fire on stories that appear or grow; {@link alertsAtom} publishes the alert
 * log for `GET /feeds/alerts.xml`.
 */
export { Watcher, MAX_PAGE_ATTEMPTS, ITEM_HISTORY_DAYS, DEFAULT_CONCURRENCY, DEFAULT_PER_HOST } from './watcher.js';
export type { WatcherOptions, WatchEvent, FeedPoll, RoundSummary } from './watcher.js';
export { AlertEngine, AlertDispatcher, alertsAtom, alertTitle, systemClock, type Clock } from './alerts.js';
export { HttpClient, HttpFailure, type HttpResult } from './http.js';
export { HostLimiter } from './limiter.js';
export { parseOpml, writeOpml, type OpmlFeed } from './opml.js';
export { planNextPoll, DEFAULT_INTERVAL_SECONDS } from './schedule.js';
export { normalizeFeedUrl, addFeeds, resolveFeed } from './registry.js';
