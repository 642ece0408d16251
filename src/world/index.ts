/** The provider world's public API. */

export type * from '../contracts/index.ts';
export { DOMAINS } from '../contracts/index.ts';
export { DEFAULT_PARTIAL_PROBABILITY, DEFAULT_SLOW_FACTOR, MAX_STORM_RETRY_AFTER_MS } from './admission.ts';
export {
  ANTHROPIC_OVERLOAD_STATUS,
  createFaultIndex,
  DEFAULT_ERROR_STATUS,
  type FaultIndex,
  outageProcess,
  resolveFaults,
} from './faults.ts';
export { OUTPUT_TOKENS_SIGMA, PREFILL_FACTOR } from './latency.ts';
export { callCost, type PriceFields } from './pricing.ts';
export { RATE_WINDOW_MS } from './rate-limit.ts';
export { answerLabel, MAX_RESPONSE_WORDS, responseText } from './response-text.ts';
export { createWorld, JUDGE_OUTPUT_TOKENS, ungradedHidden, type WorldOptions } from './world.ts';
