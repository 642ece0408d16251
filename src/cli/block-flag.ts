/** `--block <duration>` of simulate and compare: the block bootstrap's window length. */
import { UsageError } from '../errors.ts';
import { parseDuration } from '../scenario/durations.ts';

/** The window length in ms of virtual time; a usage error (exit 2) for anything but a positive duration. */
export function parseBlockFlag(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) {
    throw new UsageError(`--block expects a positive duration like "15m" or "1h", got "${text}"`);
  }
  return ms;
}
