/**
 * Parse scenario text (YAML, or JSON — JSON is YAML 1.2) keeping the node ranges, so every
 * problem found later by path can be reported at its line:column in the file. A `.json` file is
 * first checked by the JSON parser, so a truncated JSON file reads as JSON syntax, not as a YAML
 * flow map. Resource limits are input errors: aliases expand at most MAX_ALIAS_COUNT times (a
 * "billion laughs" file), an alias must name an anchor, and nesting stops at MAX_NESTING levels
 * (deeper data would exhaust the stack of every recursive step after parsing).
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { InputIssue } from '../errors.ts';

export type DocumentPath = readonly (string | number)[];

export interface SourcePosition {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export type ParsedSource =
  | {
      ok: true;
      data: unknown;
      /**
       * Position of the node at `path`, or of its nearest existing ancestor when the path does
       * not exist (a missing field is reported at the object that lacks it). With `key: true`,
       * a map entry is located at its key rather than its value (for unknown fields).
       */
      locate(path: DocumentPath, options?: { key?: boolean }): SourcePosition | undefined;
    }
  | { ok: false; issues: InputIssue[] };

/** Alias expansions allowed in one file; a scenario needs a handful, an alias bomb millions. */
export const MAX_ALIAS_COUNT = 100;

/** Levels of nesting allowed; the deepest shipped scenario uses 6. */
export const MAX_NESTING = 64;

export type SourceFormat = 'yaml' | 'json';

/** `.json` files are JSON; everything else is YAML. */
export function formatOfFile(file: string): SourceFormat {
  return /\.json$/i.test(file) ? 'json' : 'yaml';
}

export function parseSource(text: string, format: SourceFormat = 'yaml'): ParsedSource {
  const lineCounter = new LineCounter();
  if (format === 'json') {
    const jsonIssue = jsonSyntaxIssue(text);
    if (jsonIssue !== undefined) return { ok: false, issues: [jsonIssue] };
  }
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toPosition = (offset: number): SourcePosition => {
    const position = lineCounter.linePos(offset);
    return { line: position.line, column: position.col };
  };
  const syntax = format === 'json' ? 'JSON' : 'YAML';
  if (document.errors.length > 0) {
    return {
      ok: false,
      issues: document.errors.map((error) => ({
        path: [],
        message: isStackOverflow(error.message)
          ? tooDeepMessage()
          : // The first line of the parser's message; the excerpt it would add is noise next to line:column.
            `${syntax} syntax: ${firstLine(error.message)}`,
        ...toPosition(error.pos[0]),
      })),
    };
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml throws ReferenceError for an alias bomb or an alias without its anchor, RangeError
    // when the stack runs out; each is a property of the file, not a bug.
    if (!(error instanceof ReferenceError || error instanceof RangeError)) throw error;
    return { ok: false, issues: [aliasIssue(error, text, toPosition)] };
  }
  if (nestingDepth(data) > MAX_NESTING) {
    return { ok: false, issues: [{ path: [], message: tooDeepMessage() }] };
  }
  return {
    ok: true,
    data,
    locate(path, options = {}) {
      let node: unknown = document.contents;
      let located = rangeStart(node);
      for (const [position, part] of path.entries()) {
        const isLast = position === path.length - 1;
        if (isMap(node)) {
          const pair = node.items.find((item) => isPair(item) && keyOf(item.key) === String(part));
          if (pair === undefined) break;
          const keyStart = rangeStart(pair.key);
          if (isLast && options.key === true && keyStart !== undefined) return toPosition(keyStart);
          node = pair.value;
          located = rangeStart(node) ?? keyStart ?? located;
        } else if (isSeq(node) && typeof part === 'number') {
          const item = node.items[part];
          if (item === undefined) break;
          node = item;
          located = rangeStart(node) ?? located;
        } else {
          break;
        }
      }
      return located === undefined ? undefined : toPosition(located);
    },
  };
}

/** JSON.parse's verdict with a line:column (Node gives a character position, or none at the end). */
function jsonSyntaxIssue(text: string): InputIssue | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    if (isStackOverflow(error.message)) return { path: [], message: tooDeepMessage() };
    const match = /at position (\d+)/.exec(error.message);
    const offset = match === null ? text.length : Number(match[1]);
    const before = text.slice(0, offset).split('\n');
    const message = firstLine(error.message).replace(/ \(line \d+ column \d+\)$/, '');
    const endsEarly = match === null || /unterminated|end of json/i.test(message);
    return {
      path: [],
      message: `JSON syntax: ${message}${endsEarly ? ' (the file ends early: is it truncated?)' : ''}`,
      line: before.length,
      column: (before[before.length - 1]?.length ?? 0) + 1,
    };
  }
}

function aliasIssue(
  error: ReferenceError | RangeError,
  text: string,
  toPosition: (offset: number) => SourcePosition,
): InputIssue {
  if (error instanceof RangeError) return { path: [], message: tooDeepMessage() };
  const unresolved = /Unresolved alias[^:]*: (.+)$/.exec(error.message);
  if (unresolved !== null) {
    const name = unresolved[1] ?? '';
    const offset = text.indexOf(`*${name}`);
    return {
      path: [],
      message: `YAML alias *${name} names no anchor (&${name} must come before it)`,
      ...(offset < 0 ? {} : toPosition(offset)),
    };
  }
  if (/alias count/i.test(error.message)) {
    return {
      path: [],
      message: `YAML aliases expand more than ${MAX_ALIAS_COUNT} times (an alias bomb?); write the values out or use fewer aliases`,
    };
  }
  return { path: [], message: `YAML alias: ${firstLine(error.message)}` };
}

function isStackOverflow(message: string): boolean {
  return /maximum call stack/i.test(message);
}

function tooDeepMessage(): string {
  return `nested more than ${MAX_NESTING} levels deep; a scenario needs far fewer (the shipped ones use 5 at most)`;
}

/** Deepest nesting of objects and lists, walked without recursion (the data may be very deep). */
function nestingDepth(data: unknown): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[data, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [value, depth] = next;
    if (value === null || typeof value !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_NESTING) return deepest;
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  return deepest;
}

function keyOf(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range === undefined || range === null ? undefined : range[0];
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
