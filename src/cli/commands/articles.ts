/** `parallax articles`, `parallax article <id>`, `parallax stats`. */
import type { Command } from 'commander';
import type { Article } from '../../types.js';
import type { Store } from '../../store/types.js';
import { type Context, positiveInt, timeOption } from '../context.js';
import { clip, println, printJson, shortTime, table, eprintln } from '../output.js';

/** The JSON shape of an article in CLI and API output. */
export function articleJson(a: Article): Record<string, unknown> {
  const { paragraphs, ...rest } = a;
  return { ...rest, text: paragraphs.join('\n\n') };
}

export function outletName(a: Pick<Article, 'outlet'>): string {
  return a.outlet.name ?? a.outlet.domain ?? 'unknown outlet';
}

/** Resolve a full id or a unique prefix of at least 4 characters. */
export async function resolveArticleId(store: Store, idOrPrefix: string): Promise<string | null | string[]> {
  if (await store.getArticle(idOrPrefix)) return idOrPrefix;
  const ids = await store.findArticleIds(idOrPrefix);
  if (ids.length === 1) return ids[0];
  if (ids.length > 1) return ids;
  return null;
}

export function registerArticleCommands(program: Command, ctx: Context): void {
  program
    .command('articles')
    .description('list stored articles, newest first')
    .option('--since <time>', 'only articles published at or after (ISO time, or 24h / 7d); an undated article counts from when it was ingested', timeOption('--since'))
    .option('--until <time>', 'only articles published before (undated: ingested before)', timeOption('--until'))
    .option('--source <outlet>', 'only articles from an outlet (name or domain, substring)')
    .option('--q <words>', 'full-text search over headline and body')
    .option('--limit <n>', 'at most n articles (default 50; 0 in --json means all)', (v) => (v === '0' ? 0 : positiveInt('--limit')(v)))
    .option('--offset <n>', 'skip the first n', positiveInt('--offset'))
    .option('--json', 'print a JSON array of article objects')
    .action(async (opts: { since?: string; until?: string; source?: string; q?: string; limit?: number; offset?: number; json?: boolean }) => {
      const store = ctx.existingStore();
      const limit = opts.limit === 0 ? undefined : (opts.limit ?? (opts.json ? undefined : 50));
      const query = { since: opts.since, until: opts.until, source: opts.source, q: opts.q };
      const list = await store.listArticles({ ...query, limit, offset: opts.offset });
      if (opts.json) return printJson(ctx.io, list.map(articleJson));
      const total = await store.countArticles(query);
      if (list.length === 0) return println(ctx.io, 'No articles match.');
      println(
        ctx.io,
        table([
          ['ID', 'PUBLISHED', 'OUTLET', 'HEADLINE'],
          ...list.map((a) => [
            a.id,
            shortTime(a.published),
            clip(outletName(a), 24),
            clip(a.headline ?? `(no headline) ${a.paragraphs[0] ?? ''}`, 70),
          ]),
        ]),
      );
      if (total > list.length) println(ctx.io, `… ${total - list.length - (opts.offset ?? 0)} more (use --limit / --offset)`);
    });

  program
    .command('article <id>')
    .description('show one article (id or unique id prefix)')
    .option('--json', 'print the article as JSON')
    .action(async (idArg: string, opts: { json?: boolean }) => {
      const store = ctx.existingStore();
      const id = await resolveArticleId(store, idArg);
      if (id === null || Array.isArray(id)) {
        const short = idArg.length < 4 ? ' (an id prefix needs at least 4 characters)' : '';
        eprintln(ctx.io, id === null ? `no article with id "${idArg}"${short}` : `"${idArg}" matches several articles: ${id.join(', ')}`);
        ctx.exitCode = 1;
        return;
      }
      const a = (await store.getArticle(id))!;
      const storyId = await store.storyOfArticle(a.id);
      if (opts.json) return printJson(ctx.io, { ...articleJson(a), story: storyId });
      println(ctx.io, a.headline ? `${a.headline}${a.headlineDerived ? ' (derived)' : ''}` : '(no headline)');
      println(ctx.io, `id ${a.id} · ${outletName(a)} · ${shortTime(a.published)} · ${a.language ?? 'unknown language'} · ${a.format}`);
      if (a.url) println(ctx.io, `url ${a.url}`);
      if (a.canonicalUrl && a.canonicalUrl !== a.url) println(ctx.io, `canonical ${a.canonicalUrl}`);
      if (a.authors.length) println(ctx.io, `by ${a.authors.join(', ')}`);
      if (storyId) println(ctx.io, `story ${storyId}`);
      if (a.attributions.length)
        println(ctx.io, `attributions: ${a.attributions.map((h) => `${h.kind} ${h.source}`).join('; ')}`);
      println(ctx.io);
      println(ctx.io, a.paragraphs.join('\n\n'));
    });

  program
    .command('stats')
    .description('what the database holds')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const s = await ctx.existingStore().stats();
      if (opts.json) return printJson(ctx.io, { db: ctx.dbPath(), ...s });
      println(ctx.io, `database   ${ctx.dbPath()}`);
      println(ctx.io, `articles   ${s.articles}`);
      println(ctx.io, `outlets    ${s.outlets}`);
      println(ctx.io, `stories    ${s.stories}${s.unclustered ? ` (${s.unclustered} articles not yet clustered)` : ''}`);
      println(ctx.io, `published  ${shortTime(s.firstPublished)} … ${shortTime(s.lastPublished)}`);
      println(ctx.io, `formats    ${Object.entries(s.formats).map(([k, v]) => `${k} ${v}`).join(', ') || '—'}`);
      println(ctx.io, `languages  ${Object.entries(s.languages).map(([k, v]) => `${k} ${v}`).join(', ') || '—'}`);
    });
}
