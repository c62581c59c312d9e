/** `parallax entities`, `parallax entity <name-or-id>`. */
import type { Command } from 'commander';
import type { EntityRow } from '../../store/types.js';
import { type Context, oneOf, positiveInt } from '../context.js';
import { clip, eprintln, printJson, println, shortTime, table } from '../output.js';
import { resolveStoryId } from './stories.js';
import { plural } from '../../text/plural.js';

function variantsText(e: EntityRow, n = 4): string {
  const others = e.variants.filter((v) => v.name !== e.name);
  const shown = others.slice(0, n).map((v) => `${v.name} (${v.count})`);
  return shown.length ? shown.join(', ') + (others.length > n ? ', …' : '') : '';
}

export function registerEntityCommands(program: Command, ctx: Context): void {
  program
    .command('entities')
    .description('people, organisations and places, most mentioned first, with their name variants')
    .option('--story <id>', 'only entities of this story (counts within the story)')
    .option('--type <type>', 'person, organisation, place or other', oneOf('--type', ['person', 'organisation', 'place', 'other']))
    .option('--q <text>', 'name or variant contains this')
    .option('--limit <n>', 'at most n (default 40; all with --json)', positiveInt('--limit'))
    .option('--json', 'print an array of {"id","name","type","variants","roles","affiliations","mentions","articles"}')
    .action(async (opts: { story?: string; type?: string; q?: string; limit?: number; json?: boolean }) => {
      const store = ctx.existingStore();
      let storyId: string | undefined;
      if (opts.story) {
        const id = await resolveStoryId(ctx, store, opts.story);
        if (!id) return;
        storyId = id;
      }
      const rows = await store.listEntities({ storyId, type: opts.type, q: opts.q, limit: opts.limit ?? (opts.json ? undefined : 40) });
      if (opts.json) return printJson(ctx.io, rows);
      if (rows.length === 0) return println(ctx.io, 'No entities match.');
      println(
        ctx.io,
        table([
          ['ENTITY', 'TYPE', 'MENTIONS', 'NAME', 'ALSO WRITTEN'],
          ...rows.map((e) => [e.id, e.type, String(e.mentions), clip(e.name, 36), clip(variantsText(e), 60)]),
        ]),
      );
    });

  program
    .command('entity <name-or-id>')
    .description('one entity: its variants, roles, affiliations and stories')
    .option('--json', 'print the entity with its stories as JSON')
    .action(async (arg: string, opts: { json?: boolean }) => {
      const store = ctx.existingStore();
      const byId = await store.getEntity(arg);
      const matches = byId ? [byId] : await store.findEntitiesByName(arg);
      if (matches.length === 0) {
        eprintln(ctx.io, `no entity named or with id "${arg}"`);
        ctx.exitCode = 1;
        return;
      }
      const e = matches[0];
      const stories = await store.storiesOfEntity(e.id);
      if (opts.json) return printJson(ctx.io, { ...e, stories, others: matches.slice(1).map((o) => ({ id: o.id, name: o.name, type: o.type })) });
      println(ctx.io, `${e.name} · ${e.type} · ${plural(e.mentions, 'mention')} in ${plural(e.articles, 'article')} · id ${e.id}`);
      if (e.variants.length > 1) println(ctx.io, `written as: ${e.variants.map((v) => `${v.name} (${v.count})`).join(', ')}`);
      if (e.roles.length) println(ctx.io, `roles: ${e.roles.join(', ')}`);
      if (e.affiliations.length) println(ctx.io, `affiliations: ${e.affiliations.join(', ')}`);
      if (stories.length) {
        println(ctx.io);
        println(ctx.io, table([['STORY', 'SIZE', 'LAST SEEN', 'HEADLINE'], ...stories.map((s) => [s.id, String(s.size), shortTime(s.last_seen), clip(s.headline, 70)])]));
      }
      if (matches.length > 1) println(ctx.io, `\nalso named "${arg}": ${matches.slice(1).map((o) => `${o.name} (${o.id})`).join(', ')}`);
    });
}
