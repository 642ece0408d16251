/**
 * `simulate --shard i/n`: run shard i's share of a run's work (shard-plan.ts) and return its raw
 * results and manifest — no metrics, no thresholds: those need every shard's runs and are
 * computed by `routesim merge` (merge.ts). The shard regenerates the stream from the seed, so
 * shards share nothing but the scenario; units run on this thread or on a worker pool (--workers),
 * each in a fresh world exactly as an unsharded run's, so the merge sees the very runs an
 * unsharded run computes.
 *
 * Scenario strategies' decision rows go to part files (`decisionParts`), written while the unit
 * runs, in the decision log's own row format: the merge joins them as the run folder would.
 *
 * With `--seeds k` a unit's copy in world seed j ≥ 1 is a piece of work of its own: it runs in the
 * world of its seed, as simulate-world-seeds.ts runs it, logs no decisions, and is stored with its
 * seed index for the merge to hand to the metrics.
 */
import { runOracle } from '../engine/oracle.ts';
import type { DecisionRecord, RunResult } from '../engine/types.ts';
import { callsPerRequestLimit } from '../scenario/limits.ts';
import { worldFromScenario } from '../scenario/scenario-world.ts';
import { version } from '../version.ts';
import { judgeEpsilonResearch } from './judge-epsilon.ts';
import { type PlannedUnit, unitKey } from './plan.ts';
import type { DecisionPartWriter, RunProgress, UnitInfo } from './reporter.ts';
import type { PerturbedTask } from './robustness-runs.ts';
import { itemsOfShard, type ShardSpec } from './shard-plan.ts';
import type { ShardContents, ShardManifest, ShardResultsSink, ShardUnit } from './shard-types.ts';
import { type ShardedRun, shardedRun, workId } from './shard-work.ts';
import { faultsOff, type LoadedScenario, withSeeds } from './simulate-inputs.ts';
import { inProcessPerturbed } from './simulate-robustness.ts';
import { type Emit, runInProcess } from './simulate-units.ts';
import { type EngineKind, loadUnitRunners, type UnitRunners } from './unit-runner.ts';
import type { RunSetupData, StreamProbe } from './worker-setup.ts';
import { DEFAULT_ROUTE_BUDGET_MS, type EnginePool, startEnginePool, type TaskResult } from './workers.ts';

export interface ShardRunOptions {
  scenario: LoadedScenario;
  shard: ShardSpec;
  /** --strategies. @default every scenario strategy */
  strategies?: readonly string[];
  /** --seeds k: world seeds per scenario strategy (overrides the scenario's `seeds`). @default the scenario's */
  seeds?: number;
  /** @default true */
  robustness?: boolean;
  /** false: --no-research, the reduced plan (plan.ts PlanOptions.research). @default true */
  research?: boolean;
  /** --block, ms: recorded for the merge (which draws the bootstrap). */
  blockMs?: number;
  /** The decision log format the merge will write; 'none' writes no parts. */
  decisions: ShardManifest['decisions'];
  /**
   * Where a scenario strategy's rows go: the part file of a plan index, and the writer — a
   * function on this thread, a module URL exporting it (createDecisionPart) on worker threads.
   */
  decisionParts?: { writer: DecisionPartWriter; writerModule: string; fileOf(planIndex: number): string };
  /**
   * Worker threads for the shard's units, oracle and re-runs; 1 runs them on this thread (a
   * user's router module always runs on a worker, as in simulate). Output is identical either way.
   * @default 1
   */
  workers?: number;
  /** @default 'direct' */
  engine?: EngineKind;
  /**
   * --route-budget: wall time a router module may hold its worker without handing control back.
   * @default DEFAULT_ROUTE_BUDGET_MS (for a user's router; built-ins are not watched)
   */
  routeBudgetMs?: number;
  /**
   * --timeout: wall time the shard's work may take before it stops, naming the units still
   * running (runs the shard on a worker pool, as in simulate). @default no limit
   */
  timeoutMs?: number;
  onProgress?: (progress: RunProgress) => void;
  /** Monotonic wall clock, ms (timings only). */
  wallClock: () => number;
  /**
   * Tests only: how this thread and the pool keep the stream (`maxRequests`: the most kept decoded
   * before it is spilled in chunks), and a count of what the workers generate.
   */
  streamProbe?: StreamProbe;
  /**
   * Where each finished run goes, as it finishes (the shard folder's results.bin): the shard
   * keeps none of them.
   */
  results: ShardResultsSink;
}

