/**
 * results.json as the report reads it: the shape results-json.ts writes (numbers at fixed
 * precision, NaN written as null). `parseResultsDocument` checks what the report relies on and
 * collects every problem as an InputError naming the file, so `routesim report` on a wrong file
 * exits 2 with a message instead of drawing an empty page.
 */

import type { FaultWindow } from '../../contracts/index.ts';
import { InputError, type InputIssue } from '../../errors.ts';
import type { RobustnessMetrics } from '../../metrics/robustness-types.ts';
import type {
  OracleMetrics,
  ResearchMetrics,
  ResearchNotRun,
  SimulationMetrics,
  StrategyMetrics,
  ThresholdResult,
  WorldSeedSpread,
} from '../../metrics/types.ts';
import type { Provenance } from '../../run/provenance.ts';
import type { UnitInfo } from '../../run/reporter.ts';
import type { Scenario } from '../../scenario/types.ts';
import { RESULTS_SCHEMA_VERSION } from '../results-json.ts';

export interface ResultsDocument {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  provenance: Provenance;
  scenario: Scenario;
  requestCount: number;
  durationMs: number;
  window: SimulationMetrics['window'];
  reference: string;
  units: UnitInfo[];
  strategies: StrategyMetrics[];
  oracle: OracleMetrics;
  /** The research figures, or why the run has none (`simulate --no-research`). */
  research: ResearchMetrics | ResearchNotRun;
  /** The robustness verdict; absent when the run skipped it (or predates it). */
  robustness?: RobustnessMetrics;
  intervals: SimulationMetrics['intervals'];
  /** `--seeds k`, k > 1: each re-seeded run's headline per world. */
  seeds?: WorldSeedSpread;
  thresholds: ThresholdResult[];
  faults: FaultWindow[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Top-level fields the report reads, with the JSON type each must have. */
const REQUIRED: readonly [keyof ResultsDocument, 'object' | 'array' | 'number' | 'string'][] = [
  ['provenance', 'object'],
  ['scenario', 'object'],
  ['requestCount', 'number'],
  ['durationMs', 'number'],
  ['window', 'object'],
  ['reference', 'string'],
  ['strategies', 'array'],
  ['oracle', 'object'],
  ['research', 'object'],
  ['intervals', 'object'],
  ['thresholds', 'array'],
  ['faults', 'array'],
];

/** Optional parts the report draws from: the numbers each must carry. */
const SHADOW_COUNTS = ['share', 'sampled', 'compared', 'disagreed'] as const;
/** strategies[].usage: the totals the report's cost-breakdown section reads. */
const USAGE_TOTALS = [
  'promptTokens',
  'cachedTokens',
  'cacheWriteTokens',
  'reasoningTokens',
  'reasoningUsd',
  'cacheSavedUsd',
  'spreadMisses',
  'spreadMissUsd',
] as const;
const STUDY_POINT_FIELDS = ['epsilon', 'quality', 'costPerRequestUsd', 'judgeCostPerRequestUsd'] as const;

const hasNumbers = (value: unknown, fields: readonly string[]) =>
  isObject(value) && fields.every((field) => typeof value[field] === 'number');

const KNOB_METRICS = ['apgr', 'cpt50', 'cpt80'] as const;

/** research.knobbed[].intervals: counts, and low/high per metric (a number, or null when undefined). */
function isKnobIntervals(value: unknown): boolean {
  const end = (part: unknown) => typeof part === 'number' || part === null;
  return (
    hasNumbers(value, ['resamples', 'undefinedResamples']) &&
    KNOB_METRICS.every((name) => {
      const ends = (value as Record<string, unknown>)[name];
      return isObject(ends) && end(ends['low']) && end(ends['high']);
    })
  );
}

/** The parts of results.json `robustness` the report draws from. */
function isRobustness(value: unknown): boolean {
  if (!isObject(value) || typeof value['summary'] !== 'string' || typeof value['holdCount'] !== 'number')
    return false;
  const base = value['base'];
  const sides = value['sides'];
  return (
    isObject(base) &&
    Array.isArray(base['rows']) &&
    Array.isArray(sides) &&
    sides.every(
      (side) =>
        isObject(side) &&
        typeof side['id'] === 'string' &&
        typeof side['verdict'] === 'string' &&
        Array.isArray(side['rows']),
    )
  );
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}

/** Parse and check a results.json text; `file` names it in every message. */
export function parseResultsDocument(text: string, file: string): ResultsDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      file,
      [
        {
          path: [],
          message: `expected a results.json written by routesim simulate, but it is not JSON (${(error as Error).message})`,
        },
      ],
      { cause: error },
    );
  }
  if (!isObject(parsed)) {
    throw new InputError(file, [
      {
        path: [],
        message: `expected a results.json object written by routesim simulate, got ${typeOf(parsed)}`,
      },
    ]);
  }
  if (parsed['schemaVersion'] !== RESULTS_SCHEMA_VERSION) {
    const found = parsed['schemaVersion'] === undefined ? 'none' : JSON.stringify(parsed['schemaVersion']);
    throw new InputError(file, [
      {
        path: ['schemaVersion'],
        message: `expected schemaVersion ${RESULTS_SCHEMA_VERSION} (this routesim reads results.json version ${RESULTS_SCHEMA_VERSION}), got ${found}; re-run routesim simulate with this version`,
      },
    ]);
  }
  const issues: InputIssue[] = [];
  for (const [field, expected] of REQUIRED) {
    const actual = typeOf(parsed[field]);
    if (actual !== expected) issues.push({ path: [field], message: `expected ${expected}, got ${actual}` });
  }
  const strategies = parsed['strategies'];
  if (Array.isArray(strategies)) {
    strategies.forEach((strategy, index) => {
      if (!isObject(strategy) || typeof strategy['name'] !== 'string' || !isObject(strategy['series'])) {
        issues.push({ path: ['strategies', index], message: 'expected a strategy with a name and series' });
      } else if (strategy['shadow'] !== undefined && !hasNumbers(strategy['shadow'], SHADOW_COUNTS)) {
        issues.push({
          path: ['strategies', index, 'shadow'],
          message: `expected shadow counts (${SHADOW_COUNTS.join(', ')})`,
        });
      } else if (strategy['usage'] !== undefined && !hasNumbers(strategy['usage'], USAGE_TOTALS)) {
        issues.push({
          path: ['strategies', index, 'usage'],
          message: `expected usage totals (${USAGE_TOTALS.join(', ')})`,
        });
      }
    });
  }
  const research = parsed['research'];
  if (isObject(research) && research['notRun'] !== undefined) {
    if (research['notRun'] !== true || typeof research['reason'] !== 'string')
      issues.push({
        path: ['research'],
        message: 'expected { notRun: true, reason } for a run without research',
      });
  } else if (isObject(research) && !Array.isArray(research['knobbed']))
    issues.push({
      path: ['research', 'knobbed'],
      message: 'expected an array (or research { notRun: true, reason })',
    });
  const study = isObject(research) ? research['judgeEpsilon'] : undefined;
  if (
    study !== undefined &&
    !(
      isObject(study) &&
      typeof study['strategy'] === 'string' &&
      Array.isArray(study['points']) &&
      study['points'].every((point) => hasNumbers(point, STUDY_POINT_FIELDS))
    )
  ) {
    issues.push({
      path: ['research', 'judgeEpsilon'],
      message: `expected { strategy, points: [{ ${STUDY_POINT_FIELDS.join(', ')} }] }`,
    });
  }
  const knobbed = isObject(research) ? research['knobbed'] : undefined;
  if (Array.isArray(knobbed)) {
    knobbed.forEach((entry, index) => {
      const intervals = isObject(entry) ? entry['intervals'] : undefined;
      if (intervals !== undefined && !isKnobIntervals(intervals)) {
        issues.push({
          path: ['research', 'knobbed', index, 'intervals'],
          message: `expected { method, resamples, undefinedResamples, ${KNOB_METRICS.map((name) => `${name}: { low, high }`).join(', ')} }`,
        });
      }
    });
  }
  const robustness = parsed['robustness'];
  if (robustness !== undefined && !isRobustness(robustness)) {
    issues.push({
      path: ['robustness'],
      message: 'expected { summary, holdCount, base: { rows }, sides: [{ id, side, rows, verdict }] }',
    });
  }
  if (issues.length > 0) throw new InputError(file, issues);
  return parsed as unknown as ResultsDocument;
}
