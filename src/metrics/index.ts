/** Metrics: pure functions over the engine's per-request columns (metrics.md). */
export {
  averagePgr,
  callPerformanceThreshold,
  knobMetrics,
  performanceGapRecovered,
  pgrCurve,
} from './apgr.ts';
export { bootstrapDifferences, type Differences, percentileInterval } from './bootstrap.ts';
export { type ComputeMetricsInput, computeMetrics, runKind } from './compute.ts';
export { evaluateThresholds, thresholdExpression, thresholdKey } from './evaluate-thresholds.ts';
export {
  averageImprovementInQuality,
  costInterval,
  hullIntegral,
  hullValue,
  nonDecreasingHull,
} from './hull.ts';
export {
  bootstrapKnobMetrics,
  type KnobBootstrapInput,
  type KnobBootstrapResult,
  type KnobSeries,
  type MetricInterval,
  type SweepColumns,
} from './knob-bootstrap.ts';
export { KNOB_RESAMPLES, type KnobIntervalRun, withKnobIntervals } from './knob-intervals.ts';
export { maximum, nearestRank, quantile, quantilesInPlace, selectInPlace } from './quantiles.ts';
export { blockPlan, fillWeights, pairedPlan, type ResamplePlan } from './resample.ts';
export { researchMetrics, strongCallShare } from './research.ts';
export { costMetrics, summarize, withReference } from './summary.ts';
export { measureThreshold } from './threshold-values.ts';
export type * from './types.ts';
export { windowCount, windowLength, windowOf, windowSeries } from './windows.ts';
