/**
 * Wrappers lose no RouteContext member: every wrapping strategy (availability with `inner`,
 * the `shadow` option, and the two nested) runs around every inner strategy kind on a recording
 * fake context whose every member is a spy; the inner strategy must receive every member, each
 * must reach the outer context, and the wrapped strategy must answer as the inner one alone.
 * The members are enumerated from PROBES, which the type checker holds to keyof RouteContext and
 * this file holds to the engine's runtime context, so a new member is covered automatically.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRouteContext, type EngineHandle } from '../src/engine/context.ts';
import type { RequestState } from '../src/engine/request-state.ts';
import type { StrategyConfig } from '../src/scenario/types.ts';
import { availability } from '../src/strategies/availability.ts';
import { withShadow } from '../src/strategies/shadow.ts';
import type { JudgeOutcome, RouteContext, Strategy } from '../src/strategies/types.ts';
import { buildStrategiesAsync } from '../src/strategies/user-module.ts';
import { wrapRouteContext } from '../src/strategies/wrap-route-context.ts';
import { buildContext, candidates, fakeContext, request } from './strategy-helpers.ts';

type Member = keyof RouteContext;

/**
 * One use of each member. `satisfies` makes the type checker reject this table when RouteContext
 * gains or loses a member; the first test holds it to the engine's runtime context.
 */
const PROBES = {
  now: (context) => context.now(),
  models: (context) => context.models.length,
  call: (context) => context.call('gpt-4o-mini', { purpose: 'primary' }),
  sleep: (context) => context.sleep(1),
  random: (context) => context.random(),
  judge: (context) => context.judge?.('gpt-4o-mini#0', 'gpt-4o'),
} satisfies Record<Member, (context: RouteContext) => unknown>;

const MEMBERS = Object.keys(PROBES) as Member[];

const models = candidates();
const build = buildContext(models);

/** A fake context whose every member counts its uses (calls; reads for a value such as `models`). */
function recordingContext(): { context: RouteContext; uses: Map<Member, number> } {
  // Mixed confidences, so cascades both accept and escalate.
  const fake = fakeContext((_model, callNumber) => ({
    ok: true,
    confidence: callNumber % 3 === 0 ? 0.3 : 0.9,
  }));
  let judged = 0;
  const implementations: Required<RouteContext> = {
    now: fake.now,
    models: fake.models,
    call: fake.call,
    sleep: fake.sleep,
    random: fake.random,
    judge: async (_responseId, judgeModel): Promise<JudgeOutcome> => ({
      ok: true,
      verdict: judged++ % 2 === 0,
      model: judgeModel,
      costUsd: 0.0001,
      latencyMs: 50,
    }),
  };
  const uses = new Map<Member, number>();
  const use = (member: Member) => uses.set(member, (uses.get(member) ?? 0) + 1);
  const context = {} as RouteContext;
  for (const member of MEMBERS) {
    const implementation: unknown = implementations[member];
    Object.defineProperty(
      context,
      member,
      typeof implementation === 'function'
        ? {
            enumerable: true,
            value: (...args: unknown[]) => {
              use(member);
              return implementation(...args);
            },
          }
        : {
            enumerable: true,
            get: () => {
              use(member);
              return implementation;
            },
          },
    );
  }
  return { context, uses };
}

/** `strategy`, keeping every context it is handed. */
function instrumented(strategy: Strategy, seen: RouteContext[]): Strategy {
  return {
    ...strategy,
    route: (routed, context) => {
      seen.push(context);
      return strategy.route(routed, context);
    },
  };
}

const USER_MODULE = fileURLToPath(new URL('./fixtures/user-strategy/context-retry.ts', import.meta.url));

/** Every inner strategy kind (the oracle is a marker the engine computes, never routed). */
const INNER_KINDS: StrategyConfig[] = [
  { name: 'always-cheapest', options: {} },
  { name: 'always-strongest', options: {} },
  { name: 'always-gpt-4o', options: {} },
  { name: 'random', options: {} },
  { name: 'rules', options: {} },
  { name: 'cascade', options: { confidence: 'logprob' } },
  { name: 'cascade', options: { confidence: 'self-rated' } },
  { name: 'cascade', options: { confidence: 'self-consistency', samples: 3 } },
  { name: 'cascade', options: { confidence: 'judge' } },
  { name: 'domain', options: {} },
  { name: 'learned', options: {} },
  { name: 'context-retry', module: USER_MODULE, options: {} },
];

