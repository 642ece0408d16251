/**
 * The drill's client (src/drill/client.ts) speaks each wire as that provider's API expects, so
 * a gateway can pass it straight through: sent to serve's own endpoints, Anthropic Messages is
 * answered by the Anthropic provider and OpenAI Chat Completions by the OpenAI one — and each is
 * refused by the other (the paths differ), which proves the wire flag changes what is sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDrillRequest } from '../src/drill/client.ts';
import { type ScenarioServer, startScenarioServer } from '../src/mock/serve-scenario.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import { requestStreamFromScenario } from '../src/traffic/index.ts';

const SCENARIO = 'test/fixtures/drill/two-providers-outage.yaml';
let serve: ScenarioServer | undefined;
beforeAll(async () => {
  serve = await startScenarioServer(SCENARIO, { port: 0, latencyScale: 1000 });
});
afterAll(async () => {
  await serve?.close();
});

describe('drill client wires', () => {
  const { request } = requestStreamFromScenario(loadScenarioFile(SCENARIO)).get(0);
  const send = (wire: 'openai' | 'anthropic', provider: 'openai' | 'anthropic', model: string) =>
    sendDrillRequest(request, {
      gateway: provider === 'anthropic' ? `${serve!.baseUrls['anthropic']}/v1` : serve!.baseUrls['openai']!,
      wire,
      model,
      headers: {},
      timeoutMs: 10_000,
    });

  it('anthropic: POST /v1/messages, answered by the Anthropic provider', async () => {
    expect((await send('anthropic', 'anthropic', 'claude-haiku-4-5-20251001')).status).toBe(200);
    expect((await send('openai', 'anthropic', 'claude-haiku-4-5-20251001')).status).toBe(404);
  });

  it('openai: POST /chat/completions, answered by the OpenAI provider', async () => {
    expect((await send('openai', 'openai', 'gpt-4o-mini')).status).toBe(200);
    expect((await send('anthropic', 'openai', 'gpt-4o-mini')).status).toBe(404);
  });
});
