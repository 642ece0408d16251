/**
 * Which requests a drill sends (src/drill/traffic.ts) and which incidents it reports on
 * (src/drill/incidents.ts): the window [from, to), thinned evenly so the sample still spans it,
 * and only the fault windows that overlap it, labelled in whole seconds.
 */
import { describe, expect, it } from 'vitest';
import { drillIncidents } from '../src/drill/incidents.ts';
import { selectDrillRequests } from '../src/drill/traffic.ts';

describe('drill traffic selection', () => {
  const arrivals = Float64Array.from({ length: 100 }, (_, index) => index * 1000);

  it('keeps the window and thins it evenly to the sample', () => {
    expect(selectDrillRequests(arrivals, 10_000, 20_000, undefined)).toEqual({
      indices: [10, 11, 12, 13, 14, 15, 16, 17, 18, 19],
      available: 10,
    });
    const sampled = selectDrillRequests(arrivals, 0, 100_000, 4);
    expect(sampled).toEqual({ indices: [0, 25, 50, 75], available: 100 });
  });

  it('reports only the incidents that overlap the window', () => {
    const incidents = drillIncidents(
      [
        { kind: 'error', provider: 'openai', startMs: 3_600_000, endMs: 4_800_000, status: 503 },
        {
          kind: 'rate_limit',
          provider: 'anthropic',
          startMs: 10_800_000,
          endMs: 11_700_000,
          retryAfterMs: 2000,
        },
        {
          kind: 'partial',
          provider: 'google',
          model: 'gemini-2.0-flash',
          startMs: 4_943_695.4,
          endMs: 5_000_000,
          status: 503,
        },
      ],
      3_000_000,
      6_000_000,
    );
    expect(incidents.map((incident) => incident.label)).toEqual([
      'openai error 503 @1h',
      'gemini-2.0-flash partial 503 @1h22m24s',
    ]);
    expect(incidents[0]).toMatchObject({ model: null, retryAfterMs: null });
  });
});
