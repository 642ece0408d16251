/**
 * World seeds of `--seeds k`: the seed the world of repetition j (0-based) is keyed by. j = 0 is
 * the run seed itself, so a run with one world seed is the plain run, byte for byte; j ≥ 1 is
 * hashKey(runSeed, WORLD_SEED_STREAM, j), a 32-bit value that depends on (run seed, j) only, so a
 * shard or a re-run derives the same world seeds without coordination. Only the world is re-keyed
 * (outage timing, latency, token counts, fault draws, answer sampling, judge flips); the request
 * stream and the strategies' own draws stay keyed by the run seed, so requests stay paired across
 * seeds and strategies.
 */
import { hashKey } from './keyed-hash.ts';

/** Stream key of the derivation (kept apart from the world's streams, 0–21, and the bootstrap's, 101). */
export const WORLD_SEED_STREAM = 201;

/** The world seed of repetition `index` (0-based) of a run seeded `runSeed`. */
export function worldSeed(runSeed: number, index: number): number {
  if (!Number.isInteger(index) || index < 0)
    throw new RangeError(`world seed index must be an integer ≥ 0, got ${index}`);
  return index === 0 ? runSeed : hashKey(runSeed, WORLD_SEED_STREAM, index);
}

/** The k world seeds of a run, j = 0 … k − 1. */
export function worldSeeds(runSeed: number, count: number): number[] {
  return Array.from({ length: count }, (_, index) => worldSeed(runSeed, index));
}
