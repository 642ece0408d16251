/**
 * k6-style thresholds: a key `metric{tag:value,...}` and expressions `aggregation op number`,
 * e.g. "latency{strategy:cascade}": ["p(95) < 4000"]. Parsed and checked when the scenario
 * loads, so a typo fails `validate`, not the end of a long run.
 *
 * k6's own spellings are kept: `med` (= p(50)), `count` (= total, for yes/no metrics), `!=`, and
 * the object form `{ threshold: "p(95) < 500", abortOnFail: true, delayAbortEval: "10s" }`. A
 * simulated run is judged when it ends, so there is nothing to abort: `abortOnFail` and
 * `delayAbortEval` are accepted (a failure exits 99 either way) and otherwise change nothing.
 *
 * Units: latency and ttft in ms per request; quality a score in [0, 1] per request; cost USD per
 * request (total = USD over the run, per1k = USD per 1,000 requests); answered, errors,
 * failures and goodput are per-request yes/no (rate = fraction in [0, 1], total = count).
 */

export const THRESHOLD_AGGREGATIONS = [
  'p',
  'med',
  'mean',
  'avg',
  'min',
  'max',
  'total',
  'count',
  'rate',
  'per1k',
] as const;
export type ThresholdAggregationName = (typeof THRESHOLD_AGGREGATIONS)[number];

/** Which aggregations make sense for which metric. */
export const THRESHOLD_METRICS = {
  latency: ['p', 'med', 'mean', 'avg', 'min', 'max'],
  ttft: ['p', 'med', 'mean', 'avg', 'min', 'max'],
  quality: ['p', 'med', 'mean', 'avg', 'min', 'max'],
  cost: ['p', 'med', 'mean', 'avg', 'min', 'max', 'total', 'per1k'],
  answered: ['rate', 'total', 'count'],
  errors: ['rate', 'total', 'count'],
  failures: ['rate', 'total', 'count'],
  goodput: ['rate', 'total', 'count'],
} as const satisfies Record<string, readonly ThresholdAggregationName[]>;
export type ThresholdMetric = keyof typeof THRESHOLD_METRICS;

export const THRESHOLD_TAGS = ['strategy', 'domain', 'tier'] as const;
export type ThresholdTag = (typeof THRESHOLD_TAGS)[number];

export const THRESHOLD_OPERATORS = ['<', '<=', '>', '>=', '==', '!='] as const;
export type ThresholdOperator = (typeof THRESHOLD_OPERATORS)[number];

export interface ThresholdKey {
  metric: ThresholdMetric;
  /** Filters; absent tags match everything. */
  tags: Partial<Record<ThresholdTag, string>>;
}

export type ThresholdAggregation =
  | { kind: 'percentile' /** 0 < percentile < 100 */; percentile: number }
  | { kind: 'mean' | 'min' | 'max' | 'total' | 'rate' | 'per1k' };

export interface ThresholdExpression {
  aggregation: ThresholdAggregation;
  operator: ThresholdOperator;
  value: number;
}

/** One parsed threshold: the key's metric and tags, one expression, and the source text. */
export interface ParsedThreshold extends ThresholdKey, ThresholdExpression {
  /** e.g. 'latency{strategy:cascade}: p(95) < 4000' for reports. */
  source: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

const KEY_PATTERN = /^\s*([A-Za-z_][\w-]*)\s*(?:\{([^{}]*)\})?\s*$/;
const EXPRESSION_PATTERN =
  /^\s*(?:p\(\s*([^)]*?)\s*\)|([A-Za-z][\w]*))\s*(<=|>=|===|==|!=|<|>|=)?\s*(.*?)\s*$/;
const NUMBER_PATTERN = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseThresholdKey(text: string): ParseResult<ThresholdKey> {
  const match = KEY_PATTERN.exec(text);
  if (match === null) {
    return { ok: false, message: `expected a threshold key like "latency{strategy:cascade}", got "${text}"` };
  }
  const metric = match[1] ?? '';
  if (!(metric in THRESHOLD_METRICS)) {
    return {
      ok: false,
      message: `unknown threshold metric "${metric}"; expected one of ${Object.keys(THRESHOLD_METRICS).join(', ')}`,
    };
  }
  const tags: Partial<Record<ThresholdTag, string>> = {};
  const tagText = match[2]?.trim() ?? '';
  if (tagText !== '') {
    for (const part of tagText.split(',')) {
      const [name = '', value = '', ...extra] = part.split(':').map((piece) => piece.trim());
      if (name === '' || value === '' || extra.length > 0) {
        return { ok: false, message: `expected tags like {strategy:cascade,tier:free}, got "{${tagText}}"` };
      }
      if (!(THRESHOLD_TAGS as readonly string[]).includes(name)) {
        return {
          ok: false,
          message: `unknown threshold tag "${name}"; expected one of ${THRESHOLD_TAGS.join(', ')}`,
        };
      }
      if (tags[name as ThresholdTag] !== undefined)
        return { ok: false, message: `tag "${name}" given twice` };
      tags[name as ThresholdTag] = value;
    }
  }
  return { ok: true, value: { metric: metric as ThresholdMetric, tags } };
}

