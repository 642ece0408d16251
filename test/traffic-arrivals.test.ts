import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.ts';
import type { Arrival } from '../src/scenario/types.ts';
import { arrivalTimes } from '../src/traffic/arrivals.ts';

const HOUR = 3_600_000;

function arrival(overrides: Partial<Arrival>): Arrival {
  return { process: 'poisson', startRate: 1, stages: [], diurnal: undefined, bursts: [], ...overrides };
}

function countIn(times: Float64Array, startMs: number, endMs: number): number {
  let count = 0;
  for (const time of times) if (time >= startMs && time < endMs) count++;
  return count;
}

describe('uniform arrivals', () => {
  it('space a constant rate exactly: 10/s for 60 s → 600 arrivals, 100 ms apart, centred', () => {
    const times = arrivalTimes({
      seed: 1,
      durationMs: 60_000,
      arrival: arrival({ process: 'uniform', startRate: 10 }),
    });
    expect(times.length).toBe(600);
    expect(times[0]).toBeCloseTo(50, 6);
    expect(times[599]).toBeCloseTo(59_950, 6);
  });

  it('follow a linear ramp: Λ(t) = 0.05·t² (t in s) for 0 → 10/s over 100 s', () => {
    const times = arrivalTimes({
      seed: 1,
      durationMs: 100_000,
      arrival: arrival({ process: 'uniform', startRate: 0, stages: [{ durationMs: 100_000, target: 10 }] }),
    });
    expect(times.length).toBe(500);
    for (const k of [1, 10, 250, 500]) {
      expect(times[k - 1]! / 1000).toBeCloseTo(Math.sqrt((k - 0.5) / 0.05), 6);
    }
  });

  it('put the diurnal peak where stated: hourly counts match the closed-form integral', () => {
    const amplitude = 0.8;
    const times = arrivalTimes({
      seed: 1,
      durationMs: 24 * HOUR,
      arrival: arrival({ process: 'uniform', startRate: 2, diurnal: { amplitude, peakMs: 15 * HOUR } }),
    });
    // ∫ over the day of the cosine is 0: 2/s × 86,400 s.
    expect(times.length).toBe(172_800);
    const hourly = Array.from({ length: 24 }, (_, hour) => countIn(times, hour * HOUR, (hour + 1) * HOUR));
    hourly.forEach((count, hour) => {
      const phase = (value: number) => (2 * Math.PI * (value - 15)) / 24;
      const expected =
        7200 +
        2 * amplitude * 3600 * (24 / (2 * Math.PI)) * (Math.sin(phase(hour + 1)) - Math.sin(phase(hour)));
      expect(Math.abs(count - expected)).toBeLessThanOrEqual(1);
    });
    const peakHour = hourly.indexOf(Math.max(...hourly));
    expect([14, 15]).toContain(peakHour);
  });

  it('add a burst’s expected count: ×3 for 60 s at 5/s adds 600', () => {
    const times = arrivalTimes({
      seed: 1,
      durationMs: 600_000,
      arrival: arrival({
        process: 'uniform',
        startRate: 5,
        bursts: [{ startMs: 120_000, durationMs: 60_000, multiplier: 3 }],
      }),
    });
    expect(times.length).toBe(3600);
    expect(countIn(times, 120_000, 180_000)).toBe(900);
  });
});

describe('poisson arrivals', () => {
  it('match ∫rate dt within Poisson error for ramp-then-hold (k6 semantics)', () => {
    // 0 → 20/s over 10 min, then held for 10 more: 0.5·20·600 + 20·600 = 18,000 expected.
    const times = arrivalTimes({
      seed: 3,
      durationMs: 1_200_000,
      arrival: arrival({ startRate: 0, stages: [{ durationMs: 600_000, target: 20 }] }),
    });
    expect(Math.abs(times.length - 18_000)).toBeLessThan(4 * Math.sqrt(18_000));
    // First half expects 6,000.
    expect(Math.abs(countIn(times, 0, 600_000) - 6000)).toBeLessThan(4 * Math.sqrt(6000));
  });

  it('handle fractional rates: 0.25/s for a day ≈ 21,600', () => {
    const times = arrivalTimes({ seed: 4, durationMs: 24 * HOUR, arrival: arrival({ startRate: 0.25 }) });
    expect(Math.abs(times.length - 21_600)).toBeLessThan(4 * Math.sqrt(21_600));
  });

  it('have exponential gaps at a constant rate (mean 1/λ, P(gap > mean) = e⁻¹)', () => {
    const times = arrivalTimes({ seed: 5, durationMs: HOUR, arrival: arrival({ startRate: 20 }) });
    let longer = 0;
    for (let index = 1; index < times.length; index++) if (times[index]! - times[index - 1]! > 50) longer++;
    expect(longer / (times.length - 1)).toBeCloseTo(Math.exp(-1), 2);
  });

  it('add a burst’s expected count within Poisson error', () => {
    const times = arrivalTimes({
      seed: 6,
      durationMs: HOUR,
      arrival: arrival({ startRate: 10, bursts: [{ startMs: 600_000, durationMs: 300_000, multiplier: 4 }] }),
    });
    // Inside: 10·4·300 = 12,000; whole hour: 36,000 + 9,000 extra.
    expect(Math.abs(countIn(times, 600_000, 900_000) - 12_000)).toBeLessThan(4 * Math.sqrt(12_000));
    expect(Math.abs(times.length - 45_000)).toBeLessThan(4 * Math.sqrt(45_000));
  });

  it('are sorted, inside [0, duration), and a pure function of the seed', () => {
    const options = {
      durationMs: HOUR,
      arrival: arrival({ startRate: 3, diurnal: { amplitude: 0.5, peakMs: 0 } }),
    };
    const first = arrivalTimes({ seed: 9, ...options });
    const again = arrivalTimes({ seed: 9, ...options });
    const other = arrivalTimes({ seed: 10, ...options });
    expect(again).toEqual(first);
    expect(other[0]).not.toBe(first[0]);
    for (let index = 1; index < first.length; index++)
      expect(first[index]!).toBeGreaterThanOrEqual(first[index - 1]!);
    expect(first[0]!).toBeGreaterThanOrEqual(0);
    expect(first[first.length - 1]!).toBeLessThan(HOUR);
  });
});

describe('impossible rates', () => {
  it('are rejected with every problem at once', () => {
    let error: unknown;
    try {
      arrivalTimes({
        seed: 1,
        durationMs: HOUR,
        arrival: arrival({ startRate: -1, diurnal: { amplitude: 1.5, peakMs: 0 } }),
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues.map((issue) => issue.path.join('.'))).toEqual([
      'traffic.arrival.startRate',
      'traffic.arrival.diurnal.amplitude',
    ]);
  });
});
