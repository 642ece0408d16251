/**
 * The expected volume of a run, checked before anything runs: the closed-form integral of the
 * arrival rate (expected-load.ts) must be finite and at most MAX_ARRIVALS, the cap the traffic
 * generator enforces when it builds the schedule. Without this check `validate` called a file
 * with `rate: 1e308` valid ("≈ ∞ requests") and only `simulate` refused it, naming no file.
 */
import { MAX_ARRIVALS } from '../traffic/arrivals.ts';
import { type CheckContext, ms, report, scenarioDurationMs } from './check-context.ts';
import { expectedRequestCount } from './expected-load.ts';
import { normaliseArrival } from './normalise.ts';

export function checkVolume(context: CheckContext): void {
  const arrival = context.file.traffic?.arrival;
  const durationMs = scenarioDurationMs(context);
  if (arrival === undefined || durationMs === undefined || !Number.isFinite(durationMs)) return;
  // A bad timeUnit is reported by checkTraffic; it would make every rate look infinite here.
  if (context.invalid.has('traffic.arrival') || !(ms(arrival.timeUnit ?? '1s') > 0)) return;
  const expected = expectedRequestCount(normaliseArrival(arrival, durationMs), durationMs);
  if (Number.isFinite(expected) && expected <= MAX_ARRIVALS) return;
  const given = Number.isFinite(expected)
    ? `≈ ${Math.round(expected).toLocaleString('en-US')}`
    : 'more than any number (the rates overflow)';
  report(
    context,
    ['traffic', 'arrival'],
    `expected at most ${MAX_ARRIVALS.toLocaleString('en-US')} requests over the run, but the rates give ${given}; lower the rates or the duration`,
  );
}