export function parseThresholdExpression(
  text: string,
  metric?: ThresholdMetric,
): ParseResult<ThresholdExpression> {
  const example = 'an expression like "p(95) < 4000", "mean > 0.9", "per1k < 2.5" or "rate < 0.01"';
  const match = EXPRESSION_PATTERN.exec(text);
  if (match === null) return { ok: false, message: `expected ${example}, got "${text}"` };
  const [, percentileText, name, operator, valueText = ''] = match;
  let aggregation: ThresholdAggregation;
  let aggregationName: ThresholdAggregationName;
  if (percentileText !== undefined) {
    const percentile = NUMBER_PATTERN.test(percentileText) ? Number(percentileText) : Number.NaN;
    if (!(percentile > 0 && percentile < 100)) {
      return {
        ok: false,
        message: `expected a percentile p(N) with 0 < N < 100, got "p(${percentileText})"`,
      };
    }
    aggregation = { kind: 'percentile', percentile };
    aggregationName = 'p';
  } else {
    const lower = (name ?? '').toLowerCase();
    if (lower === 'p' || !(THRESHOLD_AGGREGATIONS as readonly string[]).includes(lower)) {
      return {
        ok: false,
        message: `unknown aggregation "${name}" in "${text}"; expected p(N), med, mean, avg, min, max, total, count, rate or per1k`,
      };
    }
    const named = lower as Exclude<ThresholdAggregationName, 'p'>;
    aggregationName = named;
    aggregation = aggregationOf(named);
  }
  if (operator === undefined || operator === '=') {
    return { ok: false, message: `expected an operator <, <=, >, >=, == or != in "${text}"` };
  }
  if (!NUMBER_PATTERN.test(valueText)) {
    return { ok: false, message: `expected a number after "${operator}" in "${text}", got "${valueText}"` };
  }
  if (metric !== undefined) {
    const allowed: readonly string[] = THRESHOLD_METRICS[metric];
    if (!allowed.includes(aggregationName)) {
      const names = allowed.map((entry) => (entry === 'p' ? 'p(N)' : entry)).join(', ');
      return { ok: false, message: `"${aggregationName}" does not apply to ${metric}; use ${names}` };
    }
  }
  return {
    ok: true,
    // k6 also writes === for ==.
    value: {
      aggregation,
      operator: (operator === '===' ? '==' : operator) as ThresholdOperator,
      value: Number(valueText),
    },
  };
}

/** k6's names for ours: avg = mean, med = p(50), count = total. */
function aggregationOf(name: Exclude<ThresholdAggregationName, 'p'>): ThresholdAggregation {
  if (name === 'med') return { kind: 'percentile', percentile: 50 };
  if (name === 'avg') return { kind: 'mean' };
  if (name === 'count') return { kind: 'total' };
  return { kind: name };
}

/** k6's object form of one threshold expression. */
export interface ThresholdObject {
  threshold: string;
  /** Accepted for k6 compatibility: a simulated run is judged when it ends (see the file comment). */
  abortOnFail?: boolean | undefined;
  delayAbortEval?: string | undefined;
}

/** One expression as a scenario file may write it. */
export type ThresholdEntry = string | ThresholdObject;

/** The expressions of one threshold key, as text: a string, an object, or a list of either. */
export function thresholdExpressions(value: ThresholdEntry | readonly ThresholdEntry[]): string[] {
  const entries = typeof value === 'string' || !Array.isArray(value) ? [value as ThresholdEntry] : value;
  return entries.map((entry) => (typeof entry === 'string' ? entry : entry.threshold));
}

/** Parse one key and one of its expressions. */
export function parseThreshold(key: string, expression: string): ParseResult<ParsedThreshold> {
  const parsedKey = parseThresholdKey(key);
  if (!parsedKey.ok) return parsedKey;
  const parsedExpression = parseThresholdExpression(expression, parsedKey.value.metric);
  if (!parsedExpression.ok) return parsedExpression;
  return {
    ok: true,
    value: { ...parsedKey.value, ...parsedExpression.value, source: `${key}: ${expression.trim()}` },
  };
}

/** Every threshold of a (validated) scenario, in file order. Throws on a malformed one. */
export function parseThresholds(thresholds: Record<string, string[]>): ParsedThreshold[] {
  const out: ParsedThreshold[] = [];
  for (const [key, expressions] of Object.entries(thresholds)) {
    for (const expression of expressions) {
      const parsed = parseThreshold(key, expression);
      if (!parsed.ok) throw new Error(`threshold "${key}": ${parsed.message}`);
      out.push(parsed.value);
    }
  }
  return out;
}

/** Does `value` pass `operator limit`? */
export function compareThreshold(value: number, operator: ThresholdOperator, limit: number): boolean {
  switch (operator) {
    case '<':
      return value < limit;
    case '<=':
      return value <= limit;
    case '>':
      return value > limit;
    case '>=':
      return value >= limit;
    case '==':
      return value === limit;
    case '!=':
      return value !== limit;
  }
}
