/**
 * `npm run bench`: run every benchmark script (dist/bench/*.js except helpers) one after another,
 * each in its own process so that peak-memory figures are per benchmark.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const skip = new Set(['all.js', 'corpus.js']);
const scripts = readdirSync(here)
  .filter((f) => f.endsWith('.js') && !skip.has(f))
  .sort();
let failed = 0;
for (const s of scripts) {
  console.log(`\n== ${s.replace(/\.js$/, '')}`);
  const r = spawnSync(process.execPath, ['--expose-gc', join(here, s), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
