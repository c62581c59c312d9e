/**
 * The watcher's HTTP client: one GET (or POST, for alert webhooks) that reports every status code
 * instead of throwing on non-2xx, so the poller can act on 304, 429 + Retry-After, 410 and 5xx.
 *
 * Why not `fetchUrl` from `src/ingest/`: it throws on any non-2xx status (so a 304 or a
 * Retry-After header is lost), opens a new socket per request and does not report redirects. The
 * safety rules are the same and so is the code that decides them: the private-address
 * classification is the ingest module's `privateAddressKind`, applied
 * - in the socket's DNS lookup, to every address a name resolves to (the address checked is the
 *   address connected to, so DNS rebinding cannot swap it), and
 * - to literal IP hosts before connecting, and again on every redirect hop.
 *
 * Other choices:
 * - **Keep-alive agents**, one pair per client: a poller returns to the same hosts every few
 *   minutes and most feeds of an outlet share a host, so reusing connections saves a TCP (and TLS)
 *   handshake per request. The guarded lookup runs whenever a new socket is opened.
 * - **One deadline** (`timeoutMs`) covers the whole exchange: connect, redirects, headers and
 *   body. A server that accepts and then never answers, or trickles one byte a second, is cut off at
 *   the deadline; that is what keeps a hanging feed from holding a concurrency slot for ever.
 * - **Size cap** on the bytes received and again on the decoded bytes (`maxOutputLength` of zlib),
 *   so a small gzip or brotli bomb cannot expand into memory.
 * - **Redirects**: followed up to `maxRedirects`; a URL visited twice is reported as a redirect
 *   loop at once rather than after the limit. Whether every hop was permanent (301/308) is
 *   reported, so a caller could update a stored URL.
 * - **Content type**: media types that can never be a feed or an article (images, audio, video,
 *   fonts, PDF, archives) are refused before the body is read; anything else is left to the readers,
 *   which sniff the content (feeds are routinely served as text/html or text/plain).
 */
import http from 'node:http';
import https from 'node:https';
import dns from 'node:dns';
import net from 'node:net';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import type { LookupFunction } from 'node:net';
import { privateAddressKind } from '../ingest/sources.js';

export const DEFAULT_HTTP_TIMEOUT_MS = 15_000;
/** Feeds and article pages above 10 MiB are not news documents; a cap this size still admits long feeds with full content. */
export const DEFAULT_HTTP_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;
export const USER_AGENT = 'parallax-watch/0.1 (feed reader; +https://github.com/parallax)';

/** Why a request failed without an HTTP status. `transient` kinds are worth retrying later. */
export type HttpFailureKind = 'timeout' | 'network' | 'too-large' | 'redirect' | 'refused' | 'bad-url' | 'content-type' | 'decode' | 'aborted';

/** A request that produced no usable response; `message` is one line naming the reason. */
export class HttpFailure extends Error {
  constructor(
    readonly kind: HttpFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'HttpFailure';
  }

  /** Whether trying again later may succeed (timeouts and network errors) as opposed to a fixed property of the URL. */
  get transient(): boolean {
    return this.kind === 'timeout' || this.kind === 'network' || this.kind === 'aborted';
  }
}

/**
 * A response. `bytes` holds the decoded body for 2xx responses and is empty otherwise (the body
 * of an error or a 304 is drained, not kept).
 *
 * @example { status: 304, headers: { etag: '"v3"' }, bytes: <empty>, finalUrl: 'https://example.com/feed.xml', redirects: [], permanentRedirect: null }
 */
export interface HttpResult {
  status: number;
  /** Response headers, lower-case names, repeated headers joined by ", ". */
  headers: Record<string, string>;
  bytes: Uint8Array;
  contentType: string | null;
  /** URL of the final response, after redirects. */
  finalUrl: string;
  /** Each redirect followed: its status and the URL it pointed to. */
  redirects: Array<{ status: number; location: string }>;
  /** The final URL when every redirect followed was permanent (301/308), else null. */
  permanentRedirect: string | null;
}

