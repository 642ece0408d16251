/**
 * The last step of a run, the same for `simulate` and for `merge` (which ends the run the shards
 * did): the reporters receive the whole run, then the exit code is decided — 1 when a scenario
 * strategy's own code failed more than `limits.failedShare` of its requests, else 0 when every
 * threshold passed and 99 when one failed.
 */
import { ExitCode } from '../errors.ts';
import { failedShareLimit } from '../scenario/limits.ts';
import type { Scenario } from '../scenario/types.ts';
import { type FailingStrategy, failingStrategies } from './failed-share.ts';
import type { Reporter, RunEnd } from './reporter.ts';

export interface SimulationOutcome extends RunEnd {
  /**
   * Scenario strategies whose own code failed more than the scenario's limits.failedShare of
   * their requests (a route that throws, returns no response, calls a model that is not there).
   */
  failing: FailingStrategy[];
  /** 1 when a strategy is failing, else 0 when every threshold passed, 99 when one failed. */
  exitCode: number;
}

export async function endRun(
  end: RunEnd,
  reporters: readonly Reporter[],
  scenario: Scenario,
): Promise<SimulationOutcome> {
  for (const reporter of reporters) await reporter.onRunEnd?.(end);
  const failing = failingStrategies(end.metrics.strategies, failedShareLimit(scenario));
  const exitCode =
    failing.length > 0
      ? ExitCode.runtime
      : end.thresholds.every((result) => result.pass)
        ? ExitCode.ok
        : ExitCode.threshold;
  return { ...end, failing, exitCode };
}
