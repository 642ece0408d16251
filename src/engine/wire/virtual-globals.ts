/**
 * Timers, Date, performance.now() and Math.random() that follow the simulation inside a wire
 * run and stay real everywhere else. The globals are replaced for the duration of a run and
 * restored after it; each replacement asks the AsyncLocalStorage store (scope.ts) whether the
 * caller belongs to a wire run. So an SDK's retry backoff of seconds is a virtual timer that
 * costs no wall time, while the test runner's own timers in the same process stay real.
 *
 * queueMicrotask and process.nextTick are left alone: they are not time, and faking them is
 * what makes naive fake timers deadlock. setImmediate stays real but is counted, so the
 * engine knows a library still has a turn of work pending before it advances the clock.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { type ScheduledTimer, wireStore } from './scope.ts';

const TIMER = Symbol('routesim.virtualTimer');

/** What a virtual setTimeout returns: enough of Node's Timeout for libraries that unref it. */
interface VirtualTimeout {
  [TIMER]: ScheduledTimer;
  unref(): VirtualTimeout;
  ref(): VirtualTimeout;
  hasRef(): boolean;
  refresh(): VirtualTimeout;
  [Symbol.toPrimitive](): number;
}

interface Originals {
  setTimeout: typeof globalThis.setTimeout;
  clearTimeout: typeof globalThis.clearTimeout;
  setInterval: typeof globalThis.setInterval;
  clearInterval: typeof globalThis.clearInterval;
  setImmediate: typeof globalThis.setImmediate;
  clearImmediate: typeof globalThis.clearImmediate;
  Date: DateConstructor;
  performanceNow: () => number;
  /** performance.now was an own property before (restore it rather than delete ours). */
  ownPerformanceNow: boolean;
  random: () => number;
}

let installed = 0;
let originals: Originals | undefined;
let timerIds = 1;
/** Immediates a run's code scheduled and that have not run: clearing one must uncount it. */
const counted = new Map<NodeJS.Immediate, { pendingImmediates: number }>();

/** The real setImmediate, whatever is installed (the engine's own turns use it). */
export const realSetImmediate = globalThis.setImmediate;

function virtualTimeout(
  timer: ScheduledTimer,
  reschedule: (() => ScheduledTimer) | undefined,
): VirtualTimeout {
  const id = timerIds++;
  const handle: VirtualTimeout = {
    [TIMER]: timer,
    unref: () => handle,
    ref: () => handle,
    hasRef: () => true,
    refresh() {
      if (reschedule !== undefined && !handle[TIMER].cancelled) {
        handle[TIMER].cancelled = true;
        handle[TIMER] = reschedule();
      }
      return handle;
    },
    [Symbol.toPrimitive]: () => id,
  };
  return handle;
}

function isVirtual(value: unknown): value is VirtualTimeout {
  return typeof value === 'object' && value !== null && TIMER in value;
}

