/**
 * thresholds.junit.xml (`routesim simulate --junit FILE`): the scenario's thresholds as JUnit
 * test cases, so CI shows each threshold as a test; a failed one carries its reason.
 */
import type { ThresholdResult } from '../metrics/types.ts';
import type { Reporter } from '../run/reporter.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { renderJUnit } from './junit.ts';

export const JUNIT_THRESHOLDS_FILE = 'thresholds.junit.xml';

export function renderThresholdsJUnit(scenarioName: string, thresholds: readonly ThresholdResult[]): string {
  return renderJUnit('routesim thresholds', [
    {
      name: scenarioName,
      cases: thresholds.map((result) => ({
        name: `${result.key}: ${result.expression}`,
        classname: 'routesim.thresholds',
        ...(result.pass
          ? {}
          : {
              failure: {
                message: `${result.key}: ${result.expression} — ${result.reason}`,
                type: 'threshold',
              },
            }),
      })),
    },
  ]);
}

/** Writes the thresholds' JUnit XML to `path` when the run ends. */
export function junitReporter(path: string): Reporter {
  return {
    onRunEnd(end) {
      writeFileAtomic(path, renderThresholdsJUnit(end.scenario.name, end.thresholds));
    },
  };
}
