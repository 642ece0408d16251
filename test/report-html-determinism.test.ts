/**
 * The same results give the same bytes: rendering twice, after a JSON round trip, and under a
 * different wall clock all produce an identical report.html (no timestamps, no random ids).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildReportHtml } from '../src/report/html/index.ts';
import { CONTENT_SECURITY_POLICY } from '../src/report/html/page.ts';
import { resultsDocument } from './report-html-fixture.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('report.html determinism', () => {
  it('renders byte-identical pages from equal documents, whatever the clock says', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2001-02-03T04:05:06Z') });
    const first = await buildReportHtml(resultsDocument());
    vi.setSystemTime(new Date('2031-12-30T23:59:59Z'));
    const second = await buildReportHtml(JSON.parse(JSON.stringify(resultsDocument())));
    expect(second).toBe(first);
    expect(first).not.toMatch(/2001|2031/);
  });

  it('changes when the results change (the page is built from them)', async () => {
    const changed = resultsDocument({ name: 'Another run' });
    expect(await buildReportHtml(changed)).not.toBe(await buildReportHtml(resultsDocument()));
  });

  it('allows no network and only its own inline script', () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none'; /);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'$/);
  });
});

describe('chart rendering', () => {
  it('renders every chart of a report without a vega or vega-lite warning', async () => {
    const { chartDefinitions } = await import('../src/report/html/charts/index.ts');
    const { renderSvg } = await import('../src/report/html/charts/render.ts');
    const definitions = chartDefinitions(resultsDocument());
    expect(definitions.map((definition) => definition.id)).toEqual([
      'chart-cost-quality',
      'chart-latency',
      'chart-over-time',
      'chart-model-share',
      'chart-apgr',
    ]);
    for (const definition of definitions) {
      const { svg, warnings } = await renderSvg(definition.spec);
      expect(warnings, definition.id).toEqual([]);
      expect(svg, definition.id).toMatch(/role-mark/);
    }
  });
});
