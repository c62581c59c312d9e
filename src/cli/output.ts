/**
 * Terminal output for the CLI: progress on a terminal (stderr, redrawn in place), silence when
 * piped; JSON for scripts; simple aligned tables for people.
 */
import type { Writable } from 'node:stream';

export interface Io {
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
}

export const processIo: Io = { stdout: process.stdout, stderr: process.stderr };

/** Print a value as pretty JSON followed by a newline. */
export function printJson(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function println(io: Io, line = ''): void {
  io.stdout.write(`${line}\n`);
}

/** Error line on stderr. */
export function eprintln(io: Io, line: string): void {
  io.stderr.write(`${line}\n`);
}

/**
 * A progress line on stderr, redrawn at most every 100 ms, only when stderr is a terminal. When
 * stderr is piped or the caller asked for JSON it prints nothing.
 */
export class Progress {
  private last = 0;
  private shown = false;
  private readonly enabled: boolean;

  constructor(
    private readonly io: Io,
    enabled = true,
  ) {
    this.enabled = enabled && !!io.stderr.isTTY && process.env.CI !== 'true';
  }

  update(text: string, force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    const width = Math.max(20, (this.io.stderr.columns ?? 80) - 1);
    this.io.stderr.write(`\r\x1b[K${text.length > width ? text.slice(0, width - 1) + '…' : text}`);
    this.shown = true;
  }

  /** A bar like `[#####.....] 50%` for a known total. */
  static bar(done: number, total: number, width = 24): string {
    const frac = total > 0 ? Math.min(1, done / total) : 0;
    const full = Math.round(frac * width);
    return `[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${Math.round(frac * 100)}%`;
  }

  done(): void {
    if (this.enabled && this.shown) this.io.stderr.write('\r\x1b[K');
    this.shown = false;
  }
}

/** Format rows as aligned columns (the last column is not padded). */
export function table(rows: string[][]): string {
  if (rows.length === 0) return '';
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return rows
    .map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i] - [...c].length))).join('  '))
    .join('\n');
}

/** Shorten text to `n` characters on a word boundary. */
export function clip(text: string, n: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= n) return flat;
  return `${flat.slice(0, n - 1).replace(/\s\S*$/, '')}…`;
}

/** `2017-07-23T00:00:00.000Z` → `2017-07-23 00:00`. */
export function shortTime(iso: string | null): string {
  if (!iso) return '—';
  return iso.replace('T', ' ').slice(0, 16);
}
