/**
 * `parallax feeds add|import|export|list|remove`, `parallax watch`, `parallax alerts add|list|remove|log|atom`.
 *
 * `watch` output: on a terminal, a status line redrawn on stderr and one short line per notable
 * event (new articles, a failing feed, an alert) on stdout; when stdout is piped (or with `--json`),
 * one JSON object per event on stdout, for log collectors.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { FeedRecord, Store } from '../../store/types.js';
import { Watcher, type WatchEvent, type RoundSummary } from '../../feeds/watcher.js';
import { alertsAtom, alertTitle, systemClock } from '../../feeds/alerts.js';
import { addFeeds, resolveFeed } from '../../feeds/registry.js';
import { parseOpml, writeOpml } from '../../feeds/opml.js';
import { type Context, positiveInt, UsageError } from '../context.js';
import { clip, eprintln, printJson, println, Progress, shortTime, table, type Io } from '../output.js';

function feedJson(f: FeedRecord): Record<string, unknown> {
  return { ...f };
}

function feedStatus(f: FeedRecord): string {
  if (f.polls === 0) return 'new';
  if (f.lastError) return `error ×${f.errorCount}`;
  return f.lastStatus === 304 ? 'ok (304)' : `ok (${f.lastStatus ?? '—'})`;
}

async function addAndReport(ctx: Context, store: Store, feeds: Array<{ url: string; title?: string | null; siteUrl?: string | null }>, json?: boolean): Promise<void> {
  const r = await addFeeds(store, feeds, new Date().toISOString());
  if (json) {
    printJson(ctx.io, { added: r.added.map(feedJson), existing: r.existing.map(feedJson), invalid: r.invalid });
  } else {
    for (const f of r.added) println(ctx.io, `added ${f.id} ${f.url}`);
    for (const f of r.existing) println(ctx.io, `already followed ${f.id} ${f.url}`);
    for (const i of r.invalid) eprintln(ctx.io, `failed: ${i.input}: ${i.reason}`);
  }
  if (r.invalid.length) ctx.exitCode = 1;
}

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s}s`;
  if (s < 5400) return `${Math.round(s / 60)}m`;
  return `${+(s / 3600).toFixed(1)}h`;
}

export interface WatchCliOptions {
  interval?: number;
  once?: boolean;
  concurrency?: number;
  perHost?: number;
  allowPrivate?: boolean;
  timeout?: number;
  maxBytes?: number;
  pages?: boolean;
  json?: boolean;
}

/** Print watcher events: JSON lines when structured, short human lines otherwise. */
function eventPrinter(io: Io, structured: boolean, progress: Progress, titles: Map<number, string>): (e: WatchEvent) => void {
  return (e) => {
    if (structured) {
      io.stdout.write(`${JSON.stringify({ t: new Date().toISOString(), ...e })}\n`);
      return;
    }
    const line = (s: string) => {
      progress.done();
      println(io, `${new Date().toISOString().slice(11, 19)} ${s}`);
    };
    const name = (id: number, url?: string) => clip(titles.get(id) ?? url ?? `feed ${id}`, 50);
    switch (e.type) {
      case 'poll':
        if (e.title) titles.set(e.feedId, e.title);
        if (e.outcome === 'error') line(`error  ${name(e.feedId, e.url)}: ${e.error} (next try in ${duration(Date.parse(e.nextPollAt) - Date.now())})`);
        else if (e.added || e.failed) line(`+${e.added} ${name(e.feedId, e.url)}${e.duplicates ? ` (${e.duplicates} already held)` : ''}${e.failed ? `, ${e.failed} failed` : ''}`);
        if (e.movedTo) line(`moved  ${name(e.feedId, e.url)} permanently to ${e.movedTo} (update it with feeds remove/add)`);
        break;
      case 'item-failed':
        line(`failed ${e.input}: ${e.reason}`);
        break;
      case 'alert':
        line(`ALERT  #${e.alertId} ${e.title}`);
        break;
      case 'delivery':
        if (!e.ok) line(`alert delivery ${e.final ? 'gave up' : 'failed'} (event ${e.eventId}, attempt ${e.attempts}): ${e.error}`);
        break;
      default:
        break;
    }
  };
}

