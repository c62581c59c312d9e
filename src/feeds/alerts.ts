/**
 * Alerts: standing questions ("tell me when a story about X appears, or grows") checked against
 * the stories that new articles touched, recorded in the store, delivered to a webhook or a
 * command, and published as an Atom feed.
 *
 * Firing rule, per alert and story: the story must match (a member article matches the query's
 * words, or the entity's name as a phrase) and have at least `minOutlets` outlets. It fires
 * - `new` the first time the alert sees it so (the story appeared, or reached `minOutlets`),
 * - `outlets` when it has more outlets than when the alert last fired,
 * - `facts` when it has more distinct reports than then. A report is a member that is not a
 *   syndicated `copy` of another member (the dedupe stage's relation): a copy repeats what was
 *   already known, a report written separately can add facts. Counting words or sentences would
 *   fire on every rewrite; distinct reports are the unit the dedupe stage already measures.
 * Only stories touched by new articles are examined, so the cost follows the news, not the store.
 *
 * Entity alerts: the entities stage does not yet store entities in the store, so `--entity E`
 * matches the name as a full-text phrase (case- and accent-insensitive, by the FTS5 tokenizer).
 *
 * Delivery never blocks ingest: events are written to the store first (durable), then a
 * {@link AlertDispatcher} running beside the watcher posts them, retrying failures with
 * exponential back-off and jitter (30 s × 2^(n−1) × [1, 2), capped at an hour, at most
 * {@link MAX_DELIVERY_ATTEMPTS} tries — about 4 hours of retries — before giving up). A restart
 * resumes pending deliveries from the store.
 */
import { spawn } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import type { AlertEventRecord, AlertPayload, AlertRecord, AlertStoryState, NewAlertEvent, Store, StoryRow } from '../store/types.js';
import { HttpClient, HttpFailure } from './http.js';

/** A source of the current time (epoch ms); the watcher's clock. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export const MAX_DELIVERY_ATTEMPTS = 10;
const DELIVERY_BASE_SECONDS = 30;
const DELIVERY_MAX_SECONDS = 3600;
/** A webhook or command that has not answered in this long has failed this attempt. */
export const DELIVERY_TIMEOUT_MS = 30_000;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Members of a story that are not a `copy` of another member. */
async function distinctReports(store: Store, members: string[]): Promise<number> {
  const inStory = new Set(members);
  const copies = new Set<string>();
  for (const r of await store.relationsFor(members)) if (r.kind === 'copy' && inStory.has(r.to) && inStory.has(r.from)) copies.add(r.from);
  return members.length - copies.size;
}

/**
 * Decides which alerts fire for the stories new articles touched, and records them.
 *
 * @example
 * const engine = new AlertEngine(store, systemClock);
 * const fired = await engine.evaluate(newArticleIds); // AlertEventRecord[] (also stored)
 */
export class AlertEngine {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Examine the stories of `articleIds` (just stored and clustered) and fire what matches. */
  async evaluate(articleIds: string[]): Promise<AlertEventRecord[]> {
    const alerts = await this.store.listAlerts();
    if (alerts.length === 0 || articleIds.length === 0) return [];
    const newIds = new Set(articleIds);
    const storyIds = new Set<string>();
    for (const id of articleIds) {
      const s = await this.store.storyOfArticle(id);
      if (s) storyIds.add(s);
    }
    if (storyIds.size === 0) return [];
    const ids = [...storyIds].sort();
    const rows = new Map<string, StoryRow>();
    const facts = new Map<string, { count: number; members: string[] }>();
    const factsOf = async (storyId: string) => {
      let f = facts.get(storyId);
      if (!f) {
        const members = (await this.store.getStory(storyId))?.members ?? [];
        f = { count: await distinctReports(this.store, members), members };
        facts.set(storyId, f);
      }
      return f;
    };
    const now = iso(this.clock.now());
    const events: NewAlertEvent[] = [];
    for (const alert of alerts) {
      const text = alert.query ?? alert.entity;
      if (!text) continue;
      const matching = await this.store.storiesMatchingText(ids, text, alert.query ? 'words' : 'phrase');
      if (matching.length === 0) continue;
      for (const r of await this.store.storyRows(matching.filter((m) => !rows.has(m)))) rows.set(r.id, r);
      const seen = await this.store.alertStoryStates(alert.id, matching);
      for (const storyId of [...matching].sort()) {
        const row = rows.get(storyId);
        if (!row || row.outlets.length < alert.minOutlets) continue;
        const f = await factsOf(storyId);
        const state: AlertStoryState = { outlets: row.outlets.length, facts: f.count };
        const prev = seen.get(storyId) ?? null;
        const kind = !prev ? 'new' : state.outlets > prev.outlets ? 'outlets' : state.facts > prev.facts ? 'facts' : null;
        if (!kind) continue;
        const fresh = f.members.filter((m) => newIds.has(m)).slice(-20);
        const articles = fresh.length ? await this.store.listArticles({ ids: fresh }) : [];
        const payload: AlertPayload = {
          alert: { id: alert.id, query: alert.query, entity: alert.entity, minOutlets: alert.minOutlets },
          kind,
          at: now,
          story: { id: row.id, headline: row.headline, size: row.size, facts: f.count, outlets: row.outlets, first_seen: row.first_seen, last_seen: row.last_seen },
          previous: prev,
          articles: articles.map((a) => ({ id: a.id, headline: a.headline, outlet: a.outlet.name ?? a.outlet.domain, url: a.url, published: a.published })),
        };
        const target = !!(alert.webhook || alert.exec);
        events.push({ alertId: alert.id, storyId, kind, at: now, payload, delivery: target ? 'pending' : 'none', nextAttempt: target ? now : null, state });
      }
    }
    return events.length ? this.store.recordAlertEvents(events) : [];
  }
}

