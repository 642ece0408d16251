/**
 * `routesim simulate [scenario]`: replay the scenario's traffic against every strategy in virtual
 * time and write the run directory (report.html, results.json, summary.md, columns.bin, summary.csv, decisions.csv,
 * timings.json). Without a scenario it runs the bundled default (scenarios/assistant-day.yaml),
 * so `npx routesim simulate` works out of the box. Exit 0, or 99 when a threshold fails.
 */
import { Command } from 'commander';
import { simulate } from '../../engine/simulate.ts';
import { DEFAULT_SCENARIO_PATH, defaultOutDir } from '../../engine/simulate-inputs.ts';
import { ENGINE_KINDS, type EngineKind } from '../../engine/unit-runner.ts';
import { UsageError } from '../../errors.ts';
import { reporters } from '../../report/index.ts';
import type { ProgressMode } from '../../report/progress-reporter.ts';
import type { Reporter } from '../../report/types.ts';
import { parseBlockFlag } from '../block-flag.ts';
import type { CommandIo } from '../main.ts';
import type { CommandFactory } from './index.ts';

/** Share of requests explored when `--explore` is given without a value. */
export const DEFAULT_EXPLORE_SHARE = 0.1;

interface SimulateFlags {
  seed?: string;
  strategies?: string;
  out?: string;
  explore?: string | true;
  workers?: string;
  engine?: string;
  quiet?: boolean;
  junit?: string;
  block?: string;
  robustness?: boolean;
}

export const simulateCommand: CommandFactory = (io: CommandIo) =>
  new Command('simulate')
    .description('Replay a scenario against every strategy in virtual time; write results, CSVs and timings')
    .argument('[scenario]', 'scenario file (YAML or JSON); default: the bundled assistant-day scenario')
    .option('--seed <n>', "seed for traffic and world draws (overrides the scenario's)")
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
    .action(async (scenarioArgument: string | undefined, flags: SimulateFlags) => {
      const scenarioPath = scenarioArgument ?? DEFAULT_SCENARIO_PATH;
      const outDir = flags.out ?? defaultOutDir(scenarioPath);
      const extra: Reporter[] = [];
      // Progress first: it clears its terminal line before the console prints the summary.
      const progress = progressMode(io);
      if (flags.quiet !== true && progress !== undefined) extra.push(reporters.progress(io.stderr, progress));
      if (flags.junit !== undefined) extra.push(reporters.junit(flags.junit));
      if (flags.quiet !== true) extra.push(reporters.console(io.stdout, outDir));
      const seed = flags.seed === undefined ? undefined : parseInteger('--seed', flags.seed, 0);
      const workers = flags.workers === undefined ? undefined : parseInteger('--workers', flags.workers, 1);
      const explore = flags.explore === undefined ? undefined : parseShare(flags.explore);
      const strategies = flags.strategies === undefined ? undefined : parseList(flags.strategies);
      const engine = parseEngine(flags.engine ?? 'direct');
      const blockMs = flags.block === undefined ? undefined : parseBlockFlag(flags.block);
      const outcome = await simulate({
        scenarioPath,
        outDir,
        reporters: extra,
        wallClock: () => performance.now(),
        engine,
        ...(seed === undefined ? {} : { seed }),
        ...(workers === undefined ? {} : { workers }),
        ...(explore === undefined ? {} : { explore }),
        ...(strategies === undefined ? {} : { strategies }),
        ...(blockMs === undefined ? {} : { blockMs }),
        ...(flags.robustness === false ? { robustness: false } : {}),
      });
      if (outcome.exploreRows !== undefined && flags.quiet !== true) {
        io.stdout(
          `explore.jsonl: every candidate's outcome on ${outcome.exploreRows} requests (share ${explore})\n`,
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

function parseInteger(flag: string, text: string, minimum: number): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new UsageError(`${flag} expects an integer ≥ ${minimum}, got "${text}"`);
  }
  return value;
}

function parseEngine(text: string): EngineKind {
  const engine = ENGINE_KINDS.find((kind) => kind === text.trim());
  if (engine === undefined)
    throw new UsageError(`--engine expects ${ENGINE_KINDS.join(' or ')}, got "${text}"`);
  return engine;
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
