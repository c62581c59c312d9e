/**
 * Concurrency limits for network work: at most `global` requests in flight overall and at most
 * `perHost` to any one host.
 *
 * Why a per-request limiter rather than one slot per feed: a feed poll may go on to fetch the pages
 * its items link to, usually on another host. If a feed held its slot while waiting for page
 * slots, a round could fill every slot with feeds waiting on each other. Taking a slot only around
 * each request makes that impossible.
 *
 * Why not one FIFO queue: with a queue, the head waiting for a busy host would block requests to
 * idle hosts behind it (head-of-line blocking), so one slow outlet would delay everybody. Instead,
 * when a slot frees, the oldest waiter whose host has room goes first — FIFO among the runnable.
 */
export class HostLimiter {
  private active = 0;
  private readonly perHostActive = new Map<string, number>();
  private readonly waiting: Array<{ host: string; start: () => void }> = [];

  /**
   * @param global most requests in flight at once (≥ 1)
   * @param perHost most requests in flight to one host (≥ 1)
   * @example const limiter = new HostLimiter(16, 2); await limiter.run('example.com', () => client.request(url));
   */
  constructor(
    readonly global: number,
    readonly perHost: number,
  ) {
    if (!(global >= 1) || !(perHost >= 1)) throw new Error('concurrency limits must be at least 1');
  }

  /** Requests in flight now (for status lines). */
  get inFlight(): number {
    return this.active;
  }

  /** Requests waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Run `task` once a slot for `host` is free; the slot is released when it settles. */
  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(host);
    try {
      return await task();
    } finally {
      this.release(host);
    }
  }

  private canStart(host: string): boolean {
    return this.active < this.global && (this.perHostActive.get(host) ?? 0) < this.perHost;
  }

  private take(host: string): void {
    this.active++;
    this.perHostActive.set(host, (this.perHostActive.get(host) ?? 0) + 1);
  }

  private acquire(host: string): Promise<void> {
    if (this.waiting.length === 0 && this.canStart(host)) {
      this.take(host);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiting.push({ host, start: resolve });
      this.drain();
    });
  }

  private release(host: string): void {
    this.active--;
    const n = (this.perHostActive.get(host) ?? 1) - 1;
    if (n <= 0) this.perHostActive.delete(host);
    else this.perHostActive.set(host, n);
    this.drain();
  }

  /** Start the oldest runnable waiters until the global limit is reached. */
  private drain(): void {
    for (let i = 0; i < this.waiting.length && this.active < this.global; ) {
      const w = this.waiting[i];
      if (this.canStart(w.host)) {
        this.waiting.splice(i, 1);
        this.take(w.host);
        w.start();
      } else {
        i++;
      }
    }
  }
}

/** Host part of a URL for the per-host limit (lower-case; the URL itself when unparsable). */
export function hostKey(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}
