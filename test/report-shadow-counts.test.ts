/**
 * Shadow counts from the engine to the report: RunResult.shadow is complete even when the run's
 * last event is a shadow call (both engines), the disagreement rate carries a 95% Wilson interval
 * (textbook values), and report.html shows the section only when some strategy was shadowed.
 */
import { describe, expect, it } from 'vitest';
import { runUnitWire } from '../src/engine/wire/run-unit-wire.ts';
import { shadowMetrics, wilsonInterval } from '../src/metrics/summary.ts';
import { parseResultsDocument } from '../src/report/html/results-document.ts';
import { shadowSection } from '../src/report/html/shadow-section.ts';
import { buildStrategy } from '../src/strategies/registry.ts';
import { inShadowSample } from '../src/strategies/shadow.ts';
import { resultsDocument, strategy } from './report-html-fixture.ts';
import { buildContext, runHead, scenario } from './strategy-signals-support.ts';
import { runDirect, scenarioRig } from './wire-support.ts';

describe('Wilson interval of the disagreement rate', () => {
  it('matches textbook values (z = 1.96)', () => {
    // 5 of 10: [0.2366, 0.7634]; 0 of 10: [0, 0.2775] = [0, z²/(n + z²)].
    const half = wilsonInterval(5, 10)!;
    expect(half.low).toBeCloseTo(0.23659, 4);
    expect(half.high).toBeCloseTo(0.76341, 4);
    const none = wilsonInterval(0, 10)!;
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(1.96 ** 2 / (10 + 1.96 ** 2), 3);
    const all = wilsonInterval(10, 10)!;
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(1 - none.high, 10);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('gives no rate and no interval when nothing was compared', () => {
    const metrics = shadowMetrics({
      reference: 'gpt-4o',
      share: 0.05,
      sampled: 3,
      compared: 0,
      disagreed: 0,
      routedFailed: 1,
      referenceFailed: 2,
    });
    expect(metrics.disagreementRate).toBeNull();
    expect(metrics.disagreementInterval).toBeNull();
    expect(metrics.sampled).toBe(3);
  });
});

describe('RunResult.shadow', () => {
  it('counts every sampled request, the last shadow call included (direct engine)', async () => {
    const shadowed = buildStrategy(
      { name: 'rules', options: { shadow: { share: 0.5, reference: 'gpt-4o' } } },
      buildContext,
    );
    const { result, decisions } = await runHead(shadowed, 40);
    const sampled = decisions.filter((record) => inShadowSample(scenario.seed, record.requestIndex, 0.5));
    const shadow = result.shadow!;
    expect(shadow).toMatchObject({ reference: 'gpt-4o', share: 0.5, sampled: sampled.length });
    // Every sampled request ends in exactly one of the three: the last comparison is not lost.
    expect(shadow.compared + shadow.routedFailed + shadow.referenceFailed).toBe(sampled.length);
    // The run's last event is a shadow call (whose comparison runs after the engine's loop ends).
    const attempts = decisions.flatMap((record) => record.attempts);
    const lastEnd = Math.max(...attempts.map((attempt) => attempt.endMs));
    expect(attempts.find((attempt) => attempt.endMs === lastEnd)?.purpose).toBe('shadow');
  });

  it('is absent for a strategy without the option', async () => {
    const plain = buildStrategy({ name: 'always-cheapest', options: {} }, buildContext);
    const { result } = await runHead(plain, 5);
    expect(result.shadow).toBeUndefined();
    expect('shadow' in result).toBe(false);
  });

  it('is the same on the wire engine as on the direct engine', async () => {
    const rig = scenarioRig('scenarios/assistant-day.yaml', 40);
    const build = () =>
      buildStrategy({ name: 'rules', options: { shadow: { share: 0.5, reference: 'gpt-4o' } } }, rig.context);
    const direct = await runDirect(rig, build());
    const wire = await runUnitWire({
      stream: rig.stream,
      world: rig.world(),
      strategy: build(),
      models: rig.models,
    });
    const shadow = direct.run.shadow!;
    expect(shadow.sampled).toBeGreaterThan(10);
    expect(shadow.compared + shadow.routedFailed + shadow.referenceFailed).toBe(shadow.sampled);
    expect(wire.shadow).toEqual(shadow);
  });
});

describe('report.html shadow section', () => {
  const plain = strategy({ name: 'router', perRequestUsd: 0.001, quality: 0.8, p95: 3000 });

  it('is absent when no strategy was shadowed', () => {
    expect(shadowSection(resultsDocument({ strategies: [plain] })).safeHtml).toBe('');
  });

  it('shows sampled, compared, disagreed and the rate with its interval', () => {
    const shadowed = {
      ...plain,
      name: 'domain <b>',
      shadow: shadowMetrics({
        reference: 'gpt-4o',
        share: 0.05,
        sampled: 120,
        compared: 100,
        disagreed: 12,
        routedFailed: 15,
        referenceFailed: 5,
      }),
    };
    const section = shadowSection(resultsDocument({ strategies: [plain, shadowed] })).safeHtml;
    expect(section).toContain('Shadow evaluation: silent routing errors');
    expect(section).toContain('domain &lt;b&gt;');
    expect(section).not.toContain('<th scope="row">router</th>');
    // 12 / 100 = 12.0%; Wilson [6.99%, 19.82%] for 12 of 100.
    expect(section).toContain('<td class="num">12.0% [7.0%, 19.8%]</td>');
    expect(section).toMatch(
      /<td class="num">5\.0%<\/td><td class="num">120<\/td><td class="num">100<\/td><td class="num">12<\/td>/,
    );
    expect(section).toContain('upper bound');
  });

  it('refuses a results file whose shadow counts are not numbers', () => {
    const document = resultsDocument({ strategies: [{ ...plain, shadow: { sampled: 'many' } as never }] });
    expect(() => parseResultsDocument(JSON.stringify(document), 'results.json')).toThrow(
      /expected shadow counts .* at strategies\[0\]\.shadow/,
    );
    expect(() =>
      parseResultsDocument(JSON.stringify(resultsDocument({ strategies: [plain] })), 'x'),
    ).not.toThrow();
  });
});
