/** `--engine`: direct is runUnit, wire is runUnitWire, and a build without the wire engine fails cleanly. */
import { describe, expect, it } from 'vitest';
import { runUnit } from '../src/engine/run-unit.ts';
import { loadUnitRunner } from '../src/engine/unit-runner.ts';
import { runUnitWire } from '../src/engine/wire/run-unit-wire.ts';
import { UsageError } from '../src/errors.ts';

describe('loadUnitRunner', () => {
  it('gives runUnit for direct and runUnitWire for wire', async () => {
    expect(await loadUnitRunner('direct')).toBe(runUnit);
    expect(await loadUnitRunner('wire')).toBe(runUnitWire);
  });

  it('fails with a usage error naming the flag when the wire engine is missing', async () => {
    const missing = loadUnitRunner('wire', './wire/no-such-engine.ts');
    await expect(missing).rejects.toBeInstanceOf(UsageError);
    await expect(missing).rejects.toThrow('--engine wire');
  });
});
