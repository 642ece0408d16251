/**
 * Every reporter, in one map. The CLI builds them and hands them to simulate (src/run/): the file
 * reporters of the run directory always, console and progress by --quiet and a terminal on
 * stderr, junit by its flag (explore.jsonl's reporter is learn/write-explore-log.ts). Order
 * matters for the files: results.json is written last, so its presence means the run completed
 * and every other file is in place.
 */
import type { Reporter } from '../run/reporter.ts';
import { columnsReporter } from './columns-reporter.ts';
import { consoleReporter } from './console-reporter.ts';
import { type DecisionsFormat, decisionsFileFor } from './decisions-csv.ts';
import { decisionsReporter } from './decisions-reporter.ts';
import { htmlReporter } from './html/index.ts';
import { junitReporter } from './junit-thresholds.ts';
import { markdownReporter } from './markdown-summary.ts';
import { progressReporter } from './progress-reporter.ts';
import { jsonReporter } from './results-json.ts';
import { summaryReporter } from './summary-csv.ts';
import { timingsReporter } from './timings-json.ts';

export interface FileReporterOptions {
  outDir: string;
  /** Directory of the scenario file (paths in results.json are relative to it). */
  scenarioDir: string;
  /** The decision log: decisions.csv.gz (default), decisions.csv, or none. */
  decisions?: DecisionsFormat;
}

export const reporters = {
  columns: (options: FileReporterOptions) => columnsReporter(options.outDir),
  summary: (options: FileReporterOptions) => summaryReporter(options.outDir),
  decisions: (options: FileReporterOptions) =>
    decisionsReporter(options.outDir, (options.decisions ?? 'gz') === 'gz'),
  timings: (options: FileReporterOptions) => timingsReporter(options.outDir),
  json: (options: FileReporterOptions) =>
    jsonReporter(options.outDir, options.scenarioDir, decisionsFileFor(options.decisions ?? 'gz')),
  markdown: (options: FileReporterOptions) => markdownReporter(options.outDir),
  html: (options: FileReporterOptions) =>
    htmlReporter(options.outDir, options.scenarioDir, decisionsFileFor(options.decisions ?? 'gz')),
  /** thresholds as JUnit XML at `path` (simulate --junit FILE). */
  junit: junitReporter,
  console: consoleReporter,
  progress: progressReporter,
} as const;

/** The reporters that write the run directory, results.json last. */
export function fileReporters(options: FileReporterOptions): Reporter[] {
  return [
    reporters.columns(options),
    reporters.summary(options),
    ...(options.decisions === 'none' ? [] : [reporters.decisions(options)]),
    reporters.timings(options),
    reporters.markdown(options),
    reporters.html(options),
    reporters.json(options),
  ];
}
