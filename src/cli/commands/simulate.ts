/**
 * `routesim simulate [scenario]`: replay the scenario's traffic against every strategy in virtual
 * time and write the run directory (report.html, results.json, summary.md, columns.bin, summary.csv,
 * decisions.csv.gz or decisions.csv by --decisions, timings.json). The run program (src/run/simulate.ts) writes nothing itself: this
 * command loads the scenario once and builds the file reporters it hands over. Without a
 * scenario it runs the bundled default (scenarios/assistant-day.yaml), so `npx routesim simulate`
 * works out of the box. Exit 0, or 99 when a threshold fails.
 */

import { join, relative, resolve, sep } from 'node:path';
import { Command } from 'commander';
import { UsageError } from '../../errors.ts';
import { EXPLORE_FILE, exploreLogReporter } from '../../learn/write-explore-log.ts';
import { DECISIONS_FORMATS, type DecisionsFormat, decisionsFileFor } from '../../report/decisions-csv.ts';
import { fileReporters, reporters } from '../../report/index.ts';
import type { ProgressMode } from '../../report/progress-reporter.ts';
import { beginRunFolder, pauseForTest, type RunFolder, runFolderError } from '../../report/run-folder.ts';
import type { Reporter } from '../../run/reporter.ts';
import { parseShard } from '../../run/shard-plan.ts';
import { simulate } from '../../run/simulate.ts';
import { loadSimulationScenario } from '../../run/simulate-inputs.ts';
import { ENGINE_KINDS, type EngineKind } from '../../run/unit-runner.ts';
import { parseDuration } from '../../scenario/durations.ts';
import { parseBlockFlag } from '../block-flag.ts';
import type { CommandFactory, CommandIo } from '../command-io.ts';
import { parseInteger } from '../integer-flag.ts';
import { runShardCommand } from '../shard-run.ts';
import { DEFAULT_SCENARIO_PATH, defaultOutDir } from '../simulate-defaults.ts';

/** Share of requests explored when `--explore` is given without a value. */
export const DEFAULT_EXPLORE_SHARE = 0.1;

interface SimulateFlags {
  seed?: string;
  seeds?: string;
  strategies?: string;
  out?: string;
  explore?: string | true;
  workers?: string;
  engine?: string;
  quiet?: boolean;
  junit?: string;
  block?: string;
  robustness?: boolean;
  research?: boolean;
  routeBudget?: string;
  timeout?: string;
  decisions?: string;
  shard?: string;
}