export interface ShardOutcome {
  manifest: ShardManifest;
  /** What went to `results`, without the runs. */
  contents: ShardContents;
}

export async function simulateShard(options: ShardRunOptions): Promise<ShardOutcome> {
  const sharded = await shardedRun({
    loaded: withSeeds(options.scenario, options.seeds),
    strategies: options.strategies,
    robustness: options.robustness !== false,
    research: options.research !== false,
    // Shard 1 hands the merge the stream's facts; the ids are dropped again once written.
    requestIds: options.shard.index === 1,
    ...(options.streamProbe?.maxRequests === undefined
      ? {}
      : { keepRequests: options.streamProbe.maxRequests }),
  });
  handOverRequestFacts(sharded, options.results);
  const { loaded, plan, prepared, world } = sharded;
  const assigned = itemsOfShard(sharded.work, options.shard);
  const runner = await loadUnitRunners(options.engine ?? 'direct');
  const mine = plan.units.flatMap((unit, index) => (assigned.has(workId.unit(unitKey(unit))) ? [index] : []));
  const parts = options.decisions === 'none' ? undefined : options.decisionParts;
  const userCode = plan.configs.some((config) => config.module !== undefined);
  const workers = options.workers ?? 1;
  // A time limit needs a pool: this thread, busy with an in-process unit, could not enforce it.
  const pool =
    workers > 1 || userCode || options.timeoutMs !== undefined
      ? startEnginePool({
          setupData: {
            loaded,
            configs: plan.configs,
            ...(options.streamProbe === undefined ? {} : { streamProbe: options.streamProbe }),
          } satisfies RunSetupData,
          workers,
          engine: options.engine ?? 'direct',
          ...(userCode ? { routeBudgetMs: options.routeBudgetMs ?? DEFAULT_ROUTE_BUDGET_MS } : {}),
          ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        })
      : undefined;
  // A long stream is in this thread's spill file already: the workers replay it from there
  // instead of generating every request again (in a window: once per unit).
  if (pool !== undefined && prepared.pieces !== undefined) pool.useStream(prepared.pieces);
  try {
    const sink = options.results;
    const execute =
      pool === undefined
        ? inProcess(sharded, runner, options, parts, sink)
        : onPool(pool, sharded, parts, sink);
    // Robustness re-runs: every shard builds the same moves; it runs the ordinals it was given.
    const perturbed: number[] = [];
    const pending: Promise<unknown>[] = [];
    let ordinal = 0;
    // Units first (on a pool the re-runs queue behind them), then the moves, the oracle, the study.
    const units = execute.units(mine);
    units.catch(() => {});
    sharded.startMoves((task) => {
      const own = ordinal++;
      if (!assigned.has(workId.robustness(own, task.label))) {
        return Promise.resolve(undefined as unknown as RunResult);
      }
      const running = execute.perturbed(task).then((run) => {
        sink.perturbed(own, run);
        perturbed.push(own);
        return run;
      });
      pending.push(running);
      return running;
    });
    const oracle = assigned.has(workId.oracle)
      ? execute.oracle().then((run) => {
          sink.oracle(run);
          return true;
        })
      : Promise.resolve(false);
    oracle.catch(() => {});
    const judgeEpsilon = assigned.has(workId.judgeEpsilon)
      ? ((await judgeEpsilonResearch({
          configs: plan.configs,
          context: plan.context,
          stream: prepared.stream,
          makeWorld: world,
        })) ?? null)
      : null;
    if (judgeEpsilon !== null) sink.judgeEpsilon(judgeEpsilon);
    const contents: ShardContents = {
      units: await units,
      oracle: await oracle,
      judgeEpsilon,
      perturbed,
    };
    await Promise.all(pending);
    perturbed.sort((a, b) => a - b);
    return { manifest: manifestOf(sharded, options, assigned), contents };
  } finally {
    await pool?.close();
  }
}

