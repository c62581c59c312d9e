/** `parallax ingest <inputs...>` and `parallax demo`. */
import { existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { readInputs } from '../../ingest/sources.js';
import { ingestItems, type IngestSummary } from '../../pipeline.js';
import type { Store } from '../../store/types.js';
import { openStore } from '../../store/index.js';
import { serveUntilStopped } from './serve.js';
import { type Context, positiveInt } from '../context.js';
import { eprintln, printJson, println, Progress, table, clip, shortTime, type Io } from '../output.js';

export interface IngestCliOptions {
  json?: boolean;
  allowPrivate?: boolean;
  timeout?: number;
  maxBytes?: number;
  /** Leave the batch open (no end-of-batch story checks; see consolidateStories in src/pipeline.ts). */
  stream?: boolean;
}

/** Run the pipeline over inputs with progress on a terminal and one line per failure. */
export async function runIngest(io: Io, store: Store, inputs: string[], opts: IngestCliOptions): Promise<IngestSummary> {
  const progress = new Progress(io, !opts.json);
  const summary = await ingestItems(
    store,
    readInputs(inputs, { allowPrivate: !!opts.allowPrivate, timeoutMs: opts.timeout ? opts.timeout * 1000 : undefined, maxBytes: opts.maxBytes }),
    {
      onProgress: (p) => progress.update(`ingesting ${p.read} read · ${p.added} added · ${p.duplicates} duplicates · ${p.failed} failed · ${p.current}`),
      // one line on stderr per problem, also with --json (whose stdout carries them too)
      onFailure: (f) => {
        progress.done();
        eprintln(io, `failed: ${f.input}: ${f.reason}`);
      },
      onWarning: (w) => {
        progress.done();
        eprintln(io, `warning: ${w.input}: ${w.reason}`);
      },
      onClusterProgress: (done, total) => progress.update(`clustering ${Progress.bar(done, total)} ${done}/${total}`),
      endBatch: !opts.stream,
    },
  );
  progress.done();
  return summary;
}

export function printIngestSummary(io: Io, summary: IngestSummary, json: boolean | undefined): void {
  if (json) {
    printJson(io, { added: summary.added, duplicates: summary.duplicates, failed: summary.failed, warnings: summary.warnings });
  } else {
    const warned = summary.warnings.length ? `, warnings ${summary.warnings.length}` : '';
    println(io, `added ${summary.added}, duplicates ${summary.duplicates}, failed ${summary.failed.length}${warned}`);
  }
}

/** The bundled sample corpus (Wikinews articles and the two seed reports). */
export function sampleDir(): string {
  // dist/src/cli/commands → repo root
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of ['../../../..', '../../..']) {
    const dir = resolve(here, up, 'samples');
    if (existsSync(dir)) return dir;
  }
  throw new Error('the bundled samples/ folder is missing from this installation');
}

export function registerIngestCommands(program: Command, ctx: Context): void {
  program
    .command('ingest')
    .description('read articles from files, directories, globs, JSON/JSONL, HTML, RSS/Atom/RDF/JSON feeds, URLs or stdin (-)')
    .argument('<inputs...>', 'paths, directories, globs, http(s) URLs, or - for stdin')
    .option('--json', 'print {"added","duplicates","failed":[{"input","reason"}],"warnings":[{"input","reason"}]}')
    .option('--allow-private', 'allow fetching URLs on loopback/private/link-local addresses')
    .option('--timeout <seconds>', 'per-URL timeout (default 15)', positiveInt('--timeout'))
    .option('--max-bytes <n>', 'largest single document to read (default 20 MiB)', positiveInt('--max-bytes'))
    .option('--stream', 'part of a stream: leave single-article stories waiting for more reports instead of settling them at the end (for frequent small ingests; see README)')
    .action(async (inputs: string[], opts: IngestCliOptions) => {
      const summary = await runIngest(ctx.io, ctx.store(), inputs, opts);
      printIngestSummary(ctx.io, summary, opts.json);
      if (summary.failed.length > 0) ctx.exitCode = 1;
    });

  program
    .command('demo')
    .description('ingest the bundled sample corpus into a fresh database and show what it holds')
    .option('--json', 'print the ingest summary and stories as JSON')
    .option('--serve', 'then serve the web UI on it (until Ctrl-C)')
    .option('--port <n>', 'port for --serve (default 8080; 0 picks a free one)', (v) => (v === '0' ? 0 : positiveInt('--port')(v)))
    .option('--host <address>', 'address for --serve (default 127.0.0.1)')
    .action(async (opts: { json?: boolean; serve?: boolean; port?: number; host?: string }) => {
      const path = ctx.dbPath();
      if (existsSync(path)) {
        // Only a database made by `demo` may be replaced; anything else is the user's data.
        const existing = openStore(path);
        const isDemo = (await existing.getMeta('demo')) === '1';
        await existing.close();
        if (!isDemo) {
          eprintln(ctx.io, `${path} exists and was not made by "parallax demo"; refusing to overwrite it. Use --db to pick another file.`);
          ctx.exitCode = 2;
          return;
        }
        for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
      }
      const store = ctx.store();
      await store.setMeta('demo', '1');
      const dir = sampleDir();
      const summary = await runIngest(ctx.io, store, [join(dir, 'wikinews'), join(dir, 'seeds')], { json: opts.json });
      const stories = await store.listStories({ limit: 15 });
      const stats = await store.stats();
      if (opts.json) {
        printJson(ctx.io, {
          db: path,
          added: summary.added,
          duplicates: summary.duplicates,
          failed: summary.failed,
          warnings: summary.warnings,
          articles: stats.articles,
          stories: await store.listStories({}),
        });
      } else {
        println(ctx.io, `Demo database ${path}: ${stats.articles} articles from ${stats.outlets} outlets, ${stats.stories} stories.`);
        printIngestSummary(ctx.io, summary, false);
        if (stories.length) {
          println(ctx.io);
          println(
            ctx.io,
            table([
              ['STORY', 'SIZE', 'OUTLETS', 'LAST SEEN', 'HEADLINE'],
              ...stories.map((s) => [s.id, String(s.size), String(s.outlets.length), shortTime(s.last_seen), clip(s.headline, 60)]),
            ]),
          );
        }
        println(ctx.io);
        println(ctx.io, `Next: parallax --db ${path} stories | story <id> | articles | serve`);
      }
      if (summary.failed.length > 0) ctx.exitCode = 1;
      if (opts.serve) await serveUntilStopped(ctx.io, store, { port: opts.port, host: opts.host });
    });
}