export interface HttpRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Abort from outside (shutdown); reported as an `aborted` failure. */
  signal?: AbortSignal;
}

export interface HttpClientOptions {
  /** Allow loopback/private/link-local addresses (tests, intranet feeds). Default false. */
  allowPrivate?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
}

/** Media types refused before reading the body: never a feed, never an article page. */
const REFUSED_TYPES = /^(?:image|audio|video|font)\/|^application\/(?:pdf|zip|gzip|x-gzip|x-tar|x-7z-compressed|x-rar-compressed|vnd\.|msword|octet-stream$)/i;

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotli = promisify(zlib.brotliDecompress);

function flatHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/**
 * An HTTP client with its own keep-alive connection pools. Create one per watcher; `close()` ends
 * its idle connections.
 *
 * @example
 * const client = new HttpClient({ allowPrivate: true, timeoutMs: 5000 });
 * const res = await client.request('http://127.0.0.1:8080/feed.xml', { headers: { 'if-none-match': '"v1"' } });
 * if (res.status === 304) console.log('unchanged');
 */
export class HttpClient {
  readonly allowPrivate: boolean;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxRedirects: number;
  readonly userAgent: string;
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private readonly guardedLookup: LookupFunction;

  constructor(opts: HttpClientOptions = {}) {
    this.allowPrivate = !!opts.allowPrivate;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
    this.maxBytes = opts.maxBytes ?? DEFAULT_HTTP_MAX_BYTES;
    this.maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    this.userAgent = opts.userAgent ?? USER_AGENT;
    // Idle sockets are dropped after 4 s: long enough to serve the burst of a poll round (and the
    // page fetches that follow a feed), shorter than the 5 s idle timeout of common servers (Node,
    // Apache), so we rarely reuse a socket the server is closing.
    this.guardedLookup = this.lookup();
    const agentOpts = { keepAlive: true, timeout: 4000, lookup: this.guardedLookup };
    this.httpAgent = new http.Agent(agentOpts);
    this.httpsAgent = new https.Agent(agentOpts);
  }

