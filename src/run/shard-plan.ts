/**
 * `simulate --shard i/n`: which shard runs which piece of a run. A run's work is a list of items
 * named from the plan — every unit, the oracle, the judge-ε study, every robustness re-run — each
 * with a relative cost; `assignShards` gives each item to exactly one of n shards, the same way on
 * every machine (it depends on the list alone), so n independent processes that each regenerate
 * the stream from the seed split the run without talking to each other.
 *
 * The list is generic on purpose: a unit's copy in another world seed (--seeds k) is one more item.
 * Shard indices are 1-based (`1/3` … `3/3`), as in k6's and Playwright's `--shard`.
 */
import { UsageError } from '../errors.ts';

/** Shard `index` of `count`, 1-based. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** One indivisible piece of a run. */
export interface WorkItem {
  /** Stable name, e.g. "unit:cascade@0.7", "unit:cascade#s2", "oracle", "judge-epsilon", "robustness:3:rules". */
  id: string;
  /** Relative cost (≈ one strategy over the whole stream = 1). */
  weight: number;
}

/** Shards a run can be split into at most (a CI matrix holds 256 jobs). */
export const MAX_SHARDS = 256;

/** `--shard 2/3` → { index: 2, count: 3 }; UsageError saying what is expected otherwise. */
export function parseShard(text: string): ShardSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || !Number.isSafeInteger(index) || !Number.isSafeInteger(count)) {
    throw new UsageError(`--shard expects i/n with 1 ≤ i ≤ n (e.g. 1/3), got "${text}"`);
  }
  if (count < 1 || count > MAX_SHARDS) {
    throw new UsageError(`--shard ${text}: n must be between 1 and ${MAX_SHARDS}, got ${count}`);
  }
  if (index < 1 || index > count) {
    throw new UsageError(
      `--shard ${text}: i must be between 1 and ${count} (shards are numbered from 1), got ${index}`,
    );
  }
  return { index, count };
}

/**
 * The shard (1-based) of every item: heaviest first, each to the shard with the least weight so
 * far (lowest index on a tie) — the longest-processing-time rule, within 4/3 of the best split.
 * Items of equal weight keep list order. Deterministic: a function of the list and `count` only.
 */
export function assignShards(items: readonly WorkItem[], count: number): number[] {
  const order = items.map((_item, index) => index);
  order.sort((a, b) => (items[b]?.weight ?? 0) - (items[a]?.weight ?? 0) || a - b);
  const loads = new Array<number>(count).fill(0);
  const shardOf = new Array<number>(items.length).fill(0);
  for (const index of order) {
    let lightest = 0;
    for (let shard = 1; shard < count; shard++) {
      if ((loads[shard] ?? 0) < (loads[lightest] ?? 0)) lightest = shard;
    }
    loads[lightest] = (loads[lightest] ?? 0) + (items[index]?.weight ?? 0);
    shardOf[index] = lightest + 1;
  }
  return shardOf;
}

/** The ids of the items `shard` runs. */
export function itemsOfShard(items: readonly WorkItem[], shard: ShardSpec): Set<string> {
  const shardOf = assignShards(items, shard.count);
  return new Set(items.flatMap((item, index) => (shardOf[index] === shard.index ? [item.id] : [])));
}
