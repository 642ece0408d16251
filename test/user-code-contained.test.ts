/**
 * User code is contained (issue 12 item 3), through the CLI in a child process on both engines: a
 * router module that exits the process, leaves a rejection unhandled, spins, waits on a real timer,
 * reaches for the real network (https, net, dns), returns 42 or null, throws, calls a model that is
 * not there or calls too often is an attributed failure and a nonzero exit — never exit 0 with no
 * files, a Node crash, or a process that hangs.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDecisions } from './decisions-file.ts';
import { REPO, runCli } from './support/cli-child.ts';
import { twoModelScenario } from './support/two-model-scenario.ts';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'routesim-contained-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let scenarios = 0;
/** A one-minute scenario (≈ 120 requests) running the reference and the fixture router `module`. */
function scenarioWith(module: string, options: Record<string, unknown> = {}, limits = ''): string {
  const path = join(root, `scenario-${scenarios++}.yaml`);
  const entry = { module: join(REPO, 'test/fixtures/contain', module), options };
  writeFileSync(path, twoModelScenario('contained', [entry], limits));
  return path;
}

async function simulate(scenario: string, extra: readonly string[] = []) {
  const out = join(root, `out-${scenarios}`);
  const result = await runCli(['simulate', scenario, '--out', out, '--no-robustness', '--quiet', ...extra]);
  return { ...result, out };
}

/** Exit 1, not killed by the test's timeout, one clear line naming the strategy, no stack trace. */
function expectAttributed(result: Awaited<ReturnType<typeof simulate>>, strategy: string, cause: RegExp) {
  expect(result.signal).toBeNull(); // ended by itself: did not hang until the harness killed it
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`strategy "${strategy}"`);
  expect(result.stderr).toMatch(cause);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).not.toContain('a bug');
}

for (const engine of ['direct', 'wire'] as const) {
  describe(`on the ${engine} engine`, () => {
    const flags = ['--engine', engine];

    it('process.exit() in a route: exit 1 naming the router (was exit 0 with no files)', async () => {
      const result = await simulate(scenarioWith('exits.ts'), flags);
      expectAttributed(result, 'exits', /process\.exit\(0\)/);
      expect(existsSync(result.out)).toBe(false);
    });

    it('an unhandled rejection: exit 1 naming the router, not a Node crash', async () => {
      const result = await simulate(scenarioWith('stray-rejection.ts'), flags);
      expectAttributed(result, 'stray-rejection', /promise rejection unhandled/);
      expect(result.stderr).toContain('stray rejection nobody awaits');
    });

    it('a busy loop: stopped past the route budget, exit 1 naming the router (was a hang)', async () => {
      const result = await simulate(scenarioWith('busy-loop.ts'), [...flags, '--route-budget', '3s']);
      expectAttributed(result, 'busy-loop', /more than 3 s without handing control back/);
    });

    for (const via of ['https', 'net', 'dns']) {
      it(`real network through node:${via}: refused before any lookup, exit 1 naming the router`, async () => {
        const result = await simulate(scenarioWith('real-network.ts', { via }), flags);
        expectAttributed(result, 'real-network', /tried to use the real network \([^)]*api\.openai\.com/);
        expect(result.stderr).toContain('nothing left the machine');
        expect(result.stderr).not.toMatch(/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ERR_INVALID_STATE/);
      });
    }
  });
}

describe('the whole-run watchdog (--timeout)', () => {
  it('stops a run past its wall-time limit and names the units still running', async () => {
    // The route budget is set far away: the run's own limit is what stops this one.
    const result = await simulate(scenarioWith('busy-loop.ts'), ['--route-budget', '10m', '--timeout', '3s']);
    expect(result.signal).toBeNull();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /went over its time limit \(--timeout 3 s\).*units still running: "busy-loop"/,
    );
  });
});

describe('a router waiting on a real timer', () => {
  it('direct engine: reported as stalled and the process exits at once (was: lived until the timer fired)', async () => {
    const result = await simulate(scenarioWith('real-timer.ts'), ['--engine', 'direct']);
    expectAttributed(result, 'real-timer', /stalled on request/);
  });
});

describe('a router module that exits while it is imported', () => {
  it('exits 1 with a message, never 0', async () => {
    const result = await simulate(scenarioWith('exits-on-import.ts'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ended by process.exit()');
  });
});

describe('a router that fails every request: nonzero exit (limits.failedShare, default 0.5)', () => {
  const cases = [
    { how: '42', reason: 'route resolved with 42' },
    { how: 'null', reason: 'route resolved with null' },
    { how: 'throws', reason: 'this router always throws' },
    { how: 'unknown-model', reason: 'no-such-model-9000:not_found' },
    { how: 'many-calls', reason: 'made more than 100 calls' },
  ];
  for (const { how, reason } of cases) {
    it(`${how}: exit 1 naming the router; the files say why`, async () => {
      const result = await simulate(scenarioWith('misbehaves.ts', { how }));
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/strategy "misbehaves" failed 1\d\d of 1\d\d requests \(100\.0%\)/);
      expect(result.stderr).toContain('limits.failedShare 0.5');
      expect(readDecisions(result.out)).toContain(reason);
    });
  }

  it('the call cap is the scenario’s limits.callsPerRequest', async () => {
    const scenario = scenarioWith(
      'misbehaves.ts',
      { how: 'many-calls', calls: 150 },
      'limits: { callsPerRequest: 200 }',
    );
    const result = await simulate(scenario);
    expect(result.code).toBe(0);
    expect(readDecisions(result.out)).not.toContain('made more than');
  });

  it('limits.failedShare: 1 lets a failing router pass (exit 0); a router that behaves passes by default', async () => {
    const lenient = await simulate(
      scenarioWith('misbehaves.ts', { how: 'throws' }, 'limits: { failedShare: 1 }'),
    );
    expect([lenient.code, lenient.stderr]).toEqual([0, '']);
    const behaves = await simulate(scenarioWith('misbehaves.ts', { how: 'behaves' }));
    expect([behaves.code, behaves.stderr]).toEqual([0, '']);
  });
});
