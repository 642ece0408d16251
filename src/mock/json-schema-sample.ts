/**
 * A value that matches a JSON Schema, drawn from keyed uniforms: what a simulated model puts in
 * a tool call's arguments or a structured-output answer. Deterministic per key (a response id),
 * no global randomness.
 *
 * Covered (the subset tools and structured outputs use in practice): `type` (one or a list;
 * `null` only when nothing else is allowed), `const`, `enum`, `properties` + `required` (every
 * required property, each optional one with probability 1/2; `additionalProperties` adds
 * nothing), `items` / `prefixItems` with `minItems` / `maxItems`, `minimum` / `maximum` (and the
 * exclusive forms, `multipleOf` for integers), `minLength` / `maxLength`, the string formats
 * date-time, date, time, email, uri and uuid, `anyOf` / `oneOf` (one branch), `allOf` (merged),
 * and local `$ref`s (`#/$defs/…`, `#/definitions/…`). Not covered: `pattern`, `not`,
 * `if`/`then`, `dependentRequired` — a value is drawn without them (an assumption the
 * docs state: such a schema can get arguments that break those keywords).
 */
import { hashKey } from '../contracts/index.ts';

/** Nesting depth past which a recursive schema ($ref to itself) stops at its shortest value. */
const MAX_DEPTH = 6;

const WORDS = ['alpha', 'delta', 'harbor', 'lumen', 'orbit', 'quartz', 'sierra', 'tango', 'vector', 'willow'];

type Schema = Record<string, unknown>;

/** Keyed uniforms in [0, 1): the n-th draw of `key`. */
export function keyedUniforms(key: number): () => number {
  let next = 0;
  return () => hashKey(key, 0x5c4e_3a11, next++) / 4294967296;
}

/** A value matching `schema` (a JSON Schema object; `true` or `{}` allow anything: a string). */
export function sampleJson(schema: unknown, uniform: () => number): unknown {
  const root = asSchema(schema);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(uniform() * items.length)]!;

  function sample(node: Schema, depth: number): unknown {
    const resolved = resolve(node, root);
    if ('const' in resolved) return resolved['const'];
    if (Array.isArray(resolved['enum']) && resolved['enum'].length > 0) return pick(resolved['enum']);
    const branches = (resolved['anyOf'] ?? resolved['oneOf']) as unknown;
    if (Array.isArray(branches) && branches.length > 0) {
      // Deep in a recursive schema, take the first branch that is not an object or array.
      const options = branches.map(asSchema);
      const shallow = options.filter((option) => !isContainer(resolve(option, root)));
      return sample(depth >= MAX_DEPTH && shallow.length > 0 ? shallow[0]! : pick(options), depth + 1);
    }
    if (Array.isArray(resolved['allOf'])) return sample(mergeAll(resolved, root), depth + 1);
    switch (typeOf(resolved, depth)) {
      case 'object':
        return objectValue(resolved, depth);
      case 'array':
        return arrayValue(resolved, depth);
      case 'integer':
        return integerValue(resolved);
      case 'number':
        return numberValue(resolved);
      case 'boolean':
        return uniform() < 0.5;
      case 'null':
        return null;
      default:
        return stringValue(resolved);
    }
  }

  function objectValue(node: Schema, depth: number): Record<string, unknown> {
    const properties = asRecord(node['properties']);
    const required = new Set(Array.isArray(node['required']) ? node['required'].map(String) : []);
    const value: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(properties)) {
      const include = required.has(name) || (depth < MAX_DEPTH && uniform() < 0.5);
      if (include) value[name] = sample(asSchema(property), depth + 1);
    }
    return value;
  }

  function arrayValue(node: Schema, depth: number): unknown[] {
    const prefix = Array.isArray(node['prefixItems']) ? node['prefixItems'].map(asSchema) : [];
    const min = Math.max(integerOr(node['minItems'], 0), depth >= MAX_DEPTH ? 0 : prefix.length);
    const max = Math.max(min, Math.min(integerOr(node['maxItems'], min + 2), min + 2));
    const length = depth >= MAX_DEPTH ? min : min + Math.floor(uniform() * (max - min + 1));
    const items = node['items'] === undefined || node['items'] === false ? {} : asSchema(node['items']);
    return Array.from({ length }, (_, index) => sample(prefix[index] ?? items, depth + 1));
  }

  function integerValue(node: Schema): number {
    let low = Math.ceil(numberOr(node['minimum'], Number.NEGATIVE_INFINITY));
    let high = Math.floor(numberOr(node['maximum'], Number.POSITIVE_INFINITY));
    if (typeof node['exclusiveMinimum'] === 'number')
      low = Math.max(low, Math.floor(node['exclusiveMinimum']) + 1);
    if (typeof node['exclusiveMaximum'] === 'number')
      high = Math.min(high, Math.ceil(node['exclusiveMaximum']) - 1);
    if (!Number.isFinite(low)) low = Number.isFinite(high) ? high - 100 : 0;
    if (!Number.isFinite(high)) high = low + 100;
    const step =
      typeof node['multipleOf'] === 'number' && Number.isInteger(node['multipleOf']) ? node['multipleOf'] : 1;
    const first = Math.ceil(low / step) * step;
    const count = Math.max(1, Math.floor((high - first) / step) + 1);
    return first + step * Math.floor(uniform() * count);
  }

  function numberValue(node: Schema): number {
    const low = numberOr(node['minimum'], numberOr(node['exclusiveMinimum'], 0));
    const high = numberOr(node['maximum'], numberOr(node['exclusiveMaximum'], low + 100));
    // Two decimals, strictly inside an exclusive bound.
    const value = Math.round((low + (high - low) * (0.05 + 0.9 * uniform())) * 100) / 100;
    return Math.min(Math.max(value, low), high);
  }

  function stringValue(node: Schema): string {
    const minLength = integerOr(node['minLength'], 0);
    const maxLength = integerOr(node['maxLength'], Number.POSITIVE_INFINITY);
    const draw = Math.floor(uniform() * 4294967296);
    let text: string;
    switch (node['format']) {
      case 'date-time':
        return new Date(Date.UTC(2025, 0, 1) + (draw % 31_536_000) * 1000).toISOString();
      case 'date':
        return new Date(Date.UTC(2025, 0, 1) + (draw % 365) * 86_400_000).toISOString().slice(0, 10);
      case 'time':
        return new Date((draw % 86_400) * 1000).toISOString().slice(11, 19);
      case 'email':
        text = `${pick(WORDS)}@example.com`;
        break;
      case 'uri':
        text = `https://example.com/${pick(WORDS)}`;
        break;
      case 'uuid': {
        const hex = [0, 1, 2, 3].map((index) => hashKey(draw, index).toString(16).padStart(8, '0')).join('');
        return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
      }
      default:
        text = `${pick(WORDS)} ${pick(WORDS)}`;
    }
    while (text.length < minLength) text += ` ${pick(WORDS)}`;
    return text.length > maxLength ? text.slice(0, Math.max(maxLength, minLength)) : text;
  }

  return sample(root, 0);
}

