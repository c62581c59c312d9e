/**
 * Local inputs → a sorted list of files: plain paths, directories (recursive) and glob patterns.
 *
 * - Order is deterministic: paths are sorted by code unit (not locale), so two runs over the same
 *   tree ingest in the same order on every machine.
 * - Directory walks skip entries whose name starts with "." (VCS folders, editor swap files) and
 *   follow symbolic links, remembering real paths so a link cycle cannot loop. A link that cannot
 *   be followed (its target is missing) is listed like a file, so that reading it reports it: a
 *   file the user meant to ingest must not vanish without a word.
 * - Globs (Node 20 has no fs.glob): `*` and `?` within one path segment, `[abc]`/`[!abc]` classes,
 *   `{a,b}` alternatives, `**` for any number of directories. As in shells, wildcards do not match a
 *   leading "." unless the pattern segment starts with one; `**` does not descend into symbolic
 *   links (as bash's globstar). A glob that matches a directory reads the directory.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Result of expanding one input: files to read, or why there are none. */
export type Expansion = { files: string[] } | { error: string };

const MAGIC = /[*?[{]/;

export function hasGlobMagic(s: string): boolean {
  return MAGIC.test(s);
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A one-line reason for a file-system error ("no such file or directory", "permission denied"). */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'not a directory';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return (e as Error).message;
}

/**
 * {@link describeFsError} for an error met on `p`, telling a broken symbolic link from a missing
 * path: both are ENOENT, but "no such file or directory" for a link the user can see in `ls` would
 * send them looking for the wrong thing.
 */
export async function describePathError(p: string, e: unknown): Promise<string> {
  if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
    const link = await fs.lstat(p).then((st) => st.isSymbolicLink(), () => false);
    if (link) return 'broken symbolic link (target missing)';
  }
  return describeFsError(e);
}

/**
 * All regular files under `dir`, recursively, sorted by code unit.
 *
 * - Entries whose name starts with "." are skipped, deliberately and silently: they are VCS and
 *   tool folders (`.git`, `.cache`) and editor or OS droppings (`.swp`, `.DS_Store`), never
 *   articles. (To read one, name it, or use a glob whose segment starts with ".".)
 * - Symbolic links are followed; a directory reached twice (a link cycle) is walked once.
 * - A symbolic link that cannot be followed (target missing, or a loop of links) is returned as
 *   if it were a file, so that reading it fails with the reason (see describePathError) instead of
 *   the file silently not being ingested.
 */
export async function walkDirectory(dir: string, visited = new Set<string>()): Promise<string[]> {
  let real: string;
  try {
    real = await fs.realpath(dir);
  } catch {
    return [];
  }
  if (visited.has(real)) return [];
  visited.add(real);
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries.sort((a, b) => byCodeUnit(a.name, b.name))) {
    if (e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const st = await fs.stat(p);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        out.push(p); // broken link: reported when read (see the doc comment)
        continue;
      }
    }
    if (isDir) out.push(...(await walkDirectory(p, visited)));
    else if (isFile) out.push(p);
  }
  return out;
}

/** `{a,b}` alternatives → all patterns (nested braces supported). */
export function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  if (open < 0) return [pattern];
  let depth = 0;
  const commas: number[] = [];
  let close = -1;
  for (let i = open; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) {
        close = i;
        break;
      }
    } else if (c === ',' && depth === 1) commas.push(i);
  }
  if (close < 0 || commas.length === 0) return [pattern];
  const pre = pattern.slice(0, open);
  const post = pattern.slice(close + 1);
  const parts: string[] = [];
  let from = open + 1;
  for (const c of [...commas, close]) {
    parts.push(pattern.slice(from, c));
    from = c + 1;
  }
  return parts.flatMap((p) => expandBraces(pre + p + post));
}

/** One glob segment → an anchored regular expression. */
export function segmentRegExp(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 2);
      if (end < 0) {
        re += '\\[';
        continue;
      }
      let body = seg.slice(i + 1, end);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      re += `[${body.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else re += c.replace(/[.+^$()|\\\]{}]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function listDir(dir: string): Promise<{ name: string; dir: boolean; link: boolean }[]> {
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    const out: { name: string; dir: boolean; link: boolean }[] = [];
    for (const e of entries) {
      const link = e.isSymbolicLink();
      const dirLike = e.isDirectory() || (link && (await isDir(path.join(dir, e.name))));
      out.push({ name: e.name, dir: dirLike, link });
    }
    return out;
  } catch {
    return [];
  }
}

/** Paths (files or directories) matching a glob pattern without braces. */
async function globOne(pattern: string): Promise<string[]> {
  const absolute = pattern.startsWith('/');
  const segs = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  if (absolute) segs.shift();
  const results = new Set<string>();
  const seenDirs = new Set<string>();
  const root = absolute ? '/' : '.';
  const step = async (dir: string, i: number): Promise<void> => {
    if (i === segs.length) {
      results.add(dir);
      return;
    }
    const seg = segs[i];
    if (seg === '**') {
      const key = `${dir}\u0000${i}`;
      if (seenDirs.has(key)) return;
      seenDirs.add(key);
      await step(dir, i + 1);
      // Like bash's globstar, `**` does not descend into symbolic links (a link loop would never end).
      for (const e of await listDir(dir)) if (e.dir && !e.link && !e.name.startsWith('.')) await step(path.join(dir, e.name), i);
      return;
    }
    if (!MAGIC.test(seg)) {
      const p = dir === '.' && !absolute ? seg : path.join(dir, seg);
      if (i === segs.length - 1) {
        try {
          await fs.stat(p);
          results.add(p);
        } catch {
          // no match
        }
      } else if (await isDir(p)) await step(p, i + 1);
      return;
    }
    const re = segmentRegExp(seg);
    const dotOk = seg.startsWith('.');
    for (const e of await listDir(dir)) {
      if (e.name.startsWith('.') && !dotOk) continue;
      if (!re.test(e.name)) continue;
      const p = dir === '.' && !absolute ? e.name : path.join(dir, e.name);
      if (i === segs.length - 1) results.add(p);
      else if (e.dir) await step(p, i + 1);
    }
  };
  await step(root, 0);
  return [...results];
}

/**
 * Expand one local input (file, directory or glob) into sorted files.
 *
 * @example await expandLocalInput('samples/**\/*.txt') // { files: ['samples/seeds/000_….txt', …] }
 */
export async function expandLocalInput(input: string): Promise<Expansion> {
  try {
    const st = await fs.stat(input);
    if (st.isDirectory()) {
      const files = await walkDirectory(input);
      return files.length ? { files } : { error: 'directory contains no files' };
    }
    if (st.isFile()) return { files: [input] };
    return { error: 'not a regular file or directory' };
  } catch (e) {
    if (!hasGlobMagic(input)) return { error: await describePathError(input, e) };
  }
  const matches = new Set<string>();
  for (const p of expandBraces(input)) for (const m of await globOne(p)) matches.add(m);
  const files: string[] = [];
  for (const m of [...matches].sort(byCodeUnit)) {
    if (await isDir(m)) files.push(...(await walkDirectory(m)));
    else files.push(m);
  }
  return files.length ? { files } : { error: 'no files match this pattern' };
}
