/**
 * A label for a built-in ({ name: cascade-judge, strategy: cascade }): two configurations of one
 * built-in run in one simulate under their labels (results.json, decisions.csv, thresholds,
 * --strategies, the knob sweep, the judge-ε study), a label only renames (the labelled run equals
 * the same configuration run unlabelled), workers give the same bytes, and the mistakes a label
 * invites are InputErrors with file, line and path.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.ts';
import type { JudgeEpsilonMetrics, StrategyMetrics } from '../src/metrics/types.ts';
import { selectStrategies } from '../src/run/simulate-inputs.ts';
import { parseScenarioText } from '../src/scenario/load.ts';
import { CASCADE_SWEEP } from '../src/strategies/cascade.ts';
import { buildStrategy } from '../src/strategies/registry.ts';
import { readDecisions } from './decisions-file.ts';
import { testCatalog } from './scenario-helpers.ts';
import { simulateToDirectory } from './simulate-support.ts';
import { buildContext } from './strategy-helpers.ts';

const small = readFileSync(new URL('./fixtures/simulate/small.yaml', import.meta.url), 'utf8');
/** small.yaml (≈ 1,200 requests, 4 models) with other strategies and thresholds. */
function withStrategies(strategies: string): string {
  const head = small.split('\nstrategies:\n')[0];
  if (head === undefined || head === small) throw new Error('small.yaml has no strategies section');
  return `${head}\nstrategies:\n${strategies}`;
}

const LABELLED = withStrategies(`  - always-strongest
  - { name: cascade, options: { threshold: 0.7 } }
  - { name: cascade-self, strategy: cascade, options: { confidence: self-rated, threshold: 0.7 } }
  - { name: cascade-judge, strategy: cascade, options: { confidence: judge, epsilon: 0.1 } }
thresholds:
  "answered{strategy:cascade-self}": ["rate > 0.5"]
`);
/** The self-rated cascade alone and unlabelled: what cascade-self must equal, but for its name. */
const UNLABELLED = withStrategies(`  - always-strongest
  - { name: cascade, options: { confidence: self-rated, threshold: 0.7 } }
`);

interface Results {
  strategies: StrategyMetrics[];
  research: {
    knobbed: { strategy: string }[];
    judgeEpsilon?: JudgeEpsilonMetrics;
  };
  thresholds: { key: string; pass: boolean }[];
}

const directory = mkdtempSync(join(tmpdir(), 'routesim-labels-'));
const outputs: Record<string, { results: string; decisions: string; report: string }> = {};
const parsed = (run: string) => JSON.parse(outputs[run]?.results ?? '{}') as Results;
const metricsOf = (run: string, name: string) => {
  const found = parsed(run).strategies.find((strategy) => strategy.name === name);
  if (found === undefined) throw new Error(`${run}: no strategy ${name}`);
  return found;
};

