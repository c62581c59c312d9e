#!/usr/bin/env node
// The pipeline commands run in a Node started with the V8 settings of src/cli/runtime.ts.
import { fileURLToPath } from 'node:url';
import { followParent, runRestarted, wantsRestart } from '../dist/src/cli/runtime.js';

const args = process.argv.slice(2);
if (wantsRestart(args)) {
  process.exitCode = await runRestarted(fileURLToPath(import.meta.url), args);
} else {
  followParent();
  const { main } = await import('../dist/src/cli/main.js');
  process.exitCode = await main(args);
}
