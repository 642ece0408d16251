/**
 * A minimal gateway of our own, for the drill tests: a node:http proxy on a free loopback port
 * that speaks OpenAI Chat Completions (POST /v1/chat/completions) and, for each request, tries
 * its targets in order — each up to `retries` + 1 times, waiting `backoffMs` after a 5xx and,
 * after a 429, its `retry-after-ms` (or nothing, with `honourRetryAfter: false`) — then answers
 * with the first 2xx or the last failure. Known behaviour, so the drill's analysis can be
 * checked against it (retries counted, fallback found, retry-after honoured or not).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MiniGatewayTarget {
  /** OpenAI-wire base URL, e.g. serve's `${url}/openai/v1`. */
  baseUrl: string;
  /** Model the gateway asks this target for (overrides the client's). */
  model: string;
}

export interface MiniGatewayOptions {
  /** Retries per target after the first attempt. */
  retries: number;
  /** Wait after a 5xx or a dropped call, real ms. */
  backoffMs: number;
  /** Wait a 429's retry-after-ms before retrying. @default true */
  honourRetryAfter?: boolean;
}

export interface MiniGateway {
  /** Base URL clients use, e.g. "http://127.0.0.1:40123/v1". */
  url: string;
  /** Where requests go, in fallback order; set once serve is up. */
  setTargets(targets: readonly MiniGatewayTarget[]): void;
  close(): Promise<void>;
}

export async function startMiniGateway(options: MiniGatewayOptions): Promise<MiniGateway> {
  let targets: readonly MiniGatewayTarget[] = [];
  const server = createServer(async (request, response) => {
    const body = JSON.parse(await readBody(request)) as Record<string, unknown>;
    let last = { status: 502, text: '{"error":{"message":"mini gateway: no target"}}' };
    for (const target of targets) {
      for (let attempt = 0; attempt <= options.retries; attempt++) {
        let wait = options.backoffMs;
        try {
          const answer = await fetch(`${target.baseUrl}/chat/completions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: 'Bearer mini' },
            body: JSON.stringify({ ...body, model: target.model }),
          });
          last = { status: answer.status, text: await answer.text() };
          if (answer.ok) {
            response.writeHead(answer.status, { 'content-type': 'application/json' }).end(last.text);
            return;
          }
          if (answer.status === 429) {
            wait = options.honourRetryAfter === false ? 0 : Number(answer.headers.get('retry-after-ms') ?? 0);
          }
        } catch {
          last = { status: 502, text: '{"error":{"message":"mini gateway: target unreachable"}}' };
        }
        if (attempt < options.retries && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
    response.writeHead(last.status, { 'content-type': 'application/json' }).end(last.text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    setTargets(next) {
      targets = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