beforeAll(async () => {
  const runs = [
    { run: 'labelled', text: LABELLED, workers: 1 },
    { run: 'labelled-2-workers', text: LABELLED, workers: 2 },
    { run: 'unlabelled', text: UNLABELLED, workers: 1 },
  ];
  for (const { run, text, workers } of runs) {
    // One file name for both labelled runs: provenance records it.
    const scenarioPath = join(directory, run === 'unlabelled' ? 'unlabelled.yaml' : 'labelled.yaml');
    writeFileSync(scenarioPath, text);
    const outDir = join(directory, run);
    await simulateToDirectory({ scenarioPath, outDir, workers, wallClock: () => performance.now() });
    outputs[run] = {
      results: readFileSync(join(outDir, 'results.json'), 'utf8'),
      decisions: readDecisions(outDir),
      report: readFileSync(join(outDir, 'report.html'), 'utf8'),
    };
  }
}, 180_000);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('two cascades under their labels in one simulate', () => {
  it('reports each scenario strategy under its label, family cascade', () => {
    const scenarioStrategies = parsed('labelled').strategies.filter((entry) => entry.kind === 'strategy');
    expect(scenarioStrategies.map((entry) => [entry.name, entry.family])).toEqual([
      ['always-strongest', 'baseline'],
      ['cascade', 'cascade'],
      ['cascade-self', 'cascade'],
      ['cascade-judge', 'cascade'],
    ]);
  });

  it('sweeps each knobbed cascade under its own label (a judge cascade has no knob)', () => {
    const results = parsed('labelled');
    const sweeps = results.strategies.filter((entry) => entry.kind === 'sweep').map((entry) => entry.name);
    expect(sweeps).toEqual([
      ...CASCADE_SWEEP.map((value) => `cascade@${value}`),
      ...CASCADE_SWEEP.map((value) => `cascade-self@${value}`),
    ]);
    expect(results.research.knobbed.map((entry) => entry.strategy)).toEqual(['cascade', 'cascade-self']);
  });

  it('writes every request of each label to decisions.csv', () => {
    const lines = outputs['labelled']?.decisions.trimEnd().split('\n') ?? [];
    expect(lines[0]?.startsWith('strategy,')).toBe(true);
    const counts = new Map<string, number>();
    for (const line of lines.slice(1)) {
      const label = line.slice(0, line.indexOf(','));
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    const requests = metricsOf('labelled', 'cascade').requestCount;
    expect(requests).toBeGreaterThan(1000);
    expect([...counts]).toEqual([
      ['always-strongest', requests],
      ['cascade', requests],
      ['cascade-self', requests],
      ['cascade-judge', requests],
    ]);
  });

  it("names the built-in of a labelled entry in the report's scenario section", () => {
    const report = outputs['labelled']?.report ?? '';
    expect(report).toContain('<code>cascade-judge {');
    expect(report).toContain('(built-in <code>cascade</code>)');
    expect(outputs['unlabelled']?.report).not.toContain('(built-in ');
  });

  it('evaluates a threshold tagged with a label', () => {
    expect(parsed('labelled').thresholds).toMatchObject([
      { key: 'answered{strategy:cascade-self}', pass: true },
    ]);
  });

  it('finds the judge cascade by its built-in, not its label: the ε study at its own ε is its run', () => {
    const study = parsed('labelled').research.judgeEpsilon;
    expect(study).toMatchObject({ strategy: 'cascade-judge', epsilon: 0.1 });
    const judge = metricsOf('labelled', 'cascade-judge');
    // The stream (≈ 1,200 requests) is shorter than the study's 2,000: the study covers all of it.
    const own = study?.points.find((point) => point.epsilon === 0.1);
    expect(own?.count).toBe(judge.requestCount);
    expect(own?.quality).toBe(judge.quality.mean);
    expect(own?.costPerRequestUsd).toBe(judge.cost.perRequestUsd);
  });

  it('only renames: the labelled cascade equals the same options run unlabelled', () => {
    // Same seed, stream and world per unit (common random numbers), and the strategy's own draws
    // are keyed by the built-in, not the label: nothing but the name may differ.
    const rename = (entry: StrategyMetrics | undefined) => ({ ...entry, name: '', parent: '' });
    expect(rename(metricsOf('labelled', 'cascade-self'))).toEqual(rename(metricsOf('unlabelled', 'cascade')));
    for (const value of CASCADE_SWEEP) {
      expect(rename(metricsOf('labelled', `cascade-self@${value}`)), String(value)).toEqual(
        rename(metricsOf('unlabelled', `cascade@${value}`)),
      );
    }
    // …while the other cascade's options do change the outcome.
    expect(metricsOf('labelled', 'cascade').quality.mean).not.toBe(
      metricsOf('labelled', 'cascade-self').quality.mean,
    );
  });

  it('writes the same results.json and decisions.csv on 1 and 2 workers', () => {
    expect(outputs['labelled-2-workers']?.results).toBe(outputs['labelled']?.results);
    expect(outputs['labelled-2-workers']?.decisions).toBe(outputs['labelled']?.decisions);
  });
});

const BASE = `version: 1
name: labels
duration: 2h
traffic:
  arrival: { rate: 1 }
  mix: [{ domain: code }]
providers:
  openai: {}
`;

function problems(text: string): InputError {
  try {
    parseScenarioText(text, 'bad.yaml', { catalog: testCatalog });
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('a labelled built-in in the scenario file', () => {
  it('normalises to the label and its built-in; without `strategy` the name is the built-in', () => {
    const scenario = parseScenarioText(
      `${BASE}reference: cheap
strategies:
  - cascade
  - { name: cheap, strategy: always-gpt-4o-mini }
  - { strategy: rules }
  - { name: cascade-judge, strategy: cascade, options: { confidence: judge } }
  - { name: domain, strategy: domain }
thresholds:
  "quality{strategy:cascade-judge}": ["mean > 0.5"]
`,
      'labels.yaml',
      { catalog: testCatalog },
    );
    expect(scenario.reference).toBe('cheap');
    expect(scenario.strategies).toEqual([
      { name: 'cascade', options: {} },
      { name: 'cheap', strategy: 'always-gpt-4o-mini', options: {} },
      { name: 'rules', options: {} },
      { name: 'cascade-judge', strategy: 'cascade', options: { confidence: 'judge' } },
      { name: 'domain', options: {} },
    ]);
    expect(selectStrategies(scenario, 'labels.yaml', ['cascade-judge']).map((config) => config.name)).toEqual(
      ['cheap', 'cascade-judge'],
    );
  });

  it('builds the built-in its `strategy` names; problems point at strategies[i].strategy and .options', () => {
    const context = { models: [], seed: 1, baseDir: '.', file: 'labels.yaml' };
    const issuesOf = (build: () => unknown) => {
      try {
        build();
      } catch (error) {
        if (error instanceof InputError) return error.issues.map(({ path, message }) => ({ path, message }));
        throw error;
      }
      throw new Error('expected an InputError');
    };
    expect(
      issuesOf(() =>
        buildStrategy({ name: 'mine', strategy: 'cascad', options: {} }, context, ['strategies', 2]),
      ),
    ).toEqual([
      {
        path: ['strategies', 2, 'strategy'],
        message:
          'unknown strategy "cascad"; expected one of: always-cheapest, always-strongest, random, oracle, rules, cascade, domain, availability, learned',
      },
    ]);
    // The options are the built-in's (cascade's threshold is in [0, 1]), reported under the entry.
    const badOption = issuesOf(() =>
      buildStrategy({ name: 'mine', strategy: 'cascade', options: { threshold: 2 } }, context, [
        'strategies',
        2,
      ]),
    );
    expect(badOption.map((issue) => issue.path)).toEqual([['strategies', 2, 'options', 'threshold']]);
    // The strategy is the built-in's own (its name keys its draws); the label is the engine's.
    expect(buildStrategy({ name: 'mine', strategy: 'rules', options: {} }, buildContext()).name).toBe(
      'rules',
    );
  });

  it('an unknown `strategy` lists the built-ins, with a did-you-mean', () => {
    const error = problems(`${BASE}strategies:
  - cascade
  - { name: cascade-judge, strategy: cascad, options: { confidence: judge } }
`);
    expect(error.message).toMatchInlineSnapshot(`
      "bad.yaml: 1 problem
        ✖ unknown built-in strategy "cascad" — did you mean "cascade"?; available: always-cheapest, always-strongest, random, oracle, rules, cascade, domain, availability, learned, always-gpt-4o, always-gpt-4o-mini → at strategies[1].strategy (bad.yaml:11:38)"
    `);
  });

  it('a label given twice, or another strategy’s name, is an error', () => {
    const error = problems(`${BASE}strategies:
  - { name: careful, strategy: cascade, options: { threshold: 0.9 } }
  - { name: careful, strategy: rules }
  - { name: rules, strategy: cascade }
  - { name: always-gpt-4o, strategy: cascade }
  - cascade
  - cascade
`);
    expect(error.message).toMatchInlineSnapshot(`
      "bad.yaml: 4 problems
        ✖ strategy "careful" is listed twice; give one its own label, e.g. { name: careful-2, strategy: rules, options: … } → at strategies[1] (bad.yaml:11:5)
        ✖ label "rules" is already a strategy's name (the built-in rules), but this entry runs cascade; choose a label of your own → at strategies[2].name (bad.yaml:12:13)
        ✖ label "always-gpt-4o" is already a strategy's name (the built-in always-gpt-4o), but this entry runs cascade; choose a label of your own → at strategies[3].name (bad.yaml:13:13)
        ✖ strategy "cascade" is listed twice; give one its own label, e.g. { name: cascade-2, strategy: cascade, options: … } → at strategies[5] (bad.yaml:15:5)"
    `);
  });

  it('`strategy` with `module` is an error', () => {
    const moduleDirectory = mkdtempSync(join(tmpdir(), 'routesim-labels-module-'));
    try {
      const path = join(moduleDirectory, 'labels.yaml');
      writeFileSync(join(moduleDirectory, 'router.ts'), 'export default {};\n');
      const text = `${BASE}strategies:\n  - { name: mine, strategy: cascade, module: ./router.ts }\n`;
      let message = '';
      try {
        parseScenarioText(text, path, { catalog: testCatalog });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        message = error.message.replaceAll(moduleDirectory, '<dir>');
      }
      expect(message).toMatchInlineSnapshot(`
        "<dir>/labels.yaml: 1 problem
          ✖ "strategy" names a built-in and "module" your own file; an entry runs one of them, so keep one → at strategies[0].strategy (<dir>/labels.yaml:10:29)"
      `);
    } finally {
      rmSync(moduleDirectory, { recursive: true, force: true });
    }
  });

  it('an unknown `name` that is no typo says how to label a built-in', () => {
    const error = problems(`${BASE}strategies:
  - { name: cascade-judge, options: { confidence: judge } }
`);
    expect(error.message).toMatchInlineSnapshot(`
      "bad.yaml: 1 problem
        ✖ unknown strategy "cascade-judge"; available: always-cheapest, always-strongest, random, oracle, rules, cascade, domain, availability, learned, always-gpt-4o, always-gpt-4o-mini, or { module: ./your-router.ts }; to label a built-in, name it in "strategy": { name: cascade-judge, strategy: cascade, options: … } → at strategies[0].name (bad.yaml:10:13)"
    `);
  });
});
