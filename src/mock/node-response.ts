/**
 * A Fetch `Response` written to a node:http ServerResponse. `Response.error()` (status 0, a
 * dropped connection in msw's vocabulary) destroys the socket — the client sees a network
 * error, as on a real reset — instead of reaching writeHead, where status 0 throws. Only the
 * response's own headers are sent (no X-Powered-By, no ETag); a body that is not an event
 * stream goes out with a Content-Length.
 */
import type { ServerResponse } from 'node:http';

export async function writeResponse(
  outgoing: ServerResponse,
  response: Response,
  head: boolean,
): Promise<void> {
  if (response.type === 'error' || response.status < 100 || response.status > 599) {
    outgoing.destroy();
    return;
  }
  if (outgoing.destroyed) {
    await response.body?.cancel().catch(() => {});
    return;
  }
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  const streaming = (response.headers.get('content-type') ?? '').startsWith('text/event-stream');
  if (!streaming || response.body === null) {
    const body = head || response.body === null ? undefined : Buffer.from(await response.arrayBuffer());
    if (outgoing.destroyed) return;
    if (body !== undefined) headers['content-length'] = String(body.length);
    outgoing.writeHead(response.status, headers);
    outgoing.end(body);
    return;
  }
  outgoing.writeHead(response.status, headers);
  outgoing.flushHeaders();
  if (head) {
    await response.body.cancel().catch(() => {});
    outgoing.end();
    return;
  }
  const reader = response.body.getReader();
  // The client leaving cancels the stream, which stops its paced waits (sse.ts).
  const onClose = () => void reader.cancel().catch(() => {});
  outgoing.once('close', onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (outgoing.destroyed) return;
      if (!outgoing.write(value)) await waitForDrain(outgoing);
    }
    outgoing.end();
  } catch {
    outgoing.destroy();
  } finally {
    outgoing.off('close', onClose);
  }
}

function waitForDrain(outgoing: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      outgoing.off('drain', done);
      outgoing.off('close', done);
      resolve();
    };
    outgoing.on('drain', done);
    outgoing.on('close', done);
  });
}
