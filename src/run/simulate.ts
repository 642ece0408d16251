/**
 * `simulate`: the orchestration of one run. Scenario → request stream → one fresh world per unit
 * (identical faults and draws for every strategy: common random numbers) → runs → oracle (faults
 * off) → metrics → thresholds → reporters. The pure pieces (engine, strategies, metrics) do the
 * work; this file wires them together and owns the order things happen in, which is what makes
 * the output deterministic: units run and are reported in plan order whatever finishes first.
 *
 * With `--seeds k` the scenario strategies (and the reference) also run in k − 1 more worlds
 * (plan.ts seedIndex; simulate-world-seeds.ts), reported to no one and handed to the metrics,
 * which show means over the worlds and two-level intervals (metrics/world-seeds.ts).
 *
 * The scenario is read and validated once (or handed in already loaded) and passed down as data:
 * to the plan, the units and — structured-cloned — the worker threads. Output goes only to the
 * reporters the caller passes (the CLI: the run directory's file reporters); with none, nothing
 * is written and the results come back in memory.
 */
import { availableParallelism } from 'node:os';
import { runOracle } from '../engine/oracle.ts';
import type { RunResult } from '../engine/types.ts';
import { exploreRows } from '../learn/explore.ts';
import { twoLevelHook } from '../metrics/world-seeds.ts';
import { callsPerRequestLimit } from '../scenario/limits.ts';
import { worldFromScenario } from '../scenario/scenario-world.ts';
import { requestStreamFromScenario } from '../traffic/index.ts';
import { version } from '../version.ts';
import { resolveFaults } from '../world/faults.ts';
import { endRun, type SimulationOutcome } from './end-run.ts';

export type { SimulationOutcome } from './end-run.ts';
export type { FailingStrategy } from './failed-share.ts';

import { judgeEpsilonResearch } from './judge-epsilon.ts';
import { planRun } from './plan-run.ts';
import { bootstrapWhenReady, drawnBootstrap } from './pool-bootstrap.ts';
import type { Provenance } from './provenance.ts';
import { reasoningEffortHook } from './reasoning-effort-hook.ts';
import type { Reporter, RunEnd, RunProgress, UnitInfo } from './reporter.ts';
import type { RunPerturbed } from './robustness-runs.ts';
import { runDigester } from './run-digester.ts';
import { runMetrics } from './run-metrics.ts';
import {
  faultsOff,
  type LoadedScenario,
  loadSimulationScenario,
  preparedFrom,
  reseeded,
  selectStrategies,
  withSeed,
  withSeeds,
} from './simulate-inputs.ts';
import {
  collectRobustness,
  inProcessPerturbed,
  type StartedRobustness,
  startRobustness,
} from './simulate-robustness.ts';
import { type Emit, runInProcess, type SubmittedUnits, submitUnits, unitWeight } from './simulate-units.ts';
import { runOtherWorlds } from './simulate-world-seeds.ts';
import { type EngineKind, loadUnitRunners } from './unit-runner.ts';
import type { RunSetupData, StreamProbe } from './worker-setup.ts';
import { DEFAULT_ROUTE_BUDGET_MS, type EnginePool, startEnginePool } from './workers.ts';

