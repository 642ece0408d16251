import { describe, expect, it } from 'vitest';
import { defaultOutDir } from '../src/cli/simulate-defaults.ts';
import { formatMs, formatQualityDelta, formatUsd } from '../src/report/console-reporter.ts';
import { progressLine } from '../src/report/progress-reporter.ts';
import { renderTable } from '../src/report/table.ts';
import { buildTimings, nearestRank } from '../src/report/timings-json.ts';

describe('console summary formatting', () => {
  it('aligns text left and numbers right under a rule', () => {
    const text = renderTable(
      [
        { header: 'strategy', align: 'left' },
        { header: 'cost/1k', align: 'right' },
      ],
      [
        ['cascade', '$1.9374'],
        ['always-strongest', '$13.4186'],
      ],
    );
    expect(text).toBe(
      [
        'strategy           cost/1k',
        '────────────────  ────────',
        'cascade            $1.9374',
        'always-strongest  $13.4186',
      ].join('\n'),
    );
  });

  it('formats money, latency and quality differences with their units', () => {
    expect(formatUsd(0.043)).toBe('$0.0430');
    expect(formatUsd(123.456)).toBe('$123.46');
    expect(formatMs(812.4)).toBe('812 ms');
    expect(formatMs(9_999)).toBe('9,999 ms');
    expect(formatMs(12_900)).toBe('12.9 s');
    expect(formatMs(null)).toBe('—');
    expect(formatQualityDelta(undefined)).toBe('ref');
    expect(formatQualityDelta({ estimate: -3.14, low: -3.9, high: -2.31, significant: true })).toBe(
      '−3.1 [−3.9, −2.3]',
    );
    expect(formatQualityDelta({ estimate: 1.2, low: -1, high: 3.3, significant: false })).toBe(
      '+1.2 [−1.0, +3.3] ~',
    );
  });

  it('progress shows the unit, virtual clock, requests and an ETA from the rate so far', () => {
    const line = progressLine(
      {
        unitIndex: 2,
        unitCount: 10,
        label: 'cascade',
        virtualMs: 12.5 * 3_600_000,
        durationMs: 24 * 3_600_000,
        requestsDone: 250,
        requestsTotal: 1000,
      },
      5_000,
    );
    // 250 requests in 5 s → 750 left take 15 s.
    expect(line).toBe('[3/10] cascade · virtual 12:30 of 24:00 · 250/1,000 requests · ETA 15s');
  });
});

describe('timings.json', () => {
  it('uses nearest-rank quantiles: k = ⌈p·n⌉', () => {
    const values = new Float32Array([5, 1, 4, 2, 3, 10, 9, 8, 7, 6]);
    expect(nearestRank(values, 0.5)).toBe(5);
    expect(nearestRank(values, 0.99)).toBe(10);
    expect(nearestRank(values, 0.91)).toBe(10);
    expect(nearestRank(values, 0.9)).toBe(9);
    expect(nearestRank(new Float32Array(), 0.5)).toBeNull();
  });

  it('computes throughput and time compression from the wall time, and overhead in µs', () => {
    const run = (name: string, overhead: number[]) => ({
      name,
      decisionOverheadMs: new Float32Array(overhead),
    });
    const timings = buildTimings({
      // 100 requests × 2 units in 4 s; 1 h virtual × 2 units = 7,200 virtual s.
      metrics: { requestCount: 100 },
      scenario: { durationMs: 3_600_000 },
      runs: [run('rules', [0.002, 0.004, 0.001]), run('rules@0.5', [0, 0, 0])],
      units: [
        { label: 'rules', kind: 'strategy' },
        { label: 'rules@0.5', kind: 'sweep' },
      ],
      wallMs: 4_000,
      unitWallMs: [1_000, Number.NaN],
      phasesMs: {},
    } as never);
    expect(timings).toMatchObject({
      requestsSimulated: 200,
      requestsPerSecond: 50,
      timeCompression: 1800,
      perUnit: [
        { label: 'rules', wallMs: 1000, requestsPerSecond: 100 },
        { label: 'rules@0.5', wallMs: null, requestsPerSecond: null },
      ],
      decisionOverheadMicroseconds: { rules: { median: 2, p99: 4 } },
    });
  });
});

describe('default output directory', () => {
  it('is reports/<slug of the scenario file name>', () => {
    expect(defaultOutDir('scenarios/assistant-day.yaml')).toBe('reports/assistant-day');
    expect(defaultOutDir('/x/My Scenario (v2).JSON')).toBe('reports/my-scenario-v2');
    expect(defaultOutDir('weird/___.yml')).toBe('reports/scenario');
  });
});
