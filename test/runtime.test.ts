import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PIPELINE_NODE_FLAGS, commandOf, wantsRestart } from '../src/cli/runtime.js';
import { repoRoot, seedsDir, tempDir } from './helpers.js';

const bin = join(repoRoot, 'bin/parallax.js');
const built = () => {
  if (!existsSync(join(repoRoot, 'dist/src/cli/main.js'))) throw new Error('run "npm run build" before the tests');
};

describe('pipeline commands restart Node with their V8 flags', () => {
  it('finds the command after global options', () => {
    expect(commandOf(['--db', 'x.db', 'ingest', 'a.jsonl'])).toBe('ingest');
    expect(commandOf(['--json', 'stories'])).toBe('stories');
    expect(commandOf(['--db', 'x.db'])).toBeUndefined();
  });

  it('restarts for ingest but not for a listing, nor when the flags are given or already restarted', () => {
    expect(wantsRestart(['--db', 'x.db', 'ingest', 'a'], [], {})).toBe(true);
    expect(wantsRestart(['stories', '--json'], [], {})).toBe(false);
    expect(wantsRestart(['ingest', 'a'], [...PIPELINE_NODE_FLAGS], {})).toBe(false);
    expect(wantsRestart(['ingest', 'a'], [], { PARALLAX_RESTARTED: '1' })).toBe(false);
  });

  it('the restarted ingest passes its output and exit code through', () => {
    built();
    const db = join(tempDir(), 'rt.db');
    const ok = spawnSync(process.execPath, [bin, '--db', db, 'ingest', seedsDir, '--json'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).added).toBe(2);
    // standard input reaches the restarted process; a bad article makes the exit code 1
    const bad = spawnSync(process.execPath, [bin, '--db', db, 'ingest', '-'], { input: '{"title":"no text"}\n', encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/stdin: no article text/);
  });

  it('the restarted process runs with the flags and stops when its parent is killed', async () => {
    built();
    const dir = tempDir();
    // the restarted ingest fetches a page from a local server that never answers: only the
    // parent's death (or the fetch time-out, much later) can end it
    const server = createServer(() => {});
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/page`;
    const parent = spawn(process.execPath, [bin, '--db', join(dir, 'k.db'), 'ingest', '--allow-private', url], { stdio: 'ignore' });
    const childPid = await new Promise<number>((resolve, reject) => {
      const t0 = Date.now();
      const poll = setInterval(() => {
        const ps = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(parent.pid)], { encoding: 'utf8' });
        const line = ps.stdout.split('\n').find((l) => l.includes(PIPELINE_NODE_FLAGS[0]));
        if (line) {
          clearInterval(poll);
          resolve(Number(line.trim().split(/\s+/)[0]));
        } else if (Date.now() - t0 > 10_000) {
          clearInterval(poll);
          reject(new Error('no restarted process with the flags'));
        }
      }, 20);
    });
    parent.kill('SIGKILL');
    // running, not a zombie (an orphan's exit status waits for whoever adopts it)
    const alive = (pid: number) => {
      const ps = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' });
      return ps.status === 0 && !ps.stdout.trim().startsWith('Z');
    };
    const t0 = Date.now();
    while (alive(childPid) && Date.now() - t0 < 5_000) await new Promise((r) => setTimeout(r, 20));
    const survived = alive(childPid);
    if (survived) process.kill(childPid, 'SIGKILL');
    server.closeAllConnections();
    server.close();
    expect(survived).toBe(false);
  });

  it('a restarted ingest busy with a long input stops when its parent is killed, writing nothing more', async () => {
    built();
    const dir = tempDir();
    // 2,000 articles: the bundled sample twenty times, each copy with a sentence of its own
    const sample = readFileSync(join(repoRoot, 'samples/wikinews/wikinews.jsonl'), 'utf8').split('\n').filter(Boolean);
    const lines: string[] = [];
    for (let k = 0; k < 20; k++)
      for (const l of sample) {
        const o = JSON.parse(l) as { id: string; text: string };
        lines.push(JSON.stringify({ ...o, id: `${o.id}-${k}`, text: `${o.text}\n\nCopy ${k} of the sample.` }));
      }
    const input = join(dir, 'long.jsonl');
    writeFileSync(input, lines.join('\n') + '\n');
    const db = join(dir, 'busy.db');
    const parent = spawn(process.execPath, [bin, '--db', db, 'ingest', input], { stdio: 'ignore' });
    // kill the parent once the restarted child has stored something
    let reader: Database.Database | null = null;
    const count = () => {
      try {
        reader ??= new Database(db, { readonly: true, fileMustExist: true });
        return (reader.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
      } catch {
        return 0; // not created or migrated yet
      }
    };
    const t0 = Date.now();
    while (count() === 0 && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 5));
    const ps = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(parent.pid)], { encoding: 'utf8' });
    const childPid = Number(ps.stdout.split('\n').find((l) => l.includes(PIPELINE_NODE_FLAGS[0]))?.trim().split(/\s+/)[0]);
    parent.kill('SIGKILL');
    const alive = (pid: number) => {
      const r = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' });
      return r.status === 0 && !r.stdout.trim().startsWith('Z');
    };
    const t1 = Date.now();
    while (childPid > 0 && alive(childPid) && Date.now() - t1 < 5_000) await new Promise((r) => setTimeout(r, 20));
    const survived = childPid > 0 && alive(childPid);
    if (survived) process.kill(childPid, 'SIGKILL');
    const atStop = count();
    await new Promise((r) => setTimeout(r, 300));
    const later = count();
    reader?.close();
    expect(childPid).toBeGreaterThan(0);
    expect(survived).toBe(false);
    expect(later).toBe(atStop);
    expect(later).toBeLessThan(2000);
  });
});
