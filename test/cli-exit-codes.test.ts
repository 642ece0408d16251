import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { captureIo } from './support/cli-capture.ts';

describe('CLI exit codes', () => {
  it('exits 2, not 1, on an unknown flag and names it', async () => {
    const { io, err } = captureIo();
    expect(await main(['--no-such-flag'], io)).toBe(2);
    expect(err.join('')).toContain("unknown option '--no-such-flag'");
  });

  it('exits 2 on an unknown command', async () => {
    const { io, err } = captureIo();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(err.join('')).toMatch(/unknown command 'frobnicate'/);
  });

  it('exits 0 for --help and prints usage', async () => {
    const { io, out } = captureIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(out.join('')).toContain('Usage: routesim');
  });
});
