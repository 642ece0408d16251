import { BENCHMARK_NAMES } from '../contracts/index.ts';
/**
 * Per-domain parameters of the quality model, bundled in fixtures/domains.json (the
 * reasoning for every number is in that file's `notes`).
 */

import bundled from '../../fixtures/domains.json' with { type: 'json' };
import { type BenchmarkName, DOMAINS, type Domain, type DomainParams } from '../contracts/index.ts';
import { InputError, type InputIssue } from '../errors.ts';

const BUNDLED_FILE = 'fixtures/domains.json';

const BENCHMARKS: readonly BenchmarkName[] = BENCHMARK_NAMES;

let cached: Record<Domain, DomainParams> | undefined;

/** The bundled domain parameters (validated once, then shared; treat as read-only). */
export function loadDomainParams(): Record<Domain, DomainParams> {
  cached ??= parseDomainParams(bundled, BUNDLED_FILE);
  return cached;
}

/**
 * Validate a domains document `{ source, domains: { <domain>: DomainParams } }`.
 * Collects every problem and throws one InputError naming `file`.
 */
export function parseDomainParams(json: unknown, file: string): Record<Domain, DomainParams> {
  const issues: InputIssue[] = [];
  const root = isObject(json) ? json : undefined;
  if (root === undefined) {
    throw new InputError(file, [{ path: [], message: 'expected an object with "source" and "domains"' }]);
  }
  if (typeof root['source'] !== 'string') issues.push({ path: ['source'], message: 'expected a string' });
  const domains = isObject(root['domains']) ? root['domains'] : undefined;
  if (domains === undefined) {
    issues.push({ path: ['domains'], message: 'expected an object keyed by domain' });
    throw new InputError(file, issues);
  }
  const result: Partial<Record<Domain, DomainParams>> = {};
  for (const domain of DOMAINS) {
    const params = parseOne(domains[domain], ['domains', domain], issues);
    if (params !== undefined) result[domain] = params;
  }
  for (const key of Object.keys(domains)) {
    if (!(DOMAINS as readonly string[]).includes(key)) {
      issues.push({
        path: ['domains', key],
        message: `unknown domain; expected one of ${DOMAINS.join(', ')}`,
      });
    }
  }
  if (issues.length > 0) throw new InputError(file, issues);
  return result as Record<Domain, DomainParams>;
}

function parseOne(value: unknown, path: string[], issues: InputIssue[]): DomainParams | undefined {
  if (!isObject(value)) {
    issues.push({ path, message: 'missing: every domain needs parameters' });
    return undefined;
  }
  const before = issues.length;
  const number = (key: string, check: (x: number) => boolean, expected: string): number => {
    const x = value[key];
    if (typeof x !== 'number' || !Number.isFinite(x) || !check(x)) {
      issues.push({ path: [...path, key], message: `expected ${expected}` });
      return Number.NaN;
    }
    return x;
  };
  const mu = number('mu', () => true, 'a number');
  const sigma = number('sigma', (x) => x >= 0, 'a number ≥ 0');
  const a = number('a', (x) => x >= 0 && x <= 1, 'a number in [0, 1]');
  const c = number('c', (x) => x >= 0 && x <= 1, 'a number in [0, 1]');
  const tau = number('tau', (x) => x > 0, 'a number > 0');
  const wrongAnswers = number('wrongAnswers', (x) => Number.isInteger(x) && x >= 1, 'an integer ≥ 1');
  const commonMistakeWeight = number('commonMistakeWeight', (x) => x >= 0 && x <= 1, 'a number in [0, 1]');
  // Small tolerance: fitted loadings are rounded to 4 digits.
  if (Number.isFinite(a) && Number.isFinite(c) && a * a + c * c > 1 + 1e-9) {
    issues.push({ path: [...path, 'c'], message: `expected a² + c² ≤ 1, got ${(a * a + c * c).toFixed(4)}` });
  }
  const grading = value['grading'];
  if (grading !== 'verifiable' && grading !== 'open') {
    issues.push({ path: [...path, 'grading'], message: 'expected "verifiable" or "open"' });
  }
  const benchmark = value['benchmark'];
  if (benchmark !== null && !BENCHMARKS.includes(benchmark as BenchmarkName)) {
    issues.push({
      path: [...path, 'benchmark'],
      message: `expected null or one of ${BENCHMARKS.join(', ')}`,
    });
  }
  const notes = value['notes'];
  if (typeof notes !== 'string' || notes.trim() === '') {
    issues.push({
      path: [...path, 'notes'],
      message: 'expected a string saying why the numbers are what they are',
    });
  }
  if (issues.length > before) return undefined;
  return {
    mu,
    sigma,
    a,
    c,
    grading: grading as DomainParams['grading'],
    tau,
    wrongAnswers,
    commonMistakeWeight,
    benchmark: benchmark as BenchmarkName | null,
    notes: notes as string,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
