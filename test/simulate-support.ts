/**
 * simulate as the CLI runs it: the scenario's run directory written by the file reporters (the
 * run program itself writes nothing). For tests that read results.json, decisions.csv, …
 */
import { dirname, resolve } from 'node:path';
import { fileReporters } from '../src/report/index.ts';
import { type SimulateOptions, type SimulationOutcome, simulate } from '../src/run/simulate.ts';

export type SimulateToDirectoryOptions = Omit<SimulateOptions, 'scenario'> & {
  scenarioPath: string;
  outDir: string;
};

export function simulateToDirectory(options: SimulateToDirectoryOptions): Promise<SimulationOutcome> {
  const { scenarioPath, outDir, reporters, ...rest } = options;
  return simulate({
    ...rest,
    scenario: scenarioPath,
    reporters: [
      ...fileReporters({ outDir, scenarioDir: dirname(resolve(scenarioPath)) }),
      ...(reporters ?? []),
    ],
  });
}
