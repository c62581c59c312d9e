/** `parallax brief <story-id>` and the batch `parallax summarize <clusters.jsonl>`. */
import type { Command } from 'commander';
import { formatBrief, writeBrief } from '../../summarize/index.js';
import { summarizeClusters } from '../../eval/summarize.js';
import type { Article } from '../../types.js';
import type { Store } from '../../store/types.js';
import { type Context, positiveInt, timeOption } from '../context.js';
import { eprintln, println, printJson } from '../output.js';
import { resolveStoryId } from './stories.js';

/** A story's member articles, in the story's order. */
export async function storyArticles(store: Store, storyId: string): Promise<Article[]> {
  const story = await store.getStory(storyId);
  if (!story) return [];
  const list = await store.listArticles({ ids: story.members });
  const order = new Map(story.members.map((id, i) => [id, i]));
  return list.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

export function registerBriefCommands(program: Command, ctx: Context): void {
  program
    .command('brief <story-id>')
    .description('a short cited summary of a story')
    .option('--words <n>', 'word budget (default 100)', positiveInt('--words'))
    .option('--sentences <n>', 'sentence budget instead of words', positiveInt('--sentences'))
    .option('--focus <question>', 'bias the brief toward a question')
    .option('--since <time>', 'update brief: only what the story added after this time', timeOption('--since'))
    .option('--json', 'print {"headline","sentences":[{"text","articleId","citations"}],"words"}')
    .action(async (idArg: string, opts: { words?: number; sentences?: number; focus?: string; since?: string; json?: boolean }) => {
      const store = ctx.existingStore();
      const id = await resolveStoryId(ctx, store, idArg);
      if (!id) return;
      const brief = writeBrief(await storyArticles(store, id), opts);
      if (opts.json) return printJson(ctx.io, { story: id, ...brief });
      println(ctx.io, formatBrief(brief));
    });

  program
    .command('summarize <clusters.jsonl>')
    .description('batch: one JSON line {"id","summary"} per cluster of a clusters file')
    .option('--words <n>', 'word budget per summary (default 250)', positiveInt('--words'))
    .option('--focus-from-query', "use each cluster's query as the focus")
    .action(async (path: string, opts: { words?: number; focusFromQuery?: boolean }) => {
      const { summaries, failures } = summarizeClusters(path, { words: opts.words ?? 250, focusFromQuery: opts.focusFromQuery });
      for (const s of summaries) ctx.io.stdout.write(`${JSON.stringify(s)}\n`);
      for (const f of failures) eprintln(ctx.io, `failed: ${f.input}: ${f.reason}`);
      if (failures.length) ctx.exitCode = 1;
    });
}
