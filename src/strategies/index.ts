/** Routing strategies: the registry, the factories and the pieces tests and benchmarks use. */
export { availability, defaultPool } from './availability.ts';
export { alwaysCheapest, alwaysModel, alwaysStrongest, oracle, random } from './baselines.ts';
export { CASCADE_SWEEP, cascade, defaultCascadeModels } from './cascade.ts';
export { defaultDomainTable, domain } from './domain.ts';
export { CLASSIFIER_EXPECTED_ACCURACY, classifyDomain, type DomainGuess } from './domain-classifier.ts';
export {
  blendedPrice,
  capable,
  cheapest,
  domainChoice,
  meanBenchmark,
  mostExpensive,
  strongest,
} from './model-order.ts';
export { buildStrategies, buildStrategy, builtInStrategies } from './registry.ts';
export { presetRules, rules } from './rules.ts';
export type * from './types.ts';
export { wrapRouteContext } from './wrap-route-context.ts';
