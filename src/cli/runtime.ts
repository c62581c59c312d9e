/**
 * V8 settings for the commands that run the pipeline over many articles, and the one way to
 * apply them: start Node again with them.
 *
 * Why: extraction, clustering and resolution make many short-lived objects per article (tokens,
 * mentions, feature maps). With V8's default young generation (16 MB semi-spaces) a page of
 * articles overflows it many times, and objects still in use at each collection are copied into
 * the old generation, where they die later and swell the heap until a full collection. 32 MB
 * semi-spaces let them die young; 64 MB measured no better (954 MiB, one run). Measured on 10,000 synthetic articles (`node
 * dist/bench/ingest.js --child jsonl full …`, one process each, alternating, quiet 2-core
 * machine): peak RSS 1,161 and 1,146 MiB with the default, 815 and 845 MiB with 32 MB; articles
 * per CPU-second 216 and 182 against 199 and 221 — no difference in speed beyond the noise. (Runs
 * under load 2.6 earlier had suggested 154–173 → 226; a quiet machine did not confirm it.)
 *
 * A running Node cannot change its semi-space size (v8.setFlagsFromString has no effect on a
 * heap already set up), so `bin/parallax.js` starts itself again with {@link PIPELINE_NODE_FLAGS}
 * for {@link PIPELINE_COMMANDS}, unless the flags are already given. The parent only relays: it
 * passes its standard streams, forwards termination signals, exits with the child's code, and
 * the child stops if the parent is killed outright (the IPC channel closes).
 */
import { spawn } from 'node:child_process';

/**
 * Node flags for the pipeline commands.
 *
 * `--heap-growing-percent=50`: after each full collection V8 lets the heap grow to a multiple of
 * what survived before it collects again, and under the pipeline's allocation rate it chose about
 * three times: an ingest of 10,000 synthetic articles held 250–345 MB of live data after its full
 * collections (`--trace-gc`) and peaked at 1.3 GB. Growth by half keeps the peak at 1.5 times
 * the live data for a few more full collections. Measured on 10,000 articles of the bench corpus
 * through `ingestItems` (one process each, alternating, two rounds): peak RSS 1,314 and 1,317 MB → 830 and 846 MB; wall
 * time 55.1 and 53.0 s → 55.4 and 47.4 s, CPU 59.7 and 57.6 s → 62.2 and 52.5 s — no cost beyond
 * the noise. Growth by a fifth gave 742 and 726 MB but one run of 63 s.
 */
export const PIPELINE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32', '--heap-growing-percent=50'];

/**
 * Commands that run the pipeline over many articles and end by themselves. Long-running ones
 * (`watch`, `serve`) handle their own signals and are not restarted.
 */
export const PIPELINE_COMMANDS: ReadonlySet<string> = new Set(['ingest', 'recluster', 'eval', 'demo', 'import']);

/** Set for the restarted process (which always has an IPC channel to its parent), so it never restarts again. */
const MARK = 'PARALLAX_RESTARTED';

/** The first word of `args` that is not an option or an option's value (the command). */
export function commandOf(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--db') i++; // the one global option with a value
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/** Should this process restart itself with {@link PIPELINE_NODE_FLAGS} to run `args`? */
export function wantsRestart(args: readonly string[], execArgv: readonly string[] = process.execArgv, env = process.env): boolean {
  if (env[MARK] || env.PARALLAX_NO_RESTART) return false;
  if (PIPELINE_NODE_FLAGS.every((f) => execArgv.some((a) => a.startsWith(f.split('=')[0])))) return false;
  const cmd = commandOf(args);
  return cmd !== undefined && PIPELINE_COMMANDS.has(cmd);
}

/**
 * Run `script args` in a new Node with {@link PIPELINE_NODE_FLAGS}; resolves with its exit code
 * (a child ended by a signal is re-raised on this process).
 */
export function runRestarted(script: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, ...PIPELINE_NODE_FLAGS, script, ...args], {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, [MARK]: '1' },
    });
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    // Ctrl+C reaches both processes (one terminal process group); a signal sent to this process
    // alone is passed on. The child decides what a signal does; this one waits for it to end.
    const relay = (s: NodeJS.Signals) => child.kill(s);
    for (const s of signals) process.on(s, relay);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, relay);
      if (signal) {
        process.kill(process.pid, signal);
        return;
      }
      resolve(code ?? 1);
    });
  });
}

/**
 * In a restarted process: stop when the parent is gone (killed outright, it cannot relay), as
 * the process would have stopped without the restart. The channel does not keep the process alive.
 */
export function followParent(): void {
  if (!process.env[MARK]) return;
  delete process.env[MARK]; // not for the processes this one starts (alert hooks, say)
  // gone already: the channel's end was read before this ran (Node then drops process.channel),
  // and no event will come
  if (!process.channel || !process.connected) process.exit(137);
  process.channel.unref();
  process.on('disconnect', () => process.exit(137));
}
