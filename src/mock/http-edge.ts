/**
 * The server edge of `routesim serve`: node:http in, msw's handlers (getResponse) in the
 * middle, node:http out — no framework. Every request is answered or closed, never thrown:
 * a method Fetch cannot carry gets 405, a target that is no URL 400, a body over the
 * provider's limit its 413 (400 for Gemini), a route no handler serves the provider's 404, a
 * handler failure 500, and a dropped call (Response.error()) a destroyed socket. The client
 * leaving aborts the request's signal, which ends hangs, waits and streams. Provider paths
 * answer browsers as the real APIs do (cors.ts: preflights, readable answers, Anthropic's
 * opt-in header); the control API answers no browser at all: a request that carries `Origin`
 * gets 403, so a web page can neither preflight it nor send it a "simple" cross-site POST.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getResponse, type RequestHandler } from 'msw';
import { CONTROL_PREFIX, type ControlApi } from './control/control-api.ts';
import { isPreflight, preflightResponse, withCorsHeaders } from './cors.ts';
import { ALLOWED_METHODS, fetchHeaders, readBody, requestUrl } from './node-request.ts';
import { writeResponse } from './node-response.ts';
import type { EdgeAnswers } from './wire-format.ts';

/** Body limit outside any provider (the control API, unknown paths), bytes. */
const OTHER_MAX_BODY_BYTES = 1024 * 1024;

export interface HttpEdgeOptions {
  /** The server's own origin, e.g. "http://127.0.0.1:8787": request URLs are built on it, never on Host. */
  origin: () => string;
  /** msw handlers registered at that origin. */
  handlers: () => readonly RequestHandler[];
  /** The edge answers of each provider, by its path segment (/<provider>/…). */
  providers: Readonly<Record<string, EdgeAnswers>>;
  /** The control API under /_routesim/. */
  control?: ControlApi | undefined;
  /** One body limit for every provider, bytes. @default each provider format's own */
  maxBodyBytes?: number | undefined;
  /** A failure that is a routesim bug (a handler threw); the client got a 500. */
  onUnexpected?: ((error: unknown) => void) | undefined;
}

export function createHttpEdge(
  options: HttpEdgeOptions,
): (incoming: IncomingMessage, outgoing: ServerResponse) => void {
  return (incoming, outgoing) => {
    answer(options, incoming, outgoing).catch((error: unknown) => {
      options.onUnexpected?.(error);
      if (!outgoing.headersSent && !outgoing.destroyed) {
        void writeResponse(outgoing, plainError(500, 'routesim serve: internal error'), false);
      } else outgoing.destroy();
    });
  };
}

async function answer(
  options: HttpEdgeOptions,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
): Promise<void> {
  const method = (incoming.method ?? 'GET').toUpperCase();
  const head = method === 'HEAD';
  const url = requestUrl(incoming.url, options.origin());
  if (url === undefined) {
    return writeResponse(
      outgoing,
      plainError(400, `not a request target: ${JSON.stringify(incoming.url)}`),
      head,
    );
  }
  const segment = url.pathname.split('/')[1] ?? '';
  const provider = Object.hasOwn(options.providers, segment) ? options.providers[segment] : undefined;
  const control = url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`);
  const headers = fetchHeaders(incoming);
  // A body refused part-way is still drained (readBody), not cut off: a client closed on
  // mid-upload sees EPIPE instead of the 413 it was sent. A browser reads a provider's answers.
  const reply = (response: Response) =>
    writeResponse(outgoing, provider === undefined ? response : withCorsHeaders(response, headers), head);

  if (!ALLOWED_METHODS.has(method)) {
    const response = plainError(405, `method ${method} is not allowed`);
    response.headers.set('allow', [...ALLOWED_METHODS].join(', '));
    return reply(response);
  }
  if (control && headers.has('origin')) {
    incoming.resume();
    return reply(
      plainError(
        403,
        'the control API does not answer browsers (the request carries Origin); call it from a script, curl or a test',
      ),
    );
  }
  if (provider !== undefined) {
    if (isPreflight(method, headers)) {
      incoming.resume();
      return reply(preflightResponse(headers));
    }
    const refused = headers.has('origin') ? provider.browserRequestRefused?.(headers) : undefined;
    if (refused !== undefined) {
      incoming.resume();
      return reply(refused);
    }
  }

  const limit =
    provider === undefined ? OTHER_MAX_BODY_BYTES : (options.maxBodyBytes ?? provider.maxBodyBytes);
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const read = hasBody ? await readBody(incoming, limit) : undefined;
  if (read !== undefined && !read.ok) {
    if (read.reason === 'aborted') return void outgoing.destroy();
    return reply(provider?.bodyTooLarge(limit) ?? plainError(413, `request body over ${limit} bytes`));
  }
  if (!hasBody) incoming.resume();

  const aborted = new AbortController();
  outgoing.once('close', () => {
    if (!outgoing.writableFinished) aborted.abort();
  });
  const request = new Request(url, {
    // HEAD is answered as GET without its body (writeResponse), as HTTP servers do.
    method: head ? 'GET' : method,
    headers,
    signal: aborted.signal,
    ...(read?.ok === true && read.body.length > 0 ? { body: read.body } : {}),
  });

  if (control) {
    if (options.control === undefined) return reply(plainError(404, 'no control API on this server'));
    return reply(await options.control(request, incoming.socket.remoteAddress));
  }
  const response = await getResponse([...options.handlers()], request);
  if (response !== undefined) return reply(response);
  return reply(
    // The path as the client's SDK sees it: under the provider's base URL (/<provider> off).
    provider?.routeNotFound(method, url.pathname.slice(segment.length + 1) || '/') ??
      plainError(
        404,
        `no provider at ${url.pathname}: routesim serves /<provider>/… (see the base URLs it printed)`,
      ),
  );
}

/** routesim's own error (no provider's): `{"error":{"message","type"}}`. */
function plainError(status: number, message: string): Response {
  return Response.json({ error: { message, type: 'invalid_request_error' } }, { status });
}
