/**
 * What every output says about `--seeds k` (k > 1): which interval the Δ columns show, and how
 * far each re-seeded strategy's headline moved between the worlds (min–max over the k world
 * seeds), so a reader sees how much the world's own randomness — outage timing, latency and
 * sampling draws — moves it. Runs with one world seed have neither, and their outputs keep their bytes.
 */
import type { SimulationMetrics, WorldSeedSpread } from '../metrics/types.ts';

/** The interval's label with k > 1 world seeds; undefined for a plain run. */
export function worldSeedLabel(intervals: SimulationMetrics['intervals']): string | undefined {
  return intervals.label;
}

/** "the strategies' numbers are means over the 3 world seeds (7, 2914061218, 107834912)". */
export function worldSeedMeans(spread: WorldSeedSpread): string {
  return `cost, quality and latency of the scenario strategies are means over the ${spread.worldSeeds.length} world seeds (${spread.worldSeeds.join(', ')}; the first is the plain run's)`;
}

/** One line per re-seeded strategy: its headline's min–max over the worlds. */
export function worldSeedSpreadLines(spread: WorldSeedSpread): string[] {
  return spread.strategies.map((entry) => {
    const p95 = entry.p95Ms.filter((value): value is number => value !== null);
    const parts = [
      `quality ${range(entry.quality, (value) => value.toFixed(3))}`,
      `cost/1k ${range(entry.costPerRequestUsd, (value) => `$${(value * 1000).toFixed(4)}`)}`,
      `answered ${range(entry.answeredRate, (value) => `${(value * 100).toFixed(1)}%`)}`,
      p95.length === 0
        ? 'p95 —'
        : `p95 ${range(p95, (value) => `${Math.round(value).toLocaleString('en-US')} ms`)}`,
    ];
    return `${entry.name}: ${parts.join(', ')}`;
  });
}

function range(values: readonly number[], format: (value: number) => string): string {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? format(low) : `${format(low)}–${format(high)}`;
}
