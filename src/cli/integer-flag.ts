/** An integer flag's value (`--workers 2`), or a UsageError naming the flag and what it expects. */
import { UsageError } from '../errors.ts';

export function parseInteger(flag: string, text: string, minimum: number): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new UsageError(`${flag} expects an integer ≥ ${minimum}, got "${text}"`);
  }
  return value;
}
