/**
 * An incoming node:http request as a Fetch `Request` for msw's handlers — defensively: the URL
 * is built from the server's own origin (never from the client's Host header, which may be
 * anything: `a b[`, `x:99999`), the body is read up to a byte limit and no further, and header
 * values the Fetch API refuses are left out instead of throwing.
 */
import type { IncomingMessage } from 'node:http';

/** Methods the Fetch API can carry; TRACE, CONNECT and TRACK are forbidden by it (and by us). */
export const ALLOWED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Hop-by-hop headers and the ones the Request computes itself. */
const SKIPPED_HEADERS = new Set([
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'upgrade',
]);

/**
 * The URL of a request target on `origin` (e.g. "http://127.0.0.1:8787"), or undefined when
 * it is not one: origin-form ("/v1/x", "//") is taken as a path; absolute-form ("http://h/p",
 * which proxies send) keeps only its path and query; a path whose %-escapes do not decode is
 * refused.
 */
export function requestUrl(target: string | undefined, origin: string): URL | undefined {
  const raw = target ?? '/';
  try {
    let url: URL;
    if (raw.startsWith('/')) url = new URL(`${origin}${raw}`);
    else {
      const absolute = new URL(raw);
      if (absolute.protocol !== 'http:' && absolute.protocol !== 'https:') return undefined;
      url = new URL(`${origin}${absolute.pathname}${absolute.search}`);
    }
    // A path with a broken %-escape ("/models/%E0%A4%A") is no path: handlers that decode it would throw.
    decodeURIComponent(url.pathname);
    return url;
  } catch {
    return undefined;
  }
}

/** The request's headers as Fetch Headers, minus hop-by-hop ones and values Headers refuses. */
export function fetchHeaders(incoming: IncomingMessage, dropped: readonly string[] = []): Headers {
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index]!.toLowerCase();
    if (SKIPPED_HEADERS.has(name) || dropped.includes(name)) continue;
    try {
      headers.append(name, raw[index + 1]!);
    } catch {
      // A value Fetch refuses (e.g. a control character node let through): not worth a crash.
    }
  }
  return headers;
}

export type BodyRead = { ok: true; body: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

/**
 * The request body, at most `limitBytes`: a declared Content-Length over the limit is refused
 * before reading a byte, a chunked body as soon as it crosses it. The rest of the body is then
 * read and discarded so the client can finish sending and read the answer.
 */
export function readBody(incoming: IncomingMessage, limitBytes: number): Promise<BodyRead> {
  const declared = Number(incoming.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    incoming.resume();
    return Promise.resolve({ ok: false, reason: 'too-large' });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyRead) => {
      if (settled) return;
      settled = true;
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onAbort);
      incoming.off('aborted', onAbort);
      if (!result.ok) incoming.resume();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        chunks.length = 0;
        settle({ ok: false, reason: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => settle({ ok: true, body: Buffer.concat(chunks, size) });
    const onAbort = () => settle({ ok: false, reason: 'aborted' });
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onAbort);
    incoming.on('aborted', onAbort);
  });
}
