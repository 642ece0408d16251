/**
 * results.json: everything a run measured, versioned (`schemaVersion`), at fixed precision
 * (see precision.ts) so the same scenario and seed give the same bytes. Wall-clock figures are
 * never here: they go to timings.json.
 */
import { join } from 'node:path';
import { inputFileLabel } from '../run/input-files.ts';
import type { Reporter, RunEnd } from '../run/reporter.ts';
import type { Scenario } from '../scenario/types.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { COLUMNS_FILE } from './columns-file.ts';
import { stableJson } from './precision.ts';
import { SUMMARY_FILE } from './summary-csv.ts';

export const RESULTS_FILE = 'results.json';
/**
 * Bumped when a field is removed, renamed or changes meaning (readers refuse other versions).
 * A new optional field (`strategies[].shadow`, `strategies[].usage`, `research.judgeEpsilon`,
 * `research.knobbed[].intervals`, `robustness`, and with `--seeds k` `intervals.label`,
 * `intervals.worldSeeds` and `seeds`, which also say that the strategies' numbers are means over
 * worlds) keeps the version: every file of this version still reads, and readers ignore what they do not know.
 */
export const RESULTS_SCHEMA_VERSION = 1;

/**
 * The scenario as run. Every file path in it (catalog, replayed data, router modules) is made
 * relative to the scenario's directory, as provenance names them, so that the file does not
 * depend on where the checkout lives.
 */
export function scenarioAsRun(scenario: Scenario, scenarioDir: string): Scenario {
  const label = (path: string) => inputFileLabel(path, scenarioDir);
  const replay = scenario.traffic.replay;
  return {
    ...scenario,
    catalog: scenario.catalog === undefined ? undefined : label(scenario.catalog),
    traffic:
      replay === undefined
        ? scenario.traffic
        : {
            ...scenario.traffic,
            replay: {
              ...replay,
              path: label(replay.path),
              ...(replay.questions === undefined ? {} : { questions: label(replay.questions) }),
            },
          },
    strategies: scenario.strategies.map((strategy) =>
      strategy.module === undefined ? strategy : { ...strategy, module: label(strategy.module) },
    ),
  };
}

/** `decisionsFile`: the decision log written (decisions.csv.gz or decisions.csv), null for none. */
export function buildResults(
  end: RunEnd,
  scenarioDir: string,
  decisionsFile: string | null,
): Record<string, unknown> {
  const { metrics } = end;
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    provenance: end.provenance,
    scenario: scenarioAsRun(end.scenario, scenarioDir),
    precision: 'integers exact; other numbers rounded to 6 significant digits; null = undefined',
    files: { columns: COLUMNS_FILE, summary: SUMMARY_FILE, decisions: decisionsFile },
    requestCount: metrics.requestCount,
    durationMs: metrics.durationMs,
    window: metrics.window,
    reference: metrics.reference,
    units: end.units,
    strategies: metrics.strategies,
    oracle: metrics.oracle,
    research: metrics.research,
    // The robustness verdict (optional: absent with --no-robustness).
    ...(metrics.robustness === undefined ? {} : { robustness: metrics.robustness }),
    intervals: metrics.intervals,
    // `--seeds k`, k > 1: each re-seeded run's headline per world (optional).
    ...(metrics.seeds === undefined ? {} : { seeds: metrics.seeds }),
    thresholds: end.thresholds,
    faults: end.faults,
  };
}

export function jsonReporter(outDir: string, scenarioDir: string, decisionsFile: string | null): Reporter {
  return {
    onRunEnd(end) {
      writeFileAtomic(join(outDir, RESULTS_FILE), stableJson(buildResults(end, scenarioDir, decisionsFile)));
    },
  };
}
