/**
 * Portkey's streaming pass-through bug, pinned against `routesim serve` (issue 11, item 6; see
 * docs/gateways.md). With the dependencies npm installs for @portkey-ai/gateway 1.15.2
 * (@hono/node-server above 1.14.2), every streamed call fails in the gateway after serve has
 * answered it: Portkey builds its streamed response as `new Response(stream, upstreamResponse)`,
 * which @hono/node-server's lightweight Response turns into a response that shares the upstream's
 * immutable Headers; Portkey's `updateHeaders` then appends its `x-portkey-*` headers and throws
 * `TypeError: immutable`. Upstream: Portkey-AI/gateway#1389 (chat completions, open) and #1550
 * (/v1/responses, open). The client gets a 500 `{"status":"failure","message":"Something went
 * wrong"}` while serve's call log shows a 200 stream: the failure is the gateway's, not serve's.
 * If this test starts failing, Portkey fixed it: update docs/gateways.md and assert the stream.
 */
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import {
  ANTHROPIC_MODEL,
  callLog,
  OPENAI_MODEL,
  openaiThroughPortkey,
  target,
  useDrill,
} from './gateway-portkey-helpers.ts';

const drill = useDrill();

/** Whether the gateway logged `text` after character `from` of its output (waits up to 10 s: its output comes through a pipe). */
async function gatewayLogged(text: string, from: number): Promise<boolean> {
  const logged = () => drill.portkey.output().slice(from).includes(text);
  for (let tries = 0; tries < 500 && !logged(); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return logged();
}

describe('Portkey in front of routesim serve: streaming (upstream bug, pinned)', () => {
  it('OpenAI SDK, stream: true → Portkey answers 500 "Something went wrong"; serve streamed a 200', async () => {
    const client = openaiThroughPortkey(drill, target(drill.serve, 'openai'));
    const outputBefore = drill.portkey.output().length;
    const failure = await client.chat.completions
      .create({
        model: OPENAI_MODEL,
        messages: [{ role: 'user', content: 'Say hi.' }],
        max_tokens: 20,
        stream: true,
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );

    expect(failure).toMatchObject({ status: 500, message: '500 Something went wrong' });
    expect((failure as { headers: Headers }).headers.get('x-portkey-gateway-exception')).toBe('true');
    expect(await callLog(drill.serve)).toMatchObject([
      { provider: 'openai', model: OPENAI_MODEL, status: 200, stream: true, fault: null },
    ]);
    expect(await gatewayLogged('TypeError: immutable', outputBefore)).toBe(true);
  });

  it('Anthropic SDK, messages.stream → the same 500 from Portkey; serve streamed a 200', async () => {
    const client = new Anthropic({
      apiKey: 'test-key',
      baseURL: drill.portkey.url,
      maxRetries: 0,
      defaultHeaders: {
        'x-portkey-provider': 'anthropic',
        'x-portkey-custom-host': `${drill.serve.baseUrls['anthropic']!}/v1`,
      },
    });
    const outputBefore = drill.portkey.output().length;
    const failure = await client.messages
      .stream({ model: ANTHROPIC_MODEL, max_tokens: 20, messages: [{ role: 'user', content: 'Say hi.' }] })
      .finalMessage()
      .then(
        () => undefined,
        (error: unknown) => error,
      );

    expect(failure).toBeInstanceOf(Anthropic.InternalServerError);
    expect(failure).toMatchObject({ status: 500 });
    expect(await callLog(drill.serve)).toMatchObject([
      { provider: 'anthropic', model: ANTHROPIC_MODEL, status: 200, stream: true, fault: null },
    ]);
    expect(await gatewayLogged('TypeError: immutable', outputBefore)).toBe(true);
  });
});
