/** `parallax stories`, `parallax story <id>`, `parallax recluster`. */
import type { Command } from 'commander';
import type { Store } from '../../store/types.js';
import { reclusterAll } from '../../pipeline.js';
import { type Context, positiveInt, timeOption } from '../context.js';
import { clip, eprintln, printJson, println, Progress, shortTime, table } from '../output.js';
import { articleJson, outletName } from './articles.js';
import { plural } from '../../text/plural.js';

/** Resolve a full story id or a unique prefix (4+ characters). Prints the problem and returns null. */
export async function resolveStoryId(ctx: Context, store: Store, idArg: string): Promise<string | null> {
  if (await store.getStory(idArg)) return idArg;
  const ids = await store.findStoryIds(idArg);
  if (ids.length === 1) return ids[0];
  const short = idArg.length < 4 ? ' (an id prefix needs at least 4 characters)' : '';
  eprintln(ctx.io, ids.length ? `"${idArg}" matches several stories: ${ids.join(', ')}` : `no story with id "${idArg}"${short}`);
  ctx.exitCode = 1;
  return null;
}

export function registerStoryCommands(program: Command, ctx: Context): void {
  program
    .command('stories')
    .description('list stories, newest first')
    .option('--since <time>', 'only stories seen at or after (ISO time, or 24h / 7d)', timeOption('--since'))
    .option('--until <time>', 'only stories that began before', timeOption('--until'))
    .option('--outlet <name>', 'only stories with an article from this outlet')
    .option('--q <words>', 'only stories with an article matching these words')
    .option('--min-size <n>', 'only stories with at least n articles', positiveInt('--min-size'))
    .option('--limit <n>', 'at most n stories (default 30; all with --json)', positiveInt('--limit'))
    .option('--offset <n>', 'skip the first n', positiveInt('--offset'))
    .option('--json', 'print [{"id","size","outlets","first_seen","last_seen","headline"}]')
    .action(
      async (opts: { since?: string; until?: string; outlet?: string; q?: string; minSize?: number; limit?: number; offset?: number; json?: boolean }) => {
        const store = ctx.existingStore();
        const query = { since: opts.since, until: opts.until, outlet: opts.outlet, q: opts.q, minSize: opts.minSize };
        const rows = await store.listStories({ ...query, limit: opts.limit ?? (opts.json ? undefined : 30), offset: opts.offset });
        if (opts.json) return printJson(ctx.io, rows);
        if (rows.length === 0) return println(ctx.io, 'No stories match.');
        println(
          ctx.io,
          table([
            ['STORY', 'SIZE', 'OUTLETS', 'FIRST SEEN', 'LAST SEEN', 'HEADLINE'],
            ...rows.map((s) => [
              s.id,
              String(s.size),
              String(s.outlets.length),
              shortTime(s.first_seen),
              shortTime(s.last_seen),
              clip(s.headline, 70),
            ]),
          ]),
        );
        const total = await store.countStories(query);
        const shown = (opts.offset ?? 0) + rows.length;
        if (total > shown) println(ctx.io, `… ${total - shown} more (use --limit / --offset)`);
      },
    );

  program
    .command('story <id>')
    .description('show a story and its member articles (id or unique prefix)')
    .option('--json', 'print the story with its members as JSON')
    .action(async (idArg: string, opts: { json?: boolean }) => {
      const store = ctx.existingStore();
      const id = await resolveStoryId(ctx, store, idArg);
      if (!id) return;
      const row = (await store.listStories({})).find((s) => s.id === id);
      const story = (await store.getStory(id))!;
      const members = await store.listArticles({ ids: story.members });
      members.sort((a, b) => story.members.indexOf(a.id) - story.members.indexOf(b.id));
      const relations = await store.relationsFor(story.members);
      if (opts.json) {
        return printJson(ctx.io, {
          ...row,
          members: members.map((a) => {
            const { text: _text, ...meta } = articleJson(a);
            return meta;
          }),
          relations,
        });
      }
      println(ctx.io, row?.headline ?? id);
      println(
        ctx.io,
        `story ${id} · ${plural(members.length, 'article')} · ${plural(row?.outlets.length ?? 0, 'outlet')} · ${shortTime(row?.first_seen ?? null)} … ${shortTime(row?.last_seen ?? null)}`,
      );
      println(ctx.io);
      println(
        ctx.io,
        table([
          ['ARTICLE', 'PUBLISHED', 'OUTLET', 'HEADLINE'],
          ...members.map((a) => [a.id, shortTime(a.published ?? a.ingestedAt), clip(outletName(a), 24), clip(a.headline ?? a.paragraphs[0] ?? '', 70)]),
        ]),
      );
      if (relations.length) {
        println(ctx.io);
        for (const r of relations) println(ctx.io, `${r.from} ${r.kind === 'copy' ? 'is a copy of' : 'reuses text of'} ${r.to} (${r.score.toFixed(2)})`);
      }
    });

  program
    .command('recluster')
    .description('rebuild all stories deterministically from the stored articles')
    .option('--json', 'print {"articles","stories"}')
    .action(async (opts: { json?: boolean }) => {
      const store = ctx.existingStore();
      const progress = new Progress(ctx.io, !opts.json);
      const res = await reclusterAll(store, { onClusterProgress: (d, t) => progress.update(`reclustering ${Progress.bar(d, t)} ${d}/${t}`) });
      progress.done();
      if (opts.json) return printJson(ctx.io, res);
      println(ctx.io, `reclustered ${res.articles} articles into ${res.stories} stories`);
    });
}
