import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.ts';
import { parseScenarioText } from '../src/scenario/load.ts';
import { testCatalog } from './scenario-helpers.ts';

function problems(text: string, templateIds?: string[]): InputError {
  try {
    parseScenarioText(text, 'bad.yaml', { catalog: testCatalog, ...(templateIds ? { templateIds } : {}) });
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

const VALID = `version: 1
name: ok
duration: 2h
traffic:
  arrival: { rate: 1 }
  mix: [{ domain: code }]
providers:
  openai: {}
strategies: [always-cheapest, cascade]
`;

describe('scenario errors', () => {
  it('reports every problem of a bad file at once, each with its line:column', () => {
    const text = `version: 1
name: bad
duration: 30 parsecs
traffic:
  arrival:
    rate: 2
    timeUnt: 1s
  mix: [{ domain: code }]
providers:
  openia: {}
  openai:
    faults:
      - { kind: rate_limit, start: 1h, duration: 20m, factor: 2 }
strategies: [cascde, always-gpt-4o]
thresholds:
  "latency{strategy:cascade}": ["p95 < 4000"]
`;
    const error = problems(text);
    expect(error.issues.length).toBeGreaterThanOrEqual(4);
    expect(error.message).toMatchInlineSnapshot(`
      "bad.yaml: 7 problems
        ✖ expected a duration like "30s", "20m", "1h30m" or a number of milliseconds, got "30 parsecs" → at duration (bad.yaml:3:11)
        ✖ unknown field "timeUnt" — did you mean "timeUnit"?; expected one of: process, rate, startRate, stages, timeUnit, diurnal, bursts → at traffic.arrival.timeUnt (bad.yaml:7:5)
        ✖ unknown provider "openia" — did you mean "openai"?; the catalog has: openai, anthropic → at providers.openia (bad.yaml:10:3)
        ✖ "factor" applies only to faults of kind slow, not rate_limit → at providers.openai.faults[0].factor (bad.yaml:13:55)
        ✖ unknown strategy "cascde" — did you mean "cascade"?; available: always-cheapest, always-strongest, random, oracle, rules, cascade, domain, availability, learned, always-gpt-4o, always-gpt-4o-mini, or { module: ./your-router.ts } → at strategies[0] (bad.yaml:14:14)
        ✖ threshold tag strategy:cascade names no strategy of this scenario — did you mean "cascde"?; listed: cascde, always-gpt-4o, always-strongest → at thresholds["latency{strategy:cascade}"] (bad.yaml:16:3)
        ✖ unknown aggregation "p95" in "p95 < 4000"; expected p(N), med, mean, avg, min, max, total, count, rate or per1k → at thresholds["latency{strategy:cascade}"][0] (bad.yaml:16:33)"
    `);
  });

  it('checks fault windows against the duration and the fault model against its provider', () => {
    const text = VALID.replace(
      'openai: {}',
      `openai:
    faults:
      - { kind: error, start: 1h50m, duration: 20m }
      - { kind: partial, mtbf: 1h, mttr: 5m, probability: 0.2, model: claude-sonnet-4 }`,
    );
    const error = problems(text);
    expect(error.issues.map((issue) => [issue.line, issue.message])).toEqual([
      [10, 'fault window 1h50m–2h10m ends after the scenario (duration 2h)'],
      [
        11,
        'model "claude-sonnet-4" is not a model of provider "openai" here; expected one of: gpt-4o, gpt-4o-mini',
      ],
    ]);
    expect(error.issues[1]?.path).toEqual(['providers', 'openai', 'faults', 1, 'model']);
  });

  it('rejects rate together with stages, and a rate that is zero everywhere', () => {
    const both = problems(VALID.replace('{ rate: 1 }', '{ rate: 1, stages: [{ duration: 1h, target: 2 }] }'));
    expect(both.issues.map((issue) => issue.message)).toEqual([
      '"rate" and "stages" exclude each other: use "rate" for a constant load, or "startRate" + "stages" for a ramp',
    ]);
    const zero = problems(
      VALID.replace('{ rate: 1 }', '{ startRate: 0, stages: [{ duration: 1h, target: 0 }] }'),
    );
    expect(zero.issues.map((issue) => issue.message)).toEqual([
      'the arrival rate is 0 throughout: no request would ever arrive; set a rate > 0',
    ]);
    const negative = problems(VALID.replace('{ rate: 1 }', '{ rate: -1 }'));
    expect(negative.issues.map((issue) => issue.message)).toEqual(['expected a number ≥ 0, got -1']);
  });

  it('accepts stages shorter than the duration but rejects a stage that starts after the end', () => {
    expect(() =>
      parseScenarioText(
        VALID.replace('{ rate: 1 }', '{ stages: [{ duration: 30m, target: 2 }] }'),
        'ok.yaml',
        {
          catalog: testCatalog,
        },
      ),
    ).not.toThrow();
    const late = problems(
      VALID.replace('{ rate: 1 }', '{ stages: [{ duration: 2h, target: 2 }, { duration: 1h, target: 1 }] }'),
    );
    expect(late.issues.map((issue) => issue.message)).toEqual([
      'stage 2 starts at 2h, at or after the scenario ends (duration 2h); remove it or lengthen duration',
    ]);
  });

  it('lists the available strategy names for an unknown one', () => {
    const error = problems(VALID.replace('[always-cheapest, cascade]', '[always-cheapest, learnt]'));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.message).toBe(
      'unknown strategy "learnt" — did you mean "learned"?; available: always-cheapest, always-strongest, random, oracle, rules, cascade, domain, availability, learned, always-gpt-4o, always-gpt-4o-mini, or { module: ./your-router.ts }',
    );
    expect([error.issues[0]?.line, error.issues[0]?.column]).toEqual([9, 31]);
  });

  it('names unknown task templates, against given ids or the bundled templates', () => {
    const text = VALID.replace(
      '[{ domain: code }]',
      '[{ template: legal-clause-rewrite }, { template: code-bugfx }]',
    );
    const error = problems(text, ['legal-clause-rewrite', 'code-bugfix']);
    expect(error.issues.map((issue) => issue.message)).toEqual([
      'unknown task template "code-bugfx" — did you mean "code-bugfix"?; templates live in fixtures/tasks',
    ]);
    // Without the option, the bundled fixtures/tasks templates are the reference.
    expect(problems(text).issues.map((issue) => issue.message)).toEqual([
      'unknown task template "code-bugfx" — did you mean "code-bug-fix"?; templates live in fixtures/tasks',
    ]);
  });

  it('turns YAML syntax errors into issues with line numbers', () => {
    const error = problems('version: 1\nname: [unclosed\nduration: 1h\n');
    expect(error.issues.length).toBeGreaterThan(0);
    expect(error.issues.every((issue) => issue.message.startsWith('YAML syntax: '))).toBe(true);
    expect(error.issues[0]?.line).toBeGreaterThanOrEqual(2);
  });

  it('reports duplicate keys as YAML errors', () => {
    const error = problems(`${VALID}name: twice\n`);
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.message).toBe('YAML syntax: Map keys must be unique');
    expect(error.issues[0]?.line).toBe(10);
  });

  it('reports a missing required field at the object that lacks it', () => {
    const error = problems(VALID.replace('duration: 2h\n', ''));
    expect(error.issues.map((issue) => [issue.message, issue.line])).toEqual([
      [
        'missing required field "duration" (expected a duration like "30s", "20m", "1h30m" or a number of milliseconds)',
        1,
      ],
    ]);
  });

  it('validates JSON files too, with line numbers', () => {
    const json = JSON.stringify(
      {
        version: 1,
        name: 'json',
        duration: '1h',
        traffic: { arrival: { rate: 1 }, mix: [{ domain: 'code' }] },
        providers: { openai: { capacity: 0 } },
        strategies: ['random'],
      },
      null,
      2,
    );
    const error = problems(json);
    expect(error.issues.map((issue) => [issue.message, issue.line])).toEqual([
      ['expected a number ≥ 1, got 0', 17],
    ]);
  });

  it('rejects malformed thresholds and tags that name nothing in the scenario', () => {
    const text = `${VALID}thresholds:
  "latency{strategy:cascade,tier:gold}": ["p(95) < 4000", "p(100) < 1", "mean = 3"]
  "goodput": ["per1k > 3"]
  "cost{model:gpt-4o}": ["total < 1"]
`;
    const messages = problems(text).issues.map((issue) => issue.message);
    expect(messages).toEqual([
      'threshold tag tier:gold is not a tier of this scenario; tiers: default',
      'expected a percentile p(N) with 0 < N < 100, got "p(100)"',
      'expected an operator <, <=, >, >=, == or != in "mean = 3"',
      '"per1k" does not apply to goodput; use rate, total, count',
      'unknown threshold tag "model"; expected one of strategy, domain, tier',
    ]);
  });
});
