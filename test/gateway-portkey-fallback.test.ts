/**
 * Issue 11, item 6: a Portkey fallback config (strategy `fallback`, OpenAI then Anthropic) in
 * front of `routesim serve`, with an outage injected through serve's control API. The OpenAI
 * client gets its answer from the second target (Portkey translating Anthropic's message into
 * a chat completion), serve's call log shows the 503 and then the fallback call, and once the
 * fault is cleared the next call goes to the first target again (Portkey's fallback keeps no
 * state between requests: every request starts at the first target).
 */
import { describe, expect, it } from 'vitest';
import {
  ANTHROPIC_MODEL,
  callLog,
  controlPost,
  OPENAI_MODEL,
  openaiThroughPortkey,
  target,
  useDrill,
} from './gateway-portkey-helpers.ts';

const drill = useDrill();

describe('Portkey in front of routesim serve: fallback on an injected outage', () => {
  it('OpenAI answers 503 → the answer comes from Anthropic; the log shows the 503, then the fallback', async () => {
    const client = openaiThroughPortkey(drill, {
      strategy: { mode: 'fallback' },
      targets: [target(drill.serve, 'openai'), target(drill.serve, 'anthropic', ANTHROPIC_MODEL)],
    });
    const ask = () =>
      client.chat.completions
        .create({ model: OPENAI_MODEL, messages: [{ role: 'user', content: 'Say hi.' }], max_tokens: 20 })
        .withResponse();

    await controlPost(drill.serve, '/faults', { provider: 'openai', kind: 'error', status: 503 });
    const { data: reply, response } = await ask();

    expect(response.status).toBe(200);
    expect(response.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');
    expect(reply.model).toBe(ANTHROPIC_MODEL);
    expect(reply.choices[0]?.message.content?.length).toBeGreaterThan(0);
    expect(reply.usage?.completion_tokens).toBeGreaterThan(0);

    const outage = await callLog(drill.serve);
    expect(outage.map(({ provider, model, status, fault }) => ({ provider, model, status, fault }))).toEqual([
      { provider: 'openai', model: OPENAI_MODEL, status: 503, fault: 'injected#1:error:503' },
      { provider: 'anthropic', model: ANTHROPIC_MODEL, status: 200, fault: null },
    ]);
    expect(reply.usage?.completion_tokens).toBe(outage[1]!.tokens?.completion);

    // Outage over: the very next request is served by the first target again.
    const cleared = await fetch(`${drill.serve.controlUrl}/faults`, { method: 'DELETE' });
    expect(await cleared.json()).toEqual({ cleared: 1 });
    const { data: after, response: afterResponse } = await ask();
    expect(afterResponse.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[0]');
    expect(after.model).toBe(OPENAI_MODEL);
    const calls = await callLog(drill.serve);
    expect(calls.slice(outage.length)).toMatchObject([{ provider: 'openai', status: 200, fault: null }]);
  });
});
