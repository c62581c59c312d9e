import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadItem } from '../types.js';
import { readInputs, readStream } from './sources.js';

const FIX = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));
const SEED000 = readFileSync(`${FIX}seeds/000_74bfdcc74ec9356c.txt`);
const SEED004 = readFileSync(`${FIX}seeds/004_632889e61b552585.txt`);
const CHILE_TXT = readFileSync(`${FIX}ingest/wikinews-chile.txt`, 'utf8');
const ECB_LINE = readFileSync(`${FIX}ingest/bad-line.jsonl`, 'utf8').split('\n')[0];

async function collect(gen: AsyncIterable<ReadItem>): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'parallax-ingest-'));
  mkdirSync(path.join(dir, 'corpus/b'), { recursive: true });
  mkdirSync(path.join(dir, 'corpus/a'), { recursive: true });
  mkdirSync(path.join(dir, 'corpus/.git'), { recursive: true });
  writeFileSync(path.join(dir, 'corpus/b/004.txt'), SEED004);
  writeFileSync(path.join(dir, 'corpus/a/000.txt'), SEED000);
  writeFileSync(path.join(dir, 'corpus/.git/config'), '[core]\n');
  writeFileSync(path.join(dir, 'corpus/a/feed.xml'), readFileSync(`${FIX}ingest/rss2.xml`));
  // A symlink loop must not hang the walk.
  symlinkSync('..', path.join(dir, 'corpus/b/loop'));
  // A folder with a good file, a link whose target was deleted, and a hidden one (skipped).
  mkdirSync(path.join(dir, 'linked'));
  writeFileSync(path.join(dir, 'linked/000.txt'), SEED000);
  symlinkSync('deleted.txt', path.join(dir, 'linked/004.txt'));
  symlinkSync('deleted.txt', path.join(dir, 'linked/.004.txt.swp'));
  // Bad inputs.
  writeFileSync(path.join(dir, 'empty.txt'), '');
  const png = Buffer.alloc(2048, 0);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
  writeFileSync(path.join(dir, 'photo.txt'), png);
  writeFileSync(path.join(dir, 'legacy.txt'), iconv.encode(CHILE_TXT.replace(/—/g, '-'), 'windows-1252'));
  // A 50 MB HTML file, written in blocks.
  const fd = openSync(path.join(dir, 'huge.html'), 'w');
  const block = Buffer.from('<p>' + 'x'.repeat(1016) + '</p>\n'); // 1 KiB
  writeSync(fd, Buffer.from('<!DOCTYPE html><html><body>'));
  for (let i = 0; i < 50 * 1024; i++) writeSync(fd, block);
  writeSync(fd, Buffer.from('</body></html>'));
  closeSync(fd);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readInputs over local files', () => {
  it('walks a directory recursively in sorted order, skipping dot-folders and symlink loops', async () => {
    const items = await collect(readInputs([path.join(dir, 'corpus')]));
    expect(items.map((i) => path.relative(dir, i.input))).toEqual([
      'corpus/a/000.txt',
      'corpus/a/feed.xml#item1',
      'corpus/a/feed.xml#item2',
      'corpus/a/feed.xml#item3',
      'corpus/b/004.txt',
    ]);
    expect(items.every((i) => i.ok)).toBe(true);
  });

  it('expands globs and reads a path only once however often it is named', async () => {
    const items = await collect(readInputs([path.join(dir, 'corpus/**/*.txt'), path.join(dir, 'corpus/a/000.txt'), path.join(dir, 'corpus/{a,b}/0*.txt')]));
    expect(items.map((i) => path.basename(i.input))).toEqual(['000.txt', '004.txt']);
  });

  it('reports inputs that do not exist, match nothing or use another scheme', async () => {
    const items = await collect(readInputs([path.join(dir, 'nope.txt'), path.join(dir, 'corpus/*.pdf'), 'ftp://example.com/a.xml']));
    expect(items).toEqual([
      { ok: false, input: path.join(dir, 'nope.txt'), reason: 'no such file or directory' },
      { ok: false, input: path.join(dir, 'corpus/*.pdf'), reason: 'no files match this pattern' },
      { ok: false, input: 'ftp://example.com/a.xml', reason: 'unsupported URL scheme "ftp:" (only http and https)' },
    ]);
  });
});

