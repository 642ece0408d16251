/**
 * Each plan run digested the moment it is reported (simulate and merge alike): tagged with its
 * kind and knob, reduced to what the metrics read of it (metrics/run-digest.ts), and — unless an
 * exact figure needs them — its per-request columns let go, so the main thread holds a summary
 * per sweep point and single model instead of 23–27 B per request of each.
 */
import type { RequestColumns, RunResult } from '../engine/types.ts';
import { type DigestedRun, digestRun, keepsAllColumns, metricsFrame } from '../metrics/run-digest.ts';
import type { RunKind } from '../metrics/types.ts';
import { parseThresholds } from '../scenario/thresholds.ts';
import type { Scenario } from '../scenario/types.ts';
import { type RunStrategies, runTagger } from './plan-run.ts';

/** Runs a threshold names by its `strategy` tag (their samples are measured at the end). */
export function thresholdRunNames(scenario: Scenario): Set<string> {
  const names = new Set<string>();
  for (const threshold of parseThresholds(scenario.thresholds)) {
    const name = threshold.tags.strategy;
    if (name !== undefined) names.add(name);
  }
  return names;
}

export function runDigester(
  scenario: Scenario,
  requests: RequestColumns,
  tiers: readonly string[],
  plan: RunStrategies,
): (run: RunResult, index: number) => DigestedRun {
  const frame = metricsFrame(scenario, requests, tiers);
  const named = thresholdRunNames(scenario);
  const tag = runTagger(plan);
  return (run, index) => {
    tag(run, index);
    const kind: RunKind = run.kind ?? plan.units[index]?.kind ?? 'strategy';
    return digestRun(frame, run, kind, keepsAllColumns(run.name, kind, scenario.reference, named));
  };
}
