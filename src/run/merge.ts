import type { RunResult } from '../engine/types.ts';
import { UsageError } from '../errors.ts';
import type { DigestedRun } from '../metrics/run-digest.ts';
import { version } from '../version.ts';
import { resolveFaults } from '../world/faults.ts';
import { endRun, type SimulationOutcome } from './end-run.ts';
import { mergeBootstrap, startMergePool } from './merge-bootstrap.ts';
import { type NamedManifest, shardProblems } from './merge-check.ts';
import { type PlannedUnit, unitKey } from './plan.ts';
import type { Provenance } from './provenance.ts';
import type { Reporter, RunEnd, UnitInfo } from './reporter.ts';
import { sequential } from './robustness-runs.ts';
import { runDigester } from './run-digester.ts';
import { runMetrics } from './run-metrics.ts';
import type { ShardContents, ShardRequestFacts } from './shard-types.ts';
import { shardedPlan, workId } from './shard-work.ts';
import { type LoadedScenario, withSeeds } from './simulate-inputs.ts';
import { collectRobustness } from './simulate-robustness.ts';

/**
 * One shard folder (src/report/shard-folder.ts reads it from disk): what it holds, and its runs
 * read one at a time — the merge digests each as it reaches it and drops its columns, as simulate
 * does, instead of holding every shard's runs at once.
 */
export interface LoadedShard extends NamedManifest {
  contents(): ShardContents;
  /** Shard 1's request facts (requests.bin), or a sentence saying why they cannot be read. */
  readRequests(): (ShardRequestFacts & { requestIds: string[] }) | string;
  /** The run of the unit at plan index `index` (one this shard ran). */
  readUnit(index: number): RunResult;
  readOracle(): RunResult;
  /** The robustness re-run of submission ordinal `ordinal` (one this shard ran). */
  readPerturbed(ordinal: number): RunResult;
  /** Copy this shard's decision part of the unit at `planIndex` to `file`. */
  copyDecisionPart(planIndex: number, file: string): void;
}

export interface MergeOptions {
  /** The scenario the shards ran, loaded with their seed. */
  scenario: LoadedScenario;
  shards: readonly LoadedShard[];
  /** As simulate's: who receives the run. @default none */
  reporters?: readonly Reporter[];
  /** Monotonic wall clock, ms (timings.json only). */
  wallClock: () => number;
  /**
   * Threads for the paired bootstrap (merge-bootstrap.ts); 1 draws it on this thread. The output
   * is the same either way. @default 1
   */
  workers?: number;
}

