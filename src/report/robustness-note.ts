/**
 * The robustness verdict in one line, for the console summary and summary.md: "robustness:
 * verdict robust to 4 of 4 moves (latency, logprob confidence AUROC at both ends of their bands;
 * top: domain)". Nothing when the run skipped it.
 */
import type { SimulationMetrics } from '../metrics/types.ts';

export function robustnessNote(metrics: SimulationMetrics): string[] {
  const robustness = metrics.robustness;
  if (robustness === undefined) return [];
  const assumptions = [...new Set(robustness.sides.map((side) => side.assumption))];
  const moved =
    assumptions.length === 0 ? '' : ` — moved: ${assumptions.join(', ')}, each to both ends of its band`;
  return [
    `robustness: ${robustness.summary}${moved}; top on the simulated run: ${robustness.base.top ?? 'none'} (report.html, "Robustness of the verdict").`,
  ];
}
