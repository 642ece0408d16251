/**
 * Which confidence signal a scenario strategy reads, from its config: a built-in cascade reads
 * the one its `confidence` option names (logprob by default); availability reads what its `inner`
 * strategy reads (nothing without one); the families that never read a confidence read none;
 * anything else (a user's module) is assumed to read every signal — re-running a strategy a move
 * cannot change costs time, skipping one it can change would be wrong.
 */
import { builtInNameOf } from '../scenario/strategy-names.ts';
import type { StrategyConfig } from '../scenario/types.ts';
import type { ConfidenceSignal } from '../strategies/confidence-signals.ts';

/** Built-in families that route without ever reading a confidence signal. */
const READS_NONE = new Set([
  'always-cheapest',
  'always-strongest',
  'random',
  'oracle',
  'rules',
  'domain',
  'learned',
]);

/** The strategy availability wraps (its `inner` option: a name or { name, options }), if any. */
export function innerConfigOf(config: StrategyConfig): StrategyConfig | undefined {
  if (config.module !== undefined || builtInNameOf(config) !== 'availability') return undefined;
  const inner = config.options['inner'];
  if (typeof inner === 'string') return { name: inner, options: {} };
  if (typeof inner !== 'object' || inner === null) return undefined;
  const { name, options } = inner as { name?: unknown; options?: unknown };
  if (typeof name !== 'string') return undefined;
  const innerOptions =
    typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {};
  return { name, options: innerOptions };
}

export function readsSignal(config: StrategyConfig, signal: ConfidenceSignal): boolean {
  if (config.module !== undefined) return true;
  const family = builtInNameOf(config);
  if (family === 'cascade') return (config.options['confidence'] ?? 'logprob') === signal;
  if (family === 'availability') {
    const inner = innerConfigOf(config);
    return inner !== undefined && readsSignal(inner, signal);
  }
  if (READS_NONE.has(family) || family.startsWith('always-')) return false;
  return true;
}
