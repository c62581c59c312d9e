/**
 * The `parallax` command line. `main(argv)` returns the exit code instead of exiting, so tests can
 * run commands in-process.
 */
import { Command, CommanderError } from 'commander';
import { makeContext, UsageError } from './context.js';
import { eprintln, processIo, type Io } from './output.js';
import { registerIngestCommands } from './commands/ingest.js';
import { registerArticleCommands } from './commands/articles.js';
import { registerStoryCommands } from './commands/stories.js';
import { registerFeedCommands } from './commands/feeds.js';
import { registerBriefCommands } from './commands/brief.js';
import { registerEvalCommands } from './commands/eval.js';
import { registerEntityCommands } from './commands/entities.js';
import { registerCompareCommand } from './commands/compare.js';
import { registerServeCommand } from './commands/serve.js';

export function buildProgram(io: Io): { program: Command; ctx: ReturnType<typeof makeContext> } {
  const program = new Command();
  const ctx = makeContext(io, program);
  program
    .name('parallax')
    .description('Parallax: turn a stream of news articles into stories, with copies found, entities merged, cited briefs and coverage compared.')
    .option('--db <path>', 'SQLite database (default $PARALLAX_DB or ./parallax.db)')
    .showHelpAfterError('(run parallax --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  registerIngestCommands(program, ctx);
  registerArticleCommands(program, ctx);
  registerStoryCommands(program, ctx);
  registerFeedCommands(program, ctx);
  registerBriefCommands(program, ctx);
  registerEntityCommands(program, ctx);
  registerCompareCommand(program, ctx);
  registerServeCommand(program, ctx);
  registerEvalCommands(program, ctx);
  for (const c of program.commands) c.exitOverride();
  return { program, ctx };
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const { program, ctx } = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version are not errors.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    if (e instanceof UsageError) {
      eprintln(io, `error: ${e.message}`);
      return 2;
    }
    eprintln(io, `error: ${(e as Error).message}`);
    return 1;
  } finally {
    for (const s of ctx.opened) await s.close();
  }
  return ctx.exitCode;
}