/** Every strategy that wraps an inner one: inner → wrapped. */
const WRAPPERS: Record<string, (inner: Strategy) => Strategy> = {
  availability: (inner) => availability({ inner: 'inner' }, build, () => inner),
  shadow: (inner) => withShadow(inner, { share: 1, reference: 'gpt-4o' }, build),
  'shadow around availability': (inner) =>
    withShadow(
      availability({ inner: 'inner' }, build, () => inner),
      { share: 1, reference: 'gpt-4o' },
      build,
    ),
};

const REQUESTS = [
  request('hi there, how are you today?', { index: 0 }),
  request('Write a Python function that reverses a linked list.', { id: 'r0000002', index: 1 }),
  request('Solve for x: 3x + 7 = 22. Show the steps.', { id: 'r0000003', index: 2 }),
  request('What is the capital of Australia?', { id: 'r0000004', index: 3 }),
];

const label = (config: StrategyConfig) =>
  Object.keys(config.options ?? {}).length === 0
    ? config.name
    : `${config.name} ${JSON.stringify(config.options)}`;

describe('the members a wrapper must pass through', () => {
  it('are exactly the members of the engine’s runtime context', () => {
    const engine: EngineHandle = {
      now: () => 0,
      models,
      call: () => Promise.reject(new Error('unused')),
      sleep: () => Promise.resolve(),
      random: () => 0.5,
    };
    const runtime = createRouteContext({} as RequestState, engine);
    expect(Object.keys(runtime).sort()).toEqual([...MEMBERS].sort());
  });
});

describe('every wrapper around every inner strategy kind', async () => {
  const inners = await buildStrategiesAsync(INNER_KINDS, build);
  const cases = Object.keys(WRAPPERS).flatMap((wrapper) =>
    INNER_KINDS.map((config, index) => ({ wrapper, kind: label(config), inner: inners[index]! })),
  );

  it.each(cases)('$wrapper around $kind: no member lost, same answers', async ({ wrapper, inner }) => {
    for (const routed of REQUESTS) {
      const alone = recordingContext();
      const expected = await inner.route(routed, alone.context);
      expect(expected.responseId).toBeDefined();

      const seen: RouteContext[] = [];
      const outer = recordingContext();
      const wrapped = WRAPPERS[wrapper]!(instrumented(inner, seen));
      const result = await wrapped.route(routed, outer.context);

      expect(result.responseId, routed.id).toBe(expected.responseId);
      // What the inner strategy used alone, it reached through the wrapper too.
      for (const member of MEMBERS)
        expect(outer.uses.get(member) ?? 0, member).toBeGreaterThanOrEqual(alone.uses.get(member) ?? 0);
      // Every member is on the context the inner strategy got, and reaches the outer context.
      expect(seen).toHaveLength(1);
      const innerContext = seen[0]!;
      for (const member of MEMBERS) {
        expect(innerContext[member], member).toBeDefined();
        const before = outer.uses.get(member) ?? 0;
        await PROBES[member](innerContext);
        expect(outer.uses.get(member) ?? 0, member).toBeGreaterThan(before);
      }
    }
  });
});

describe('wrapRouteContext', () => {
  it('answers the overrides and passes through everything else, a member it has never heard of included', async () => {
    const { context, uses } = recordingContext();
    const extended = Object.assign(Object.create(context) as RouteContext, { trace: 'kept' });
    const calls: string[] = [];
    const wrapped = wrapRouteContext(extended, {
      call: async (model, options) => {
        calls.push(model);
        return context.call(model, options);
      },
    });
    await wrapped.call('gpt-4o');
    expect(calls).toEqual(['gpt-4o']);
    expect(uses.get('call')).toBe(1);
    expect((wrapped as RouteContext & { trace: string }).trace).toBe('kept');
    // Found on the prototype (`extended` has only `trace` of its own), and enumerable, so a
    // wrapper around this one passes them on.
    expect(Object.keys(wrapped).sort()).toEqual([...MEMBERS, 'trace'].sort());
    await wrapped.judge?.('x', 'gpt-4o');
    expect(uses.get('judge')).toBe(1);
  });

  it('keeps methods bound to the outer context and reads values at each access', () => {
    class ClassContext {
      clock = 5;
      list = candidates(['gpt-4o']);
      now(): number {
        return this.clock;
      }
      get models() {
        return this.list;
      }
      call = () => Promise.reject(new Error('unused'));
      sleep = () => Promise.resolve();
      random = () => 0.5;
    }
    const outer = new ClassContext();
    const wrapped = wrapRouteContext(outer, {});
    const { now } = wrapped;
    expect(now()).toBe(5);
    outer.clock = 9;
    outer.list = candidates(['gpt-4o-mini', 'gpt-4o']);
    expect(wrapped.now()).toBe(9);
    expect(wrapped.models.map((model) => model.id)).toEqual(['gpt-4o-mini', 'gpt-4o']);
  });
});