function typeOf(node: Schema, depth: number): string {
  const type = node['type'];
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) {
    const types = type.map(String);
    // Deep down, prefer a leaf type so a recursive schema ends.
    const nonNull = types.filter((name) => name !== 'null');
    const leaf = nonNull.find((name) => name !== 'object' && name !== 'array');
    return (depth >= MAX_DEPTH ? (leaf ?? nonNull[0]) : nonNull[0]) ?? 'null';
  }
  if (node['properties'] !== undefined) return 'object';
  if (node['items'] !== undefined || node['prefixItems'] !== undefined) return 'array';
  return 'string';
}

function isContainer(node: Schema): boolean {
  const type = typeOf(node, 0);
  return type === 'object' || type === 'array' || node['$ref'] !== undefined;
}

/** Follow local `$ref`s (`#/$defs/Name`, `#/definitions/Name`, `#`) to the schema they name. */
function resolve(node: Schema, root: Schema): Schema {
  let current = node;
  for (let hops = 0; hops < 16 && typeof current['$ref'] === 'string'; hops++) {
    const path = current['$ref'].replace(/^#\/?/, '');
    let target: unknown = root;
    for (const part of path === '' ? [] : path.split('/')) {
      target = asRecord(target)[part.replaceAll('~1', '/').replaceAll('~0', '~')];
    }
    const { $ref: _ref, ...siblings } = current;
    current = { ...asSchema(target), ...siblings };
  }
  return current;
}

/** `allOf` as one schema: properties and required lists merged, the rest from the last branch. */
function mergeAll(node: Schema, root: Schema): Schema {
  const { allOf, ...rest } = node;
  const branches = (allOf as unknown[]).map((branch) => resolve(asSchema(branch), root));
  const merged: Schema = { ...rest };
  for (const branch of branches) {
    const properties = { ...asRecord(merged['properties']), ...asRecord(branch['properties']) };
    const required = [
      ...(Array.isArray(merged['required']) ? merged['required'] : []),
      ...(Array.isArray(branch['required']) ? branch['required'] : []),
    ];
    Object.assign(merged, branch, { properties, required });
  }
  return merged;
}

function asSchema(value: unknown): Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Schema) : {};
}

function asRecord(value: unknown): Record<string, unknown> {
  return asSchema(value);
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function integerOr(value: unknown, fallback: number): number {
  return Number.isInteger(value) ? (value as number) : fallback;
}
