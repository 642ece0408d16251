/**
 * Issue 11, item 5 against a real gateway: Portkey's open-source gateway (@portkey-ai/gateway)
 * with a fallback config (gpt-4o-mini with one retry on 503, then claude-haiku) in
 * `x-portkey-config`, both targets' custom_host on the serve that `routesim drill` starts. The
 * drill plays a ten-minute scenario with a two-minute OpenAI outage in ten real seconds, through
 * the CLI, and must see every request answered, the outage requests retried on OpenAI and
 * answered by Anthropic, and OpenAI back after the outage.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrillReport } from '../src/drill/types.ts';
import { runMain } from './support/cli-capture.ts';
import { freePort } from './support/free-port.ts';
import { type PortkeyGateway, startPortkey } from './support/portkey-gateway.ts';

let portkey: PortkeyGateway | undefined;
beforeAll(async () => {
  portkey = await startPortkey();
}, 60_000);
afterAll(async () => {
  await portkey?.stop();
});

describe('routesim drill through Portkey', () => {
  it('reports the retry on OpenAI, the fallback to Anthropic and the way back, with exit 0 under its thresholds', async () => {
    const servePort = await freePort();
    const serve = `http://127.0.0.1:${servePort}`;
    const config = {
      strategy: { mode: 'fallback' },
      targets: [
        {
          provider: 'openai',
          custom_host: `${serve}/openai/v1`,
          api_key: 'drill',
          override_params: { model: 'gpt-4o-mini' },
          retry: { attempts: 1, on_status_codes: [503] },
        },
        {
          provider: 'anthropic',
          custom_host: `${serve}/anthropic/v1`,
          api_key: 'drill',
          override_params: { model: 'claude-haiku-4-5-20251001' },
        },
      ],
    };
    const out = mkdtempSync(join(tmpdir(), 'routesim-drill-'));
    const result = await runMain(
      'drill',
      'test/fixtures/drill/two-providers-outage.yaml',
      '--gateway',
      `${portkey!.url}/v1`,
      '--header',
      `x-portkey-config: ${JSON.stringify(config)}`,
      '--serve-port',
      String(servePort),
      '--schedule-scale',
      '60',
      '--latency-scale',
      '10',
      '--sample',
      '60',
      '--no-strategies',
      '--max-failed-share',
      '0',
      '--out',
      out,
    );
    if (result.status !== 0) process.stderr.write(`${result.stderr}\n${portkey!.output().slice(-3000)}\n`);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('openai error 503 @2m');
    const report = JSON.parse(readFileSync(join(out, 'drill.json'), 'utf8')) as DrillReport;
    expect(report.all).toMatchObject({ requests: 60, failed: 0 });
    const [outage] = report.incidents;
    expect(outage!.incident).toMatchObject({
      provider: 'openai',
      kind: 'error',
      startMs: 120_000,
      endMs: 240_000,
    });
    expect(outage!.requests).toBeGreaterThan(5);
    // Outage requests: OpenAI, Portkey's retry on OpenAI ~1 real s later (a virtual minute at
    // ×60, so near the end of the outage the retry may already be answered), then Anthropic.
    expect(outage!.retriesOnTarget).toBeGreaterThan(0);
    expect(outage!.extraCalls).toBeGreaterThan(outage!.retriesOnTarget);
    expect(outage!.retrySpacingMs!.min).toBeGreaterThan(0);
    expect(outage!.failoverMs).not.toBeNull();
    expect(outage!.failbackMs).not.toBeNull();
    expect(readFileSync(join(out, 'drill.html'), 'utf8')).toContain('openai error 503 @2m');
  }, 120_000);

  it('speaks Anthropic Messages to the gateway with --wire anthropic', async () => {
    const servePort = await freePort();
    // Portkey 1.15.2 serves /v1/messages only for Anthropic targets ("messages is not supported by openai").
    const config = {
      provider: 'anthropic',
      custom_host: `http://127.0.0.1:${servePort}/anthropic/v1`,
      api_key: 'drill',
    };
    const out = mkdtempSync(join(tmpdir(), 'routesim-drill-'));
    const result = await runMain(
      'drill',
      'test/fixtures/drill/two-providers-outage.yaml',
      '--gateway',
      `${portkey!.url}/v1`,
      '--wire',
      'anthropic',
      '--model',
      'claude-haiku-4-5-20251001',
      '--header',
      `x-portkey-config: ${JSON.stringify(config)}`,
      '--serve-port',
      String(servePort),
      '--schedule-scale',
      '120',
      '--latency-scale',
      '20',
      '--sample',
      '20',
      '--no-strategies',
      '--max-failed-share',
      '0',
      '--out',
      out,
    );
    if (result.status !== 0) process.stderr.write(`${result.stderr}\n${portkey!.output().slice(-3000)}\n`);
    expect(result.status).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'drill.json'), 'utf8')) as DrillReport;
    expect(report).toMatchObject({ wire: 'anthropic', all: { requests: 20, failed: 0 } });
    // The OpenAI outage is not on this gateway's path: no call went to OpenAI.
    expect(report.incidents[0]).toMatchObject({ callsOnTarget: 0, extraCalls: 0 });
  }, 120_000);
});