export interface SimulateOptions {
  /**
   * The scenario: a file (YAML or JSON), read and validated here, or one already loaded with
   * loadSimulationScenario (then nothing is read again).
   */
  scenario: string | LoadedScenario;
  /** Overrides the scenario's seed. @default scenario.seed */
  seed?: number;
  /**
   * World seeds: each scenario strategy (and the reference) runs in this many worlds, j = 0 being
   * the plain run's (contracts/world-seed.ts); the headline is the mean over worlds and the
   * intervals two-level (seeds, then requests). Overrides the scenario's `seeds`. @default 1
   */
  seeds?: number;
  /** Run only these scenario strategies (the reference is always kept). @default every one */
  strategies?: readonly string[];
  /** Explore: this share of requests, in [0, 1], sent to every candidate (Reporter.onExplore). */
  explore?: number;
  /**
   * Who receives the run (the CLI passes the run directory's file reporters, console, progress…),
   * called in this order. @default none: nothing is written, the outcome holds the results
   */
  reporters?: readonly Reporter[];
  /**
   * Worker threads for the units; 1 runs them in-process. Output is identical either way.
   * @default 1 for small runs, os.availableParallelism() above AUTO_WORKERS_ABOVE request-units
   */
  workers?: number;
  /** How units make their calls: straight to the world, or over HTTP via msw. @default 'direct' */
  engine?: EngineKind;
  /**
   * Block bootstrap: resample whole windows of this many virtual ms instead of single requests
   * (requests are not independent during outages and bursts; metrics.md). @default undefined (paired)
   */
  blockMs?: number;
  /**
   * Re-run the scenario strategies with the least certain assumptions moved to each end of their
   * published bands and add the verdict (results.json `robustness`, src/robustness). @default true
   */
  robustness?: boolean;
  /**
   * Run the research units: every knob value of the knobbed strategies (sweep points), a run of
   * every candidate model (single models), the judge-ε study and the robustness re-runs, for APGR,
   * CPT, AIQ, the hull and the verdict. false (`--no-research`) runs the scenario strategies, the
   * reference and the oracle only — a production-volume run — and results.json `research` says
   * why it holds no figures. @default true
   */
  research?: boolean;
  /**
   * Wall time a user's router may hold its thread without handing control back to the engine
   * (one stretch of one request's code: a busy loop), ms; past it the worker is stopped and the
   * run fails naming the router. Only for module strategies (they run on worker threads).
   * @default DEFAULT_ROUTE_BUDGET_MS (10 s)
   */
  routeBudgetMs?: number;
  /**
   * Wall-time limit of the units' part of the run (a whole-run watchdog), ms: past it the workers
   * are stopped and the run fails naming the units still running. Setting it runs the units on
   * worker threads. @default none
   */
  timeoutMs?: number;
  /** Called as the run advances (virtual time, requests); cheap to ignore. */
  onProgress?: (progress: RunProgress) => void;
  /** Monotonic wall clock, ms (e.g. performance.now): timings.json and decision overhead only. */
  wallClock: () => number;
  /** @internal Tests only: how a pool keeps the stream, and a count of what it generates. */
  streamProbe?: StreamProbe;
}

/** Everything the reporters saw at onRunEnd, and the exit code. */

