import { escapeControl } from './control-characters.ts';

/**
 * One base error with a stable code; the CLI maps codes to exit statuses and never
 * prints a stack trace for a user error.
 */

export const ExitCode = {
  ok: 0,
  runtime: 1,
  input: 2,
  threshold: 99,
} as const;

export type RoutesimErrorCode = 'input' | 'usage' | 'threshold' | 'runtime';

export class RoutesimError extends Error {
  readonly code: RoutesimErrorCode;
  constructor(code: RoutesimErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RoutesimError';
    this.code = code;
  }

  get exitCode(): number {
    return this.code === 'threshold'
      ? ExitCode.threshold
      : this.code === 'runtime'
        ? ExitCode.runtime
        : ExitCode.input;
  }
}

/** One problem in an input file. */
export interface InputIssue {
  /** Path inside the document, e.g. ["traffic", "arrival", "stages", 2, "duration"]. */
  path: (string | number)[];
  /** What was expected, e.g. 'expected a duration like "30s"'. */
  message: string;
  /** 1-based line in the file, when known. */
  line?: number;
  column?: number;
}

/** Invalid input: carries every problem found in one file, rendered together. */
export class InputError extends RoutesimError {
  readonly file: string;
  readonly issues: InputIssue[];
  constructor(file: string, issues: InputIssue[], options?: { cause?: unknown }) {
    super('input', formatIssues(file, issues), options);
    this.name = 'InputError';
    this.file = file;
    this.issues = issues;
  }
}

/**
 * Bad command-line usage (unknown flag, missing argument). Each problem is one line, escaped
 * (it quotes what the user typed); several problems print one per line.
 */
export class UsageError extends RoutesimError {
  constructor(problems: string | readonly string[]) {
    super('usage', (typeof problems === 'string' ? [problems] : problems).map(escapeControl).join('\n'));
    this.name = 'UsageError';
  }
}

/** "traffic.arrival.stages[2].duration" */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out === '' ? '(root)' : escapeControl(out);
}

/**
 * One line per issue. Messages quote what the file says (names, values), so each is escaped
 * whole (control-characters.ts): a value holding a newline cannot start a line of its own.
 */
export function formatIssues(file: string, issues: readonly InputIssue[]): string {
  const shownFile = escapeControl(file);
  const header = `${shownFile}: ${issues.length} problem${issues.length === 1 ? '' : 's'}`;
  const lines = issues.map((issue) => {
    const where =
      issue.line === undefined
        ? shownFile
        : `${shownFile}:${issue.line}${issue.column === undefined ? '' : `:${issue.column}`}`;
    return `  ✖ ${escapeControl(issue.message)} → at ${formatPath(issue.path)} (${where})`;
  });
  return [header, ...lines].join('\n');
}

/**
 * A user's router module did something a run cannot contain as a failed request: ended its
 * thread (process.exit), left a promise rejection unhandled, held the thread past its budget.
 * Names the strategy; a runtime failure (exit 1), never a Node crash or a silent exit 0.
 */
export class UserCodeError extends RoutesimError {
  readonly strategy: string | undefined;
  constructor(strategy: string | undefined, what: string) {
    super('runtime', `${strategy === undefined ? 'a router module' : `strategy "${strategy}"`} ${what}`);
    this.name = 'UserCodeError';
    this.strategy = strategy;
  }
}