export async function mergeShards(options: MergeOptions): Promise<SimulationOutcome> {
  const { wallClock } = options;
  const started = wallClock();
  const reporters = options.reporters ?? [];
  const problems = shardProblems(options.shards);
  const first = options.shards[0];
  if (problems.length > 0 || first === undefined) throw new UsageError(problems);
  const manifest = first.manifest;
  // --seeds as the shards ran it (applied as simulate applies it: the scenario's bytes in results.json).
  const loaded = withSeeds(options.scenario, manifest.seeds ?? undefined);
  const mismatch: string[] = [];
  if (loaded.scenarioSha256 !== manifest.scenarioSha256)
    mismatch.push(`the scenario ${loaded.file} is not the one the shards ran (its sha256 differs)`);
  if (loaded.catalogSha256 !== manifest.catalogSha256)
    mismatch.push(`the catalog ${loaded.file} uses is not the one the shards ran (its sha256 differs)`);
  if (loaded.scenario.seed !== manifest.seed)
    mismatch.push(`seed ${loaded.scenario.seed} is not the shards' seed ${manifest.seed}`);
  if (mismatch.length > 0) throw new UsageError(mismatch);
  // The stream's facts as shard 1 wrote them (every shard generated the same stream: the manifests
  // agree on its sha256), instead of generating it again here.
  const streamShard = options.shards.find((shard) => shard.manifest.shard.index === 1) ?? first;
  const stream = streamShard.readRequests();
  if (typeof stream === 'string') throw new UsageError([stream]);
  if (stream.requests.arrival.length !== manifest.requestCount) {
    throw new UsageError(
      `${streamShard.where}: its request facts hold ${stream.requests.arrival.length} requests, its manifest ${manifest.requestCount}`,
    );
  }
  const { requestIds } = stream;
  const sharded = await shardedPlan(
    {
      loaded,
      strategies: manifest.strategies ?? undefined,
      robustness: manifest.robustness,
      research: manifest.research !== false,
    },
    { requests: stream.requests, sha256: manifest.requestStreamSha256, requestIds },
  );
  const { plan, facts, tiers } = sharded;
  // The plain world's units are reported; the seed copies only feed the metrics.
  const infos: UnitInfo[] = sharded.reported.map((index) => sharded.infos[index] as UnitInfo);
  const { scenario } = loaded;
  if (JSON.stringify(sharded.work) !== JSON.stringify(manifest.work))
    throw new UsageError("the plan made here differs from the shards' (another routesim or other inputs)");
  const phases: Record<string, number> = {};
  let phaseStarted = wallClock();
  const phase = (name: string) => {
    const now = wallClock();
    phases[name] = now - phaseStarted;
    phaseStarted = now;
  };

  // Where each run is; the runs themselves are read when the merge reaches them.
  const unitOf = new Map<number, { shard: LoadedShard; wallMs: number }>();
  const perturbedOf = new Map<number, LoadedShard>();
  let oracleShard: LoadedShard | undefined;
  let judgeEpsilon: ShardContents['judgeEpsilon'] = null;
  for (const shard of options.shards) {
    const contents = shard.contents();
    for (const unit of contents.units) unitOf.set(unit.index, { shard, wallMs: unit.wallMs });
    for (const ordinal of contents.perturbed) perturbedOf.set(ordinal, shard);
    if (contents.oracle) oracleShard ??= shard;
    judgeEpsilon ??= contents.judgeEpsilon;
  }
  const lost = plan.units.flatMap((unit, index) => (unitOf.has(index) ? [] : [workId.unit(unitKey(unit))]));
  if (oracleShard === undefined) lost.push(workId.oracle);
  if (lost.length > 0 || oracleShard === undefined)
    throw new UsageError(`the shards hold no results for ${lost.join(', ')}`);
  const oracleRun: RunResult = oracleShard.readOracle();

  const emit = <Hook extends keyof Reporter>(
    hook: Hook,
    ...args: Parameters<NonNullable<Reporter[Hook]>>
  ) => {
    for (const reporter of reporters)
      (reporter[hook] as ((...a: typeof args) => void) | undefined)?.(...args);
  };
  // Started now, once the shards are known to make one run: its threads set up while the runs are read.
  const pool =
    (options.workers ?? 1) > 1
      ? startMergePool({ loaded, configs: plan.configs }, options.workers ?? 1)
      : undefined;
  try {
    // Decision parts are handed over as a worker pool hands them (Reporter.decisionPartTarget).
    const parts = reporters.find((reporter) => reporter.decisionPartTarget !== undefined);
    const targets = infos.map((info, position) =>
      info.kind === 'strategy' && manifest.decisions !== 'none'
        ? parts?.decisionPartTarget?.(info, position)
        : undefined,
    );
    const provenance: Provenance = {
      routesim: version,
      node: process.version,
      seed: scenario.seed,
      scenarioFile: loaded.file.split(/[\\/]/).pop() ?? loaded.file,
      scenarioSha256: loaded.scenarioSha256,
      catalogSha256: loaded.catalogSha256,
      requestStreamSha256: facts.sha256,
      inputs: loaded.inputFiles,
    };
    phase('prepareMs');
    emit('onRunStart', {
      scenario,
      requestCount: facts.requests.arrival.length,
      requests: facts.requests,
      units: infos,
      wallClock,
    });
    // Each run digested as it is read (run-digester.ts): its columns dropped unless needed.
    const digest = runDigester(scenario, facts.requests, tiers, plan);
    // In a function of its own: a suspended async function keeps its locals (the last run read)
    // alive across its later awaits; this frame ends with the loop.
    const reportUnit = (index: number, info: UnitInfo): { run: DigestedRun; wallMs: number } => {
      const planIndex = sharded.reported[index] as number;
      const unit = unitOf.get(planIndex) as { shard: LoadedShard; wallMs: number };
      const run = unit.shard.readUnit(planIndex);
      const target = targets[index];
      if (target !== undefined) {
        unit.shard.copyDecisionPart(planIndex, target.file);
        parts?.onDecisionPart?.(info, target.file);
      }
      emit('onUnitStart', index, info);
      emit('onUnitEnd', { index, unit: info, run, wallMs: unit.wallMs });
      return { run: digest(run, index), wallMs: unit.wallMs };
    };
    const runs: DigestedRun[] = [];
    const unitWallMs: number[] = [];
    // `index` is the position among the reported units, as simulate reports them; the shard
    // folders name a unit's decision part by its plan index.
    for (const [index, info] of infos.entries()) {
      const reported = reportUnit(index, info);
      runs.push(reported.run);
      unitWallMs.push(reported.wallMs);
    }
    phase('unitsMs');
    const seededRuns = otherWorlds(plan.units, unitOf);
    let ordinal = 0;
    // Read one after another, each summarised on arrival (summarizeMoved) before the next is
    // read: one re-run's columns at a time.
    const robustness = sharded.startMoves(
      sequential(() => {
        const at = ordinal++;
        const shard = perturbedOf.get(at);
        return shard === undefined
          ? Promise.reject(new UsageError(`the shards hold no robustness re-run ${at}`))
          : Promise.resolve(shard.readPerturbed(at));
      }),
    );
    const movedSides = robustness === undefined ? undefined : await collectRobustness(robustness, runs);
    const bootstrap =
      pool !== undefined && manifest.blockMs === null && seededRuns.length === 0
        ? await mergeBootstrap(pool, runs, loaded, facts.requests.arrival.length)
        : undefined;
    await pool?.close();
    const { metrics, thresholds } = runMetrics({
      scenario,
      requests: facts.requests,
      runs,
      oracle: oracleRun,
      tiers,
      ...(manifest.blockMs === null ? {} : { blockMs: manifest.blockMs }),
      ...(bootstrap === undefined ? {} : { bootstrap }),
      ...(manifest.research === false ? { research: false } : {}),
      otherWorlds: seededRuns,
      ...(judgeEpsilon === null ? {} : { judgeEpsilon }),
      ...(robustness === undefined || movedSides === undefined
        ? {}
        : { robustness: { started: robustness, sides: movedSides } }),
    });
    phase('metricsMs');
    const end: RunEnd = {
      scenario,
      provenance,
      metrics,
      thresholds,
      units: infos,
      runs,
      oracle: oracleRun,
      requests: facts.requests,
      requestIds,
      faults: resolveFaults(scenario.providers, loaded.effectiveCatalog, scenario.seed, scenario.durationMs),
      wallMs: wallClock() - started,
      unitWallMs,
      phasesMs: phases,
    };
    return await endRun(end, reporters, scenario);
  } catch (error) {
    await pool?.close();
    emit('onRunError', error);
    throw error;
  }
}

/**
 * The seed copies' runs per world seed j = 1 … k − 1, each in plan order, kinds tagged: what
 * simulate-world-seeds.ts runOtherWorlds returns for the same plan.
 */
function otherWorlds(
  units: readonly PlannedUnit[],
  runOf: ReadonlyMap<number, { shard: LoadedShard }>,
): RunResult[][] {
  const worlds: RunResult[][] = [];
  units.forEach((unit, index) => {
    const shard = runOf.get(index)?.shard;
    if (unit.seedIndex === undefined || shard === undefined) return;
    // Kept whole: the k-world bootstrap pairs their per-request values (metrics/world-seeds.ts).
    const run = shard.readUnit(index);
    run.kind = unit.kind;
    const world = worlds[unit.seedIndex - 1] ?? [];
    worlds[unit.seedIndex - 1] = world;
    world.push(run);
  });
  return worlds;
}
