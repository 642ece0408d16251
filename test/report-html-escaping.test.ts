/**
 * Everything from input renders as text: a scenario, strategy, tier and model named like markup
 * stays text in the page, in the SVG charts and in the embedded vega-lite JSON (where `</script>`
 * and `<!--` must not appear).
 */
import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript } from '../src/report/html/escape.ts';
import { buildReportHtml } from '../src/report/html/index.ts';
import { resultsDocument, strategy } from './report-html-fixture.ts';

const SCENARIO = '<script>alert(1)</script>';
const STRATEGY = '<img src=x onerror=alert(2)>';
const TIER = '"><svg onload=alert(3)>';
const MODEL = '</script><!--m';

describe('escapeHtml and jsonForScript', () => {
  it('escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('keeps </script> and <!-- out of embedded JSON and round-trips the value', () => {
    const value = { name: '</script><!-- & \u2028' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/<\/script|<!--|[<>&\u2028]/i);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('report.html with hostile names', async () => {
  const results = resultsDocument({ name: SCENARIO, tier: TIER, model: MODEL });
  results.strategies.push(
    strategy({ name: STRATEGY, perRequestUsd: 0.002, quality: 0.8, p95: 3000, models: { [MODEL]: 1 } }),
  );
  results.scenario.strategies.push({ name: STRATEGY, options: { label: SCENARIO } });
  const page = await buildReportHtml(results);

  it('never emits the raw markup', () => {
    for (const raw of [SCENARIO, STRATEGY, '<svg onload', MODEL, '<!--']) expect(page).not.toContain(raw);
  });

  it('shows the names as text', () => {
    expect(page).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt; — routesim report</title>');
    expect(page).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(page).toContain('&quot;&gt;&lt;svg onload=alert(3)&gt; 100%');
  });

  it('has exactly one executable script, and JSON data blocks that cannot end early', () => {
    const openings = page.match(/<script[^>]*>/g) ?? [];
    const dataBlocks = openings.filter(
      (tag) => tag === '<script type="application/json" class="vega-lite-spec">',
    );
    expect(openings.length - dataBlocks.length).toBe(1);
    expect(openings).toContain('<script>');
    expect(dataBlocks.length).toBe(5);
    expect((page.match(/<\/script>/g) ?? []).length).toBe(openings.length);
    const blocks = [
      ...page.matchAll(/<script type="application\/json" class="vega-lite-spec">([\s\S]*?)<\/script>/g),
    ];
    const specs = blocks.map((match) => JSON.stringify(JSON.parse(match[1] as string)));
    // The hostile names survive intact as data inside the specs.
    expect(specs.some((spec) => spec.includes(JSON.stringify(STRATEGY).slice(1, -1)))).toBe(true);
    expect(specs.some((spec) => spec.includes(JSON.stringify(MODEL).slice(1, -1)))).toBe(true);
  });

  it('escapes names inside the SVG charts (axis labels, legends, aria labels)', () => {
    const svgs = page.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs.length).toBe(5);
    const joined = svgs.join('\n');
    expect(joined).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(joined).toContain('&lt;/script&gt;&lt;!--m');
    expect(joined).not.toContain('<img');
  });
});
