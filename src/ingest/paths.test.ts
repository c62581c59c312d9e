import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandBraces, expandLocalInput, segmentRegExp } from './paths.js';

let dir: string;
const rel = (files: string[]): string[] => files.map((f) => path.relative(dir, f));
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'parallax-paths-'));
  for (const f of ['a/x1.txt', 'a/x2.json', 'a/.hidden.txt', 'a/deep/er/y.txt', 'b/z.txt', 'b/Z9.html']) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), 'text');
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('glob patterns', () => {
  it('matches * and ? within one segment and ** across directories, never a leading dot', async () => {
    expect(rel(((await expandLocalInput(path.join(dir, 'a/*.txt'))) as { files: string[] }).files)).toEqual(['a/x1.txt']);
    expect(rel(((await expandLocalInput(path.join(dir, 'a/x?.*'))) as { files: string[] }).files)).toEqual(['a/x1.txt', 'a/x2.json']);
    expect(rel(((await expandLocalInput(path.join(dir, '**/*.txt'))) as { files: string[] }).files)).toEqual(['a/deep/er/y.txt', 'a/x1.txt', 'b/z.txt']);
    expect(rel(((await expandLocalInput(path.join(dir, 'a/.*.txt'))) as { files: string[] }).files)).toEqual(['a/.hidden.txt']);
  });

  it('supports classes and alternatives, and a matched directory is read whole', async () => {
    expect(rel(((await expandLocalInput(path.join(dir, 'b/[!a-z]*'))) as { files: string[] }).files)).toEqual(['b/Z9.html']);
    expect(rel(((await expandLocalInput(path.join(dir, '{a/deep,b}'))) as { files: string[] }).files)).toEqual(['a/deep/er/y.txt', 'b/Z9.html', 'b/z.txt']);
    expect(expandBraces('x/{a,b{c,d}}/*.txt')).toEqual(['x/a/*.txt', 'x/bc/*.txt', 'x/bd/*.txt']);
    expect(segmentRegExp('x?.[jt]*').test('x1.txt')).toBe(true);
    expect(segmentRegExp('x?.[jt]*').test('x12.txt')).toBe(false);
  });

  it('lists a dangling symbolic link in a directory (so that reading it reports it), never a hidden one', async () => {
    mkdirSync(path.join(dir, 'links'));
    writeFileSync(path.join(dir, 'links/good.txt'), 'text');
    symlinkSync('missing.txt', path.join(dir, 'links/gone.txt'));
    symlinkSync('missing.txt', path.join(dir, 'links/.gone.txt'));
    expect(rel(((await expandLocalInput(path.join(dir, 'links'))) as { files: string[] }).files)).toEqual(['links/gone.txt', 'links/good.txt']);
  });

  it('reports a pattern without matches and an empty directory', async () => {
    expect(await expandLocalInput(path.join(dir, 'c/*.txt'))).toEqual({ error: 'no files match this pattern' });
    mkdirSync(path.join(dir, 'empty'));
    expect(await expandLocalInput(path.join(dir, 'empty'))).toEqual({ error: 'directory contains no files' });
  });
});
