/**
 * Semantic checks of time and traffic: things a schema cannot say (rate XOR stages, a load that
 * is zero everywhere, bursts and stages past the end, unknown templates, duplicate tiers).
 *
 * Stages and duration need not add up (decided): if the stages end early the last target holds
 * until `duration` (k6 keeps the last rate too); if they run past `duration` the run stops at
 * `duration`. A stage that would START at or after the end can never take effect, so that one
 * is an error (it usually means `duration` or a stage is mistyped).
 */

import { type CheckContext, ms, report, scenarioDurationMs } from './check-context.ts';
import { formatDuration } from './durations.ts';
import type { ScenarioFileTraffic } from './schema.ts';
import { closest } from './suggest.ts';

export function checkTime(context: CheckContext): void {
  const { file } = context;
  const durationMs = file.duration === undefined ? undefined : ms(file.duration);
  if (durationMs === 0) report(context, ['duration'], 'expected a duration > 0, got 0');
  if (file.window !== undefined) {
    const windowMs = ms(file.window);
    if (windowMs <= 0) report(context, ['window'], 'expected a window > 0');
    else if (durationMs !== undefined && durationMs > 0 && windowMs > durationMs) {
      report(context, ['window'], `expected a window no longer than the duration (${show(durationMs)})`);
    }
  }
  if (file.slo !== undefined && ms(file.slo.latency) <= 0) {
    report(context, ['slo', 'latency'], 'expected a latency objective > 0');
  }
}

export function checkTraffic(context: CheckContext): void {
  const traffic = context.file.traffic;
  if (traffic === undefined) return;
  if (traffic.arrival !== undefined) checkArrival(context, traffic.arrival);
  checkMix(context, traffic.mix ?? []);
  const seen = new Set<string>();
  for (const [index, tier] of (traffic.tiers ?? []).entries()) {
    if (seen.has(tier.name))
      report(context, ['traffic', 'tiers', index, 'name'], `tier "${tier.name}" is listed twice`);
    seen.add(tier.name);
  }
}

function checkArrival(context: CheckContext, arrival: NonNullable<ScenarioFileTraffic['arrival']>): void {
  const durationMs = scenarioDurationMs(context);
  const at = (...path: (string | number)[]) => ['traffic', 'arrival', ...path];

  if (arrival.rate !== undefined && (arrival.stages !== undefined || arrival.startRate !== undefined)) {
    const other = arrival.stages !== undefined ? 'stages' : 'startRate';
    report(
      context,
      at(other),
      `"rate" and "${other}" exclude each other: use "rate" for a constant load, or "startRate" + "stages" for a ramp`,
      { key: true },
    );
  } else if (arrival.rate === undefined && arrival.stages === undefined) {
    report(context, at(), 'expected "rate" (a constant load) or "stages" (a k6 ramping-arrival-rate)');
  }
  if (arrival.timeUnit !== undefined && ms(arrival.timeUnit) <= 0) {
    report(context, at('timeUnit'), 'expected a timeUnit > 0, e.g. "1s" or "1m"');
  }
  const rates = [arrival.rate, arrival.startRate, ...(arrival.stages ?? []).map((stage) => stage.target)];
  const given = rates.filter((rate) => rate !== undefined);
  if (given.length > 0 && given.every((rate) => rate === 0)) {
    report(context, at(), 'the arrival rate is 0 throughout: no request would ever arrive; set a rate > 0');
  }

  let stageStartMs = 0;
  for (const [index, stage] of (arrival.stages ?? []).entries()) {
    if (durationMs !== undefined && stageStartMs >= durationMs) {
      report(
        context,
        at('stages', index),
        `stage ${index + 1} starts at ${show(stageStartMs)}, at or after the scenario ends (duration ${show(durationMs)}); remove it or lengthen duration`,
      );
      break;
    }
    stageStartMs += ms(stage.duration);
  }

  for (const [index, burst] of (arrival.bursts ?? []).entries()) {
    const startMs = ms(burst.at);
    const lengthMs = ms(burst.duration);
    if (lengthMs <= 0) report(context, at('bursts', index, 'duration'), 'expected a burst duration > 0');
    if (durationMs !== undefined && startMs + lengthMs > durationMs) {
      report(
        context,
        at('bursts', index),
        `burst ${show(startMs)}–${show(startMs + lengthMs)} ends after the scenario (duration ${show(durationMs)})`,
      );
    }
  }
}

function checkMix(context: CheckContext, mix: NonNullable<ScenarioFileTraffic['mix']>): void {
  for (const [index, entry] of mix.entries()) {
    const path = ['traffic', 'mix', index];
    if ((entry.domain === undefined) === (entry.template === undefined)) {
      report(context, path, 'expected exactly one of "domain" or "template" in a mix entry');
    } else if (entry.template !== undefined && context.templateIds !== undefined) {
      if (!context.templateIds.includes(entry.template)) {
        const suggestion = closest(entry.template, context.templateIds);
        report(
          context,
          [...path, 'template'],
          `unknown task template "${entry.template}"${suggestion === undefined ? '' : ` — did you mean "${suggestion}"?`}; templates live in fixtures/tasks`,
        );
      }
    }
  }
}

/** Whole-ms durations print as "1h30m"; fractional ones as ms. */
export function show(durationMs: number): string {
  return Number.isInteger(durationMs) && durationMs >= 0 ? formatDuration(durationMs) : `${durationMs}ms`;
}
