/**
 * Which source model stands for which catalog model. With `traffic.replay.models` the mapping is
 * the scenario's (a name matches the source's exactly, or ignoring case, or by the part after the
 * last "/": "mixtral-8x7b-instruct-v0.1" finds "mistralai/Mixtral-8x7B-Instruct-v0.1"); without
 * it, source names that are candidate model ids stand for themselves.
 */
import type { InputIssue } from '../../errors.ts';
import type { ReplaySource } from './types.ts';

export interface ResolvedModels {
  /** Source model name → catalog model id. */
  mapping: Map<string, string>;
  issues: InputIssue[];
}

export function resolveModels(
  source: ReplaySource,
  configured: Record<string, string>,
  candidates: readonly string[],
): ResolvedModels {
  const mapping = new Map<string, string>();
  const issues: InputIssue[] = [];
  const entries = Object.entries(configured);
  if (entries.length === 0) {
    for (const name of source.models) if (candidates.includes(name)) mapping.set(name, name);
    return { mapping, issues };
  }
  for (const [written, id] of entries) {
    const name = findModelName(written, source.models);
    if (name === undefined) {
      // A log names only the models that carry labels; a mapped model without any is no error.
      if (source.format === 'openai-log') continue;
      issues.push({
        path: ['traffic', 'replay', 'models', written],
        message: `no model "${written}" in ${source.file}; it has: ${source.models.join(', ')}`,
      });
    } else mapping.set(name, id);
  }
  return { mapping, issues };
}

/** The source name `written` refers to (exact, then ignoring case, then by the part after the last "/"). */
export function findModelName(written: string, names: readonly string[]): string | undefined {
  const lower = written.toLowerCase();
  const tail = (name: string) => name.slice(name.lastIndexOf('/') + 1).toLowerCase();
  return (
    names.find((name) => name === written) ??
    names.find((name) => name.toLowerCase() === lower) ??
    names.find((name) => tail(name) === tail(written))
  );
}
