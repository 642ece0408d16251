/**
 * What a user's router module exports: a strategy made with `defineStrategy`, or a factory of one.
 * A leaf of its own so that the module loader (module-strategy.ts) and the public front
 * (user-module.ts) share these types without importing each other.
 */
import type { RouteRequest } from '../contracts/index.ts';
import type { RouteContext, RouteResult, Strategy, StrategyBuildContext, StrategyFamily } from './types.ts';

/** What `defineStrategy` takes: a name and a route; the family defaults to 'custom'. */
export interface StrategyDefinition {
  name: string;
  /** @default 'custom' */
  family?: StrategyFamily;
  route(request: RouteRequest, context: RouteContext): Promise<RouteResult>;
}

/** A user module's factory: the scenario entry's options and the build context. */
export type UserStrategyFactory = (
  options: Record<string, unknown>,
  context: StrategyBuildContext,
) => Strategy | StrategyDefinition;

/** Typed identity helper for a user strategy (fills in family 'custom'). */
export function defineStrategy(definition: StrategyDefinition): Strategy {
  return { family: 'custom', ...definition };
}
