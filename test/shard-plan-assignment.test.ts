/**
 * The shard rule (src/run/shard-plan.ts): every work item goes to exactly one shard, the same way
 * every time, heaviest first to the lightest shard — so n machines split a run without talking.
 */
import { describe, expect, it } from 'vitest';
import { assignShards, itemsOfShard, type WorkItem } from '../src/run/shard-plan.ts';

const items: WorkItem[] = [
  { id: 'unit:a', weight: 1.2 },
  { id: 'unit:b', weight: 0.6 },
  { id: 'unit:c', weight: 0.6 },
  { id: 'unit:d', weight: 1 },
  { id: 'oracle', weight: 1 },
  { id: 'judge-epsilon', weight: 0.1 },
  { id: 'robustness:0:a', weight: 1.2 },
];

describe('assignShards', () => {
  it('puts every item on exactly one shard, for every n', () => {
    for (const count of [1, 2, 3, 7, 10]) {
      const seen = new Map<string, number>();
      for (let index = 1; index <= count; index++) {
        for (const id of itemsOfShard(items, { index, count })) seen.set(id, (seen.get(id) ?? 0) + 1);
      }
      expect([...seen.keys()].sort()).toEqual(items.map((item) => item.id).sort());
      expect([...seen.values()].every((times) => times === 1)).toBe(true);
    }
  });
  it('balances by weight: heaviest first, each to the lightest shard', () => {
    // a 1.2 → 1; robustness 1.2 → 2; d 1 → 3; oracle 1 → 3 (loads 1.2, 1.2, 1); b 0.6 → 1 (tie: lowest);
    // c 0.6 → 2; judge 0.1 → 1 (loads 1.8, 1.8, 2.0). Final loads 1.9, 1.8, 2.0.
    expect(assignShards(items, 3)).toEqual([1, 1, 2, 3, 3, 1, 2]);
    const loads = [0, 0, 0];
    assignShards(items, 3).forEach((shard, index) => {
      loads[shard - 1] = (loads[shard - 1] ?? 0) + (items[index]?.weight ?? 0);
    });
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(0.2 + 1e-9);
  });
  it('is the same on every call (no randomness, no order of arrival)', () => {
    expect(assignShards(items, 4)).toEqual(assignShards([...items], 4));
  });
  it('leaves shards past the number of items empty', () => {
    expect(itemsOfShard(items.slice(0, 2), { index: 3, count: 3 }).size).toBe(0);
  });
});
