/** Test helpers: run the CLI in-process with captured output, temp databases, fixture paths. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../src/cli/main.js';

export const repoRoot = resolve(import.meta.dirname, '..');
export const sharedDir = resolve(repoRoot, '../shared');
export const seedsDir = join(repoRoot, 'samples/seeds');
export const ecbPath = join(sharedDir, 'data/ecbplus/articles.jsonl');

class Capture extends Writable {
  chunks: string[] = [];
  isTTY = false;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void): void {
    this.chunks.push(chunk.toString());
    cb();
  }
  get text(): string {
    return this.chunks.join('');
  }
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `parallax ...args` in-process. */
export async function cli(...args: string[]): Promise<CliResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(args, { stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export function tempDir(prefix = 'parallax-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function tempDb(): string {
  return join(tempDir(), 'test.db');
}
