/**
 * `traffic.replay.split`: keep one part of a table's keyed prompt split — the same function
 * `routesim train --split` uses (src/learn/split.ts), so a scenario can replay exactly the prompts
 * a model file was trained without.
 */
import { InputError } from '../../errors.ts';
import { splitPrompts } from '../../learn/split.ts';
import type { ReplaySplit } from '../../scenario/types.ts';
import type { ReplayInfo, ReplaySource } from './types.ts';

export function selectSplit(
  source: ReplaySource,
  split: ReplaySplit,
): { source: ReplaySource; info: NonNullable<ReplayInfo['split']> } {
  const prompts = source.items.map((item) => {
    if (item.id === undefined) {
      throw new InputError(source.file, [
        {
          path: ['traffic', 'replay', 'split'],
          message: `a split needs prompt ids; format ${source.format} has none`,
        },
      ]);
    }
    return { id: item.id, category: item.category };
  });
  const parts = splitPrompts(prompts, split);
  const keep = new Set(split.part === 'test' ? parts.test : parts.train);
  const items = source.items.filter((item) => keep.has(item.id!));
  return {
    source: { ...source, items },
    info: {
      share: split.share,
      seed: split.seed,
      part: split.part,
      strata: parts.strata,
      ids: items.map((item) => item.id!),
    },
  };
}