  /** DNS lookup refusing a host when any of its addresses is private (unless allowed). */
  private lookup(): LookupFunction {
    const allowPrivate = this.allowPrivate;
    return ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
      dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
        if (err) return callback(err);
        const list = addresses as dns.LookupAddress[];
        if (!allowPrivate) {
          for (const a of list) {
            const kind = privateAddressKind(a.address);
            if (kind) return callback(new HttpFailure('refused', `refused: ${hostname} resolves to ${a.address}, a ${kind} address (use --allow-private to allow)`));
          }
        }
        if (list.length === 0) return callback(new HttpFailure('network', `host ${hostname} has no addresses`));
        if (options.all) callback(null, list);
        else callback(null, list[0].address, list[0].family);
      });
    }) as LookupFunction;
  }

  /**
   * Perform one request, following redirects. Resolves with any HTTP status; rejects only with an
   * {@link HttpFailure} (no response, or a response that breaks a limit).
   */
  async request(url: string, req: HttpRequest = {}): Promise<HttpResult> {
    let current: URL;
    try {
      current = new URL(url);
    } catch {
      throw new HttpFailure('bad-url', `not a valid URL: ${url}`);
    }
    const controller = new AbortController();
    let timedOut = false;
    const timer = deadline(this.timeoutMs, () => {
      timedOut = true;
      controller.abort();
    });
    const onOuterAbort = () => controller.abort();
    req.signal?.addEventListener('abort', onOuterAbort, { once: true });
    if (req.signal?.aborted) controller.abort();
    const redirects: HttpResult['redirects'] = [];
    const visited = new Set<string>();
    let method = req.method ?? 'GET';
    let body = req.body;
    try {
      for (;;) {
        this.checkUrl(current);
        visited.add(current.href);
        let res: http.IncomingMessage;
        try {
          res = await this.send(current, method, req.headers ?? {}, body, controller.signal);
        } catch (e) {
          // A kept-alive connection the server closed just as we reused it fails at once; that is
          // not the server's answer, so the request is retried once, on a new connection (the pool
          // may hold more sockets closed the same way, e.g. after this process was busy).
          if (!(e as { reusedSocket?: boolean }).reusedSocket || controller.signal.aborted) throw this.failure(e, current, timedOut, req.signal);
          try {
            res = await this.send(current, method, req.headers ?? {}, body, controller.signal, true);
          } catch (e2) {
            throw this.failure(e2, current, timedOut, req.signal);
          }
        }
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if ([301, 302, 303, 307, 308].includes(status) && location) {
          res.resume();
          let next: URL;
          try {
            next = new URL(location, current);
          } catch {
            throw new HttpFailure('redirect', `invalid redirect location "${location}"`);
          }
          next.hash = '';
          if (visited.has(next.href)) throw new HttpFailure('redirect', `redirect loop: ${current.href} → ${next.href} was already visited`);
          if (redirects.length >= this.maxRedirects) throw new HttpFailure('redirect', `too many redirects (more than ${this.maxRedirects})`);
          redirects.push({ status, location: next.href });
          // RFC 9110 §15.4: 303 (and, by long practice, 301/302 after a POST) continue as GET.
          if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
            method = 'GET';
            body = undefined;
          }
          current = next;
          continue;
        }
        const headers = flatHeaders(res.headers);
        const contentType = headers['content-type'] ?? null;
        const base = { status, headers, contentType, finalUrl: current.href, redirects, permanentRedirect: permanentOf(redirects, current.href) };
        if (status < 200 || status >= 300) {
          res.resume();
          return { ...base, bytes: new Uint8Array(0) };
        }
        const mediaType = contentType?.split(';')[0].trim() ?? '';
        if (mediaType && REFUSED_TYPES.test(mediaType)) {
          res.destroy();
          throw new HttpFailure('content-type', `unsupported content type "${mediaType}" (expected a feed, an HTML page, JSON or text)`);
        }
        const declared = Number(headers['content-length']);
        if (Number.isFinite(declared) && declared > this.maxBytes) {
          res.destroy();
          throw new HttpFailure('too-large', `response is ${formatBytes(declared)}, larger than the ${formatBytes(this.maxBytes)} limit`);
        }
        let bytes: Uint8Array;
        try {
          bytes = await this.readBody(res);
        } catch (e) {
          throw this.failure(e, current, timedOut, req.signal);
        }
        return { ...base, bytes };
      }
    } finally {
      timer.clear();
      req.signal?.removeEventListener('abort', onOuterAbort);
    }
  }

  private checkUrl(url: URL): void {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new HttpFailure('bad-url', `unsupported URL scheme ${url.protocol} (only http and https)`);
    }
    if (this.allowPrivate) return;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (net.isIP(host)) {
      const kind = privateAddressKind(host);
      if (kind) throw new HttpFailure('refused', `refused: ${host} is a ${kind} address (use --allow-private to allow)`);
    }
  }

  private send(
    url: URL,
    method: string,
    extra: Record<string, string>,
    body: string | Uint8Array | undefined,
    signal: AbortSignal,
    freshSocket = false,
  ): Promise<http.IncomingMessage> {
    const isHttps = url.protocol === 'https:';
    const headers: Record<string, string> = {
      'user-agent': this.userAgent,
      'accept-encoding': 'gzip, deflate, br',
      ...extra,
    };
    if (body !== undefined) headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.length);
    return new Promise((resolve, reject) => {
      const r = (isHttps ? https : http).request(url, { method, headers, agent: freshSocket ? false : isHttps ? this.httpsAgent : this.httpAgent, lookup: this.guardedLookup, signal }, resolve);
      r.on('error', (e: NodeJS.ErrnoException & { reusedSocket?: boolean }) => {
        if (r.reusedSocket && (e.code === 'ECONNRESET' || e.code === 'EPIPE')) e.reusedSocket = true;
        reject(e);
      });
      r.end(body);
    });
  }

  /** Read the body within the byte cap, then decode its content encoding within the same cap. */
  private async readBody(res: http.IncomingMessage): Promise<Uint8Array> {
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of res) {
      const b = chunk as Buffer;
      total += b.length;
      if (total > this.maxBytes) {
        res.destroy();
        throw new HttpFailure('too-large', `response is larger than the ${formatBytes(this.maxBytes)} limit`);
      }
      chunks.push(b);
    }
    const raw = Buffer.concat(chunks, total);
    const enc = (res.headers['content-encoding'] ?? '').toLowerCase().trim();
    if (!enc || enc === 'identity') return raw;
    const opts = { maxOutputLength: this.maxBytes };
    try {
      if (enc === 'gzip' || enc === 'x-gzip') return await gunzip(raw, opts);
      if (enc === 'br') return await brotli(raw, opts);
      if (enc === 'deflate') {
        // "deflate" is meant to be zlib-wrapped (RFC 9110 §8.4.1.2) but some servers send raw
        // deflate; a zlib stream is recognised by its header checksum.
        const zlibWrapped = raw.length >= 2 && (raw[0] & 0x0f) === 8 && ((raw[0] << 8) | raw[1]) % 31 === 0;
        return await (zlibWrapped ? inflate(raw, opts) : inflateRaw(raw, opts));
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
        throw new HttpFailure('too-large', `decompressed response is larger than the ${formatBytes(this.maxBytes)} limit`);
      }
      throw new HttpFailure('decode', `could not decode the ${enc} response body: ${(e as Error).message}`);
    }
    throw new HttpFailure('decode', `unsupported content encoding "${enc}"`);
  }

  private failure(e: unknown, url: URL, timedOut: boolean, outer?: AbortSignal): HttpFailure {
    if (e instanceof HttpFailure) return e;
    if (timedOut) return new HttpFailure('timeout', `timed out after ${+(this.timeoutMs / 1000).toFixed(1)} s`);
    if (outer?.aborted) return new HttpFailure('aborted', 'request aborted (shutting down)');
    const err = e as NodeJS.ErrnoException;
    const host = url.hostname;
    switch (err?.code) {
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return new HttpFailure('network', `host ${host} not found`);
      case 'ECONNREFUSED':
        return new HttpFailure('network', `connection refused by ${host}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`);
      case 'ECONNRESET':
        return new HttpFailure('network', `connection reset by ${host}`);
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
        return new HttpFailure('network', `${host} is unreachable`);
      default:
        return new HttpFailure('network', err?.code ? `${err.message} (${err.code})` : String(err?.message ?? e));
    }
  }

  /** Close idle keep-alive connections. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

/**
 * A timer that fires after `ms` of *responsive* time. When the event loop was blocked (a long
 * synchronous clustering pass, a big JSON parse), the timer fires late and the response may be
 * sitting unread in the socket: that delay is ours, not the server's. So the time the timer fired
 * late by is granted again — at most once over, so a request never lives past twice its deadline.
 * A timer late by less than {@link LAG_TOLERANCE_MS} fires normally.
 */
function deadline(ms: number, fire: () => void): { clear(): void } {
  let granted = 0;
  let due = Date.now() + ms;
  let t: NodeJS.Timeout;
  const check = () => {
    const late = Date.now() - due;
    if (late > LAG_TOLERANCE_MS && granted < ms) {
      const extra = Math.min(late, ms - granted);
      granted += extra;
      due = Date.now() + extra;
      t = setTimeout(check, extra);
      return;
    }
    fire();
  };
  t = setTimeout(check, ms);
  return { clear: () => clearTimeout(t) };
}

/** How late a deadline timer may fire before the lateness is treated as the process's own stall. */
const LAG_TOLERANCE_MS = 250;

function permanentOf(redirects: HttpResult['redirects'], finalUrl: string): string | null {
  return redirects.length > 0 && redirects.every((r) => r.status === 301 || r.status === 308) ? finalUrl : null;
}
