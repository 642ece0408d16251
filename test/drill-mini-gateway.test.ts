/**
 * `routesim drill` against a gateway whose behaviour we know (test/support/mini-gateway.ts):
 * retry gpt-4o-mini twice, then fall back to gpt-4o, over real HTTP through a real serve. The
 * drill must count exactly those retries, find the fallback inside the outage and the return to
 * gpt-4o-mini after it, and tell a gateway that waits out retry-after from one that does not.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runDrill } from '../src/drill/run-drill.ts';
import type { DrillReport } from '../src/drill/types.ts';
import { type MiniGateway, startMiniGateway } from './support/mini-gateway.ts';

const SCENARIO = 'test/fixtures/drill/outage-short.yaml';
const RETRIES = 2;

let gateway: MiniGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

async function drill(
  honourRetryAfter: boolean,
  strategies: readonly string[] | false,
  window: { fromMs: number; durationMs?: number } = { fromMs: 0 },
): Promise<DrillReport> {
  gateway = await startMiniGateway({ retries: RETRIES, backoffMs: 5, honourRetryAfter });
  const mini = gateway;
  return runDrill({
    scenarioPath: SCENARIO,
    gateway: mini.url,
    wire: 'openai',
    headers: {},
    servePort: 0,
    // Ten virtual minutes in ten real seconds; calls ten times faster than real.
    scheduleScale: 60,
    latencyScale: 10,
    ...window,
    sample: 120,
    concurrency: 32,
    timeoutMs: 30_000,
    strategies,
    onServing: (server) => {
      const openai = server.baseUrls['openai']!;
      mini.setTargets([
        { baseUrl: openai, model: 'gpt-4o-mini' },
        { baseUrl: openai, model: 'gpt-4o' },
      ]);
    },
  });
}

describe('routesim drill through a gateway of known behaviour', () => {
  it('counts its retries, finds failover and failback, and sees retry-after honoured', async () => {
    const report = await drill(true, ['always-cheapest', 'availability']);
    const [outage, storm] = report.incidents;
    expect(report.incidents.map((incident) => incident.incident.label)).toEqual([
      'gpt-4o-mini error 503 @2m',
      'gpt-4o-mini rate_limit @6m',
    ]);
    expect(report.all.requests).toBe(120);
    expect(report.all.failed).toBe(0);
    // Every outage request: three attempts on gpt-4o-mini (two retries), then one on gpt-4o —
    // except, at most, the last one, whose calls may reach serve after the outage ended.
    expect(outage!.requests).toBeGreaterThan(10);
    expect(outage!.retriesOnTarget).toBeGreaterThanOrEqual((outage!.requests - 1) * RETRIES);
    expect(outage!.retriesOnTarget).toBeLessThanOrEqual(outage!.requests * RETRIES);
    expect(outage!.extraCalls).toBeGreaterThanOrEqual((outage!.requests - 1) * (RETRIES + 1));
    expect(outage!.extraCalls).toBeLessThanOrEqual(outage!.requests * (RETRIES + 1));
    expect(outage!.retryAfter).toBeNull();
    // The first outage request fails over at once; requests arrive every ~5 virtual s.
    expect(outage!.failoverMs).not.toBeNull();
    expect(outage!.failoverMs!).toBeLessThan(30_000);
    expect(outage!.failbackMs).not.toBeNull();
    expect(outage!.failbackMs!).toBeLessThan(30_000);
    // The storm: every retry after a 429 waited its retry-after (6 virtual s = 100 real ms).
    expect(storm!.retryAfter).toMatchObject({ honoured: storm!.retryAfter!.checked, clientMs: 100 });
    // Two retries per storm request, but a request in the storm's last ~12 virtual s (two waits
    // of 6) sees its retries land after it: more than one per request on average, then.
    expect(storm!.retryAfter!.checked).toBeGreaterThan(storm!.requests);
    expect(storm!.retrySpacingMs!.min).toBeGreaterThanOrEqual(99);
    // Beside it: the strategies on the same requests; always-cheapest has no fallback.
    // The reference (always-strongest) always runs beside the strategies asked for.
    expect(report.strategies.map((strategy) => strategy.strategy)).toEqual([
      'always-cheapest',
      'always-strongest',
      'availability',
    ]);
    const cheapest = report.strategies[0]!;
    expect(cheapest.incidents[0]!.requests).toBe(outage!.requests);
    expect(cheapest.incidents[0]!.failedShare).toBe(1);
  }, 120_000);

  it('sees a gateway that ignores retry-after retry early', async () => {
    const report = await drill(false, false);
    const storm = report.incidents[1]!;
    expect(storm.retryAfter!.checked).toBeGreaterThan(storm.requests);
    // Retries 5 ms apart: all early but for the odd one a loaded machine delays past 100 ms.
    expect(storm.retryAfter!.honoured).toBeLessThan(storm.retryAfter!.checked / 4);
    expect(report.strategies).toEqual([]);
  }, 120_000);

  it('plays only --from … --duration: the storm alone', async () => {
    const report = await drill(true, false, { fromMs: 300_000, durationMs: 240_000 });
    expect(report).toMatchObject({ fromMs: 300_000, toMs: 540_000 });
    expect(report.incidents.map((incident) => incident.incident.label)).toEqual([
      'gpt-4o-mini rate_limit @6m',
    ]);
    const storm = report.incidents[0]!;
    // Its requests met the storm: retries after 429s, all honoured.
    expect(storm.requests).toBeGreaterThan(20);
    expect(storm.retryAfter!.checked).toBeGreaterThan(storm.requests);
    expect(storm.retryAfter!.honoured).toBe(storm.retryAfter!.checked);
  }, 120_000);
});
