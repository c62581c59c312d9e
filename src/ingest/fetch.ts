/**
 * Safe HTTP(S) GET for ingesting URLs.
 *
 * Limits and why:
 * - **Private addresses are refused** unless `allowPrivate`: a URL given to a news ingester must
 *   not become a way to reach the machine's own services or its network (SSRF). Every address a
 *   host name resolves to is checked (one bad address is enough to refuse: the connection could use
 *   any of them), and the check sits in the socket's DNS lookup, so the address checked is the
 *   address connected to — a second resolution cannot swap it (DNS rebinding). Literal IP hosts are
 *   checked before connecting. Each redirect hop is a new request through the same checks.
 * - **Timeout** (`timeoutMs`, default 15 s) covers the whole fetch, redirects and body included.
 * - **Size cap** (`maxBytes`, default 20 MiB): a larger Content-Length is refused before reading;
 *   a body that grows past the cap while streaming (or decompressing) is cut off and refused.
 * - **Redirects**: at most `maxRedirects` (default 5), http(s) only.
 * - **Content type**: HTML, XML/feeds, JSON and plain text are accepted; anything else (images,
 *   PDFs, archives) is refused by its declared type. A missing type is allowed: the content is
 *   sniffed later.
 */
import http from 'node:http';
import https from 'node:https';
import dns from 'node:dns';
import net from 'node:net';
import zlib from 'node:zlib';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';

/** Options for reading inputs and fetching URLs. */
export interface ReadOptions {
  /** Default false: refuse loopback/private/link-local/unique-local/CGNAT addresses (every resolved address, after each redirect too). */
  allowPrivate?: boolean;
  /** Per URL fetch, default 15000. */
  timeoutMs?: number;
  /** Per document, default 20 MiB. A big JSONL file is read line by line and limited per line only. */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

/** Result of a successful fetch. */
export interface FetchResult {
  bytes: Uint8Array;
  contentType: string | null;
  /** URL after redirects. */
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
}

/** Media types accepted from a server (parameters ignored). */
const ACCEPTED_TYPES =
  /^(?:text\/(?:html|plain|xml|x-ndjson)|application\/(?:xhtml\+xml|xml|rss\+xml|atom\+xml|rdf\+xml|feed\+json|json|ld\+json|x-ndjson|ndjson|jsonl|jsonlines|x-jsonlines))$/i;

// ---------------------------------------------------------------------------------------------
// Address classification

/** Special-purpose IPv4 ranges (RFC 6890 registry) that are not the public internet. */
const V4_RANGES: readonly [string, number, string][] = [
  ['0.0.0.0', 8, 'unspecified ("this network")'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT (shared)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignment'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

function v4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function classifyV4(ip: string): string | null {
  const n = v4ToInt(ip);
  for (const [base, bits, label] of V4_RANGES) {
    const size = 2 ** (32 - bits);
    const b = v4ToInt(base);
    if (n >= b && n < b + size) return label;
  }
  return null;
}

/** IPv6 text → eight 16-bit groups (handles "::" and an embedded dotted IPv4 tail). */
function v6Groups(ip: string): number[] | null {
  let s = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const v4tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4tail) {
    const n = v4ToInt(v4tail[1]);
    s = s.slice(0, -v4tail[1].length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (h: string): number[] => (h ? h.split(':').map((g) => parseInt(g, 16)) : []);
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  const fill = 8 - head.length - tail.length;
  if (fill < 0 || (halves.length === 1 && fill !== 0)) return null;
  const groups = [...head, ...new Array<number>(fill).fill(0), ...tail];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

function classifyV6(ip: string): string | null {
  const g = v6Groups(ip);
  if (!g) return 'unparsable';
  const embeddedV4 = (hi: number, lo: number): string => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (g.every((x) => x === 0)) return 'unspecified';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d): judge the IPv4 address.
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) return classifyV4(embeddedV4(g[6], g[7]));
  // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) embed an IPv4 address that is what gets reached.
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return classifyV4(embeddedV4(g[6], g[7]));
  if (g[0] === 0x2002) return classifyV4(embeddedV4(g[1], g[2]));
  if ((g[0] & 0xfe00) === 0xfc00) return 'unique-local';
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0] & 0xffc0) === 0xfec0) return 'site-local';
  if ((g[0] & 0xff00) === 0xff00) return 'multicast';
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'documentation';
  if (g[0] === 0x0100 && g.slice(1, 4).every((x) => x === 0)) return 'discard-only';
  return null;
}

/**
 * Why `ip` is not a public internet address ("loopback", "private", "link-local", …), or null
 * when it is public.
 *
 * @example privateAddressKind('10.1.2.3') // 'private'
 * @example privateAddressKind('::ffff:127.0.0.1') // 'loopback'
 */
export function privateAddressKind(ip: string): string | null {
  const bare = ip.replace(/^\[|\]$/g, '');
  const family = net.isIP(bare.replace(/%.*$/, ''));
  if (family === 4) return classifyV4(bare);
  if (family === 6) return classifyV6(bare);
  return 'unparsable';
}

class FetchError extends Error {}

