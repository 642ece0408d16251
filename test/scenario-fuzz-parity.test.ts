/**
 * Fuzz (issue 12, item 6): mutants of the shipped scenarios' structure — deletions, type swaps,
 * huge and non-finite numbers, unicode and control characters, deep nesting, renamed and
 * duplicate keys — go through `validate`'s checks and through the loading and checking
 * `simulate` does before it runs anything. Every mutant must be valid or an input error (never
 * an unexpected error), and `validate` must never call valid a file `simulate` refuses.
 *
 * In-process and seeded (fast-check; FUZZ_SEED and FUZZ_MUTANTS explore further), so a failure
 * replays exactly; the figures (mutants, outcomes, seconds) are printed at the end. The checks
 * `simulate` runs are listed here, not imported from the run program, so they read as a list;
 * keep them in step with it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { modelInfos } from '../src/engine/model-info.ts';
import { InputError } from '../src/errors.ts';
import { applyScenarioOverrides } from '../src/scenario/catalog-overrides.ts';
import { buildRunStrategies } from '../src/scenario/check-strategy-options.ts';
import { expectedRequestCount } from '../src/scenario/expected-load.ts';
import { parseScenarioText } from '../src/scenario/load.ts';
import { worldFromScenario } from '../src/scenario/scenario-world.ts';
import { parseThresholds } from '../src/scenario/thresholds.ts';
import type { Scenario } from '../src/scenario/types.ts';
import { referenceOf } from '../src/strategies/model-order.ts';
import { buildStrategiesAsync } from '../src/strategies/user-module.ts';
import { MAX_ARRIVALS } from '../src/traffic/arrivals.ts';
import { requestStreamFromScenario } from '../src/traffic/index.ts';
import { resolveMix, resolveTiers } from '../src/traffic/mix.ts';
import { buildRateFunction } from '../src/traffic/rate-function.ts';
import { replayStreamFromScenario } from '../src/traffic/replay/load.ts';
import { loadTemplates } from '../src/traffic/templates.ts';
import { loadCatalog } from '../src/world/catalog.ts';
import { resolveFaults } from '../src/world/faults.ts';

/** Fixed, so CI replays the same mutants; FUZZ_SEED=<n> explores others. */
const FUZZ_SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_203);
const MUTANTS = Number(process.env['FUZZ_MUTANTS'] ?? 300);
/** Above this many expected requests the schedule's checks run without building the schedule. */
const GENERATE_UP_TO = 20_000;

const SHIPPED = [
  ...readdirSync('scenarios')
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => join('scenarios', name)),
  ...readdirSync('scenarios/examples')
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => join('scenarios/examples', name)),
];
const BASES = SHIPPED.map((path) => ({ path, data: parse(readFileSync(path, 'utf8')) as unknown }));

type Outcome = 'valid' | 'input error' | 'unexpected error';
type Path = (string | number)[];

/**
 * Both commands start with loadScenarioFile (parseScenarioText after reading the file), so it
 * runs once per mutant; an error there is both commands' outcome.
 */
function loadOutcome(text: string, file: string): { scenario?: Scenario; outcome: Outcome; error?: unknown } {
  let scenario: Scenario | undefined;
  const result = outcomeOf(() => {
    scenario = parseScenarioText(text, file);
  });
  return scenario === undefined ? result : { ...result, scenario };
}

/**
 * What `routesim validate` does after loading (commands/validate.ts): build user modules as
 * simulate does, read a replay's files.
 */
async function validateRest(
  scenario: Scenario,
  file: string,
): Promise<{ outcome: Outcome; error?: unknown }> {
  return outcomeOfAsync(async () => {
    if (scenario.strategies.some((config) => config.module !== undefined)) {
      await buildRunStrategies(scenario, file, resolve(file, '..'));
    }
    if (scenario.traffic.replay !== undefined) replayStreamFromScenario(scenario);
  });
}

/**
 * What `simulate` does after loading and before it runs anything (the run program): the catalog
 * with the scenario's overrides, every strategy built, the request stream, the world, the
 * fault windows resolved, the thresholds parsed.
 */
