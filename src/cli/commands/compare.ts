/** `parallax compare <story-id>`: consensus, exclusives, disagreements and provenance of a story. */
import type { Command } from 'commander';
import { compareStory, formatComparison, toDot, toMermaid, type Comparison } from '../../compare/index.js';
import type { Mention } from '../../entities/types.js';
import type { Store } from '../../store/types.js';
import { type Context, UsageError } from '../context.js';
import { printJson, println } from '../output.js';
import { storyArticles } from './brief.js';
import { resolveStoryId } from './stories.js';

/** Compare a stored story, reusing the dedupe relations and resolved entity mentions the store holds. */
export async function compareStored(store: Store, storyId: string): Promise<Comparison> {
  const articles = await storyArticles(store, storyId);
  const ids = articles.map((a) => a.id);
  const mentions = new Map<string, Mention[]>();
  const entityOfMention = new Map<Mention, string>();
  for (const id of ids) {
    const list = await store.mentionsOf(id);
    mentions.set(id, list);
    for (const m of list) entityOfMention.set(m, m.entityId);
  }
  return compareStory(articles, {
    relations: await store.relationsFor(ids),
    mentions,
    entityOf: (m) => entityOfMention.get(m),
  });
}

export function registerCompareCommand(program: Command, ctx: Context): void {
  program
    .command('compare <story-id>')
    .description('what the outlets of a story agree on, what only one reports, where they disagree, who copied or credited whom')
    .option('--json', 'print {"consensus","exclusive","disagreements","provenance",…}')
    .option('--dot', 'print the provenance graph as Graphviz DOT')
    .option('--mermaid', 'print the provenance graph as Mermaid')
    .action(async (idArg: string, opts: { json?: boolean; dot?: boolean; mermaid?: boolean }) => {
      const formats = (['json', 'dot', 'mermaid'] as const).filter((f) => opts[f]);
      if (formats.length > 1) throw new UsageError(`--${formats.join(' and --')} ask for different outputs; give one`);
      const store = ctx.existingStore();
      const id = await resolveStoryId(ctx, store, idArg);
      if (!id) return;
      const c = await compareStored(store, id);
      if (opts.json) return printJson(ctx.io, { story: id, ...c });
      if (opts.dot) return println(ctx.io, toDot(c.provenance.graph));
      if (opts.mermaid) return println(ctx.io, toMermaid(c.provenance.graph));
      println(ctx.io, formatComparison(c));
    });
}
