/**
 * `--seeds k` over a scenario whose cheap provider fails as a random process (mtbf/mttr): each
 * world seed times the outages differently, the headline is the mean over worlds, and the
 * two-level interval — which adds the worlds' spread — is wider than the one world's.
 */
import { describe, expect, it } from 'vitest';
import { worldSeed, worldSeeds } from '../src/contracts/index.ts';
import { simulate } from '../src/run/simulate.ts';
import { loadSimulationScenario } from '../src/run/simulate-inputs.ts';
import { resolveFaults } from '../src/world/faults.ts';

const wallClock = () => performance.now();
const mtbf = loadSimulationScenario(new URL('./fixtures/seeds/mtbf.yaml', import.meta.url).pathname);
const run = (seeds: number, workers = 1) =>
  simulate({ scenario: mtbf, seeds, workers, robustness: false, wallClock });
const named = (outcome: Awaited<ReturnType<typeof run>>, name: string) =>
  outcome.metrics.strategies.find((entry) => entry.name === name)!;

describe('world seeds', () => {
  it('derive from the run seed: j = 0 is the run seed itself, the others differ and repeat', () => {
    expect(worldSeed(11, 0)).toBe(11);
    const seeds = worldSeeds(11, 5);
    expect(new Set(seeds).size).toBe(5);
    expect(worldSeeds(11, 5)).toEqual(seeds);
    expect(worldSeeds(12, 5).slice(1)).not.toEqual(seeds.slice(1));
  });

  it('time the mtbf outages differently in every world', () => {
    const { scenario, effectiveCatalog } = mtbf;
    const timings = worldSeeds(scenario.seed, 3).map((seed) =>
      resolveFaults(scenario.providers, effectiveCatalog, seed, scenario.durationMs)
        .map((window) => `${window.startMs}-${window.endMs}`)
        .join(','),
    );
    expect(new Set(timings).size).toBe(3);
  });

  it('k = 3: means over worlds, per-world spread, a two-level interval wider than k = 1', async () => {
    const one = await run(1);
    const three = await run(3);
    // One world: no label, no spread (the plain run, unchanged).
    expect(one.metrics.intervals.label).toBeUndefined();
    expect(one.metrics.seeds).toBeUndefined();
    expect(three.metrics.intervals.label).toBe('two-level bootstrap: 3 world seeds × requests');
    expect(three.metrics.intervals.worldSeeds).toEqual(worldSeeds(11, 3));

    // The outages resolve differently per world: the cheap model's answered share moves.
    const spread = three.metrics.seeds!.strategies.find((entry) => entry.name === 'always-cheapest')!;
    expect(new Set(spread.answeredRate).size).toBe(3);
    // World 0 is the plain run; the headline is the mean over the worlds.
    const cheapOne = named(one, 'always-cheapest');
    const cheapThree = named(three, 'always-cheapest');
    expect(spread.answeredRate[0]).toBe(cheapOne.answeredRate);
    const mean = spread.quality.reduce((total, value) => total + value, 0) / 3;
    expect(cheapThree.quality.mean).toBeCloseTo(mean, 12);
    expect(cheapThree.answeredRate).not.toBe(cheapOne.answeredRate);

    // The worlds' spread widens the interval (the one world's hides it).
    const width = (interval: { low: number; high: number }) => interval.high - interval.low;
    const qualityOne = cheapOne.difference!.quality;
    const qualityThree = cheapThree.difference!.quality;
    expect(width(qualityThree)).toBeGreaterThanOrEqual(width(qualityOne));
    expect(width(cheapThree.difference!.cost)).toBeGreaterThanOrEqual(width(cheapOne.difference!.cost));
    expect(qualityThree.estimate).toBeCloseTo(
      spread.quality.reduce((total, value) => total + value, 0) * (100 / 3) -
        three.metrics
          .seeds!.strategies.find((entry) => entry.name === 'always-strongest')!
          .quality.reduce((total, value) => total + value, 0) *
          (100 / 3),
      6,
    );

    // Thresholds are evaluated on the mean over worlds (samples: every world's).
    const [threshold] = three.metrics.thresholds;
    expect(threshold!.samples).toBe(3 * one.metrics.requestCount);
    expect(threshold!.actual).toBeCloseTo(
      spread.answeredRate.reduce((total, value) => total + value, 0) / 3,
      12,
    );
  });

  it('gives the same metrics on a worker pool as in-process', async () => {
    const inProcess = await run(3);
    const onWorkers = await run(3, 2);
    expect(onWorkers.metrics).toEqual(inProcess.metrics);
  });
});
