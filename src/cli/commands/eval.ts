/** `parallax eval cluster|summarize|rouge …`: score the pipeline's stages against human labels. */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { evalClusterFile, formatClusterReport } from '../../eval/cluster.js';
import { evalRougeFiles, evalSummarize, formatRougeFiles, formatSummarizeEval } from '../../eval/summarize.js';
import type { RougeOptions } from '../../eval/rouge.js';
import { evalCompareDir, formatCompareEval } from '../../eval/compare.js';
import { entitiesReportJson, evalEntitiesFiles, formatEntitiesReport } from '../../eval/entities.js';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's labelled comparison set (data/compare), found from this file's location. */
function defaultCompareDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of ['../../../..', '../../..']) {
    const dir = resolve(here, up, 'data/compare');
    if (existsSync(dir)) return dir;
  }
  return resolve('data/compare');
}
import { type Context, positiveInt, UsageError } from '../context.js';
import { eprintln, printJson, println } from '../output.js';

function mustExist(path: string): void {
  if (!existsSync(path)) throw new UsageError(`no such file: ${path}`);
}

interface RougeCliOptions {
  stem?: boolean;
  limit?: number;
  jackknife?: boolean;
}

function rougeOptions(o: RougeCliOptions): RougeOptions {
  return { stem: !!o.stem, wordLimit: o.limit, jackknife: !!o.jackknife };
}

export function registerEvalCommands(program: Command, ctx: Context): void {
  const ev = program.command('eval').description('evaluate a stage against human-labelled data');

  ev.command('cluster <articles.jsonl>')
    .description('cluster the articles in file order (in memory) and score against their "event" labels')
    .option('--json', 'print {"articles","events","clusters","bcubed":{"p","r","f1"},"pairwise":{"p","r","f1"},"articles_per_s"}')
    .option('--shuffles <n>', 'also score N seeded shuffles of the file order and report mean and min B-cubed F1 (the parameter-selection procedure)', positiveInt('--shuffles'))
    .action((path: string, opts: { json?: boolean; shuffles?: number }) => {
      mustExist(path);
      const r = evalClusterFile(path, {}, opts.shuffles ?? 0);
      if (opts.json) printJson(ctx.io, r);
      else {
        println(ctx.io, formatClusterReport(r));
        for (const run of r.orders?.runs ?? []) println(ctx.io, `order      ${run.order.padEnd(10)} B-cubed F1 ${(run.bcubed.f1 * 100).toFixed(1)}`);
        if (r.orders) println(ctx.io, `orders     mean B-cubed F1 ${(r.orders.mean_f1 * 100).toFixed(1)}, min ${(r.orders.min_f1 * 100).toFixed(1)}`);
        for (const s of r.skipped) eprintln(ctx.io, `skipped: ${s.input}: ${s.reason}`);
      }
      if (r.skipped.length) ctx.exitCode = 1;
    });

  ev.command('entities <articles.jsonl> <entities.jsonl>')
    .description('extract and resolve entities, score against gold name mentions and chains')
    .option('--json', 'print {"mentions","mention_recall","pairs","variant":{"p","r","f1"},…}')
    .action((articles: string, entities: string, opts: { json?: boolean }) => {
      mustExist(articles);
      mustExist(entities);
      const r = evalEntitiesFiles(articles, entities);
      if (opts.json) printJson(ctx.io, entitiesReportJson(r));
      else println(ctx.io, formatEntitiesReport(r));
    });

  ev.command('compare [dir]')
    .description('score story comparison against the hand-labelled set (default: the repository\'s data/compare)')
    .option('--json', 'print the full report as JSON')
    .action((dir: string | undefined, opts: { json?: boolean }) => {
      const path = dir ?? defaultCompareDir();
      mustExist(path);
      const r = evalCompareDir(path);
      if (opts.json) printJson(ctx.io, r);
      else println(ctx.io, formatCompareEval(r));
      for (const p of r.problems) if (!opts.json) eprintln(ctx.io, `label problem: ${p}`);
      if (r.problems.length) ctx.exitCode = 1;
    });

  const rougeFlags = (c: Command) =>
    c
      .option('--stem', 'Porter-stem tokens (ROUGE -m)')
      .option('--limit <n>', 'truncate peers and references to n words (ROUGE -l)', positiveInt('--limit'))
      .option('--jackknife', 'leave-one-out averaging over references');

  rougeFlags(
    ev
      .command('summarize <clusters.jsonl>')
      .description("write a brief per cluster and score it with ROUGE against the cluster's references")
      .option('--words <n>', 'word budget per brief (default 250)', positiveInt('--words'))
      .option('--focus-from-query', "use each cluster's query as the focus")
      .option('--peers <peers.jsonl>', 'also score these systems side by side')
      .option('--json', 'print the full report as JSON'),
  ).action((path: string, opts: RougeCliOptions & { words?: number; focusFromQuery?: boolean; peers?: string; json?: boolean }) => {
    mustExist(path);
    if (opts.peers) mustExist(opts.peers);
    const r = evalSummarize(path, { words: opts.words ?? 250, focusFromQuery: opts.focusFromQuery, rouge: rougeOptions(opts), peersPath: opts.peers });
    if (opts.json) printJson(ctx.io, r);
    else println(ctx.io, formatSummarizeEval(r));
    if (r.failures.length) ctx.exitCode = 1;
  });

  rougeFlags(
    ev
      .command('rouge <peers.jsonl> <clusters.jsonl>')
      .description('score given summaries ({"system","id","summary"} lines) against the clusters\' references')
      .option('--json', 'print the full report as JSON'),
  ).action((peers: string, clusters: string, opts: RougeCliOptions & { json?: boolean }) => {
    mustExist(peers);
    mustExist(clusters);
    const r = evalRougeFiles(peers, clusters, rougeOptions(opts));
    if (opts.json) printJson(ctx.io, r);
    else println(ctx.io, formatRougeFiles(r));
    if (r.failures.length) ctx.exitCode = 1;
  });
}
