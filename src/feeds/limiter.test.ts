import { describe, expect, it } from 'vitest';
import { HostLimiter, hostKey } from './limiter.js';

/** A task that stays running until released, recording concurrency. */
function gate() {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return { done, release };
}

describe('HostLimiter', () => {
  it('bounds requests globally and per host, and a busy host does not block others', async () => {
    const limiter = new HostLimiter(3, 2);
    const running: string[] = [];
    const gates = new Map<string, ReturnType<typeof gate>>();
    const start = (host: string, id: string) =>
      limiter.run(host, async () => {
        running.push(id);
        const g = gate();
        gates.set(id, g);
        await g.done;
        running.splice(running.indexOf(id), 1);
      });
    const tasks = [start('slow.example', 's1'), start('slow.example', 's2'), start('slow.example', 's3'), start('fast.example', 'f1'), start('fast.example', 'f2')];
    await new Promise((r) => setImmediate(r));
    // s3 waits for its host; f1 takes the third global slot even though it was queued after s3.
    expect(running.sort()).toEqual(['f1', 's1', 's2']);
    expect(limiter.queued).toBe(2);
    gates.get('f1')!.release();
    await new Promise((r) => setImmediate(r));
    expect(running.sort()).toEqual(['f2', 's1', 's2']);
    gates.get('s1')!.release();
    await new Promise((r) => setImmediate(r));
    expect(running.sort()).toEqual(['f2', 's2', 's3']);
    for (const id of ['f2', 's2', 's3']) gates.get(id)!.release();
    await Promise.all(tasks);
    expect(limiter.inFlight).toBe(0);
  });

  it('releases the slot when a task throws', async () => {
    const limiter = new HostLimiter(1, 1);
    await expect(limiter.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run('a', async () => 42)).toBe(42);
  });

  it('keys hosts by host and port', () => {
    expect(hostKey('https://WWW.Example.com/rss')).toBe('www.example.com');
    expect(hostKey('http://127.0.0.1:8080/a')).toBe('127.0.0.1:8080');
  });
});
