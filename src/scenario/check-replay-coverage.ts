/**
 * A replay's coverage, checked when the scenario loads so that `validate` and `simulate` report
 * it with the scenario's other problems, at its line: a table spaced by traffic.arrival needs an
 * arrival slot for every row (after the split), unless `traffic.replay.sample: true`. The replay
 * stream makes the same check when it is built (src/traffic/replay/stream.ts), where `--seed`
 * may have changed a Poisson schedule.
 *
 * Reads the replayed file (the file-reading side, injected into the pure validator by load.ts).
 * A file that cannot be read or parsed is left to the stream build, which reports its own lines.
 */
import { InputError, type InputIssue } from '../errors.ts';
import { arrivalTimes } from '../traffic/arrivals.ts';
import { readReplaySource } from '../traffic/replay/load.ts';
import { selectSplit } from '../traffic/replay/split.ts';
import { tooFewSlotsIssue } from '../traffic/replay/stream.ts';
import type { Scenario } from './types.ts';

export function checkReplayCoverage(scenario: Scenario): InputIssue[] {
  const config = scenario.traffic.replay;
  if (config === undefined || config.times !== 'arrival' || config.sample === true) return [];
  let rows: number;
  let file: string;
  let slots: number;
  try {
    let source = readReplaySource(config);
    if (config.split !== undefined) source = selectSplit(source, config.split).source;
    rows = source.items.length;
    file = source.file;
    const { seed, durationMs } = scenario;
    slots = arrivalTimes({ seed, durationMs, arrival: scenario.traffic.arrival }).length;
  } catch (error) {
    if (error instanceof InputError) return [];
    throw error;
  }
  return slots < rows ? [tooFewSlotsIssue(slots, rows, file, scenario.durationMs)] : [];
}
