#!/usr/bin/env node
// The pipeline commands run in a Node started with the V8 settings of src/cli/runtime.ts.
import { fileURLToPath } from 'node:url';
import { followParent, runRestarted, wantsRestart } from '../dist/src/cli/runtime.js';

const args = process.argv.slice(2);
// A reader that stops early (`parallax stories | head`) closes the pipe: stop quietly, as Unix
// tools do, instead of dying on the EPIPE with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
if (wantsRestart(args)) {
  process.exitCode = await runRestarted(fileURLToPath(import.meta.url), args);
} else {
  followParent();
  const { main } = await import('../dist/src/cli/main.js');
  process.exitCode = await main(args);
}
