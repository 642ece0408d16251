/**
 * Compiles template segments (template-types.ts) into closures once, so rendering a request is
 * a walk over closures rather than string parsing. Text leans on difficulty only through noisy
 * readings ρ·s + √(1 − ρ²)·ε of the standardised difficulty s = (b − μ_d)/σ_d.
 */
import type { InputIssue } from '../errors.ts';
import { builtinFill, type Fill, type FillContext } from './fills.ts';

export interface RenderContext extends FillContext {
  /** Standardised difficulty (b − μ_d)/σ_d of the request. */
  standardized: number;
  /** Correlation ρ of each noisy reading with the standardised difficulty. */
  signal: number;
}

export type Render = (context: RenderContext) => string;

/** Terciles of N(0, 1): a noisy reading picks easy / medium / hard with equal odds on average. */
const TERCILE = 0.4307;
/** A reading above this adds a specialist constraint (≈ 23 % at s = 0, ρ = 0.6). */
const EXTRA_THRESHOLD = 0.6;

/** A noisy reading of the difficulty: standard normal, correlation ρ with s. */
export function noisyReading(context: RenderContext): number {
  const rho = context.signal;
  return rho * context.standardized + Math.sqrt(1 - rho * rho) * context.random.normal();
}

export interface CompileScope {
  /** Word lists by name (template file first, then shared). */
  vocab: (name: string) => readonly string[] | undefined;
  issues: InputIssue[];
}

export function compileSegment(segment: unknown, path: (string | number)[], scope: CompileScope): Render {
  if (typeof segment === 'string') return compileText(segment, path, scope);
  if (Array.isArray(segment)) {
    const parts = segment.map((part, index) => compileSegment(part, [...path, index], scope));
    return (context) => joinParts(parts, context);
  }
  if (segment !== null && typeof segment === 'object') {
    const object = segment as Record<string, unknown>;
    if ('pick' in object) {
      const options = compileList(object['pick'], [...path, 'pick'], scope);
      return (context) => options[Math.floor(context.random.next() * options.length)]!(context);
    }
    if ('level' in object) return compileLevel(object['level'], [...path, 'level'], scope);
    if ('hard' in object || 'easy' in object) {
      const hard = 'hard' in object;
      const key = hard ? 'hard' : 'easy';
      const options = compileList(object[key], [...path, key], scope);
      const max = object['max'] ?? options.length;
      if (typeof max !== 'number' || max < 1)
        scope.issues.push({ path: [...path, 'max'], message: 'expected ≥ 1' });
      const limit = typeof max === 'number' ? max : options.length;
      return (context) => {
        const chosen: Render[] = [];
        for (const option of options) {
          const reading = noisyReading(context);
          if (chosen.length < limit && (hard ? reading > EXTRA_THRESHOLD : reading < -EXTRA_THRESHOLD)) {
            chosen.push(option);
          }
        }
        return joinParts(chosen, context);
      };
    }
    if ('maybe' in object) {
      const inner = compileSegment(object['maybe'], [...path, 'maybe'], scope);
      const probability = object['p'];
      if (typeof probability !== 'number' || probability < 0 || probability > 1) {
        scope.issues.push({ path: [...path, 'p'], message: 'expected a probability in [0, 1]' });
      }
      const p = typeof probability === 'number' ? probability : 0;
      return (context) => (context.random.next() < p ? inner(context) : '');
    }
  }
  scope.issues.push({
    path,
    message: 'expected a string, an array, or an object with pick / level / hard / easy / maybe',
  });
  return () => '';
}

function compileList(value: unknown, path: (string | number)[], scope: CompileScope): Render[] {
  if (!Array.isArray(value) || value.length === 0) {
    scope.issues.push({ path, message: 'expected a non-empty array of segments' });
    return [() => ''];
  }
  return value.map((item, index) => compileSegment(item, [...path, index], scope));
}

function compileLevel(value: unknown, path: (string | number)[], scope: CompileScope): Render {
  const levels = (value ?? {}) as Record<string, unknown>;
  const easy = compileList(levels['easy'], [...path, 'easy'], scope);
  const hard = compileList(levels['hard'], [...path, 'hard'], scope);
  const medium =
    levels['medium'] === undefined ? undefined : compileList(levels['medium'], [...path, 'medium'], scope);
  const cut = medium === undefined ? 0 : TERCILE;
  return (context) => {
    const reading = noisyReading(context);
    const options = reading > cut ? hard : reading < -cut ? easy : (medium ?? hard);
    return options[Math.floor(context.random.next() * options.length)]!(context);
  };
}

const PLACEHOLDER = /\{([^{}]+)\}/g;

/** A string with `{placeholders}`: vocab names, built-ins, or inline `{a|b|c}` alternatives. */
export function compileText(text: string, path: (string | number)[], scope: CompileScope): Render {
  const parts: (string | Fill)[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(compilePlaceholder(match[1]!, path, scope));
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  if (parts.length === 1 && typeof parts[0] === 'string') {
    const constant = parts[0];
    return () => constant;
  }
  return (context) => {
    let out = '';
    for (const part of parts) out += typeof part === 'string' ? part : part(context);
    return out;
  };
}

function compilePlaceholder(expression: string, path: (string | number)[], scope: CompileScope): Fill {
  if (expression.includes('|')) {
    const options = expression.split('|');
    return ({ random }) => random.pick(options);
  }
  const list = scope.vocab(expression);
  if (list !== undefined) {
    if (list.length === 0) scope.issues.push({ path, message: `vocab "${expression}" is empty` });
    return ({ random }) => random.pick(list);
  }
  const builtin = builtinFill(expression);
  if (builtin !== undefined) return builtin;
  scope.issues.push({
    path,
    message: `unknown placeholder {${expression}}: not in vocab and not a built-in`,
  });
  return () => '';
}

/** Join rendered parts with single spaces; no space before punctuation or around newlines. */
function joinParts(parts: readonly Render[], context: RenderContext): string {
  let out = '';
  for (const part of parts) {
    const text = part(context);
    if (text === '') continue;
    if (out === '' || out.endsWith('\n') || text.startsWith('\n') || /^[,.;:?!)]/.test(text)) out += text;
    else out += ` ${text}`;
  }
  return out;
}