/** Delay before delivery attempt n+1 after n failures, in seconds (see module comment). */
export function deliveryBackoffSeconds(failures: number, random: () => number): number {
  return Math.min(DELIVERY_MAX_SECONDS, DELIVERY_BASE_SECONDS * 2 ** Math.min(failures - 1, 20) * (1 + random()));
}

export interface DispatcherOptions {
  /** Used for webhooks; its allowPrivate setting applies (the watcher passes its own). */
  client?: HttpClient;
  random?: () => number;
  timeoutMs?: number;
  /** Told about each delivery attempt. */
  onDelivery?: (e: { eventId: number; alertId: number; ok: boolean; attempts: number; error: string | null; final: boolean }) => void;
}

/**
 * Delivers pending alert events in the background. `kick()` starts a pass if none is running and
 * returns at once; passes run until nothing due is left.
 *
 * @example const d = new AlertDispatcher(store, systemClock, { client }); d.kick(); … await d.idle();
 */
export class AlertDispatcher {
  private running: Promise<void> | null = null;
  private again = false;
  private readonly client: HttpClient;
  private readonly ownsClient: boolean;
  private readonly random: () => number;
  private readonly timeoutMs: number;
  private readonly abort = new AbortController();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock = systemClock,
    private readonly opts: DispatcherOptions = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? DELIVERY_TIMEOUT_MS;
    this.ownsClient = !opts.client;
    this.client = opts.client ?? new HttpClient({ timeoutMs: this.timeoutMs, maxBytes: 1024 * 1024 });
    this.random = opts.random ?? Math.random;
    setMaxListeners(0, this.abort.signal);
  }

  /** Start delivering what is due, without waiting. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.deliverDue();
      } while (this.again);
    })()
      .catch(() => undefined)
      .finally(() => {
        this.running = null;
      });
  }

  /** Wait for the current pass (if any) to end. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Deliver every event due now; returns how many were attempted. */
  async deliverDue(): Promise<number> {
    const due = await this.store.dueAlertDeliveries(iso(this.clock.now()), 100);
    if (due.length === 0) return 0;
    const alerts = new Map((await this.store.listAlerts()).map((a) => [a.id, a]));
    await Promise.all(due.map((e) => this.deliver(e, alerts.get(e.alertId) ?? null)));
    return due.length;
  }

  private async deliver(e: AlertEventRecord, alert: AlertRecord | null): Promise<void> {
    if (this.abort.signal.aborted) return;
    const attempts = e.attempts + 1;
    let error: string | null = null;
    if (!alert) error = 'the alert was removed';
    else {
      try {
        if (alert.webhook) await this.postWebhook(alert.webhook, e);
        else if (alert.exec) await this.runCommand(alert.exec, e);
      } catch (err) {
        error = (err as Error).message;
      }
    }
    // Cut off by shutdown: not an attempt; the event stays pending and is delivered after a restart.
    if (error && this.abort.signal.aborted) return;
    const final = !error || !alert || attempts >= MAX_DELIVERY_ATTEMPTS;
    await this.store.updateAlertDelivery(e.id, {
      delivery: !error ? 'delivered' : final ? 'failed' : 'pending',
      attempts,
      nextAttempt: final ? null : iso(this.clock.now() + deliveryBackoffSeconds(attempts, this.random) * 1000),
      lastError: error,
    });
    this.opts.onDelivery?.({ eventId: e.id, alertId: e.alertId, ok: !error, attempts, error, final });
  }

  private async postWebhook(url: string, e: AlertEventRecord): Promise<void> {
    let res;
    try {
      res = await this.client.request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-parallax-event': String(e.id), 'x-parallax-alert': String(e.alertId) },
        body: JSON.stringify({ event: e.id, ...e.payload }),
        signal: this.abort.signal,
      });
    } catch (err) {
      throw new Error(`webhook ${url}: ${err instanceof HttpFailure ? err.message : String(err)}`);
    }
    if (res.status < 200 || res.status >= 300) throw new Error(`webhook ${url} answered HTTP ${res.status}`);
  }

  /** Run `/bin/sh -c CMD` with the event JSON on stdin and its ids in the environment. */
  private runCommand(cmd: string, e: AlertEventRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn('/bin/sh', ['-c', cmd], {
        stdio: ['pipe', 'ignore', 'pipe'],
        env: {
          ...process.env,
          PARALLAX_EVENT_ID: String(e.id),
          PARALLAX_ALERT_ID: String(e.alertId),
          PARALLAX_STORY_ID: e.storyId,
          PARALLAX_ALERT_KIND: e.kind,
          PARALLAX_STORY_HEADLINE: e.payload.story.headline,
        },
      });
      let stderr = '';
      const onAbort = () => child.kill('SIGTERM');
      this.abort.signal.addEventListener('abort', onAbort, { once: true });
      child.on('exit', () => this.abort.signal.removeEventListener('abort', onAbort));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`command timed out after ${this.timeoutMs / 1000} s: ${cmd}`));
      }, this.timeoutMs);
      child.stderr.on('data', (d: Buffer) => {
        if (stderr.length < 2000) stderr += d.toString();
      });
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(new Error(`could not run "${cmd}": ${err.message}`));
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new Error(`command "${cmd}" exited with ${signal ?? `code ${code}`}${stderr.trim() ? `: ${stderr.trim().split('\n')[0]}` : ''}`));
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(JSON.stringify({ event: e.id, ...e.payload }));
    });
  }

  /** Abandon deliveries in progress (shutdown); they stay pending in the store. */
  stop(): void {
    this.abort.abort();
  }

  close(): void {
    this.stop();
    if (this.ownsClient) this.client.close();
  }
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One-line title of an alert event. */
export function alertTitle(p: AlertPayload): string {
  const what = p.alert.query ? `"${p.alert.query}"` : `entity "${p.alert.entity}"`;
  const prev = p.previous;
  switch (p.kind) {
    case 'new':
      return `New story for ${what}: ${p.story.headline}`;
    case 'outlets':
      return `Story for ${what} now covered by ${p.story.outlets.length} outlets (was ${prev?.outlets ?? '?'}): ${p.story.headline}`;
    default:
      return `Story for ${what} has ${p.story.facts} distinct reports (was ${prev?.facts ?? '?'}): ${p.story.headline}`;
  }
}

