/** A setup module for the worker test: small fake stream, scripted world, three units. */
import type { UnitSetup } from '../src/run/workers.ts';
import type { Strategy } from '../src/strategies/types.ts';
import { always, fakeStream, scriptedWorld, TEST_MODELS } from './engine-support.ts';

const jittery: Strategy = {
  name: 'jittery',
  family: 'availability',
  async route(_request, context) {
    const first = await context.call(context.random() < 0.5 ? 'cheap' : 'mid');
    if (first.ok) return { responseId: first.responseId, reason: 'first' };
    await context.sleep(100 * context.random());
    const second = await context.call('strong', { purpose: 'fallback' });
    return { responseId: second.ok ? second.responseId : undefined, reason: 'second' };
  },
};

/** `data` is the pool's setupData (here only a seed for the scripted world). */
export function setupUnits({ seed }: { seed?: number }): UnitSetup {
  const arrivals = Array.from({ length: 300 }, (_value, index) => index * 37 + (index % 5));
  return {
    stream: fakeStream(arrivals),
    models: TEST_MODELS,
    units: [
      { label: 'always-cheap', kind: 'single', build: () => always('cheap') },
      { label: 'jittery', kind: 'strategy', build: () => jittery },
      { label: 'always-mid', kind: 'single', build: () => always('mid') },
    ],
    world: () =>
      scriptedWorld(
        (input) =>
          (input.requestIndex ?? 0) % 7 === 3 && input.model !== 'strong'
            ? { ok: false, kind: 'server_error', afterMs: 20 }
            : {
                ok: true,
                latencyMs: 50 + ((input.requestIndex ?? 0) % 11) * 40,
                score: (input.requestIndex ?? 0) % 3 === 0 ? 0 : 1,
              },
        seed ?? 7,
      ),
  };
}
