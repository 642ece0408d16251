/** JSON Lines reading with every problem collected by line (at most MAX_ISSUES listed). */
import type { z } from 'zod';
import type { InputIssue } from '../../errors.ts';

/** At most this many problems are listed; a wrong file would otherwise print one per line. */
export const MAX_ISSUES = 50;

export interface IssueList {
  issues: InputIssue[];
  add(issue: InputIssue): void;
  /** Append "… and N more" when some were left off; returns the list. */
  finish(): InputIssue[];
}

export function issueList(): IssueList {
  const issues: InputIssue[] = [];
  let omitted = 0;
  return {
    issues,
    add(issue) {
      if (issues.length < MAX_ISSUES) issues.push(issue);
      else omitted++;
    },
    finish() {
      if (omitted > 0) {
        issues.push({ path: [], message: `… and ${omitted} more problem${omitted === 1 ? '' : 's'}` });
        omitted = 0;
      }
      return issues;
    },
  };
}

/** Calls `visit` with each non-blank line's JSON value and 1-based line number. */
export function forEachJsonLine(
  text: string,
  issues: IssueList,
  visit: (json: unknown, line: number) => void,
): void {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!;
    if (raw.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      issues.add({
        path: [],
        message: `expected a JSON object: ${(error as Error).message}`,
        line: index + 1,
      });
      continue;
    }
    visit(json, index + 1);
  }
}

/** zod issues of one line, each with its field path and the line. */
export function addZodIssues(zodIssues: readonly z.core.$ZodIssue[], line: number, issues: IssueList): void {
  for (const issue of zodIssues) {
    issues.add({
      path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
      message: issue.message,
      line,
    });
  }
}
