/**
 * Progress of a run on stderr — unit, virtual time simulated, requests and an ETA.
 *
 * - On a terminal: one line redrawn in place; each finished unit redraws it, so the count reaches
 *   the whole plan ([54/54]), and the end of the run clears it before the summary is printed.
 * - Elsewhere (a CI log, a pipe): whole lines, no escape codes — one when the run starts, one
 *   every LOG_EVERY_MS of wall time, one when it ends — so a long run is never silent.
 */
import { escapeControl } from '../control-characters.ts';
import type { Reporter, RunProgress } from '../run/reporter.ts';

/** Redraw at most this often on a terminal, ms of wall time. */
const REDRAW_MS = 150;
/** A log line at most this often off a terminal, ms of wall time. */
export const LOG_EVERY_MS = 5_000;

export type ProgressMode = 'terminal' | 'lines';

const clock = (ms: number) => {
  const minutes = Math.floor(ms / 60_000);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
};

const count = (value: number) => value.toLocaleString('en-US');

export function progressLine(progress: RunProgress, elapsedMs: number): string {
  const { requestsDone, requestsTotal } = progress;
  const eta =
    requestsDone > 0
      ? `ETA ${Math.ceil(((requestsTotal - requestsDone) * elapsedMs) / requestsDone / 1000)}s`
      : 'ETA …';
  return (
    `[${progress.unitIndex + 1}/${progress.unitCount}] ${escapeControl(progress.label)} · ` +
    `virtual ${clock(progress.virtualMs)} of ${clock(progress.durationMs)} · ` +
    `${count(requestsDone)}/${count(requestsTotal)} requests · ${eta}`
  );
}

/** The last line off a terminal: every unit done, every request, the wall time taken. */
export function progressDoneLine(unitCount: number, requestsTotal: number, elapsedMs: number): string {
  return `[${unitCount}/${unitCount}] done · ${count(requestsTotal)} requests · ${Math.round(elapsedMs / 1000)}s`;
}

export function progressReporter(write: (text: string) => void, mode: ProgressMode = 'terminal'): Reporter {
  let wallClock: () => number = () => 0;
  let started = 0;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let unitCount = 0;
  let unitsDone = 0;
  let requestsTotal = 0;
  let latest: RunProgress | undefined;
  let drawn = false;
  const draw = (line: string) => {
    drawn = true;
    write(mode === 'terminal' ? `\r\x1b[K${line}` : `routesim: ${line}\n`);
  };
  const clear = () => {
    if (mode === 'terminal' && drawn) write('\r\x1b[K');
  };
  return {
    onRunStart(context) {
      wallClock = context.wallClock;
      started = wallClock();
      unitCount = context.units.length;
      requestsTotal = context.requestCount * unitCount;
      if (mode === 'lines') {
        draw(`${count(unitCount)} units × ${count(context.requestCount)} requests: ${context.scenario.name}`);
        lastDraw = started;
      }
    },
    onProgress(progress) {
      latest = progress;
      const now = wallClock();
      if (now - lastDraw < (mode === 'terminal' ? REDRAW_MS : LOG_EVERY_MS)) return;
      lastDraw = now;
      draw(progressLine(progress, now - started));
    },
    onUnitEnd() {
      unitsDone += 1;
      // On a terminal the count follows finished units, up to the whole plan.
      if (mode !== 'terminal' || latest === undefined) return;
      const done = Math.max(latest.unitIndex, unitsDone - 1);
      const requestsDone = Math.max(
        latest.requestsDone,
        (requestsTotal * unitsDone) / Math.max(unitCount, 1),
      );
      draw(progressLine({ ...latest, unitIndex: done, requestsDone }, wallClock() - started));
      lastDraw = wallClock();
    },
    onRunEnd() {
      if (mode === 'lines') draw(progressDoneLine(unitCount, requestsTotal, wallClock() - started));
      else clear();
    },
    onRunError: clear,
  };
}
