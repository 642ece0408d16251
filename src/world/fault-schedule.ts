/**
 * A fault schedule that can change while a world runs (`routesim serve`): the scenario's
 * resolved windows, optionally repeated every `loopMs`, plus windows injected at run time
 * (the control API, `POST /_routesim/faults`). Pure: it holds data and answers lookups; the
 * caller decides when a window starts (its own clock).
 */
import type { FaultWindow } from '../contracts/index.ts';
import { createFaultIndex, type FaultIndex } from './faults.ts';

export interface FaultScheduleOptions {
  /**
   * Repeat the scheduled windows with this period, virtual ms (the scenario's duration):
   * time t looks up t mod loopMs. @default undefined (the schedule ends after its last window)
   */
  loopMs?: number | undefined;
}

/** An injected window with the id the control API names it by. */
export interface InjectedFault extends FaultWindow {
  id: number;
}

export interface FaultSchedule extends FaultIndex {
  /** Add a window (absolute virtual time); returns it with its id. */
  inject(window: FaultWindow): InjectedFault;
  /** Remove injected windows (all, or the one with `id`); returns how many went. */
  clear(id?: number): number;
  /** Injected windows not yet removed (expired ones included until the next lookup past them). */
  injected(): readonly InjectedFault[];
  /** The period of the loop, or undefined. */
  readonly loopMs: number | undefined;
  /** Start (a period, virtual ms) or stop (undefined) repeating the scheduled windows. */
  setLoop(loopMs: number | undefined): void;
}

/**
 * Injected windows win over scheduled ones (they come first in `active`, and admission takes
 * the first window that refuses a call): an operator's "503 now" is what a drill expects to see.
 */
export function createFaultSchedule(
  windows: readonly FaultWindow[],
  options: FaultScheduleOptions = {},
): FaultSchedule {
  let loopMs = checkLoop(options.loopMs);
  const scheduled = createFaultIndex(windows);
  let injected: InjectedFault[] = [];
  let nextId = 1;

  return {
    get loopMs() {
      return loopMs;
    },
    setLoop(period) {
      loopMs = checkLoop(period);
    },
    active(provider, model, atMs) {
      const at = loopMs === undefined ? atMs : atMs % loopMs;
      const fromSchedule = scheduled.active(provider, model, at);
      if (injected.length === 0) return fromSchedule;
      // Lookups come in non-decreasing time (the world's order), so an ended window never matters again.
      if (injected.some((window) => window.endMs <= atMs)) {
        injected = injected.filter((window) => window.endMs > atMs);
      }
      const now = injected.filter(
        (window) =>
          window.provider === provider &&
          window.startMs <= atMs &&
          (window.model === undefined || window.model === model),
      );
      return now.length === 0 ? fromSchedule : [...now, ...fromSchedule];
    },
    inject(window) {
      const entry: InjectedFault = { ...window, id: nextId++ };
      injected.push(entry);
      return entry;
    },
    clear(id) {
      const before = injected.length;
      injected = id === undefined ? [] : injected.filter((window) => window.id !== id);
      return before - injected.length;
    },
    injected: () => injected,
  };
}

function checkLoop(loopMs: number | undefined): number | undefined {
  if (loopMs !== undefined && !(loopMs > 0)) throw new RangeError(`loopMs must be positive, got ${loopMs}`);
  return loopMs;
}
