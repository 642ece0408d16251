/**
 * Parse scenario text (YAML, or JSON — JSON is YAML 1.2) keeping the node ranges, so every
 * problem found later by path can be reported at its line:column in the file.
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

export function parseSource(text: string): ParsedSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      issues: document.errors.map((error) => {
        const position = lineCounter.linePos(error.pos[0]);
        return {
          path: [],
          // The first line of the parser's message; the excerpt it would add is noise next to line:column.
          message: `YAML syntax: ${firstLine(error.message)}`,
          line: position.line,
          column: position.col,
        };
      }),
    };
  }
  const toPosition = (offset: number): SourcePosition => {
    const position = lineCounter.linePos(offset);
    return { line: position.line, column: position.col };
  };
  return {
    ok: true,
    data: document.toJS({ maxAliasCount: 100 }),
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