/**
 * The alert log as an Atom 1.0 feed (newest 100 events), for `GET /feeds/alerts.xml`. Story links
 * point at the web UI's `/stories/<id>`, resolved against `baseUrl` when given (`xml:base`).
 *
 * @example const xml = await alertsAtom(store, { baseUrl: 'http://127.0.0.1:8080/' });
 */
export async function alertsAtom(store: Store, opts: { baseUrl?: string; limit?: number } = {}): Promise<string> {
  const events = await store.listAlertEvents({ limit: opts.limit ?? 100 });
  const updated = events[0]?.at ?? new Date(0).toISOString();
  const base = opts.baseUrl ? ` xml:base="${xmlEscape(opts.baseUrl)}"` : '';
  const entries = events.map((e) => {
    const p = e.payload;
    const lines = [
      `Outlets (${p.story.outlets.length}): ${p.story.outlets.join(', ') || 'unknown'}.`,
      `${p.story.size} articles, ${p.story.facts} distinct reports.`,
      ...p.articles.map((a) => `New: ${a.headline ?? '(no headline)'}${a.outlet ? ` — ${a.outlet}` : ''}${a.url ? ` <${a.url}>` : ''}`),
    ];
    return [
      '  <entry>',
      `    <id>urn:parallax:alert-event:${e.id}</id>`,
      `    <title>${xmlEscape(alertTitle(p))}</title>`,
      `    <updated>${e.at}</updated>`,
      `    <link rel="alternate" type="text/html" href="/stories/${xmlEscape(encodeURIComponent(e.storyId))}"/>`,
      `    <category term="${p.kind}"/>`,
      `    <content type="text">${xmlEscape(lines.join('\n'))}</content>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom"${base}>`,
    '  <id>urn:parallax:alerts</id>',
    '  <title>Parallax alerts</title>',
    `  <updated>${updated}</updated>`,
    '  <author><name>Parallax</name></author>',
    '  <link rel="self" href="/feeds/alerts.xml"/>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
