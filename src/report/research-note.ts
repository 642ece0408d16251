/**
 * A run without research (`simulate --no-research`) in one line, for the console summary and
 * summary.md: what was not run and which figures are missing because of it. Nothing when the run
 * computed its research metrics.
 */
import { researchRan } from '../metrics/research-not-run.ts';
import type { SimulationMetrics } from '../metrics/types.ts';

export function researchNote(metrics: Pick<SimulationMetrics, 'research'>): string[] {
  const research = metrics.research;
  if (researchRan(research)) return [];
  return [`research not run — ${research.reason}.`];
}
