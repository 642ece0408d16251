/**
 * `routesim compare <run-dir> --baseline <baseline-run-dir>`: per strategy, the change in cost,
 * quality and p95 latency with 95% bootstrap intervals and a verdict (metrics.md, Significance).
 * Exit 0 when nothing regressed, 99 when something did, 2 for invalid input.
 *
 * The chosen format goes to --out FILE, else to stdout; with --out the text table still goes to
 * stdout for the CI log. Markdown is also appended to $GITHUB_STEP_SUMMARY when that is set.
 *
 * A baseline that does not exist yet (no directory, or one without results.json and columns.bin)
 * is said in those words: exit 2, or exit 0 with --allow-missing-baseline (a repository's first
 * pull request, before a baseline is committed).
 */
import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { compareRuns } from '../../compare/compare.ts';
import { loadRun } from '../../compare/load-run.ts';
import { renderCompareText } from '../../compare/render-text.ts';
import { parsePercent, parsePoints } from '../../compare/tolerances.ts';
import type { Comparison, Tolerances } from '../../compare/types.ts';
import { ExitCode, InputError, UsageError } from '../../errors.ts';
import { writeFileAtomic } from '../../report/atomic-write.ts';
import { renderCompareJUnit } from '../../report/junit-compare.ts';
import { renderCompareMarkdown } from '../../report/markdown-compare.ts';
import { missingBaselineMessage, renderMissingBaseline } from '../../report/missing-baseline.ts';
import { RESULTS_FILE } from '../../report/results-json.ts';
import { parseBlockFlag } from '../block-flag.ts';
import type { CommandFactory, CommandIo } from '../command-io.ts';

const FORMATS = {
  text: renderCompareText,
  markdown: renderCompareMarkdown,
  junit: renderCompareJUnit,
} as const satisfies Record<string, (comparison: Comparison) => string>;

interface CompareFlags {
  baseline: string;
  maxCostIncrease: string;
  maxQualityDrop: string;
  maxP95Increase: string;
  format: string;
  out?: string;
  resamples: string;
  seed: string;
  block?: string;
  allowMissingBaseline?: boolean;
}

export const compareCommand: CommandFactory = (io: CommandIo) =>
  new Command('compare')
    .description(
      'Compare a run with a baseline run: per strategy, Δ cost, quality and p95 with 95% intervals; exit 99 on a regression',
    )
    .argument('<run-dir>', 'run directory written by `routesim simulate --out DIR` (or its results.json)')
    .requiredOption('--baseline <dir>', 'the baseline run directory (e.g. a committed baseline/)')
    .option('--max-cost-increase <percent>', 'allowed rise of mean cost per request, e.g. 5%', '5%')
    .option('--max-quality-drop <points>', 'allowed quality drop in points, e.g. 1pt or 0.01', '1pt')
    .option('--max-p95-increase <percent>', 'allowed rise of p95 latency, e.g. 10%', '10%')
    .option('--format <format>', 'text, markdown or junit', 'text')
    .option('--out <file>', 'write the chosen format to this file (the text table still goes to stdout)')
    .option('--resamples <n>', 'bootstrap resamples B', '2000')
    .option('--seed <n>', 'seed of the bootstrap draws', '0')
    .option(
      '--block <duration>',
      'block bootstrap: resample whole windows of virtual time (e.g. 15m) instead of requests',
    )
    .option('--allow-missing-baseline', 'pass (exit 0, saying so) when the baseline run does not exist yet')
    .action((runDir: string, flags: CompareFlags) => {
      const tolerances = parseTolerances(flags);
      const render = parseFormat(flags.format);
      const resamples = parseInteger('--resamples', flags.resamples, 1);
      const seed = parseInteger('--seed', flags.seed, 0);
      const blockMs = flags.block === undefined ? undefined : parseBlockFlag(flags.block);
      if (baselineIsMissing(flags.baseline)) {
        const message = missingBaselineMessage(flags.baseline, runDir);
        if (flags.allowMissingBaseline !== true) {
          throw new InputError(flags.baseline, [
            { path: [], message: `${message}; or pass --allow-missing-baseline to pass until one exists` },
          ]);
        }
        loadRun(runDir); // the current run must still be a run
        reportMissingBaseline(io, flags, message);
        return;
      }
      const baseline = loadRun(flags.baseline);
      const current = loadRun(runDir);
      const comparison = compareRuns(baseline, current, {
        tolerances,
        resamples,
        seed,
        ...(blockMs === undefined ? {} : { blockMs }),
      });
      const output = render(comparison);
      if (flags.out === undefined) io.stdout(output);
      else {
        writeFileAtomic(flags.out, output);
        io.stdout(renderCompareText(comparison));
      }
      const stepSummary = process.env['GITHUB_STEP_SUMMARY'];
      if (render === renderCompareMarkdown && stepSummary !== undefined && stepSummary !== '') {
        appendFileSync(stepSummary, `${output}\n`);
      }
      io.setExitCode(comparison.regressions > 0 ? ExitCode.threshold : ExitCode.ok);
    });

/** No run there at all — as opposed to a broken one, which stays an error. */
function baselineIsMissing(dir: string): boolean {
  return (
    !existsSync(join(dir, RESULTS_FILE)) &&
    !existsSync(join(dir, 'columns.bin')) &&
    !dir.endsWith(RESULTS_FILE)
  );
}

function reportMissingBaseline(io: CommandIo, flags: CompareFlags, message: string): void {
  const format = flags.format as 'text' | 'markdown' | 'junit';
  const output = renderMissingBaseline(format, message);
  if (flags.out === undefined) io.stdout(output);
  else {
    writeFileAtomic(flags.out, output);
    io.stdout(renderMissingBaseline('text', message));
  }
  const stepSummary = process.env['GITHUB_STEP_SUMMARY'];
  if (format === 'markdown' && stepSummary !== undefined && stepSummary !== '') {
    appendFileSync(stepSummary, `${output}\n`);
  }
  io.setExitCode(ExitCode.ok);
}

function parseTolerances(flags: CompareFlags): Tolerances {
  const cost = parsePercent('--max-cost-increase', flags.maxCostIncrease);
  const quality = parsePoints('--max-quality-drop', flags.maxQualityDrop);
  const p95 = parsePercent('--max-p95-increase', flags.maxP95Increase);
  const problems = [cost, quality, p95].flatMap((result) => (result.ok ? [] : [result.message]));
  if (!cost.ok || !quality.ok || !p95.ok) throw new UsageError(problems);
  return { costIncrease: cost.value, qualityDropPoints: quality.value, p95Increase: p95.value };
}

function parseFormat(text: string): (comparison: Comparison) => string {
  if (!Object.hasOwn(FORMATS, text)) {
    throw new UsageError(`--format expects one of ${Object.keys(FORMATS).join(', ')}, got "${text}"`);
  }
  return FORMATS[text as keyof typeof FORMATS];
}

function parseInteger(flag: string, text: string, minimum: number): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new UsageError(`${flag} expects an integer ≥ ${minimum}, got "${text}"`);
  }
  return value;
}
