/**
 * The body of `POST /_routesim/faults` read into a fault window starting now: every problem
 * collected at once (path + what was expected), as routesim reports input errors.
 */
import { type Catalog, type FaultKind, type FaultWindow, WIRE_FORMAT_FACTS } from '../../contracts/index.ts';
import { isRecord } from '../parse.ts';

export const FAULT_KINDS: readonly FaultKind[] = [
  'error',
  'timeout',
  'slow',
  'partial',
  'reset',
  'rate_limit',
];

/** One problem in a control request body. */
export interface ControlIssue {
  path: string;
  expected: string;
}

export type FaultRead = { ok: true; window: FaultWindow } | { ok: false; issues: ControlIssue[] };

/**
 * `{ provider?, model?, kind, durationMs?, status?, retryAfterMs?, probability?, factor? }`:
 * a provider, or a model (its provider is the catalog's), or both; durationMs in virtual ms
 * (the schedule's time, like a scenario's faults), absent = until cleared.
 */
export function readFaultRequest(body: unknown, catalog: Catalog, nowMs: number): FaultRead {
  const issues: ControlIssue[] = [];
  if (!isRecord(body)) return { ok: false, issues: [{ path: '(body)', expected: 'a JSON object' }] };
  const kind = body['kind'];
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    issues.push({ path: 'kind', expected: `one of ${FAULT_KINDS.join(', ')}` });
  }
  let provider = typeof body['provider'] === 'string' ? body['provider'] : undefined;
  const model = typeof body['model'] === 'string' ? body['model'] : undefined;
  if (body['provider'] !== undefined && provider === undefined)
    issues.push({ path: 'provider', expected: 'a string' });
  if (body['model'] !== undefined && model === undefined)
    issues.push({ path: 'model', expected: 'a string' });
  if (provider !== undefined && catalog.providers[provider] === undefined) {
    issues.push({
      path: 'provider',
      expected: `a provider of the scenario (${Object.keys(catalog.providers).join(', ')})`,
    });
  }
  if (model !== undefined) {
    const spec = catalog.models.find((candidate) => candidate.id === model);
    if (spec === undefined) issues.push({ path: 'model', expected: 'a model of the scenario' });
    else if (provider === undefined) provider = spec.provider;
    else if (spec.provider !== provider)
      issues.push({ path: 'model', expected: `a model of provider ${provider}` });
  }
  if (provider === undefined && model === undefined) {
    issues.push({ path: 'provider', expected: 'a provider or a model to apply the fault to' });
  }
  const durationMs = optionalNumber(
    body,
    'durationMs',
    issues,
    (value) => value > 0,
    'a positive number of virtual ms',
  );
  const status = optionalNumber(
    body,
    'status',
    issues,
    (value) => Number.isInteger(value) && value >= 500 && value <= 599,
    'an HTTP status from 500 to 599',
  );
  const retryAfterMs = optionalNumber(
    body,
    'retryAfterMs',
    issues,
    (value) => value >= 0,
    'a non-negative number of ms',
  );
  const probability = optionalNumber(
    body,
    'probability',
    issues,
    (value) => value >= 0 && value <= 1,
    'a probability from 0 to 1',
  );
  const factor = optionalNumber(
    body,
    'factor',
    issues,
    (value) => value > 0,
    'a positive latency multiplier',
  );
  for (const key of Object.keys(body)) {
    if (!KNOWN_KEYS.has(key))
      issues.push({ path: key, expected: `no such field (known: ${[...KNOWN_KEYS].join(', ')})` });
  }
  if (issues.length > 0 || provider === undefined) return { ok: false, issues };

  const window: FaultWindow = {
    kind: kind as FaultKind,
    provider,
    startMs: nowMs,
    endMs: durationMs === undefined ? Number.POSITIVE_INFINITY : nowMs + durationMs,
  };
  if (model !== undefined) window.model = model;
  if (window.kind === 'error' || window.kind === 'partial') {
    const wire = catalog.providers[provider]!.wire;
    window.status = status ?? WIRE_FORMAT_FACTS[wire].overloadStatus;
  }
  if (probability !== undefined) window.probability = probability;
  if (factor !== undefined) window.factor = factor;
  if (retryAfterMs !== undefined) window.retryAfterMs = retryAfterMs;
  return { ok: true, window };
}

const KNOWN_KEYS = new Set([
  'provider',
  'model',
  'kind',
  'durationMs',
  'status',
  'retryAfterMs',
  'probability',
  'factor',
]);

function optionalNumber(
  body: Record<string, unknown>,
  key: string,
  issues: ControlIssue[],
  valid: (value: number) => boolean,
  expected: string,
): number | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || !valid(value)) {
    issues.push({ path: key, expected });
    return undefined;
  }
  return value;
}
