/**
 * `routesim serve` end to end: the real CLI on a shipped scenario, an ephemeral port, the
 * official openai client against the printed base URL, a malformed request, then SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';

interface ErrorJson {
  type?: string;
  request_id?: string;
  error: { type: string; message: string; param?: string | null; code?: string | null };
}
const readJson = async (response: Response) => (await response.json()) as ErrorJson;

const root = fileURLToPath(new URL('../../', import.meta.url));
let child: ChildProcess | undefined;
afterEach(() => {
  if (child?.exitCode === null) child.kill('SIGKILL');
});

function startServe(args: string[]) {
  child = spawn(process.execPath, ['src/cli/bin.ts', 'serve', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
  const ready = new Promise<Record<string, string>>((resolve, reject) => {
    child!.stdout?.on('data', () => {
      if (!stdout.includes('Press Ctrl+C')) return;
      const urls: Record<string, string> = {};
      for (const match of stdout.matchAll(/^ {2}(\S+): (http\S+)$/gm)) urls[match[1]!] = match[2]!;
      resolve(urls);
    });
    child!.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  return { ready, exited, output: () => ({ stdout, stderr }) };
}

describe('routesim serve', () => {
  it('serves the scenario on 127.0.0.1, answers the official client and 400s, stops on SIGTERM', async () => {
    const serve = startServe(['scenarios/assistant-day.yaml', '--port', '0', '--time-scale', '100']);
    const urls = await serve.ready;
    expect(urls['openai']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/openai\/v1$/);
    expect(urls['anthropic']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/anthropic$/);

    const openai = new OpenAI({ apiKey: 'test-key', baseURL: urls['openai']!, maxRetries: 0 });
    const completion = await openai.chat.completions.create(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello.' }], max_tokens: 20 },
      { headers: { 'x-routesim-request-id': 'r0000003' } },
    );
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0]?.message.content?.length).toBeGreaterThan(0);

    const malformed = await fetch(`${urls['openai']}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"model":',
    });
    expect(malformed.status).toBe(400);
    expect((await readJson(malformed)).error.type).toBe('invalid_request_error');

    child!.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    expect(serve.output().stdout).toContain('routesim serve: stopped');
  });

  it('rejects a bad --time-scale with exit 2', async () => {
    const serve = startServe(['scenarios/assistant-day.yaml', '--time-scale', '-1']);
    serve.ready.catch(() => {});
    expect(await serve.exited).toBe(2);
    expect(serve.output().stderr).toContain('--time-scale must be a positive number');
  });
});
