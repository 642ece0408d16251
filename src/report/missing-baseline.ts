/**
 * What `routesim compare` says when the baseline run does not exist yet — a repository's first
 * pull request, before a baseline is committed. With --allow-missing-baseline that is a pass
 * (exit 0) that says so in every format; without, the same words are an input error (exit 2).
 */
import { renderJUnit } from './junit.ts';

/** The sentence both cases share: what is missing and how to make it. */
export function missingBaselineMessage(baselineDir: string, runDir: string): string {
  return (
    `no baseline yet: ${baselineDir} holds no run (no results.json), so there is nothing to compare ${runDir} with. ` +
    `Make one from the default branch and commit it: npx routesim simulate <scenario> --out ${baselineDir} ` +
    '(compare reads its results.json and columns.bin)'
  );
}

export function renderMissingBaseline(format: 'text' | 'markdown' | 'junit', message: string): string {
  if (format === 'markdown') {
    return `### routesim compare\n\n**No baseline yet** — nothing was compared; this check passes until one is committed.\n\n${message}.\n`;
  }
  if (format === 'junit') {
    return renderJUnit('routesim compare', [
      {
        name: 'baseline',
        cases: [{ name: 'baseline run present', classname: 'routesim.compare', skipped: message }],
      },
    ]);
  }
  return `routesim compare: ${message}.\n(--allow-missing-baseline: passing without a comparison)\n`;
}
