/**
 * The starter scenario `routesim init` writes: an hour of mixed traffic against the user's
 * models, their router beside the built-in baselines, and one CI threshold. Small on purpose —
 * a CI run takes seconds — and commented so it can be grown from there.
 */

/** Where `routesim init` puts its files, relative to the repository root. */
export const STARTER_PATHS = {
  scenario: 'routesim/scenario.yaml',
  router: 'routesim/router.mjs',
  baseline: 'routesim/baseline',
  workflow: '.github/workflows/routesim.yml',
} as const;

/** The name the starter router registers under (scenario `strategies[].name`). */
export const STARTER_ROUTER_NAME = 'my-router';

const list = (items: readonly string[]) => `[${items.join(', ')}]`;

export function starterScenario(models: readonly string[], providers: ReadonlyMap<string, string[]>): string {
  const providerLines = [...providers].map(([provider, ids]) => `  ${provider}:\n    models: ${list(ids)}`);
  // cascade escalates from a cheap model to a stronger one: it needs two.
  const cascade = models.length >= 2 ? ['  - { name: cascade, options: { threshold: 0.7 } }'] : [];
  return `# yaml-language-server: $schema=../node_modules/routesim/scenarios/scenario.schema.json
# Written by \`routesim init\`: an hour of mixed traffic (≈ 3,600 requests) against your models, your
# router (router.mjs) beside routesim's baselines. Every field is described in
# node_modules/routesim/scenarios/README.md. Try: a fault under a provider
# (faults: [{ kind: error, start: 20m, duration: 10m, status: 503 }]), more traffic, more strategies.
version: 1
name: My router
seed: 1
duration: 1h
window: 5m
traffic:
  arrival: { process: poisson, rate: 1, timeUnit: 1s }
  mix:
    - { domain: chit-chat, weight: 3 }
    - { domain: factual-qa, weight: 3 }
    - { domain: code, weight: 2 }
    - { domain: math, weight: 2 }
providers:
${providerLines.join('\n')}
models: ${list(models)}
slo: { latency: 8s }
reference: always-strongest
strategies:
  - always-cheapest
  - always-strongest
${[...cascade, `  - { module: ./router.mjs, name: ${STARTER_ROUTER_NAME}, options: { models: ${list(models)} } }`].join('\n')}
# Checked by every \`routesim simulate\`: a failed threshold exits 99 and fails the CI job.
thresholds:
  "failures{strategy:${STARTER_ROUTER_NAME}}": ["rate < 0.05"]
`;
}
