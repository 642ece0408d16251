/**
 * How a worker thread rebuilds a simulation's units from the scenario the main thread loaded
 * (structured-cloned through workerData: the worker reads no scenario file and validates
 * nothing again), the same way the in-process run does: the request stream (its own, memoized
 * within the budget, until the pool shares one: then decoded on demand from the shared chunks),
 * a fresh world per unit, the oracle's world (faults off) and the planned units. A user's
 * strategy module is imported by its path.
 */

import { callsPerRequestLimit } from '../scenario/limits.ts';
import { worldFromInputs, worldFromScenario } from '../scenario/scenario-world.ts';
import type { StrategyConfig } from '../scenario/types.ts';
import { buildStrategy } from '../strategies/registry.ts';
import { type RequestStream, requestStreamFromScenario } from '../traffic/index.ts';
import { planRun } from './plan-run.ts';
import { faultsOff, type LoadedScenario, reseeded } from './simulate-inputs.ts';
import { type MemoizedStream, memoizeStream } from './stream-cache.ts';
import { sharedStream } from './stream-window.ts';
import type { UnitSetup } from './workers.ts';

/** What the main thread sends every worker of a simulation's pool. */
export interface RunSetupData {
  loaded: LoadedScenario;
  /** The scenario strategies being run (after --strategies). */
  configs: readonly StrategyConfig[];
  /** Tests only: how the workers keep the stream, and a count of what they generate. */
  streamProbe?: StreamProbe;
}

/** Tests only (SimulateOptions.streamProbe): see how a pool keeps its stream. */
export interface StreamProbe {
  /** Requests each thread keeps decoded. @default MEMO_WINDOW_REQUESTS */
  windowRequests?: number;
  /** The most requests a stream may have and be kept whole (else spilled in chunks). @default MEMO_MAX_REQUESTS */
  maxRequests?: number;
  /** Every request a worker generates adds 1 to element 0 (backed by a SharedArrayBuffer). */
  generated?: Int32Array;
}

export async function setupUnits(data: RunSetupData): Promise<UnitSetup> {
  const { loaded } = data;
  const { scenario } = loaded;
  const { models, context, units } = await planRun(loaded, data.configs);
  const source = counted(requestStreamFromScenario(scenario), data.streamProbe?.generated);
  let stream: MemoizedStream = memoizeStream(source);
  const hidden = (index: number) => stream.hidden(index);
  const setup: UnitSetup = {
    stream,
    models,
    units,
    maxCallsPerRequest: callsPerRequestLimit(scenario),
    world: (seedIndex = 0) =>
      worldFromScenario(reseeded(scenario, seedIndex), loaded.catalog, hidden, source.outcomes),
    oracleWorld: () => worldFromScenario(faultsOff(scenario), loaded.catalog, hidden, source.outcomes),
    perturbed: (config, inputs) => ({
      world: () => worldFromInputs(scenario, inputs, hidden, source.outcomes),
      strategy: () => buildStrategy(config, context),
    }),
    shareable: {
      source,
      use(chunks) {
        // Decoded on demand in a window: never generated again, never held whole.
        const windowRequests = data.streamProbe?.windowRequests;
        stream = sharedStream(
          chunks,
          source.arrivals,
          windowRequests === undefined ? {} : { windowRequests },
        );
        setup.stream = stream;
      },
    },
  };
  return setup;
}

/** `source`, adding 1 to `counter[0]` for every request it generates (a test's probe). */
function counted<T extends RequestStream>(source: T, counter: Int32Array | undefined): T {
  if (counter === undefined) return source;
  return {
    ...source,
    get: (index: number) => {
      Atomics.add(counter, 0, 1);
      return source.get(index);
    },
  };
}