export const simulateCommand: CommandFactory = (io: CommandIo) =>
  new Command('simulate')
    .description('Replay a scenario against every strategy in virtual time; write results, CSVs and timings')
    .argument('[scenario]', 'scenario file (YAML or JSON); default: the bundled assistant-day scenario')
    .option('--seed <n>', "seed for traffic and world draws (overrides the scenario's)")
    .option(
      '--seeds <k>',
      "world seeds: run each scenario strategy in k worlds (outage timing, latency, sampling; same requests) and show two-level bootstrap intervals (default 1, or the scenario's seeds)",
    )
    .option(
      '--strategies <names>',
      'comma-separated scenario strategies to run (the reference is always kept)',
    )
    .option('--out <dir>', 'output directory (default: reports/<scenario file name>)')
    .option(
      '--explore [share]',
      `also write explore.jsonl: every candidate's outcome on this share of requests (default ${DEFAULT_EXPLORE_SHARE})`,
    )
    .option('--workers <n>', 'worker threads for the units (default: one per core for a large run, else 1)')
    .option(
      '--engine <kind>',
      'direct (calls go straight to the world) or wire (the scenario strategies call over HTTP through the official clients and msw; built-in sweeps stay direct, with identical results)',
      'direct',
    )
    .option('--quiet', 'print nothing but errors')
    .option('--junit <file>', 'also write the thresholds as JUnit XML to this file')
    .option(
      '--block <duration>',
      'block bootstrap: resample whole windows of virtual time (e.g. 15m) instead of requests',
    )
    .option(
      '--no-robustness',
      'skip the robustness verdict (the scenario strategies re-run with latency, confidence, judge ε and reasoning effort at the ends of their published bands)',
    )
    .option(
      '--no-research',
      'run only the scenario strategies, the reference and the oracle: no knob sweeps, single-model runs, judge-ε study or robustness re-runs, so no APGR, CPT, AIQ or hull (for production-volume runs)',
    )
    .option(
      '--route-budget <duration>',
      "wall time a router module's code may hold its thread without handing control back (a busy loop) before the run stops it and fails, e.g. 10s (default)",
    )
    .option(
      '--decisions <format>',
      'the per-request decision log: gz (decisions.csv.gz, the same CSV gzip-compressed), csv (decisions.csv) or none',
      'gz',
    )
    .option(
      '--timeout <duration>',
      'stop the run and exit 1 when its units take longer than this wall time, e.g. 30m (default: no limit)',
    )
    .option(
      '--shard <i/n>',
      'run only shard i of n (1-based) and write a shard folder to --out; `routesim merge` combines all n into the run folder',
    )
    .action(async (scenarioArgument: string | undefined, flags: SimulateFlags) => {
      const scenarioPath = scenarioArgument ?? DEFAULT_SCENARIO_PATH;
      const outDir = flags.out ?? defaultOutDir(scenarioPath);
      if (outDir.trim() === '') throw new UsageError('--out expects a folder, got ""');
      const seed = flags.seed === undefined ? undefined : parseInteger('--seed', flags.seed, 0);
      const seeds = flags.seeds === undefined ? undefined : parseInteger('--seeds', flags.seeds, 1);
      const workers = flags.workers === undefined ? undefined : parseInteger('--workers', flags.workers, 1);
      const explore = flags.explore === undefined ? undefined : parseShare(flags.explore);
      const strategies = flags.strategies === undefined ? undefined : parseList(flags.strategies);
      const engine = parseEngine(flags.engine ?? 'direct');
      const decisions = parseDecisions(flags.decisions ?? 'gz');
      const decisionsFile = decisionsFileFor(decisions);
      const blockMs = flags.block === undefined ? undefined : parseBlockFlag(flags.block);
      const routeBudgetMs =
        flags.routeBudget === undefined
          ? undefined
          : parsePositiveDuration('--route-budget', flags.routeBudget);
      const timeoutMs =
        flags.timeout === undefined ? undefined : parsePositiveDuration('--timeout', flags.timeout);
      const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
      if (shard !== undefined) refuseWithShard(flags);
      // Read and validated once, here: simulate and its workers take it as data.
      const scenario = loadSimulationScenario(scenarioPath, seed);
      if (shard !== undefined) {
        await runShardCommand(io, {
          scenario,
          shard,
          outDir,
          decisions,
          engine,
          robustness: flags.robustness !== false,
          ...(flags.research === false ? { research: false } : {}),
          quiet: flags.quiet === true,
          ...(workers === undefined ? {} : { workers }),
          ...(strategies === undefined ? {} : { strategies }),
          ...(seeds === undefined ? {} : { seeds }),
          ...(blockMs === undefined ? {} : { blockMs }),
          ...(routeBudgetMs === undefined ? {} : { routeBudgetMs }),
          ...(timeoutMs === undefined ? {} : { timeoutMs }),
        });
        return;
      }
      // The run writes into a stage swapped in whole at the end (report/run-folder.ts).
      const folder = beginRunFolder(outDir);
      const exploreLog =
        explore === undefined ? undefined : exploreLogReporter(join(folder.stageDir, EXPLORE_FILE));
      const runReporters: Reporter[] = [
        ...fileReporters({ outDir: folder.stageDir, scenarioDir: scenario.scenarioDir, decisions }),
        ...(exploreLog === undefined ? [] : [exploreLog]),
      ];
      if (flags.junit !== undefined) runReporters.push(reporters.junit(stagedPath(flags.junit, folder)));
      runReporters.push(commitReporter(folder));
      // Progress before the console: it clears its terminal line before the summary is printed.
      const progress = progressMode(io);
      if (flags.quiet !== true && progress !== undefined)
        runReporters.push(reporters.progress(io.stderr, progress));
      if (flags.quiet !== true) runReporters.push(reporters.console(io.stdout, outDir, decisionsFile));
      let outcome: Awaited<ReturnType<typeof simulate>>;
      try {
        outcome = await simulate({
          scenario,
          reporters: runReporters,
          wallClock: () => performance.now(),
          engine,
          ...(workers === undefined ? {} : { workers }),
          ...(seeds === undefined ? {} : { seeds }),
          ...(explore === undefined ? {} : { explore }),
          ...(strategies === undefined ? {} : { strategies }),
          ...(blockMs === undefined ? {} : { blockMs }),
          ...(routeBudgetMs === undefined ? {} : { routeBudgetMs }),
          ...(timeoutMs === undefined ? {} : { timeoutMs }),
          ...(flags.robustness === false ? { robustness: false } : {}),
          ...(flags.research === false ? { research: false } : {}),
        });
      } catch (error) {
        folder.abort();
        throw runFolderError(error, outDir, folder.stageDir);
      }
      if (exploreLog?.rows !== undefined && flags.quiet !== true) {
        io.stdout(
          `explore.jsonl: every candidate's outcome on ${exploreLog.rows} requests (share ${explore})\n`,
        );
      }
      for (const failing of outcome.failing) {
        const percent = ((100 * failing.failed) / failing.requestCount).toFixed(1);
        io.stderr(
          `routesim: strategy "${failing.name}" failed ${failing.failed} of ${failing.requestCount} requests (${percent}%) by its own code (its route threw, returned no { responseId, reason }, called a model that is not there, or went over the call cap) — more than the scenario's limits.failedShare ${failing.limit}; ${decisionsFile === null ? 'rerun with --decisions csv to see the reasons' : `see ${decisionsFile} for the reasons`}\n`,
        );
      }
      io.setExitCode(outcome.exitCode);
    });