type Parts = ShardRunOptions['decisionParts'];

/** A unit as the shard reports it once its run has gone to the sink. */
type RanUnit = Omit<ShardUnit, 'run'>;

/** How a shard runs its pieces: on this thread or on a worker pool. Units go to the sink as they end. */
interface Executor {
  units(planIndices: readonly number[]): Promise<RanUnit[]>;
  perturbed(task: PerturbedTask): Promise<RunResult>;
  oracle(): Promise<RunResult>;
}

/** One piece at a time on this thread: units in plan order, then re-runs, then the oracle. */
function inProcess(
  sharded: ShardedRun,
  runner: UnitRunners,
  options: ShardRunOptions,
  parts: Parts,
  sink: ShardResultsSink,
): Executor {
  const { loaded, plan, infos, prepared, facts, tiers, world, worldOf } = sharded;
  const { scenario } = loaded;
  const tierOf = (index: number) => tiers[facts.requests.tier[index] ?? -1] ?? '';
  const runOne = inProcessPerturbed({
    scenario,
    stream: prepared.stream,
    outcomes: prepared.outcomes,
    models: plan.models,
    context: plan.context,
    runners: runner,
  });
  let unitsDone: Promise<unknown> = Promise.resolve();
  const after = <T>(work: () => Promise<T> | T): Promise<T> => {
    const next = unitsDone.then(work);
    unitsDone = next.catch(() => {});
    return next;
  };
  const common = {
    stream: prepared.stream,
    models: plan.models,
    durationMs: scenario.durationMs,
    wallClock: options.wallClock,
    runner,
    maxCallsPerRequest: callsPerRequestLimit(scenario),
  };
  /** The plain world's units: reported, their decision rows written to parts. */
  /** Hand unit `index`'s run to the sink as it ends; keep what the shard reports of it. */
  const toSink =
    (indices: readonly number[], seedIndex?: number) =>
    (run: RunResult, position: number, wallMs: number): RanUnit => {
      const index = indices[position] as number;
      const ran: RanUnit = {
        index,
        label: plan.units[index]?.label ?? '',
        ...(seedIndex === undefined ? {} : { seedIndex }),
        wallMs,
      };
      sink.unit({ ...ran, run });
      return ran;
    };
  const plainUnits = async (plain: readonly number[]): Promise<RanUnit[]> => {
    const sinks = new Map<string, ReturnType<DecisionPartWriter>>();
    const ending: Promise<void>[] = [];
    const emit: Emit = (hook, ...args) => {
      if (parts === undefined) return;
      if (hook === 'onUnitStart') {
        const [position, info] = args as [number, UnitInfo];
        const planIndex = plain[position] as number;
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
    const { runs } = await runInProcess(
      {
        ...common,
        units: plain.map((index) => plan.units[index] as PlannedUnit),
        infos: plain.map((index) => infos[index] as UnitInfo),
        world,
        emit,
        progress: (progress) => options.onProgress?.(progress),
      },
      toSink(plain),
    );
    await Promise.all(ending);
    return runs;
  };
  /** Seed copies of world `seedIndex` (--seeds): in that world, reported to no one, as simulate-world-seeds.ts. */
  const seedUnits = async (seedIndex: number, copies: readonly number[]): Promise<RanUnit[]> => {
    const { runs } = await runInProcess(
      {
        ...common,
        units: copies.map((index) => plan.units[index] as PlannedUnit),
        infos: copies.map((index) => infos[index] as UnitInfo),
        world: () => worldOf(seedIndex),
        emit: () => {},
        progress: () => {},
      },
      toSink(copies, seedIndex),
    );
    return runs;
  };
  return {
    units: (mine) =>
      after(async () => {
        const seedOf = (index: number) => plan.units[index]?.seedIndex;
        const done = await plainUnits(mine.filter((index) => seedOf(index) === undefined));
        const seeds = [...new Set(mine.flatMap((index) => seedOf(index) ?? []))];
        for (const seedIndex of seeds)
          done.push(
            ...(await seedUnits(
              seedIndex,
              mine.filter((index) => seedOf(index) === seedIndex),
            )),
          );
        const byIndex = new Map(done.map((unit) => [unit.index, unit]));
        return mine.map((index) => byIndex.get(index) as RanUnit);
      }),
    perturbed: (task) => after(() => runOne(task)),
    oracle: () =>
      after(() =>
        runOracle({
          stream: prepared.stream,
          world: worldFromScenario(
            faultsOff(scenario),
            loaded.catalog,
            prepared.stream.hidden,
            prepared.outcomes,
          ),
          models: plan.models,
        }),
      ),
  };
}

/** Every piece submitted to the pool at once (units heaviest first); workers write the decision parts. */
function onPool(pool: EnginePool, sharded: ShardedRun, parts: Parts, sink: ShardResultsSink): Executor {
  const { plan, work } = sharded;
  const weightOf = new Map(work.map((item) => [item.id, item.weight]));
  return {
    async units(mine) {
      const order = [...mine].sort(
        (a, b) =>
          (weightOf.get(workId.unit(unitKey(plan.units[b] as PlannedUnit))) ?? 0) -
            (weightOf.get(workId.unit(unitKey(plan.units[a] as PlannedUnit))) ?? 0) || a - b,
      );
      // Each run goes to the sink when its task ends; only what the shard reports is held.
      const results = new Map<number, Promise<RanUnit>>();
      for (const index of order) {
        const unit = plan.units[index] as PlannedUnit;
        // Timed as simulate times them; a seed copy (its world seed in `seed`) logs no decisions.
        const logged = unit.kind === 'strategy';
        const seed = unit.seedIndex;
        const task = pool.run({
          kind: 'unit',
          label: unit.label,
          ...(seed === undefined ? {} : { seed }),
          ...(logged && seed === undefined && parts !== undefined
            ? { decisions: { file: parts.fileOf(index), writerModule: parts.writerModule } }
            : {}),
          ...(logged ? { timed: true } : {}),
        });
        const ran = task.then(({ run, wallMs }: TaskResult): RanUnit => {
          const reported: RanUnit = {
            index,
            label: unit.label,
            ...(seed === undefined ? {} : { seedIndex: seed }),
            wallMs,
          };
          sink.unit({ ...reported, run });
          return reported;
        });
        ran.catch(() => {});
        results.set(index, ran);
      }
      const units: RanUnit[] = [];
      for (const index of mine) units.push(await (results.get(index) as Promise<RanUnit>));
      return units;
    },
    perturbed: async (task) => (await pool.run({ kind: 'perturbed', ...task })).run,
    oracle: async () => (await pool.run({ kind: 'oracle' })).run,
  };
}

/**
 * Shard 1's request facts to the sink, then dropped: in a function of its own, since a suspended
 * async function keeps its locals alive (simulateShard would hold a month's 30 M ids to its end).
 */
function handOverRequestFacts(sharded: ShardedRun, sink: ShardResultsSink): void {
  const { requestIds } = sharded.facts;
  if (requestIds === undefined) return;
  sink.requests({ requests: sharded.facts.requests, requestIds });
  delete sharded.facts.requestIds;
}

function manifestOf(
  sharded: ShardedRun,
  options: ShardRunOptions,
  assigned: ReadonlySet<string>,
): ShardManifest {
  const { loaded, facts } = sharded;
  return {
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
    seed: loaded.scenario.seed,
    strategies: options.strategies === undefined ? null : [...options.strategies],
    seeds: options.seeds ?? null,
    robustness: options.robustness !== false,
    ...(options.research === false ? { research: false as const } : {}),
    blockMs: options.blockMs ?? null,
    decisions: options.decisions,
    units: sharded.plan.units.map((unit) => ({
      label: unit.label,
      kind: unit.kind,
      ...(unit.seedIndex === undefined ? {} : { seedIndex: unit.seedIndex }),
    })),
    work: sharded.work,
    assigned: sharded.work.flatMap((item) => (assigned.has(item.id) ? [item.id] : [])),
  };
}