/** DNS lookup that refuses a host when any of its addresses is private. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err);
      const list = addresses as dns.LookupAddress[];
      if (!allowPrivate) {
        for (const a of list) {
          const kind = privateAddressKind(a.address);
          if (kind) {
            return callback(new FetchError(`refused: ${hostname} resolves to ${a.address}, a ${kind} address (use --allow-private to allow)`));
          }
        }
      }
      if (list.length === 0) return callback(new FetchError(`host ${hostname} has no addresses`));
      if (options.all) callback(null, list);
      else callback(null, list[0].address, list[0].family);
    });
  }) as LookupFunction;
}

/** One-line reason for a low-level network error. */
function describeNetworkError(e: NodeJS.ErrnoException, url: URL): string {
  const host = url.hostname;
  switch (e.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host ${host} not found`;
    case 'ECONNREFUSED':
      return `connection refused by ${host}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
    case 'ECONNRESET':
      return `connection reset by ${host}`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${host} is unreachable`;
    case 'ETIMEDOUT':
      return `connection to ${host} timed out`;
    default:
      return e.code ? `${e.message} (${e.code})` : e.message;
  }
}

function requestOnce(
  url: URL,
  opts: { allowPrivate: boolean; signal: AbortSignal; headers: Record<string, string> },
): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const mod = url.protocol === 'https:' ? https : http;
    const req = mod.request(
      url,
      {
        method: 'GET',
        headers: opts.headers,
        lookup: guardedLookup(opts.allowPrivate),
        signal: opts.signal,
        // Each request gets its own socket so the guarded lookup runs for every hop.
        agent: false,
      },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
}

/** Read a response body, decompressing, refusing when it grows past `maxBytes`. */
async function readBody(res: http.IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const enc = (res.headers['content-encoding'] ?? '').toLowerCase().trim();
  let stream: Readable = res;
  if (enc === 'gzip' || enc === 'x-gzip') stream = res.pipe(zlib.createGunzip());
  else if (enc === 'deflate') stream = res.pipe(zlib.createInflate());
  else if (enc === 'br') stream = res.pipe(zlib.createBrotliDecompress());
  else if (enc && enc !== 'identity') throw new FetchError(`unsupported content encoding "${enc}"`);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const b = chunk as Buffer;
    total += b.length;
    if (total > maxBytes) {
      res.destroy();
      throw new FetchError(`response is larger than the ${formatBytes(maxBytes)} limit`);
    }
    chunks.push(b);
  }
  const out = Buffer.concat(chunks, total);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** "20 MiB", "512 KiB", "300 bytes". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

function checkHostLiteral(url: URL, allowPrivate: boolean): void {
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host)) {
    const kind = privateAddressKind(host);
    if (kind) throw new FetchError(`refused: ${host} is a ${kind} address (use --allow-private to allow)`);
  }
}

/**
 * Safe HTTP(S) GET with the limits above; throws an Error whose message is the one-line reason.
 *
 * @example const { bytes, contentType, finalUrl } = await fetchUrl('https://example.com/news.rss');
 */
export async function fetchUrl(url: string, opts: ReadOptions & { headers?: Record<string, string> } = {}): Promise<FetchResult> {
  const allowPrivate = !!opts.allowPrivate;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const headers = {
    'user-agent': 'parallax-ingest/0.1 (+https://github.com/parallax)',
    accept: 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/json,text/plain;q=0.9,*/*;q=0.5',
    'accept-encoding': 'gzip, deflate, br',
    ...opts.headers,
  };
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw new Error(`not a valid URL: ${url}`);
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    for (let hop = 0; ; hop++) {
      if (current.protocol !== 'http:' && current.protocol !== 'https:') {
        throw new FetchError(`unsupported URL scheme ${current.protocol} (only http and https)`);
      }
      checkHostLiteral(current, allowPrivate);
      let res: http.IncomingMessage;
      try {
        res = await requestOnce(current, { allowPrivate, signal: controller.signal, headers });
      } catch (e) {
        throw rethrow(e, current, controller.signal, timeoutMs);
      }
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (hop >= maxRedirects) throw new FetchError(`too many redirects (more than ${maxRedirects})`);
        try {
          current = new URL(res.headers.location, current);
        } catch {
          throw new FetchError(`invalid redirect location "${res.headers.location}"`);
        }
        continue;
      }
      if (status < 200 || status >= 300) {
        res.resume();
        throw new FetchError(`HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`);
      }
      const contentType = (res.headers['content-type'] as string | undefined) ?? null;
      const mediaType = contentType?.split(';')[0].trim() ?? '';
      if (mediaType && !ACCEPTED_TYPES.test(mediaType)) {
        res.resume();
        throw new FetchError(`unsupported content type "${mediaType}" (expected HTML, XML/feed, JSON or plain text)`);
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        res.destroy();
        throw new FetchError(`response is ${formatBytes(declared)}, larger than the ${formatBytes(maxBytes)} limit`);
      }
      let bytes: Uint8Array;
      try {
        bytes = await readBody(res, maxBytes);
      } catch (e) {
        throw rethrow(e, current, controller.signal, timeoutMs);
      }
      const flat: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
      return { bytes, contentType, finalUrl: current.toString(), status, headers: flat };
    }
  } catch (e) {
    if (e instanceof FetchError) throw new Error(e.message);
    throw rethrow(e, current, controller.signal, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

function rethrow(e: unknown, url: URL, signal: AbortSignal, timeoutMs: number): Error {
  if (e instanceof FetchError) return e;
  if (signal.aborted) return new FetchError(`timed out after ${+(timeoutMs / 1000).toFixed(1)} s`);
  const err = e as NodeJS.ErrnoException;
  if (err && (err.name === 'AbortError' || err.code === 'ABORT_ERR')) return new FetchError(`timed out after ${+(timeoutMs / 1000).toFixed(1)} s`);
  return new FetchError(describeNetworkError(err, url));
}
