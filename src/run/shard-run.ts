/**
 * `simulate --shard i/n`: run shard i's share of a run's work (shard-plan.ts) and return its raw
 * results and manifest — no metrics, no thresholds: those need every shard's runs and are
 * computed by `routesim merge` (merge.ts). The shard regenerates the stream from the seed, so
 * shards share nothing but the scenario; units run on this thread, each in a fresh world exactly
 * as an unsharded run's, so the merge sees the very runs an unsharded run computes.
 *
 * Scenario strategies' decision rows go to part files (`decisionParts`), written while the unit
 * runs, in the decision log's own row format: the merge joins them as the run folder would.
 */
import { runOracle } from '../engine/oracle.ts';
import type { DecisionRecord, RunResult } from '../engine/types.ts';
import { callsPerRequestLimit } from '../scenario/limits.ts';
import { worldFromScenario } from '../scenario/scenario-world.ts';
import { version } from '../version.ts';
import { judgeEpsilonResearch } from './judge-epsilon.ts';
import type { DecisionPartWriter, RunProgress, UnitInfo } from './reporter.ts';
import { itemsOfShard, type ShardSpec } from './shard-plan.ts';
import type { ShardManifest, ShardResults, ShardUnit } from './shard-types.ts';
import { shardedRun, workId } from './shard-work.ts';
import { faultsOff, type LoadedScenario } from './simulate-inputs.ts';
import { inProcessPerturbed } from './simulate-robustness.ts';
import { type Emit, runInProcess } from './simulate-units.ts';
import { type EngineKind, loadUnitRunners } from './unit-runner.ts';

export interface ShardRunOptions {
  scenario: LoadedScenario;
  shard: ShardSpec;
  /** --strategies. @default every scenario strategy */
  strategies?: readonly string[];
  /** @default true */
  robustness?: boolean;
  /** --block, ms: recorded for the merge (which draws the bootstrap). */
  blockMs?: number;
  /** The decision log format the merge will write; 'none' writes no parts. */
  decisions: ShardManifest['decisions'];
  /** Where a scenario strategy's rows go: the part writer and the part file of a plan index. */
  decisionParts?: { writer: DecisionPartWriter; fileOf(planIndex: number): string };
  /** @default 'direct' */
  engine?: EngineKind;
  onProgress?: (progress: RunProgress) => void;
  /** Monotonic wall clock, ms (timings only). */
  wallClock: () => number;
}

export interface ShardOutcome {
  manifest: ShardManifest;
  results: ShardResults;
}

export async function simulateShard(options: ShardRunOptions): Promise<ShardOutcome> {
  const sharded = await shardedRun({
    loaded: options.scenario,
    strategies: options.strategies,
    robustness: options.robustness !== false,
  });
  const { loaded, plan, infos, prepared, facts, tiers, world } = sharded;
  const { scenario } = loaded;
  const assigned = itemsOfShard(sharded.work, options.shard);
  const runner = await loadUnitRunners(options.engine ?? 'direct');

  // Units: this shard's, plan order.
  const mine = plan.units.flatMap((unit, index) => (assigned.has(workId.unit(unit.label)) ? [index] : []));
  const tierOf = (index: number) => tiers[facts.requests.tier[index] ?? -1] ?? '';
  const sinks = new Map<string, ReturnType<DecisionPartWriter>>();
  const ending: Promise<void>[] = [];
  const parts = options.decisions === 'none' ? undefined : options.decisionParts;
  const emit: Emit = (hook, ...args) => {
    if (parts === undefined) return;
    if (hook === 'onUnitStart') {
      const [position, info] = args as [number, UnitInfo];
      const planIndex = mine[position] as number;
      if (info.kind === 'strategy') sinks.set(info.label, parts.writer(parts.fileOf(planIndex), tierOf));
    } else if (hook === 'onDecision') {
      const [info, record] = args as [UnitInfo, DecisionRecord];
      sinks.get(info.label)?.write(record);
    } else if (hook === 'onUnitEnd') {
      const [{ unit }] = args as [{ unit: UnitInfo }];
      const sink = sinks.get(unit.label);
      sinks.delete(unit.label);
      if (sink !== undefined) ending.push(Promise.resolve(sink.end()));
    }
  };
  const { runs, unitWallMs } = await runInProcess({
    units: mine.map((index) => plan.units[index] as (typeof plan.units)[number]),
    infos: mine.map((index) => infos[index] as UnitInfo),
    stream: prepared.stream,
    models: plan.models,
    world,
    durationMs: scenario.durationMs,
    emit,
    progress: (progress) => options.onProgress?.(progress),
    wallClock: options.wallClock,
    runner,
    maxCallsPerRequest: callsPerRequestLimit(scenario),
  });
  await Promise.all(ending);
  const units: ShardUnit[] = mine.map((index, position) => ({
    index,
    label: plan.units[index]?.label ?? '',
    run: runs[position] as RunResult,
    wallMs: unitWallMs[position] ?? 0,
  }));

  // Robustness re-runs: every shard builds the same moves; it runs the ordinals it was given.
  const perturbed: ShardResults['perturbed'] = [];
  const pending: Promise<unknown>[] = [];
  const runOne = inProcessPerturbed({
    scenario,
    stream: prepared.stream,
    outcomes: prepared.outcomes,
    models: plan.models,
    context: plan.context,
    runners: runner,
  });
  let ordinal = 0;
  sharded.startMoves((task) => {
    const own = ordinal++;
    if (!assigned.has(workId.robustness(own, task.label))) {
      return Promise.resolve(undefined as unknown as RunResult);
    }
    const running = runOne(task).then((run) => {
      perturbed.push({ ordinal: own, run });
      return run;
    });
    pending.push(running);
    return running;
  });
  await Promise.all(pending);
  perturbed.sort((a, b) => a.ordinal - b.ordinal);

  const oracle = assigned.has(workId.oracle)
    ? runOracle({
        stream: prepared.stream,
        world: worldFromScenario(
          faultsOff(scenario),
          loaded.catalog,
          prepared.stream.hidden,
          prepared.outcomes,
        ),
        models: plan.models,
      })
    : null;
  const judgeEpsilon = assigned.has(workId.judgeEpsilon)
    ? ((await judgeEpsilonResearch({
        configs: plan.configs,
        context: plan.context,
        stream: prepared.stream,
        makeWorld: world,
      })) ?? null)
    : null;

  const manifest: ShardManifest = {
    format: 'routesim-shard',
    formatVersion: 1,
    routesim: version,
    node: process.version,
    shard: { index: options.shard.index, count: options.shard.count },
    scenarioFile: loaded.file,
    scenarioSha256: loaded.scenarioSha256,
    catalogSha256: loaded.catalogSha256,
    requestStreamSha256: facts.sha256,
    requestCount: facts.requests.arrival.length,
    seed: scenario.seed,
    strategies: options.strategies === undefined ? null : [...options.strategies],
    robustness: options.robustness !== false,
    blockMs: options.blockMs ?? null,
    decisions: options.decisions,
    units: infos,
    work: sharded.work,
    assigned: sharded.work.flatMap((item) => (assigned.has(item.id) ? [item.id] : [])),
  };
  return { manifest, results: { units, oracle, judgeEpsilon, perturbed } };
}
