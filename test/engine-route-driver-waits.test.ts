/**
 * The route driver both engines share (src/engine/route-driver.ts): the clock moves to the next
 * resumption whatever its time, and a route that waits on something no engine controls is a stall,
 * whichever admission policy (direct gate, or SDK → msw) sends the calls.
 */
import { describe, expect, it } from 'vitest';
import type { Strategy } from '../src/strategies/types.ts';
import { runDirect, runWire, scenarioRig } from './wire-support.ts';

const rig = scenarioRig('test/fixtures/simulate/small.yaml', 3);

describe('one route driver, two admission policies', () => {
  it('resumes an endless context.sleep at t = ∞ on both engines (the wire engine used to report a stall)', async () => {
    const resumedAt = { direct: [] as number[], wire: [] as number[] };
    const sleeper = (engine: keyof typeof resumedAt): Strategy => ({
      name: 'sleeper',
      family: 'custom',
      async route(request, context) {
        await context.sleep(request.index === 1 ? Number.POSITIVE_INFINITY : 10);
        resumedAt[engine][request.index] = context.now() - request.arrivalMs;
        return { responseId: undefined, reason: 'slept' };
      },
    });
    await runDirect(rig, sleeper('direct'));
    await runWire(rig, sleeper('wire'));
    expect(resumedAt.direct).toEqual([10, Number.POSITIVE_INFINITY, 10]);
    expect(resumedAt.wire).toEqual(resumedAt.direct);
  });

  it('reports a route awaiting a promise nobody settles as stalled on both engines', async () => {
    const hanging: Strategy = {
      name: 'hanging',
      family: 'custom',
      async route(request) {
        if (request.index === 1) await new Promise(() => {});
        return { responseId: undefined, reason: 'done' };
      },
    };
    await expect(runDirect(rig, hanging)).rejects.toThrow(
      /strategy "hanging" stalled on request \S+ \(index 1\)/,
    );
    await expect(runWire(rig, hanging)).rejects.toThrow(
      /strategy "hanging" stalled on request \S+ \(index 1\)/,
    );
  });
});
