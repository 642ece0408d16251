/**
 * What `routesim report` accepts: a results.json of the schema version this routesim writes.
 * Anything else is an InputError naming the file and saying what was expected.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.ts';
import { RESEARCH_NOT_RUN } from '../src/metrics/research-not-run.ts';
import { chartDefinitions } from '../src/report/html/charts/index.ts';
import { buildReportHtml } from '../src/report/html/index.ts';
import { parseResultsDocument } from '../src/report/html/results-document.ts';
import { resultsDocument } from './report-html-fixture.ts';

const FILE = 'runs/x/results.json';

function problem(text: string): string {
  try {
    parseResultsDocument(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).message;
  }
  throw new Error('expected an InputError');
}

describe('parseResultsDocument', () => {
  it('accepts a results document', () => {
    const document = resultsDocument();
    expect(parseResultsDocument(JSON.stringify(document), FILE)).toEqual(document);
  });

  it('rejects text that is not JSON', () => {
    expect(problem('hello')).toMatch(
      /^runs\/x\/results\.json: 1 problem\n {2}✖ expected a results\.json written by routesim simulate, but it is not JSON/,
    );
  });

  it('rejects JSON that is not an object', () => {
    expect(problem('[1,2]')).toContain(
      'expected a results.json object written by routesim simulate, got array',
    );
  });

  it('rejects another schema version, saying which one it reads', () => {
    expect(problem('{"schemaVersion":2}')).toContain(
      'expected schemaVersion 1 (this routesim reads results.json version 1), got 2',
    );
    expect(problem('{"name":"scenario"}')).toContain('got none');
  });

  it('accepts research { notRun, reason } (simulate --no-research) and renders it without research figures', async () => {
    const document = { ...resultsDocument(), research: RESEARCH_NOT_RUN };
    const parsed = parseResultsDocument(JSON.stringify(document), FILE);
    expect(parsed.research).toEqual(RESEARCH_NOT_RUN);
    expect(chartDefinitions(parsed).map((chart) => chart.id)).toEqual([
      'chart-cost-quality',
      'chart-latency',
      'chart-over-time',
      'chart-model-share',
    ]);
    const page = await buildReportHtml(parsed);
    expect(page).toContain('Routing research not run');
    expect(page).not.toContain('id="chart-apgr"');
  });

  it('rejects a research object that is neither figures nor { notRun: true, reason }', () => {
    const notRun = { ...resultsDocument(), research: { notRun: 'yes' } };
    expect(problem(JSON.stringify(notRun))).toContain(
      'expected { notRun: true, reason } for a run without research → at research',
    );
    const empty = { ...resultsDocument(), research: {} };
    expect(problem(JSON.stringify(empty))).toContain('→ at research.knobbed');
  });

  it('lists every missing or mistyped field at once', () => {
    const document: Record<string, unknown> = { ...resultsDocument() };
    delete document['provenance'];
    document['faults'] = 'none';
    document['strategies'] = [{ name: 'ok', series: {} }, { name: 3 }];
    const message = problem(JSON.stringify(document));
    expect(message).toContain('3 problems');
    expect(message).toContain('expected object, got undefined → at provenance');
    expect(message).toContain('expected array, got string → at faults');
    expect(message).toContain('expected a strategy with a name and series → at strategies[1]');
  });

  it('checks the usage totals the cost breakdown reads, when a strategy has them', () => {
    const document = resultsDocument();
    (document.strategies[0] as unknown as Record<string, unknown>)['usage'] = { promptTokens: 1 };
    expect(problem(JSON.stringify(document))).toContain(
      'expected usage totals (promptTokens, cachedTokens, cacheWriteTokens, reasoningTokens, reasoningUsd, cacheSavedUsd, spreadMisses, spreadMissUsd) → at strategies[0].usage',
    );
  });
});
