/**
 * The names k6 and Artillery users bring: k6's med, count, != and the object form of a threshold
 * (with abortOnFail) are accepted and mean what they mean in k6; Artillery's phases, arrivalRate,
 * rampTo and ensure are rejected with a pointer to routesim's field, not the nearest spelling.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.ts';
import { parseScenarioText } from '../src/scenario/load.ts';
import { compareThreshold, parseThreshold } from '../src/scenario/thresholds.ts';
import { testCatalog } from './scenario-helpers.ts';

const load = (text: string) => parseScenarioText(text, 'habits.yaml', { catalog: testCatalog });

function problems(text: string): string[] {
  try {
    load(text);
  } catch (error) {
    if (error instanceof InputError)
      return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw error;
  }
  throw new Error('expected an InputError');
}

const BASE = `version: 1
name: habits
duration: 10m
traffic:
  arrival: { rate: 1 }
  mix: [{ domain: code }]
providers: { openai: {} }
strategies: [always-cheapest, always-strongest]
`;

describe('k6 threshold forms', () => {
  it('med is p(50), count is the total of a yes/no metric, != and === compare as in k6', () => {
    const med = parseThreshold('latency', 'med < 500');
    expect(med.ok && med.value.aggregation).toEqual({ kind: 'percentile', percentile: 50 });
    const count = parseThreshold('failures{strategy:cascade}', 'count != 0');
    expect(count.ok && [count.value.aggregation, count.value.operator]).toEqual([{ kind: 'total' }, '!=']);
    const strict = parseThreshold('errors', 'count === 0');
    expect(strict.ok && strict.value.operator).toBe('==');
    expect(compareThreshold(3, '!=', 0)).toBe(true);
    expect(compareThreshold(0, '!=', 0)).toBe(false);
    const misplaced = parseThreshold('quality', 'count > 1');
    expect(misplaced.ok || misplaced.message).toBe(
      '"count" does not apply to quality; use p(N), med, mean, avg, min, max',
    );
  });

  it('takes the object form, alone or in a list, with abortOnFail and delayAbortEval', () => {
    const scenario = load(`${BASE}thresholds:
  "latency{strategy:always-cheapest}":
    - { threshold: "p(95) < 500", abortOnFail: true }
    - "med < 300"
    - { threshold: "max != 0", abortOnFail: false, delayAbortEval: 10s }
  "answered": { threshold: "rate > 0.9", abortOnFail: true }
`);
    expect(scenario.thresholds).toEqual({
      'latency{strategy:always-cheapest}': ['p(95) < 500', 'med < 300', 'max != 0'],
      answered: ['rate > 0.9'],
    });
  });

  it('names the field of an object form that is wrong, not "one of the allowed shapes"', () => {
    expect(
      problems(`${BASE}thresholds:
  "cost": [{ threshold: "mean < 1", abortOnFail: "yes" }]
  "latency": { threshold: "p(95) < 500", abortOnFial: true }
`),
    ).toEqual([
      'thresholds.cost.0.abortOnFail: expected a boolean, got "yes"',
      expect.stringMatching(
        /^thresholds\.latency\.abortOnFial: unknown field "abortOnFial" — did you mean "abortOnFail"\?/,
      ),
    ]);
    expect(problems(`${BASE}thresholds:\n  "latency": { threshold: "p95 < 500" }\n`)).toEqual([
      expect.stringMatching(/^thresholds\.latency: unknown aggregation "p95"/),
    ]);
  });
});

describe('Artillery names', () => {
  it('point at traffic.arrival.stages, traffic.arrival.rate and thresholds', () => {
    const found = problems(`version: 1
name: habits
duration: 10m
phases:
  - { duration: 60, arrivalRate: 5, rampTo: 50 }
ensure: { p95: 500 }
traffic:
  arrival: { arrivalRate: 2, rampTo: 10 }
  mix: [{ domain: code }]
providers: { openai: {} }
strategies: [always-cheapest]
`);
    const hint = (path: string) => found.find((problem) => problem.startsWith(`${path}: `));
    expect(hint('phases')).toMatch(/unknown field "phases" — did you mean traffic\.arrival\.stages/);
    expect(hint('ensure')).toMatch(/unknown field "ensure" — did you mean thresholds/);
    expect(hint('traffic.arrival.arrivalRate')).toMatch(/did you mean traffic\.arrival\.rate/);
    expect(hint('traffic.arrival.rampTo')).toMatch(/did you mean traffic\.arrival\.stages/);
  });
});