async function simulateRest(
  scenario: Scenario,
  file: string,
): Promise<{ outcome: Outcome; error?: unknown }> {
  return outcomeOfAsync(async () => {
    const catalog = loadCatalog(scenario.catalog);
    const effective = applyScenarioOverrides(catalog, scenario);
    const models = modelInfos(effective, scenario.models);
    const context = {
      models,
      seed: scenario.seed,
      baseDir: resolve(file, '..'),
      file,
      ...referenceOf(scenario, models),
    };
    await buildStrategiesAsync(scenario.strategies, context);
    checkStream(scenario);
    worldFromScenario(scenario, catalog, () => undefined);
    resolveFaults(scenario.providers, effective, scenario.seed, scenario.durationMs);
    parseThresholds(scenario.thresholds);
  });
}

/** The request stream, or for a very large generated one the checks its generator makes first. */
function checkStream(scenario: Scenario): void {
  const { traffic, durationMs } = scenario;
  if (traffic.replay !== undefined || expectedRequestCount(traffic.arrival, durationMs) <= GENERATE_UP_TO) {
    requestStreamFromScenario(scenario);
    return;
  }
  const rate = buildRateFunction(traffic.arrival, durationMs);
  if (rate.expectedTotal > MAX_ARRIVALS) {
    throw new InputError('traffic', [{ path: ['traffic', 'arrival'], message: 'too many requests' }]);
  }
  resolveMix(traffic.mix, loadTemplates());
  resolveTiers(traffic.tiers);
}

function outcomeOf(run: () => void): { outcome: Outcome; error?: unknown } {
  try {
    run();
    return { outcome: 'valid' };
  } catch (error) {
    return { outcome: error instanceof InputError ? 'input error' : 'unexpected error', error };
  }
}

async function outcomeOfAsync(run: () => Promise<void>): Promise<{ outcome: Outcome; error?: unknown }> {
  try {
    await run();
    return { outcome: 'valid' };
  } catch (error) {
    return { outcome: error instanceof InputError ? 'input error' : 'unexpected error', error };
  }
}

// ---- mutations ----

