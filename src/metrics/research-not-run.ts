/**
 * A run without research (`simulate --no-research`): the scenario strategies, the reference and
 * the oracle only — what a production-volume run needs — so the metrics that need the knob sweeps
 * and the single-model runs are not computed, and results.json says so in `research` instead of
 * holding empty curves a reader could take for measured ones.
 */
import type { ResearchMetrics, ResearchNotRun } from './types.ts';

/** What results.json `research` holds for a run without research (the same words in every output). */
export const RESEARCH_NOT_RUN: ResearchNotRun = {
  notRun: true,
  reason:
    'simulate --no-research: the knob sweeps, the single-model runs, the judge-ε study and the robustness re-runs were not run, so APGR, CPT, AIQ, NDCH, the knob curves and the cost–quality hull are not computed',
};

/** Did the run compute its research metrics (false: `simulate --no-research`)? */
export function researchRan(research: ResearchMetrics | ResearchNotRun): research is ResearchMetrics {
  return !('notRun' in research);
}
