/**
 * Progress on a terminal: one line redrawn in place on stderr — unit, virtual time simulated,
 * requests and an ETA. Only used when stderr is a TTY, so logs and pipes never see it.
 */
import { escapeControl } from '../control-characters.ts';
import type { Reporter, RunProgress } from '../run/reporter.ts';

/** Redraw at most this often, ms of wall time. */
const REDRAW_MS = 150;

const clock = (ms: number) => {
  const minutes = Math.floor(ms / 60_000);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
};

export function progressLine(progress: RunProgress, elapsedMs: number): string {
  const { requestsDone, requestsTotal } = progress;
  const eta =
    requestsDone > 0
      ? `ETA ${Math.ceil(((requestsTotal - requestsDone) * elapsedMs) / requestsDone / 1000)}s`
      : 'ETA …';
  return (
    `[${progress.unitIndex + 1}/${progress.unitCount}] ${escapeControl(progress.label)} · ` +
    `virtual ${clock(progress.virtualMs)} of ${clock(progress.durationMs)} · ` +
    `${requestsDone.toLocaleString('en-US')}/${requestsTotal.toLocaleString('en-US')} requests · ${eta}`
  );
}

export function progressReporter(write: (text: string) => void): Reporter {
  let wallClock: () => number = () => 0;
  let started = 0;
  let lastDraw = Number.NEGATIVE_INFINITY;
  const clear = () => write('\r\x1b[K');
  return {
    onRunStart(context) {
      wallClock = context.wallClock;
      started = wallClock();
    },
    onProgress(progress) {
      const now = wallClock();
      if (now - lastDraw < REDRAW_MS) return;
      lastDraw = now;
      write(`\r\x1b[K${progressLine(progress, now - started)}`);
    },
    onRunEnd: clear,
    onRunError: clear,
  };
}
