/**
 * `routesim drill` exit codes: every bad flag reported at once with exit 2 and no stack trace;
 * exit 99 when a threshold fails — here a gateway with no fallback (test/support/mini-gateway.ts,
 * one target, no retry) lets the outage's requests fail, above --max-failed-share 0.01.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from './support/cli-capture.ts';
import { freePort } from './support/free-port.ts';
import { startMiniGateway } from './support/mini-gateway.ts';

describe('routesim drill exit codes', () => {
  it('exits 2 naming every bad flag', async () => {
    const result = await runMain(
      'drill',
      'test/fixtures/drill/outage-short.yaml',
      '--wire',
      'grpc',
      '--header',
      'no-colon',
      '--sample',
      '0',
      '--max-failed-share',
      '2',
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--gateway is required');
    expect(result.stderr).toContain('--wire must be openai or anthropic, got "grpc"');
    expect(result.stderr).toContain(`--header expects 'name: value', got "no-colon"`);
    expect(result.stderr).toContain('--sample must be an integer from 1');
    expect(result.stderr).toContain('--max-failed-share must be a share from 0 to 1, got "2"');
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('exits 2 on an unknown --strategies name before sending any traffic', async () => {
    const result = await runMain(
      'drill',
      'test/fixtures/drill/outage-short.yaml',
      '--gateway',
      'http://127.0.0.1:9/v1',
      '--serve-port',
      '0',
      '--strategies',
      'nope,always-cheapest',
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--strategies: nope is not a strategy of the scenario');
    expect(result.stderr).not.toContain('routesim drill: serve on');
  });

  it('exits 99 when the gateway lets more requests fail than --max-failed-share', async () => {
    const servePort = await freePort();
    const gateway = await startMiniGateway({ retries: 0, backoffMs: 0 });
    gateway.setTargets([{ baseUrl: `http://127.0.0.1:${servePort}/openai/v1`, model: 'gpt-4o-mini' }]);
    const out = mkdtempSync(join(tmpdir(), 'routesim-drill-'));
    try {
      const result = await runMain(
        'drill',
        'test/fixtures/drill/outage-short.yaml',
        '--gateway',
        gateway.url,
        '--serve-port',
        String(servePort),
        '--schedule-scale',
        '120',
        '--latency-scale',
        '20',
        '--sample',
        '60',
        '--no-strategies',
        '--max-failed-share',
        '0.01',
        '--require-retry-after',
        '--out',
        out,
      );
      expect(result.status).toBe(99);
      expect(result.stdout).toMatch(/✗ failed share ≤ 1\.0%: \d+\.\d% of 60 requests failed/);
      const written = JSON.parse(readFileSync(join(out, 'drill.json'), 'utf8')) as {
        thresholds: { ok: boolean }[];
      };
      expect(written.thresholds[0]).toMatchObject({ ok: false });
    } finally {
      await gateway.close();
    }
  }, 120_000);
});
