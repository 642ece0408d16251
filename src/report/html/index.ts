/**
 * report.html: one self-contained page built only from results.json, so `routesim report
 * <results.json>` rebuilds the file `simulate` wrote, byte for byte. The reporter serialises the
 * run exactly as results-json.ts does and parses it back, so both paths read the same document.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../errors.ts';
import type { Reporter } from '../../run/reporter.ts';
import { writeFileAtomic } from '../atomic-write.ts';
import { stableJson } from '../precision.ts';
import { buildResults } from '../results-json.ts';
import { chartDefinitions } from './charts/index.ts';
import { renderSvg } from './charts/render.ts';
import { renderPage } from './page.ts';
import { parseResultsDocument, type ResultsDocument } from './results-document.ts';

export const REPORT_FILE = 'report.html';

/** The report for a parsed results document. Same document → same string. */
export async function buildReportHtml(results: ResultsDocument): Promise<string> {
  const charts = [];
  // Sequential on purpose: vega views are cheap, and the order of the output must not vary.
  for (const definition of chartDefinitions(results)) {
    charts.push({ definition, svg: (await renderSvg(definition.spec)).svg });
  }
  return renderPage(results, charts);
}

/** Read, check and render a results.json; bad input is an InputError naming the file (exit 2). */
export async function reportFromResultsFile(path: string): Promise<string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new InputError(path, [{ path: [], message: `cannot read the results file: ${reason}` }], {
      cause: error,
    });
  }
  return buildReportHtml(parseResultsDocument(text, path));
}

/** Writes report.html beside results.json at the end of a run (before results.json, which comes last). */
export function htmlReporter(outDir: string, scenarioDir: string, decisionsFile: string | null): Reporter {
  return {
    async onRunEnd(end) {
      const text = stableJson(buildResults(end, scenarioDir, decisionsFile));
      const results = parseResultsDocument(text, join(outDir, 'results.json'));
      writeFileAtomic(join(outDir, REPORT_FILE), await buildReportHtml(results));
    },
  };
}

export { parseResultsDocument, type ResultsDocument } from './results-document.ts';
export { executiveSummary } from './summary.ts';