export async function simulate(options: SimulateOptions): Promise<SimulationOutcome> {
  const { wallClock } = options;
  const started = wallClock();
  const reporters = options.reporters ?? [];
  const runner = await loadUnitRunners(options.engine ?? 'direct');
  const loaded = withSeeds(
    typeof options.scenario === 'string'
      ? loadSimulationScenario(options.scenario, options.seed)
      : withSeed(options.scenario, options.seed),
    options.seeds,
  );
  const { scenario } = loaded;
  const configs = selectStrategies(scenario, loaded.file, options.strategies);
  // Every strategy built once here: a bad option fails now (exit 2), every problem at once.
  const research = options.research !== false;
  const plan = await planRun(loaded, configs, { research });
  const { models, context, built } = plan;
  // The plain run's units (world seed 0) are reported; the other worlds' only feed the metrics.
  const units = plan.units.filter((unit) => unit.seedIndex === undefined);
  const seedUnits = plan.units.filter((unit) => unit.seedIndex !== undefined);
  const seedInfos: UnitInfo[] = seedUnits.map((unit) => ({ label: unit.label, kind: unit.kind }));
  const unitInfos: UnitInfo[] = units.map((unit) => ({ label: unit.label, kind: unit.kind }));
  const families = new Map(configs.map((config, index) => [config.name, built[index]?.family]));
  const weights = units.map((unit) => unitWeight(unit, families));

  const phases: Record<string, number> = {};
  let phaseStarted = wallClock();
  const phase = (name: string) => {
    const now = wallClock();
    phases[name] = now - phaseStarted;
    phaseStarted = now;
  };
  const source = requestStreamFromScenario(scenario);
  const workerCount = options.workers ?? autoWorkers(source.count * units.length);
  // On a pool every unit and the oracle run in workers; the main thread only orchestrates.
  const setupData: RunSetupData = {
    loaded,
    configs,
    ...(options.streamProbe === undefined ? {} : { streamProbe: options.streamProbe }),
  };
  // A user's router runs on a worker thread even on one worker: a thread that exits, crashes or
  // spins can be stopped and the router named, where on this thread it would take the run down.
  const userCode = configs.some((config) => config.module !== undefined);
  // A time limit needs a pool too: this thread, busy with an in-process unit, could not enforce it.
  const pool: EnginePool | undefined =
    workerCount > 1 || userCode || options.timeoutMs !== undefined
      ? startEnginePool({
          setupData,
          workers: workerCount,
          engine: options.engine ?? 'direct',
          ...(userCode ? { routeBudgetMs: options.routeBudgetMs ?? DEFAULT_ROUTE_BUDGET_MS } : {}),
          ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        })
      : undefined;
  let submitted: SubmittedUnits | undefined;
  let seededSubmitted: SubmittedUnits | undefined;
  const emit: Emit = (hook, ...args) => {
    for (const reporter of reporters)
      (reporter[hook] as ((...a: typeof args) => void) | undefined)?.(...args);
  };
  const progress = (progressUpdate: RunProgress) => {
    options.onProgress?.(progressUpdate);
    emit('onProgress', progressUpdate);
  };
  const durationMs = scenario.durationMs;
  try {
    // Workers generate a slice of the stream each and share it, whatever its size: every thread
    // then decodes requests on demand from the shared chunks (stream-window.ts) — in shared memory,
    // or past MEMO_MAX_REQUESTS deflated in a spill file (workers.ts shareStream).
    const spillAbove = options.streamProbe?.maxRequests;
    const chunks =
      pool === undefined
        ? undefined
        : await pool.shareStream(source.count, spillAbove === undefined ? {} : { spillAbove });
    // Submitted before the main thread reads the stream, so the workers start at once.
    const oracleTask = pool?.run({ kind: 'oracle' });
    oracleTask?.catch(() => {});
    if (pool !== undefined) {
      const pooled = { units, infos: unitInfos, durationMs, emit, progress, weights };
      const parts = reporters.find((reporter) => reporter.decisionPartTarget !== undefined);
      submitted = submitUnits({ ...pooled, requestCount: source.count }, pool, parts);
      if (seedUnits.length > 0) {
        const quiet = { units: seedUnits, infos: seedInfos, durationMs, emit: () => {}, progress: () => {} };
        seededSubmitted = submitUnits({ ...quiet, requestCount: source.count }, pool, undefined);
      }
    }
    // The bootstrap needs only the scenario strategies (submitted first): draw it while sweeps run.
    // With k world seeds it waits for their runs too and draws two-level. The block bootstrap
    // resamples windows; it is drawn at the end, on this thread.
    const drawn =
      pool === undefined || submitted === undefined || options.blockMs !== undefined
        ? undefined
        : bootstrapWhenReady(
            pool,
            submitted,
            units,
            scenario.reference,
            source.count,
            scenario.seed,
            seededSubmitted === undefined ? undefined : { submitted: seededSubmitted, units: seedUnits },
          );
    drawn?.catch(() => {});
    const prepared = preparedFrom(source, chunks);
    const world = () =>
      worldFromScenario(scenario, loaded.catalog, prepared.stream.hidden, prepared.outcomes);
    const tiers = scenario.traffic.tiers.map((tier) => tier.name);
    const { requests, sha256: requestStreamSha256, requestIds } = prepared.facts(tiers);
    // The robustness re-runs are research too: --no-research skips them as --no-robustness does.
    const startMoves = (run: RunPerturbed): StartedRobustness | undefined =>
      options.robustness === false || !research
        ? undefined
        : startRobustness({
            scenario,
            catalog: loaded.catalog,
            configs,
            units,
            requests,
            run,
            reasoning: reasoningEffortHook,
          });
    // On a pool the moved units queue behind the plan's; in-process they run after them.
    let robustness =
      pool === undefined
        ? undefined
        : startMoves((task) => pool.run({ kind: 'perturbed', ...task }).then((result) => result.run));
    const provenance: Provenance = {
      routesim: version,
      node: process.version,
      seed: scenario.seed,
      scenarioFile: loaded.file.split(/[\\/]/).pop() ?? loaded.file,
      scenarioSha256: loaded.scenarioSha256,
      catalogSha256: loaded.catalogSha256,
      requestStreamSha256,
      inputs: loaded.inputFiles,
    };

    phase('prepareMs');
    emit('onRunStart', {
      scenario,
      requestCount: requests.arrival.length,
      requests,
      units: unitInfos,
      wallClock,
    });
    // Every plan run is digested as it is reported: its summaries kept, its columns dropped unless
    // an exact figure needs them (metrics/run-digest.ts), so memory does not hold 55 runs' columns.
    const digest = runDigester(scenario, requests, tiers, plan);
    const { runs, unitWallMs } =
      submitted === undefined
        ? await runInProcess(
            {
              units,
              infos: unitInfos,
              stream: prepared.stream,
              models,
              world,
              durationMs,
              emit,
              progress,
              wallClock,
              runner,
              maxCallsPerRequest: callsPerRequestLimit(scenario),
            },
            digest,
          )
        : await submitted.report(digest);
    phase('unitsMs');
    const seededRuns =
      seedUnits.length === 0
        ? []
        : await runOtherWorlds({
            seedUnits,
            seedInfos,
            submitted: seededSubmitted,
            inProcess: {
              stream: prepared.stream,
              models,
              world: (seedIndex) =>
                worldFromScenario(
                  reseeded(scenario, seedIndex),
                  loaded.catalog,
                  prepared.stream.hidden,
                  prepared.outcomes,
                ),
              durationMs,
              wallClock,
              runner,
              maxCallsPerRequest: callsPerRequestLimit(scenario),
            },
          });
    if (seedUnits.length > 0) phase('worldSeedsMs');
    if (pool === undefined) {
      robustness = startMoves(
        inProcessPerturbed({
          scenario,
          stream: prepared.stream,
          outcomes: prepared.outcomes,
          models,
          context,
          runners: runner,
        }),
      );
    }
    const oracle: RunResult =
      oracleTask === undefined
        ? runOracle({
            stream: prepared.stream,
            world: worldFromScenario(
              faultsOff(scenario),
              loaded.catalog,
              prepared.stream.hidden,
              prepared.outcomes,
            ),
            models,
          })
        : (await oracleTask).run;
    phase('oracleMs');
    // A judge cascade: how its quality and cost move with ε (a few seconds at most, this thread).
    const judgeEpsilon = research
      ? await judgeEpsilonResearch({ configs, context, stream: prepared.stream, makeWorld: world })
      : undefined;
    if (judgeEpsilon !== undefined) phase('judgeEpsilonMs');
    const movedSides = robustness === undefined ? undefined : await collectRobustness(robustness, runs);
    if (movedSides !== undefined) phase('robustnessMs');
    const drawnResult = await drawn;
    await pool?.close();
    const { metrics, thresholds } = runMetrics({
      scenario,
      requests,
      runs,
      oracle,
      tiers,
      ...(drawnResult === undefined
        ? {}
        : {
            bootstrap: drawnBootstrap(
              ...drawnResult,
              seededRuns.length === 0 ? undefined : twoLevelHook(runs, seededRuns),
            ),
          }),
      ...(options.blockMs === undefined ? {} : { blockMs: options.blockMs }),
      ...(research ? {} : { research: false }),
      otherWorlds: seededRuns,
      ...(judgeEpsilon === undefined ? {} : { judgeEpsilon }),
      ...(robustness === undefined || movedSides === undefined
        ? {}
        : { robustness: { started: robustness, sides: movedSides } }),
    });
    phase('metricsMs');
    const explore = options.explore;
    const exploring = reporters.filter((reporter) => reporter.onExplore !== undefined);
    if (explore !== undefined && exploring.length > 0) {
      for (const reporter of exploring) {
        await reporter.onExplore?.(
          exploreRows({ stream: prepared.stream, world: world(), models, share: explore }),
        );
      }
      phase('exploreMs');
    }
    const end: RunEnd = {
      scenario,
      provenance,
      metrics,
      thresholds,
      units: unitInfos,
      runs,
      oracle,
      requests,
      requestIds,
      // The windows in force, resolved as every unit's world resolves them (no world needed).
      faults: resolveFaults(scenario.providers, loaded.effectiveCatalog, scenario.seed, scenario.durationMs),
      wallMs: wallClock() - started,
      unitWallMs,
      phasesMs: phases,
    };
    return await endRun(end, reporters, scenario);
  } catch (error) {
    // Workers stop first, so no part file is still being written when reporters delete theirs.
    await pool?.close();
    emit('onRunError', error);
    throw error;
  } finally {
    await pool?.close();
  }
}

/**
 * Request-units (requests × units) above which a run uses worker threads by default: starting
 * workers and sharing the stream with them costs a second or two, which only pays off on big runs.
 */
export const AUTO_WORKERS_ABOVE = 1_000_000;

function autoWorkers(requestUnits: number): number {
  return requestUnits > AUTO_WORKERS_ABOVE ? Math.max(1, availableParallelism()) : 1;
}
