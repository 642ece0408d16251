/**
 * One training row: a request and what each model scored on it. Its own module because the
 * producers of rows (per-prompt tables, exploration logs) and the trainer all need the shape,
 * and a producer importing it from train.ts closed a cycle train → calibrate → model-file →
 * labels → per-prompt-table → train.
 */
import type { FeatureInput } from './features.ts';

/** One request and what each model scored on it. */
export interface TrainingRow {
  request: FeatureInput;
  /**
   * Generator template the request came from: used only to split train from held-out rows,
   * never as a feature. Undefined for data without templates (RouteLLM CSVs).
   */
  template: string | undefined;
  /** Prompt id of a per-prompt table row (a split selects rows by it); undefined for logs. */
  id?: string;
  /** Score in [0, 1] per model that answered; a model without an entry has no outcome here. */
  scores: Record<string, number>;
  /**
   * What each model that answered really scored and cost (exploration logs): the default
   * threshold is calibrated on these (calibrate.ts). `scores` may hold labels instead (label best).
   */
  observed?: { scores: Record<string, number>; costs: Record<string, number> };
}
