import { describe, expect, it } from 'vitest';
import { arrivalRateAt, expectedRequestCount } from '../src/scenario/expected-load.ts';
import type { Arrival } from '../src/scenario/types.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

function arrival(overrides: Partial<Arrival>): Arrival {
  return { process: 'poisson', startRate: 0, stages: [], diurnal: undefined, bursts: [], ...overrides };
}

describe('expectedRequestCount', () => {
  it('is rate × duration for a constant rate: 1.2/s for a day = 103,680', () => {
    const flat = arrival({ startRate: 1.2, stages: [{ durationMs: DAY, target: 1.2 }] });
    expect(expectedRequestCount(flat, DAY)).toBeCloseTo(103_680, 6);
  });

  it('integrates a linear ramp as a triangle: 0 → 2/s over 1h = 3,600', () => {
    const ramp = arrival({ startRate: 0, stages: [{ durationMs: HOUR, target: 2 }] });
    expect(expectedRequestCount(ramp, HOUR)).toBeCloseTo(3_600, 6);
  });

  it('holds the last target after the stages: ramp 0 → 2 in 1h, then 2/s for 1h = 10,800', () => {
    const ramp = arrival({ startRate: 0, stages: [{ durationMs: HOUR, target: 2 }] });
    expect(expectedRequestCount(ramp, 2 * HOUR)).toBeCloseTo(3_600 + 7_200, 6);
  });

  it('a diurnal cycle averages to 1 over a whole day, whatever the peak', () => {
    const daily = arrival({
      startRate: 1.3,
      stages: [{ durationMs: DAY, target: 1.3 }],
      diurnal: { amplitude: 0.6, peakMs: 14 * HOUR },
    });
    expect(expectedRequestCount(daily, DAY)).toBeCloseTo(112_320, 4);
  });

  it('a diurnal half day centred on the peak gets 1 + 2A/π of the flat load', () => {
    // ∫ over [peak − 6h, peak + 6h] of (1 + A cos) = 12h·(1 + A·2/π).
    const daily = arrival({
      startRate: 1,
      stages: [{ durationMs: DAY, target: 1 }],
      diurnal: { amplitude: 0.5, peakMs: 6 * HOUR },
    });
    expect(expectedRequestCount(daily, 12 * HOUR)).toBeCloseTo(43_200 * (1 + 1 / Math.PI), 4);
  });

  it('a ramp under a diurnal cycle matches a fine midpoint sum', () => {
    const both = arrival({
      startRate: 0.5,
      stages: [
        { durationMs: 5 * HOUR, target: 3 },
        { durationMs: 7 * HOUR, target: 1 },
      ],
      diurnal: { amplitude: 0.8, peakMs: 3 * HOUR },
    });
    const step = 1_000;
    let sum = 0;
    for (let t = step / 2; t < 14 * HOUR; t += step) sum += (arrivalRateAt(both, t) * step) / 1000;
    expect(expectedRequestCount(both, 14 * HOUR)).toBeCloseTo(sum, 1);
  });

  it('a burst adds (multiplier − 1) × rate × its length: 4× for 5 min at 1/s adds 900', () => {
    const bursty = arrival({
      startRate: 1,
      stages: [{ durationMs: HOUR, target: 1 }],
      bursts: [{ startMs: 10 * 60_000, durationMs: 5 * 60_000, multiplier: 4 }],
    });
    expect(expectedRequestCount(bursty, HOUR)).toBeCloseTo(3_600 + 900, 6);
  });

  it('stops at the duration when the stages run longer', () => {
    const long = arrival({ startRate: 2, stages: [{ durationMs: 10 * HOUR, target: 2 }] });
    expect(expectedRequestCount(long, HOUR)).toBeCloseTo(7_200, 6);
  });
});

describe('agreement with the traffic generator', () => {
  it("matches the generator's rate function on every shipped scenario (one definition of the load)", async () => {
    const { buildRateFunction } = await import('../src/traffic/rate-function.ts');
    const { loadScenarioFile } = await import('../src/scenario/load.ts');
    for (const name of ['assistant-day', 'outage-drill', 'domain-heavy']) {
      const scenario = loadScenarioFile(`scenarios/${name}.yaml`);
      const generator = buildRateFunction(scenario.traffic.arrival, scenario.durationMs).expectedTotal;
      expect(expectedRequestCount(scenario.traffic.arrival, scenario.durationMs), name).toBeCloseTo(
        generator,
        3,
      );
    }
  });
});