/** Replace the globals (nested calls are counted); undo with uninstallVirtualGlobals(). */
export function installVirtualGlobals(): void {
  installed++;
  if (installed > 1) return;
  const real: Originals = {
    setTimeout: globalThis.setTimeout,
    clearTimeout: globalThis.clearTimeout,
    setInterval: globalThis.setInterval,
    clearInterval: globalThis.clearInterval,
    setImmediate: globalThis.setImmediate,
    clearImmediate: globalThis.clearImmediate,
    Date: globalThis.Date,
    performanceNow: performance.now.bind(performance),
    ownPerformanceNow: Object.hasOwn(performance, 'now'),
    random: Math.random,
  };
  originals = real;

  function schedule(callback: (...args: unknown[]) => void, ms: unknown, args: unknown[], repeat: boolean) {
    const store = wireStore()!;
    const delay = Math.max(0, Number(ms) || 0);
    const bound = AsyncLocalStorage.bind(() => callback(...args));
    const once = (): ScheduledTimer => store.runtime.schedule(delay, store.requestIndex, fire);
    function fire(): void {
      if (repeat) handle[TIMER] = once();
      bound();
    }
    const handle = virtualTimeout(once(), once);
    return handle;
  }

  function clear(handle: unknown, realClear: (handle: never) => void): void {
    if (isVirtual(handle)) handle[TIMER].cancelled = true;
    else realClear(handle as never);
  }

  globalThis.setTimeout = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) =>
    wireStore() === undefined
      ? real.setTimeout(callback, ms, ...args)
      : schedule(callback, ms, args, false)) as typeof globalThis.setTimeout;
  globalThis.setInterval = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) =>
    wireStore() === undefined
      ? real.setInterval(callback, ms, ...args)
      : schedule(callback, Math.max(1, Number(ms) || 1), args, true)) as typeof globalThis.setInterval;
  globalThis.clearTimeout = ((handle: unknown) => clear(handle, real.clearTimeout)) as typeof clearTimeout;
  globalThis.clearInterval = ((handle: unknown) => clear(handle, real.clearInterval)) as typeof clearInterval;

  globalThis.setImmediate = ((callback: (...args: unknown[]) => void, ...args: unknown[]) => {
    const store = wireStore();
    if (store === undefined) return real.setImmediate(callback, ...args);
    const runtime = store.runtime;
    runtime.pendingImmediates++;
    const immediate = real.setImmediate(() => {
      counted.delete(immediate);
      runtime.pendingImmediates--;
      callback(...args);
    });
    counted.set(immediate, runtime);
    return immediate;
  }) as typeof globalThis.setImmediate;
  globalThis.clearImmediate = ((immediate: NodeJS.Immediate | undefined) => {
    const runtime = immediate === undefined ? undefined : counted.get(immediate);
    if (runtime !== undefined) {
      counted.delete(immediate!);
      runtime.pendingImmediates--;
    }
    real.clearImmediate(immediate);
  }) as typeof globalThis.clearImmediate;

  const RealDate = real.Date;
  // Whole ms like the real Date.now(), so `start + timeout − Date.now()` is exact.
  const epochNow = (): number => {
    const store = wireStore()!;
    return store.runtime.epochMs + Math.floor(store.runtime.now());
  };
  const now = () => (wireStore() === undefined ? RealDate.now() : epochNow());
  globalThis.Date = new Proxy(RealDate, {
    construct(target, args, newTarget) {
      if (args.length === 0 && wireStore() !== undefined)
        return Reflect.construct(target, [epochNow()], newTarget);
      return Reflect.construct(target, args, newTarget);
    },
    apply(target, thisArg, args) {
      if (wireStore() !== undefined) return new RealDate(epochNow()).toString();
      return Reflect.apply(target, thisArg, args);
    },
    get(target, property, receiver) {
      if (property === 'now') return now;
      return Reflect.get(target, property, receiver);
    },
  });
  performance.now = () => {
    const store = wireStore();
    return store === undefined ? real.performanceNow() : store.runtime.now();
  };
  Math.random = () => {
    const store = wireStore();
    return store === undefined ? real.random() : store.runtime.random(store);
  };
}

/** Restore the real globals once the last run that installed them is done. */
export function uninstallVirtualGlobals(): void {
  installed = Math.max(0, installed - 1);
  if (installed > 0 || originals === undefined) return;
  const real = originals;
  globalThis.setTimeout = real.setTimeout;
  globalThis.clearTimeout = real.clearTimeout;
  globalThis.setInterval = real.setInterval;
  globalThis.clearInterval = real.clearInterval;
  globalThis.setImmediate = real.setImmediate;
  globalThis.clearImmediate = real.clearImmediate;
  globalThis.Date = real.Date;
  if (real.ownPerformanceNow) performance.now = real.performanceNow;
  else delete (performance as { now?: unknown }).now;
  Math.random = real.random;
  originals = undefined;
}