function roundLine(r: RoundSummary): string {
  return `polled ${r.feeds} feeds: ${r.new} changed, ${r.unchanged} unchanged, ${r.errors} failed; articles added ${r.added}, already held ${r.duplicates}, failed ${r.failed}${r.retry ? `, ${r.retry} pages to retry` : ''}`;
}

export function registerFeedCommands(program: Command, ctx: Context): void {
  const feeds = program.command('feeds').description('the feeds `parallax watch` follows: add, import, export, list, remove');

  feeds
    .command('add')
    .description('follow RSS/Atom/RDF/JSON feeds')
    .argument('<urls...>', 'feed URLs')
    .option('--json', 'print {"added","existing","invalid"}')
    .action(async (urls: string[], opts: { json?: boolean }) => {
      await addAndReport(ctx, ctx.store(), urls.map((url) => ({ url })), opts.json);
    });

  feeds
    .command('import')
    .description('follow every feed of an OPML file (as exported by feed readers)')
    .argument('<file>', 'OPML file, or - for stdin')
    .option('--json', 'print {"added","existing","invalid"}')
    .action(async (file: string, opts: { json?: boolean }) => {
      let xml: string;
      try {
        xml = readFileSync(file === '-' ? 0 : file, 'utf8');
      } catch (e) {
        eprintln(ctx.io, `failed: ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
        ctx.exitCode = 1;
        return;
      }
      const parsed = parseOpml(xml);
      for (const p of parsed.problems) eprintln(ctx.io, `failed: ${file}: ${p}`);
      if (parsed.problems.length) ctx.exitCode = 1;
      if (parsed.feeds.length === 0) return;
      const before = ctx.exitCode;
      await addAndReport(ctx, ctx.store(), parsed.feeds, opts.json);
      ctx.exitCode = Math.max(before, ctx.exitCode);
    });

  feeds
    .command('export')
    .description('print the followed feeds as OPML')
    .action(async () => {
      const list = await ctx.store().listFeeds();
      ctx.io.stdout.write(writeOpml(list.map((f) => ({ url: f.url, title: f.title, siteUrl: f.siteUrl }))));
    });

  feeds
    .command('list')
    .description('followed feeds with their polling state')
    .option('--json', 'print a JSON array of feeds')
    .action(async (opts: { json?: boolean }) => {
      const list = await ctx.store().listFeeds();
      if (opts.json) return printJson(ctx.io, list.map(feedJson));
      if (list.length === 0) return println(ctx.io, 'No feeds. Add some with: parallax feeds add <url>… or parallax feeds import <file.opml>');
      println(
        ctx.io,
        table([
          ['ID', 'STATUS', 'LAST POLL', 'NEXT POLL', 'ARTICLES', 'FEED'],
          ...list.map((f) => [
            String(f.id),
            feedStatus(f),
            shortTime(f.lastPollAt),
            shortTime(f.nextPollAt),
            String(f.itemsStored),
            `${clip(f.title ?? f.url, 40)}${f.title ? ` <${f.url}>` : ''}${f.lastError ? ` — ${clip(f.lastError, 60)}` : ''}`,
          ]),
        ]),
      );
    });

  feeds
    .command('remove')
    .description('stop following feeds (their stored articles stay)')
    .argument('<feeds...>', 'feed ids or URLs')
    .action(async (args: string[]) => {
      const store = ctx.store();
      for (const a of args) {
        const f = await resolveFeed(store, a);
        if (!f) {
          eprintln(ctx.io, `failed: ${a}: no such feed`);
          ctx.exitCode = 1;
          continue;
        }
        await store.removeFeed(f.id);
        println(ctx.io, `removed ${f.id} ${f.url}`);
      }
    });

  program
    .command('watch')
    .description('poll the followed feeds, store and cluster new articles, fire alerts (until Ctrl-C; --once for cron)')
    .option('--interval <seconds>', 'poll interval where a feed gives no hint (default 300)', positiveInt('--interval'))
    .option('--once', 'poll every feed once (honouring back-off / Retry-After) and exit')
    .option('--concurrency <n>', 'requests in flight overall (default 16)', positiveInt('--concurrency'))
    .option('--per-host <n>', 'requests in flight per host (default 2)', positiveInt('--per-host'))
    .option('--allow-private', 'allow feeds, pages and webhooks on loopback/private/link-local addresses')
    .option('--timeout <seconds>', 'deadline of one request (default 15)', positiveInt('--timeout'))
    .option('--max-bytes <n>', 'largest feed or page (default 10 MiB)', positiveInt('--max-bytes'))
    .option('--no-pages', 'do not fetch the linked page of summary-only items')
    .option('--json', 'print one JSON object per event even on a terminal')
    .action(async (opts: WatchCliOptions) => {
      const store = ctx.store();
      const structured = !!opts.json || !ctx.io.stdout.isTTY;
      const progress = new Progress(ctx.io, !structured);
      const titles = new Map<number, string>();
      for (const f of await store.listFeeds()) titles.set(f.id, f.title ?? f.url);
      if (titles.size === 0) {
        eprintln(ctx.io, 'no feeds to watch: add some with "parallax feeds add <url>…" or "parallax feeds import <file.opml>"');
        ctx.exitCode = 1;
        return;
      }
      const print = eventPrinter(ctx.io, structured, progress, titles);
      const watcher = new Watcher(store, systemClock, {
        intervalSeconds: opts.interval,
        concurrency: opts.concurrency,
        perHost: opts.perHost,
        allowPrivate: !!opts.allowPrivate,
        timeoutMs: opts.timeout ? opts.timeout * 1000 : undefined,
        maxBytes: opts.maxBytes,
        fetchPages: opts.pages !== false,
        onEvent: print,
      });
      let signals = 0;
      const onSignal = () => {
        signals++;
        if (signals > 1) process.exit(130); // a second Ctrl-C: leave now (SQLite's journal keeps the store consistent)
        progress.done();
        eprintln(ctx.io, 'stopping: finishing writes in progress… (Ctrl-C again to quit at once)');
        watcher.stop();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      const status = setInterval(() => {
        const t = watcher.totals;
        progress.update(
          `watching ${titles.size} feeds · polling ${watcher.pollsInFlight} · queued ${watcher.limiter.queued} · polls ${t.polls} · +${t.added} articles · ${t.unchanged} unchanged · ${t.errors} errors · ${t.alerts} alerts`,
          true,
        );
      }, 1000);
      try {
        if (opts.once) {
          const round = await watcher.pollOnce({ all: true });
          await watcher.dispatcher?.idle();
          progress.done();
          if (structured) {
            const { polls: _polls, ...totals } = round;
            ctx.io.stdout.write(`${JSON.stringify({ t: new Date().toISOString(), type: 'round', ...totals })}\n`);
          } else println(ctx.io, roundLine(round));
          if (round.errors > 0) ctx.exitCode = 1;
        } else {
          await watcher.run();
          progress.done();
          if (!structured) println(ctx.io, `stopped after ${watcher.totals.polls} polls: ${watcher.totals.added} articles added`);
        }
      } finally {
        clearInterval(status);
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await watcher.close();
      }
    });

  const alerts = program.command('alerts').description('standing alerts on stories: add, list, remove, log, atom');

  alerts
    .command('add')
    .description('alert when a matching story appears or gains outlets or facts')
    .option('--query <words>', 'stories with an article containing all these words')
    .option('--entity <name>', 'stories naming this person, organisation or place (matched as a phrase)')
    .option('--min-outlets <n>', 'only stories covered by at least n outlets (default 1)', positiveInt('--min-outlets'))
    .option('--webhook <url>', 'POST each alert as JSON to this URL (retried with back-off)')
    .option('--exec <command>', 'run this shell command per alert, with the alert JSON on stdin')
    .option('--json', 'print the alert as JSON')
    .action(async (opts: { query?: string; entity?: string; minOutlets?: number; webhook?: string; exec?: string; json?: boolean }) => {
      if (!!opts.query === !!opts.entity) throw new UsageError('give exactly one of --query or --entity');
      if (opts.webhook && opts.exec) throw new UsageError('give at most one of --webhook or --exec');
      const text = (opts.query ?? opts.entity)!;
      if (!/[\p{L}\p{N}]/u.test(text)) throw new UsageError(`${opts.query ? '--query' : '--entity'} needs at least one word`);
      if (opts.webhook) {
        let u: URL | null = null;
        try {
          u = new URL(opts.webhook);
        } catch {
          u = null;
        }
        if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) throw new UsageError(`--webhook must be an http(s) URL, got "${opts.webhook}"`);
      }
      const a = await ctx.store().addAlert(
        { query: opts.query ?? null, entity: opts.entity ?? null, minOutlets: opts.minOutlets ?? 1, webhook: opts.webhook ?? null, exec: opts.exec ?? null },
        new Date().toISOString(),
      );
      if (opts.json) printJson(ctx.io, a);
      else println(ctx.io, `added alert ${a.id}`);
    });

  alerts
    .command('list')
    .description('standing alerts')
    .option('--json', 'print a JSON array')
    .action(async (opts: { json?: boolean }) => {
      const list = await ctx.store().listAlerts();
      if (opts.json) return printJson(ctx.io, list);
      if (list.length === 0) return println(ctx.io, 'No alerts. Add one with: parallax alerts add --query WORDS [--webhook URL | --exec CMD]');
      println(
        ctx.io,
        table([
          ['ID', 'MATCH', 'MIN OUTLETS', 'DELIVERY'],
          ...list.map((a) => [
            String(a.id),
            a.query ? `query: ${a.query}` : `entity: ${a.entity}`,
            String(a.minOutlets),
            a.webhook ? `webhook ${a.webhook}` : a.exec ? `exec ${clip(a.exec, 40)}` : 'log and Atom feed only',
          ]),
        ]),
      );
    });

  alerts
    .command('remove')
    .description('remove alerts (what they fired stays in the log)')
    .argument('<ids...>', 'alert ids')
    .action(async (ids: string[]) => {
      for (const id of ids) {
        const ok = /^\d+$/.test(id) && (await ctx.store().removeAlert(Number(id)));
        if (ok) println(ctx.io, `removed alert ${id}`);
        else {
          eprintln(ctx.io, `failed: ${id}: no such alert`);
          ctx.exitCode = 1;
        }
      }
    });

  alerts
    .command('log')
    .description('alerts fired, newest first')
    .option('--limit <n>', 'at most n (default 30)', positiveInt('--limit'))
    .option('--alert <id>', 'only this alert', positiveInt('--alert'))
    .option('--json', 'print a JSON array')
    .action(async (opts: { limit?: number; alert?: number; json?: boolean }) => {
      const events = await ctx.store().listAlertEvents({ limit: opts.limit ?? 30, alertId: opts.alert });
      if (opts.json) return printJson(ctx.io, events);
      if (events.length === 0) return println(ctx.io, 'No alerts fired yet.');
      println(
        ctx.io,
        table([
          ['EVENT', 'AT', 'ALERT', 'STORY', 'DELIVERY', 'WHAT'],
          ...events.map((e) => [String(e.id), shortTime(e.at), String(e.alertId), e.storyId, e.delivery, clip(alertTitle(e.payload), 80)]),
        ]),
      );
    });

  alerts
    .command('atom')
    .description('print the alert log as an Atom feed (what `parallax serve` publishes at /feeds/alerts.xml)')
    .option('--base-url <url>', 'resolve story links against this URL (e.g. http://127.0.0.1:8080/)')
    .action(async (opts: { baseUrl?: string }) => {
      ctx.io.stdout.write(await alertsAtom(ctx.store(), { baseUrl: opts.baseUrl }));
    });
}
