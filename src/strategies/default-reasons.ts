/**
 * One line per default a strategy entry relies on, saying why that default is what a competent
 * team would deploy — for the report's scenario section (issue 9: each default's reason in the
 * scenario and the report). Pure text from the built-in name and the options the scenario gave:
 * a default the scenario overrides is not listed.
 */

/** Reasons for the defaults `options` leaves in place; empty for built-ins without such a default. */
export function defaultReasons(builtIn: string, options: Readonly<Record<string, unknown>>): string[] {
  const given = (key: string) => options[key] !== undefined;
  const reasons: string[] = [];
  switch (builtIn) {
    case 'always-strongest':
      if (!given('model'))
        reasons.push(
          'the candidate with the highest leaderboard standing (published benchmarks), not the dearest',
        );
      break;
    case 'random':
      if (!given('strong'))
        reasons.push(
          'p sends requests to the strongest candidate (the reference’s model), the rest to the cheapest: the zero-skill router over the knob pair metrics.md defines',
        );
      break;
    case 'cascade':
      if (!given('models') && options['confidence'] !== 'judge')
        reasons.push(
          'chain cheapest → capable (mid-price) → strongest: it ends at the best model, so a higher threshold buys quality instead of escalating to a dearer, weaker one',
        );
      break;
    case 'availability':
      if (!given('inner') && !given('selection') && !given('weights'))
        reasons.push(
          'failover, not load balancing: every request to the strongest candidate (what always-strongest calls), then down the next-strongest models of other providers behind a circuit breaker when it fails — on a healthy day it is always-strongest, on a bad day it shows what resilience buys',
        );
      break;
    case 'learned':
      if (!given('threshold'))
        reasons.push(
          'threshold calibrated by routesim train on the router’s own training rows, as RouteLLM calibrates: the smallest α at which it reaches a stated share of the best single model’s quality there — 95% for the bundled model, RouteLLM’s CPT(50%) operating point; target and value are stored in the model file (0.5 for a file without one)',
        );
      break;
    default:
      break;
  }
  return reasons;
}
