/**
 * Nothing ever reaches a real provider: a provider without handlers is an msw
 * unhandled-request error, and a real local server standing in for it sees no connection.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantClock } from '../src/mock/clock.ts';
import { startInProcessMocks } from '../src/mock/in-process.ts';
import { emptyDirectory } from '../src/mock/request-directory.ts';
import { createFakeWorld, fakeCatalog, fakeModel } from './mock-support-fake-world.ts';

let canary: Server;
let connections = 0;
let canaryUrl = '';

beforeAll(async () => {
  canary = createServer((_request, response) => response.end('{}'));
  canary.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
  canaryUrl = `http://127.0.0.1:${(canary.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => canary.close(() => resolve())));

function causes(error: unknown): string {
  const messages: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause) messages.push(current.message);
  return messages.join(' ← ');
}

describe('unhandled requests', () => {
  it('fail with msw unhandled-request error and never open a connection', async () => {
    const world = createFakeWorld();
    const catalog = {
      ...fakeCatalog,
      providers: {
        ...fakeCatalog.providers,
        canary: { ...fakeCatalog.providers['openai']!, baseUrl: canaryUrl },
      },
      models: [...fakeCatalog.models, fakeModel('canary-model', 'canary')],
    };
    const mocks = startInProcessMocks({
      world: { ...world, catalog, model: (id) => catalog.models.find((model) => model.id === id) },
      clock: instantClock(),
      directory: emptyDirectory,
      // The canary provider's handlers are left out on purpose.
      providers: ['openai', 'anthropic'],
    });
    try {
      const client = new OpenAI({ apiKey: 'test-key', baseURL: canaryUrl, maxRetries: 0 });
      const failure = await client.chat.completions
        .create({ model: 'canary-model', messages: [{ role: 'user', content: 'hi' }] })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(failure).toBeInstanceOf(OpenAI.APIConnectionError);
      expect(causes(failure)).toContain('[MSW] Cannot bypass a request when using the "error" strategy');
      expect(connections).toBe(0);
    } finally {
      mocks.close();
    }
    // Control: the canary does count connections when nothing intercepts.
    await fetch(`${canaryUrl}/models`);
    expect(connections).toBe(1);
  });
});