describe('broken symbolic links', () => {
  it('reports a dangling link inside a directory as one failure and reads the rest', async () => {
    const items = await collect(readInputs([path.join(dir, 'linked')]));
    expect(items.map((i) => [path.relative(dir, i.input), i.ok ? 'ok' : i.reason])).toEqual([
      ['linked/000.txt', 'ok'],
      ['linked/004.txt', 'broken symbolic link (target missing)'],
    ]);
  });

  it('names a dangling link given directly or matched by a glob as such', async () => {
    const link = path.join(dir, 'linked/004.txt');
    expect(await collect(readInputs([link]))).toEqual([{ ok: false, input: link, reason: 'broken symbolic link (target missing)' }]);
    const globbed = await collect(readInputs([path.join(dir, 'linked/00[4].txt')]));
    expect(globbed).toEqual([{ ok: false, input: link, reason: 'broken symbolic link (target missing)' }]);
  });
});

describe('bad inputs: one clear line each, the rest still read', () => {
  it('empty, binary, 50 MB and legacy-encoded files among good ones', async () => {
    const names = ['empty.txt', 'photo.txt', 'huge.html', 'legacy.txt', 'corpus/a/000.txt'].map((n) => path.join(dir, n));
    const items = await collect(readInputs(names));
    const byName = new Map(items.map((i) => [path.relative(dir, i.input), i]));
    expect(byName.get('empty.txt')).toMatchObject({ ok: false, reason: 'empty file' });
    expect(byName.get('photo.txt')).toMatchObject({ ok: false, reason: 'binary file (a PNG image), not a text document' });
    expect(byName.get('huge.html')).toMatchObject({ ok: false, reason: 'file is 50 MiB, larger than the 20 MiB limit for one document' });
    // An undeclared windows-1252 file is detected and decoded, not failed.
    const legacy = byName.get('legacy.txt');
    expect(legacy).toMatchObject({ ok: true, draft: { headline: 'New earthquake hits Chile' } });
    expect(legacy?.ok && legacy.draft.paragraphs.join(' ')).toContain('Valparaíso');
    expect(byName.get('corpus/a/000.txt')).toMatchObject({ ok: true });
    expect(items).toHaveLength(5);
  });
});

describe('JSON Lines larger than the document limit', () => {
  it('streams line by line, limiting each line only', async () => {
    const file = path.join(dir, 'big.jsonl');
    const lines = Array.from({ length: 300 }, (_, i) => ECB_LINE.replace('"M0080"', `"M0080-${i}"`));
    lines.splice(150, 0, JSON.stringify({ id: 'too-long', text: 'word '.repeat(20_000) }));
    writeFileSync(file, lines.join('\n') + '\n');
    const items = await collect(readInputs([file], { maxBytes: 64 * 1024 }));
    expect(items).toHaveLength(301);
    expect(items.filter((i) => i.ok)).toHaveLength(300);
    expect(items[150]).toEqual({ ok: false, input: `${file}:151`, reason: 'line is larger than the 64 KiB limit' });
    expect(items[151]).toMatchObject({ ok: true, input: `${file}:152`, draft: { externalId: 'M0080-150' } });
  });
});

describe('stdin', () => {
  it('reads a document from a stream', async () => {
    const items = await collect(readStream(Readable.from([SEED000.subarray(0, 100), SEED000.subarray(100)]), 'stdin'));
    expect(items).toMatchObject([{ ok: true, input: 'stdin', draft: { headline: 'Iran, Iraq sign MoU to boost defense ties' } }]);
  });

  it('switches to line-by-line reading for a JSONL stream over the limit, and refuses other big streams', async () => {
    const jsonl = Buffer.from(Array.from({ length: 50 }, () => ECB_LINE).join('\n'));
    const chunks = Array.from({ length: Math.ceil(jsonl.length / 1000) }, (_, i) => jsonl.subarray(i * 1000, (i + 1) * 1000));
    const items = await collect(readStream(Readable.from(chunks), 'stdin', { maxBytes: 8 * 1024 }));
    expect(items).toHaveLength(50);
    expect(items.every((i) => i.ok)).toBe(true);
    expect(items[49].input).toBe('stdin:50');
    const text = Buffer.from(CHILE_TXT.repeat(20));
    const big = await collect(readStream(Readable.from([text]), 'stdin', { maxBytes: 8 * 1024 }));
    expect(big).toEqual([{ ok: false, input: 'stdin', reason: 'input is larger than the 8 KiB limit for one document' }]);
  });
});
