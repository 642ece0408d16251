/**
 * zod issues → InputIssues: a message that says what was expected (and what was found),
 * the path, and the line:column of that path in the file.
 */
import type { z } from 'zod';
import type { InputIssue } from '../errors.ts';
import { describeValue } from './durations.ts';
import { foreignFieldHint } from './foreign-fields.ts';
import { closest } from './suggest.ts';
import type { DocumentPath, SourcePosition } from './yaml-source.ts';

export type Locate = (path: DocumentPath, options?: { key?: boolean }) => SourcePosition | undefined;

/** Attach line:column to an issue found at `path`. */
export function issueAt(
  locate: Locate,
  path: DocumentPath,
  message: string,
  options: { key?: boolean } = {},
): InputIssue {
  const position = locate(path, options);
  const issue: InputIssue = { path: [...path], message };
  if (position !== undefined) {
    issue.line = position.line;
    issue.column = position.column;
  }
  return issue;
}

/**
 * Messages written in the schema (durations, strategies) already start with "expected";
 * zod's defaults ("Invalid input: …") are rephrased here.
 */
export function fromZodIssues(
  issues: readonly z.core.$ZodIssue[],
  locate: Locate,
  prefix: DocumentPath,
  knownKeys: (path: DocumentPath) => string[],
): InputIssue[] {
  const out: InputIssue[] = [];
  for (const issue of issues) {
    const path: (string | number)[] = [...prefix, ...issue.path.map(pathPart)];
    if (issue.code === 'unrecognized_keys') {
      const allowed = knownKeys(path);
      for (const key of issue.keys) {
        const suggestion = closest(key, allowed);
        // Another tool's name (Artillery's phases…) points at routesim's field, not a spelling.
        const hint =
          foreignFieldHint(key) ?? (suggestion === undefined ? '' : ` — did you mean "${suggestion}"?`);
        out.push(
          issueAt(
            locate,
            [...path, key],
            `unknown field "${key}"${hint}; expected one of: ${allowed.join(', ')}`,
            {
              key: true,
            },
          ),
        );
      }
      continue;
    }
    const inner = issue.code === 'invalid_union' ? matchedBranch(issue.errors) : undefined;
    if (inner !== undefined) {
      out.push(...fromZodIssues(inner, locate, path, knownKeys));
      continue;
    }
    out.push(issueAt(locate, path, messageOf(issue)));
  }
  return out;
}

/**
 * The one branch of a union whose shape the value has (every problem lies inside the value, e.g.
 * an object with a bad field): its problems say more than "one of the allowed shapes".
 */
function matchedBranch(branches: readonly (readonly z.core.$ZodIssue[])[]): z.core.$ZodIssue[] | undefined {
  const inside = branches.filter(
    (issues) => issues.length > 0 && issues.every((issue) => issue.path.length > 0),
  );
  return inside.length === 1 ? [...inside[0]!] : undefined;
}

function pathPart(part: PropertyKey): string | number {
  return typeof part === 'number' ? part : String(part);
}

/**
 * One zod issue as "expected …, got …" (the house style), for schemas outside the scenario's
 * own too (strategy options). Pass `reportInput: true` to safeParse so "got" can say what.
 */
export function messageOf(issue: z.core.$ZodIssue): string {
  const last = issue.path[issue.path.length - 1];
  if (issue.input === undefined && typeof last === 'string' && issue.code !== 'custom') {
    const expected = issue.message.startsWith('expected ')
      ? issue.message.replace(/^expected /, '').replace(/, got nothing$/, '')
      : issue.code === 'invalid_type'
        ? article(issue.expected)
        : undefined;
    if (expected !== undefined) return `missing required field "${last}" (expected ${expected})`;
  }
  if (issue.message.startsWith('expected ')) return issue.message;
  const got = describeValue(issue.input);
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${article(issue.expected)}, got ${got}`;
    case 'invalid_value': {
      const options = issue.values.map((value) => JSON.stringify(value));
      const suggestion =
        typeof issue.input === 'string'
          ? closest(
              issue.input,
              issue.values.map((value) => String(value)),
            )
          : undefined;
      const hint = suggestion === undefined ? '' : ` — did you mean "${suggestion}"?`;
      return options.length === 1
        ? `expected ${options[0]}, got ${got}`
        : `expected one of ${options.join(', ')}, got ${got}${hint}`;
    }
    case 'too_small':
      if (issue.origin === 'array')
        return `expected at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`;
      if (issue.origin === 'string') return 'expected a non-empty string';
      return `expected a number ${issue.inclusive === false ? '>' : '≥'} ${issue.minimum}, got ${got}`;
    case 'too_big':
      if (issue.origin === 'array') return `expected at most ${issue.maximum} items`;
      return `expected a number ${issue.inclusive === false ? '<' : '≤'} ${issue.maximum}, got ${got}`;
    case 'invalid_union':
      return `expected one of the allowed shapes, got ${got}`;
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  if (expected === 'int') return 'a whole number';
  if (expected === 'array') return 'a list';
  if (expected === 'object' || expected === 'record') return 'an object (key: value)';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
