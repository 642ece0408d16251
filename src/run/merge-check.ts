/**
 * Before `routesim merge` computes anything: do the shard folders it was given make one whole run?
 * Every manifest must name the same run (routesim and Node version, scenario, catalog, stream, seed,
 * options — --seeds among them —, shard count and work list), every index 1…n must be there exactly once, and every piece
 * of work must have been run by exactly one of them. Every problem is listed, not just the first.
 */
import type { ShardManifest } from './shard-types.ts';

/** A shard folder's manifest and where it was read from (named in the problems). */
export interface NamedManifest {
  where: string;
  manifest: ShardManifest;
}

/** The manifest fields every shard of one run shares, with how to say them. */
const SAME: readonly { field: string; of: (manifest: ShardManifest) => unknown }[] = [
  { field: 'routesim version', of: (manifest) => manifest.routesim },
  { field: 'Node version', of: (manifest) => manifest.node },
  { field: 'scenario (sha256)', of: (manifest) => manifest.scenarioSha256 },
  { field: 'catalog (sha256)', of: (manifest) => manifest.catalogSha256 },
  { field: 'request stream (sha256)', of: (manifest) => manifest.requestStreamSha256 },
  { field: 'seed', of: (manifest) => manifest.seed },
  { field: 'shard count n', of: (manifest) => manifest.shard.count },
  { field: '--strategies', of: (manifest) => manifest.strategies },
  { field: '--seeds', of: (manifest) => manifest.seeds },
  { field: '--no-robustness', of: (manifest) => manifest.robustness },
  { field: '--no-research', of: (manifest) => (manifest.research === false ? 'given' : 'not given') },
  { field: '--block', of: (manifest) => manifest.blockMs },
  { field: '--decisions', of: (manifest) => manifest.decisions },
  { field: 'plan (units and work list)', of: (manifest) => ({ units: manifest.units, work: manifest.work }) },
];

/** Every reason `shards` are not the n shards of one run (empty when they are). */
export function shardProblems(shards: readonly NamedManifest[]): string[] {
  const first = shards[0];
  if (first === undefined) return ['merge needs at least one shard folder'];
  const problems: string[] = [];
  for (const { field, of } of SAME) {
    const expected = JSON.stringify(of(first.manifest));
    const differing = shards.filter((shard) => JSON.stringify(of(shard.manifest)) !== expected);
    if (differing.length === 0) continue;
    const shown = (value: unknown) => {
      // A field a shard's manifest lacks (written by another routesim build) stringifies to undefined.
      const text = JSON.stringify(value) ?? 'no such field';
      return text.length > 80 ? `${text.slice(0, 77)}…` : text;
    };
    problems.push(
      `shards disagree on the ${field}: ${first.where} has ${shown(of(first.manifest))}, ${differing
        .map((shard) => `${shard.where} has ${shown(of(shard.manifest))}`)
        .join(', ')}`,
    );
  }
  if (problems.length > 0) return problems;
  const count = first.manifest.shard.count;
  const byIndex = new Map<number, string[]>();
  for (const shard of shards) {
    const list = byIndex.get(shard.manifest.shard.index) ?? [];
    list.push(shard.where);
    byIndex.set(shard.manifest.shard.index, list);
  }
  for (const [index, wheres] of [...byIndex].sort((a, b) => a[0] - b[0])) {
    if (index < 1 || index > count)
      problems.push(`shard ${index}/${count} is out of range: ${wheres.join(', ')}`);
    else if (wheres.length > 1)
      problems.push(`shard ${index}/${count} is given ${wheres.length} times: ${wheres.join(', ')}`);
  }
  const missing: number[] = [];
  for (let index = 1; index <= count; index++) if (!byIndex.has(index)) missing.push(index);
  if (missing.length > 0) {
    problems.push(
      `shard${missing.length === 1 ? '' : 's'} ${missing.map((index) => `${index}/${count}`).join(', ')} missing: merge needs all ${count}`,
    );
  }
  if (problems.length > 0) return problems;
  const ranBy = new Map<string, string[]>();
  for (const shard of shards) {
    for (const id of shard.manifest.assigned) ranBy.set(id, [...(ranBy.get(id) ?? []), shard.where]);
  }
  for (const item of first.manifest.work) {
    const wheres = ranBy.get(item.id) ?? [];
    if (wheres.length !== 1)
      problems.push(
        `work item ${item.id} was run by ${wheres.length === 0 ? 'no shard' : wheres.join(', ')}`,
      );
  }
  return problems;
}
