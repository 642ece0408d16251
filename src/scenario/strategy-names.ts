/**
 * Strategy names a scenario may use: the built-in families, `always-<model id>` for any
 * candidate model, labels of user modules ({ module: ./router.ts, name: mine }) and labels of
 * built-ins ({ name: cascade-judge, strategy: cascade }), so one built-in can run twice.
 */

/** Built-in strategy families (src/strategies registers one factory per name). */
export const BUILT_IN_STRATEGIES = [
  'always-cheapest',
  'always-strongest',
  'random',
  'oracle',
  'rules',
  'cascade',
  'domain',
  'availability',
  'learned',
] as const;
export type BuiltInStrategy = (typeof BUILT_IN_STRATEGIES)[number];

export const ALWAYS_PREFIX = 'always-';

/** Is `name` a built-in or `always-<model>` for one of `models`? */
export function isKnownStrategyName(name: string, models: readonly string[]): boolean {
  if ((BUILT_IN_STRATEGIES as readonly string[]).includes(name)) return true;
  return isSingleModelName(name, models);
}

/** `always-<model>` of one of `models`: the name of that model's single-model run. */
export function isSingleModelName(name: string, models: readonly string[]): boolean {
  return name.startsWith(ALWAYS_PREFIX) && models.includes(name.slice(ALWAYS_PREFIX.length));
}

/** Every name `isKnownStrategyName` accepts, for messages and suggestions. */
export function knownStrategyNames(models: readonly string[]): string[] {
  return [...BUILT_IN_STRATEGIES, ...models.map((model) => `${ALWAYS_PREFIX}${model}`)];
}

/** Label of a module strategy without a name: its file name without extension. */
export function moduleLabel(modulePath: string): string {
  const base = modulePath.split(/[\\/]/).pop() ?? modulePath;
  return base.replace(/\.[^.]+$/, '');
}

/** The built-in an entry builds: its `strategy` when it labels one, else its `name`. */
export function builtInNameOf(config: { name: string; strategy?: string }): string {
  return config.strategy ?? config.name;
}