/**
 * Redrawn on a terminal, whole lines on any other stderr (a CI log), none for an io that does
 * not say (tests driving `main`) or with ROUTESIM_PROGRESS=off.
 */
function progressMode(io: CommandIo): ProgressMode | undefined {
  if (process.env['ROUTESIM_PROGRESS'] === 'off' || io.stderrIsTerminal === undefined) return undefined;
  return io.stderrIsTerminal ? 'terminal' : 'lines';
}

/**
 * Swaps the stage in once every file reporter before it has written (so the console, after it,
 * says "wrote" only of a folder in place); removes the stage when the run fails. The test-only
 * pauses of the kill test sit at the run's phases (report/run-folder.ts, pauseForTest).
 */
function commitReporter(folder: RunFolder): Reporter {
  let unitsEnded = 0;
  return {
    onRunStart: () => pauseForTest('prepared'),
    onUnitEnd: () => {
      unitsEnded++;
      if (unitsEnded === 1) pauseForTest('units');
    },
    onRunEnd: () => folder.commit(),
    onRunError: () => folder.abort(),
  };
}

/** A --junit file inside the run folder is written into the stage, so it moves in with the run. */
function stagedPath(path: string, folder: RunFolder): string {
  const inside = relative(resolve(folder.outDir), resolve(path));
  return inside === '' || inside.startsWith('..') || inside.startsWith(sep)
    ? path
    : join(folder.stageDir, inside);
}

/** Flags a shard does not take (they act on the whole run). */
function refuseWithShard(flags: SimulateFlags): void {
  const refused = (
    [
      ['--explore', flags.explore, 'exploration reads the whole run; run it unsharded'],
      ['--junit', flags.junit, 'thresholds are evaluated by routesim merge: give it --junit'],
    ] as const
  ).flatMap(([flag, value, why]) =>
    value === undefined ? [] : [`${flag} cannot be used with --shard: ${why}`],
  );
  // The default folder is the run folder's: a shard folder swapped in there would replace a run.
  if (flags.out === undefined)
    refused.push('--shard needs --out <dir>: each shard writes a folder of its own');
  if (refused.length > 0) throw new UsageError(refused);
}

function parsePositiveDuration(flag: string, text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) {
    throw new UsageError(`${flag} expects a positive duration like "10s", got "${text}"`);
  }
  return ms;
}

function parseEngine(text: string): EngineKind {
  const engine = ENGINE_KINDS.find((kind) => kind === text.trim());
  if (engine === undefined)
    throw new UsageError(`--engine expects ${ENGINE_KINDS.join(' or ')}, got "${text}"`);
  return engine;
}

function parseDecisions(text: string): DecisionsFormat {
  const format = DECISIONS_FORMATS.find((known) => known === text.trim());
  if (format === undefined)
    throw new UsageError(`--decisions expects ${DECISIONS_FORMATS.join(', ')}, got "${text}"`);
  return format;
}

function parseShare(value: string | true): number {
  if (value === true) return DEFAULT_EXPLORE_SHARE;
  const share = Number(value);
  if (value.trim() === '' || !(share > 0 && share <= 1)) {
    throw new UsageError(`--explore expects a share in (0, 1], e.g. 0.1, got "${value}"`);
  }
  return share;
}

function parseList(text: string): string[] {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) throw new UsageError(`--strategies expects comma-separated names, got "${text}"`);
  return names;
}