const strangeNumbers = fc.constantFrom(
  1e308,
  -1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  0,
  -1,
  -0.5,
  2 ** 53 + 2,
  1e-320,
  0.1,
  1e9,
);
const strangeStrings = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom(
    '',
    ' ',
    '\u001b[31mred\u001b[0m',
    '\u001b]0;title\u0007',
    'line\n::error file=x::spoofed',
    'a\rb',
    '\u0085\u009b',
    '💥',
    'ｃａｓｃａｄｅ',
    '1m1h',
    '-5s',
    '1e308s',
    'p(95) < fast',
    '__proto__',
    'constructor',
  ),
);
const anyValue = fc.oneof(
  strangeStrings,
  strangeNumbers,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 4 })), { maxLength: 3 }),
);

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), value: anyValue }),
  fc.record({ kind: fc.constant('number' as const), at: fc.nat(), value: strangeNumbers }),
  fc.record({ kind: fc.constant('string' as const), at: fc.nat(), value: strangeStrings }),
  fc.record({ kind: fc.constant('rename' as const), at: fc.nat(), value: strangeStrings }),
  fc.record({ kind: fc.constant('deep' as const), at: fc.nat(), depth: fc.integer({ min: 2, max: 300 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  // A plausible edit more often than not valid: a number of the file scaled.
  fc.record({
    kind: fc.constant('scale' as const),
    at: fc.nat(),
    value: fc.constantFrom(0, 0.5, 2, 10, 1000, 1e6, -1),
  }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

const mutant = fc.record({
  base: fc.nat({ max: BASES.length - 1 }),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 2 }),
  // One mutant in four is written as JSON (the .json path of the parser).
  json: fc.nat({ max: 3 }).map((draw) => draw === 0),
});

/** Every path in the data, the root's children first (the root itself is not mutated). */
function pathsOf(data: unknown): Path[] {
  const paths: Path[] = [];
  const walk = (value: unknown, path: Path) => {
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      const childPath = [...path, Array.isArray(value) ? Number(key) : key];
      paths.push(childPath);
      walk(child, childPath);
    }
  };
  walk(data, []);
  return paths;
}

function parentOf(data: unknown, path: Path): Record<string | number, unknown> {
  let node = data as Record<string | number, unknown>;
  for (const part of path.slice(0, -1)) node = node[part] as Record<string | number, unknown>;
  return node;
}

/** Apply the structural mutations; returns the text (duplicate keys are made in the text). */
function render(base: unknown, mutations: readonly Mutation[], json: boolean): string {
  const data = structuredClone(base);
  const duplicates: number[] = [];
  for (const change of mutations) {
    if (change.kind === 'duplicate') {
      duplicates.push(change.at);
      continue;
    }
    const paths = pathsOf(data).filter(
      (candidate) =>
        change.kind !== 'scale' || typeof parentOf(data, candidate)[candidate.at(-1)!] === 'number',
    );
    const path = paths[change.at % Math.max(1, paths.length)];
    if (path === undefined) continue;
    const parent = parentOf(data, path);
    const key = path[path.length - 1] as string | number;
    switch (change.kind) {
      case 'delete':
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
        break;
      case 'swap':
      case 'number':
      case 'string':
        parent[key] = change.value;
        break;
      case 'scale':
        parent[key] = (parent[key] as number) * change.value;
        break;
      case 'rename':
        if (!Array.isArray(parent)) {
          const value = parent[key];
          delete parent[key];
          parent[change.value] = value;
        }
        break;
      case 'deep': {
        let value = parent[key];
        for (let level = 0; level < change.depth; level++) value = level % 2 === 0 ? [value] : { x: value };
        parent[key] = value;
        break;
      }
    }
  }
  if (json) return JSON.stringify(data, null, 2) ?? 'null';
  let text = stringify(data, { aliasDuplicateObjects: false });
  for (const at of duplicates) {
    const lines = text.split('\n');
    const keyed = lines
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => /^\s*[\w-]+:/.test(line));
    const chosen = keyed[at % Math.max(1, keyed.length)];
    if (chosen === undefined) continue;
    lines.splice(chosen.index + 1, 0, chosen.line);
    text = lines.join('\n');
  }
  return text;
}

describe('fuzzed scenarios: validate and simulate agree, and nothing crashes', () => {
  it(`${MUTANTS} mutants of the shipped scenarios`, { timeout: 60_000 }, async () => {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const samples = fc.sample(mutant, { seed: FUZZ_SEED, numRuns: MUTANTS });
    const tally = new Map<string, number>();
    const failures: string[] = [];
    for (const [index, sample] of samples.entries()) {
      const base = BASES[sample.base]!;
      const file = base.path.replace(/\.yaml$/, sample.json ? `.fuzz-${index}.json` : `.fuzz-${index}.yaml`);
      const text = render(base.data, sample.mutations, sample.json);
      const loaded = loadOutcome(text, file);
      const checked = loaded.scenario === undefined ? loaded : await validateRest(loaded.scenario, file);
      const ran = loaded.scenario === undefined ? loaded : await simulateRest(loaded.scenario, file);
      const key = `validate ${checked.outcome}, simulate ${ran.outcome}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
      const problem =
        checked.outcome === 'unexpected error' || ran.outcome === 'unexpected error'
          ? 'unexpected error'
          : checked.outcome === 'valid' && ran.outcome !== 'valid'
            ? 'validate called valid a file simulate refuses'
            : undefined;
      if (problem !== undefined) {
        const error = checked.outcome === 'valid' ? ran.error : checked.error;
        failures.push(
          `#${index} ${base.path} ${JSON.stringify(sample.mutations)}: ${problem}: ${String((error as Error)?.stack ?? error).slice(0, 600)}`,
        );
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStarted);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const figures = [...tally.entries()].map(([key, count]) => `${count} × ${key}`).join('; ');
    console.log(
      `fuzz: ${samples.length} mutants in ${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} s CPU) — ${figures}`,
    );
    expect(failures).toEqual([]);
  });
});
