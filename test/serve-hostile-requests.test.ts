/**
 * `routesim serve` never dies of a request (issue 11, item 1): each request that used to kill
 * the server (exit 1) is sent over real HTTP to the CLI as a child process on port 0 — a client
 * aborting a non-streaming call, `TRACE /`, `Host: a b[`, `Host: x:99999`, `GET //`, a 50 MB
 * body — and the server must answer or close it cleanly and still answer the next call.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoPath } from './wire-support.ts';

let child: ChildProcess;
let url: string;
let exited: number | null | undefined;

beforeAll(async () => {
  const args = [
    repoPath('src/cli/bin.ts'),
    'serve',
    repoPath('test/fixtures/serve/three-wires.yaml'),
    '--port',
    '0',
  ];
  child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.on('exit', (code) => {
    exited = code;
  });
  let printed = '';
  child.stdout!.setEncoding('utf8');
  while (!/on (http:\/\/\S+)/.test(printed)) {
    const [chunk] = (await once(child.stdout!, 'data')) as [string];
    printed += chunk;
  }
  url = /on (http:\/\/\S+)/.exec(printed)![1]!;
}, 30_000);

afterAll(() => {
  child.kill('SIGTERM');
});

/** One raw HTTP/1.1 exchange (headers fetch would not send as given); resolves with the status line. */
function raw(request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(request));
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    socket.on('close', () => resolve(received.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

/** The server is alive: it still lists the OpenAI models. */
async function stillServing(): Promise<void> {
  const response = await fetch(`${url}/openai/v1/models`);
  expect(response.status).toBe(200);
  await response.arrayBuffer();
  expect(exited).toBeUndefined();
}

const chat = (content: string) =>
  JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }], max_tokens: 400 });

describe('routesim serve survives hostile and aborted requests (real HTTP, child process)', () => {
  it('a client aborting a non-streaming call mid-wait (curl -m 0.5, a gateway timeout)', async () => {
    // Real latency (scale 1): a 400-token answer takes seconds; the client hangs up after 300 ms.
    const { hostname, port } = new URL(url);
    const body = chat('Explain TCP slow start.');
    const socket = connect(Number(port), hostname);
    await once(socket, 'connect');
    socket.write(
      `POST /openai/v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.destroy();
    // A second call, answered after the first one's wait would have ended.
    const answered = await fetch(`${url}/openai/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chat('Explain TCP slow start again.'),
    });
    expect(answered.status).toBe(200);
    await answered.json();
    await stillServing();
  }, 60_000);

  it('TRACE / (a method Fetch cannot carry) → 405', async () => {
    expect(await raw('TRACE / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n')).toBe(
      'HTTP/1.1 405 Method Not Allowed',
    );
    await stillServing();
  });

  it('Host: a b[ and Host: x:99999 (no URL can be built on them) are ignored', async () => {
    for (const host of ['a b[', 'x:99999']) {
      expect(await raw(`GET /openai/v1/models HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)).toBe(
        'HTTP/1.1 200 OK',
      );
    }
    await stillServing();
  });

  it('GET // (what an <img> tag can send) → 404', async () => {
    expect(await raw('GET // HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n')).toBe(
      'HTTP/1.1 404 Not Found',
    );
    await stillServing();
  });

  it('a 50 MB body → OpenAI’s 413, not buffered past the limit', async () => {
    const response = await fetch(`${url}/openai/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chat('x'.repeat(50 * 1024 * 1024)),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('request_too_large');
    await stillServing();
  }, 30_000);

  it('a path whose %-escapes do not decode → 400 (a handler decoding it would throw)', async () => {
    expect(
      await raw(
        'POST /google/v1beta/models/%E0%A4%A:generateContent HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
      ),
    ).toBe('HTTP/1.1 400 Bad Request');
    await stillServing();
  });

  it('a request line node cannot parse → 400, and the server goes on', async () => {
    expect(await raw('GET /\x01 HTTP/1.1\r\n\r\n')).toBe('HTTP/1.1 400 Bad Request');
    await stillServing();
  });
});

describe('routesim serve on a busy port', () => {
  it('exits 2 naming the port, with no stack trace', async () => {
    const { port } = new URL(url);
    const args = [
      repoPath('src/cli/bin.ts'),
      'serve',
      repoPath('test/fixtures/serve/three-wires.yaml'),
      '--port',
      port,
    ];
    const second = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    second.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const [code] = (await once(second, 'exit')) as [number];
    expect(code).toBe(2);
    expect(stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});
