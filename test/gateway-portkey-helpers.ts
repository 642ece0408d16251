/**
 * Portkey's gateway in front of `routesim serve`, both on real loopback ports, for the
 * gateway-portkey-*.test.ts files: one gateway per file (it takes about a second to start), a
 * fresh serve per test (so the attempt counts, faults and call log of one test never reach the
 * next, and no test runs into the fixture's scheduled outage 10 s in). Not a test file itself.
 */
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { CallLogEntry } from '../src/mock/control/call-log.ts';
import { type ScenarioServer, startScenarioServer } from '../src/mock/serve-scenario.ts';
import { type PortkeyGateway, startPortkey } from './support/portkey-gateway.ts';
import { repoPath } from './wire-support.ts';

/** One provider per wire (openai, anthropic, google); a scheduled anthropic outage 10–20 s in. */
const SCENARIO = repoPath('test/fixtures/serve/three-wires.yaml');

export const OPENAI_MODEL = 'gpt-4o-mini';
export const ANTHROPIC_MODEL = 'claude-haiku-4-5-20251001';

export interface Drill {
  /** The gateway; clients use `${portkey.url}/v1` (OpenAI SDK) or `portkey.url` (Anthropic SDK). */
  readonly portkey: PortkeyGateway;
  /** The serve under test. */
  readonly serve: ScenarioServer;
}

/**
 * Register the hooks of a gateway drill in the calling test file and return its live handles.
 * Serve keeps the schedule in real time (schedule scale 1: a `retryAfterMs` of 300 is 300 real
 * ms) and answers at once (latency scale 1000: a 3 s call takes 3 ms).
 */
export function useDrill(): Drill {
  let portkey: PortkeyGateway | undefined;
  let serve: ScenarioServer | undefined;
  beforeAll(async () => {
    portkey = await startPortkey();
  });
  afterAll(async () => {
    await portkey?.stop();
  });
  beforeEach(async () => {
    serve = await startScenarioServer(SCENARIO, { port: 0, timeScale: 1, latencyScale: 1000 });
  });
  afterEach(async (context) => {
    // What the gateway said, when a test failed: its own errors never reach the client.
    if (context.task.result?.state === 'fail' && portkey !== undefined) {
      process.stderr.write(`--- Portkey gateway output ---\n${portkey.output().slice(-4000)}\n`);
    }
    await serve?.close();
    serve = undefined;
  });
  return {
    get portkey() {
      if (portkey === undefined) throw new Error('the Portkey gateway is not running');
      return portkey;
    },
    get serve() {
      if (serve === undefined) throw new Error('serve is not running');
      return serve;
    },
  };
}

/** Portkey's target for one serve provider: `custom_host` is the provider's base URL on serve. */
export function target(serve: ScenarioServer, provider: 'openai' | 'anthropic', model?: string) {
  const base = serve.baseUrls[provider];
  if (base === undefined) throw new Error(`serve has no provider ${provider}`);
  return {
    provider,
    // Portkey appends the API path to custom_host as to the provider's own base URL
    // (https://api.openai.com/v1, https://api.anthropic.com/v1).
    custom_host: provider === 'anthropic' ? `${base}/v1` : base,
    api_key: 'test-key',
    ...(model === undefined ? {} : { override_params: { model } }),
  };
}

/** The OpenAI SDK pointed at the gateway with a Portkey config; the SDK itself never retries. */
export function openaiThroughPortkey(drill: Drill, config: object): OpenAI {
  return new OpenAI({
    apiKey: 'test-key',
    baseURL: `${drill.portkey.url}/v1`,
    maxRetries: 0,
    defaultHeaders: { 'x-portkey-config': JSON.stringify(config) },
  });
}

/** POST a JSON body to serve's control API; fails the test on anything but 2xx. */
export async function controlPost(serve: ScenarioServer, path: string, body: object): Promise<unknown> {
  const response = await fetch(`${serve.controlUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`control ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

/** Serve's call log (`GET /_routesim/calls`), oldest first. */
export async function callLog(serve: ScenarioServer): Promise<CallLogEntry[]> {
  const text = await (await fetch(`${serve.controlUrl}/calls`)).text();
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as CallLogEntry);
}

/** Real ms between consecutive calls of the log, from their arrival times. */
export function spacingMs(calls: readonly CallLogEntry[]): number[] {
  return calls.slice(1).map((call, index) => Date.parse(call.time) - Date.parse(calls[index]!.time));
}
