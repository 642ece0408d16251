/**
 * Issue 11, item 6: Portkey's `retry` config (`attempts`, `on_status_codes: [429]`) in front of
 * `routesim serve`, with a 429 storm injected through serve's control API. serve's call log
 * shows each retry; its arrival times show the spacing Portkey chose. What Portkey 1.15.2 does
 * with `retry-after` (docs/gateways.md):
 *  - by default it ignores it: async-retry's exponential backoff, 1 s then 2 s then 4 s
 *    (minTimeout 1000, factor 2, randomize false), whatever the server asked for;
 *  - with `use_retry_after_header: true` it should wait what `retry-after-ms` / `retry-after`
 *    say, but the npm build throws instead (see the last test).
 * Serve's schedule runs in real time here (schedule scale 1), so a fault's `durationMs` and
 * `retryAfterMs` are real ms. Spacing is checked against lower bounds (a timer never fires
 * early) and against the server's retry-after with seconds of margin, never against a tight
 * wall-clock bound.
 */
import { describe, expect, it } from 'vitest';
import {
  callLog,
  controlPost,
  type Drill,
  OPENAI_MODEL,
  openaiThroughPortkey,
  spacingMs,
  target,
  useDrill,
} from './gateway-portkey-helpers.ts';

const drill = useDrill();

/** What serve asks a rate-limited client to wait, ms: far longer than Portkey's own backoff. */
const RETRY_AFTER_MS = 10_000;
/** Clock granularity of the call log's ISO times, ms. */
const SLACK_MS = 5;

const retryConfig = (drill: Drill, retry: object) => ({ retry, ...target(drill.serve, 'openai') });

/** A chat completion through Portkey over plain fetch, to read an error's status, headers and body as sent. */
async function rawAsk(config: object): Promise<{ status: number; headers: Headers; body: string }> {
  const response = await fetch(`${drill.portkey.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portkey-config': JSON.stringify(config) },
    body: JSON.stringify({
      model: OPENAI_MODEL,
      messages: [{ role: 'user', content: 'Say hi.' }],
      max_tokens: 20,
    }),
  });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** Wait until serve has logged `calls` calls (at most 30 s), then clear every injected fault. */
async function stormEndsAfter(calls: number): Promise<void> {
  for (let waited = 0; drill.serve.callLog.total < calls; waited += 20) {
    if (waited > 30_000) throw new Error(`serve saw ${drill.serve.callLog.total} calls, not ${calls}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const cleared = await fetch(`${drill.serve.controlUrl}/faults`, { method: 'DELETE' });
  expect(await cleared.json()).toEqual({ cleared: 1 });
}

describe('Portkey in front of routesim serve: retry on an injected 429 storm', () => {
  it('rides out a storm that ends after two calls with attempts: 3 — two 429s, then the answer; backoff 1 s, 2 s, retry-after ignored', async () => {
    await controlPost(drill.serve, '/faults', {
      provider: 'openai',
      kind: 'rate_limit',
      retryAfterMs: RETRY_AFTER_MS,
    });
    const client = openaiThroughPortkey(drill, retryConfig(drill, { attempts: 3, on_status_codes: [429] }));
    const pending = client.chat.completions
      .create({ model: OPENAI_MODEL, messages: [{ role: 'user', content: 'Say hi.' }], max_tokens: 20 })
      .withResponse();
    // End the storm once the first retry has been refused: Portkey waits 2 s before the next one,
    // time enough to clear the fault however slow this machine is (no wall-clock window to hit).
    await stormEndsAfter(2);
    const { data: reply, response } = await pending;

    expect(reply.choices[0]?.message.content?.length).toBeGreaterThan(0);
    expect(response.headers.get('x-portkey-retry-attempt-count')).toBe('2');

    const calls = await callLog(drill.serve);
    expect(calls.map(({ status, error, fault }) => ({ status, error, fault }))).toEqual([
      { status: 429, error: 'rate_limit', fault: 'injected#1:rate_limit' },
      { status: 429, error: 'rate_limit', fault: 'injected#1:rate_limit' },
      { status: 200, error: null, fault: null },
    ]);
    const [first, second] = spacingMs(calls) as [number, number];
    expect(first).toBeGreaterThanOrEqual(1_000 - SLACK_MS);
    expect(second).toBeGreaterThanOrEqual(2_000 - SLACK_MS);
    // Both retries came before serve's retry-after (10 s) had passed: Portkey did not honour it.
    expect(first + second).toBeLessThan(RETRY_AFTER_MS);
  });

  it('a storm that outlasts the attempts: attempts + 1 calls, then serve’s 429 (with its retry-after) reaches the client', async () => {
    await controlPost(drill.serve, '/faults', {
      provider: 'openai',
      kind: 'rate_limit',
      retryAfterMs: RETRY_AFTER_MS,
    });
    const answer = await rawAsk(retryConfig(drill, { attempts: 1, on_status_codes: [429] }));

    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after-ms')).toBe(String(RETRY_AFTER_MS));
    expect(JSON.parse(answer.body)).toMatchObject({
      error: { type: 'requests', code: 'rate_limit_exceeded' },
    });
    const calls = await callLog(drill.serve);
    expect(calls.map((call) => call.status)).toEqual([429, 429]);
    expect(spacingMs(calls)[0]).toBeGreaterThanOrEqual(1_000 - SLACK_MS);
  });

  it('use_retry_after_header: true fails in the npm build — a 500 naming `_timeouts`, after the same 1 s backoff', async () => {
    // Pinned upstream behaviour, not ours. Portkey's source passes async-retry's operation as a
    // third callback argument only through a patch-package patch in its repository
    // (patches/async-retry+1.3.3.patch); the npm package does not ship that patch, so with
    // use_retry_after_header the retry callback throws "Cannot set properties of undefined
    // (setting '_timeouts')" on every 429 that carries a retry-after, retries on its default
    // backoff anyway, and answers the client a 500 once attempts run out. If this test starts
    // failing, Portkey fixed it: update docs/gateways.md and assert the retry-after spacing.
    await controlPost(drill.serve, '/faults', { provider: 'openai', kind: 'rate_limit', retryAfterMs: 300 });
    const answer = await rawAsk(
      retryConfig(drill, { attempts: 1, on_status_codes: [429], use_retry_after_header: true }),
    );

    expect(answer.status).toBe(500);
    expect(answer.body).toContain("Cannot set properties of undefined (setting '_timeouts')");
    const calls = await callLog(drill.serve);
    expect(calls.map((call) => call.status)).toEqual([429, 429]);
    // Not the 300 ms serve asked for: the default backoff's first step.
    expect(spacingMs(calls)[0]).toBeGreaterThanOrEqual(1_000 - SLACK_MS);
  });
});
