/**
 * The in-process mocks as a user's own test gets them from the package entry: msw handlers for
 * a scenario's providers, passed to the user's own `setupServer(...handlers)`, answering the
 * official openai SDK at OpenAI's real base URL from the scenario's world; and the convenience
 * starter, startInProcessMocks, over the same world.
 */
import { setupServer } from 'msw/node';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createScenarioHandlers, emptyDirectory, instantClock, startInProcessMocks } from '../src/index.ts';
import { repoPath } from './wire-support.ts';

const SCENARIO = repoPath('test/fixtures/simulate/small.yaml');
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
});

const ask = async (baseURL: string) =>
  new OpenAI({ apiKey: 'test-key', baseURL, maxRetries: 0 }).chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Name the capital of France in one word.' }],
    max_tokens: 40,
  });

describe("routesim's mocks from the package entry", () => {
  it('createScenarioHandlers: handlers for setupServer, answered from the scenario world', async () => {
    const { handlers, world, baseUrls, scenarioName } = createScenarioHandlers(SCENARIO);
    expect(scenarioName).toBe('Small e2e run');
    expect(Object.keys(baseUrls)).toEqual(['openai', 'anthropic']);
    const server = setupServer(...handlers);
    server.listen({ onUnhandledRequest: 'error' });
    stop = () => server.close();
    const completion = await ask(baseUrls['openai']!);
    const entry = world.ledger.get(completion.id);
    expect(entry?.model).toBe('gpt-4o-mini');
    expect(completion.choices[0]?.message.content).toBe(entry?.text);
  });

  it('startInProcessMocks: the starter the README names, over any world', async () => {
    const { world } = createScenarioHandlers(SCENARIO);
    const mocks = startInProcessMocks({ world, clock: instantClock(), directory: emptyDirectory });
    stop = () => mocks.close();
    const completion = await ask('https://api.openai.com/v1');
    expect(world.ledger.get(completion.id)?.usage.completionTokens).toBe(completion.usage?.completion_tokens);
  });
});
