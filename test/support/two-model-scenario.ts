/**
 * A one-minute scenario (≈ 120 chit-chat requests, openai's gpt-4o-mini and gpt-4o) running the
 * reference `always-strongest` and the given strategy entries — the small stage the user-code and
 * shard-limit tests put a router on.
 */
export function twoModelScenario(name: string, strategies: readonly unknown[], extra = ''): string {
  return [
    'version: 1',
    `name: ${name}`,
    'seed: 3',
    'duration: 1m',
    'window: 1m',
    'traffic:',
    '  arrival: { process: poisson, rate: 2, timeUnit: 1s }',
    '  mix: [{ domain: chit-chat, weight: 1 }]',
    'providers:',
    '  openai: { models: [gpt-4o-mini, gpt-4o] }',
    'models: [gpt-4o-mini, gpt-4o]',
    'reference: always-strongest',
    'strategies:',
    '  - always-strongest',
    ...strategies.map((entry) => `  - ${typeof entry === 'string' ? entry : JSON.stringify(entry)}`),
    extra,
  ].join('\n');
}
