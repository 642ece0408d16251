/**
 * simulate as a library call: without reporters it writes nothing (no run directory, no decision
 * parts, no explore log) and returns what the reporters would have received.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Reporter } from '../src/run/reporter.ts';
import { simulate } from '../src/run/simulate.ts';

const writes = vi.hoisted(() => [] as string[]);
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const recorded = (name: string) => {
    const original = (actual as unknown as Record<string, (...args: unknown[]) => unknown>)[name];
    if (original === undefined) throw new Error(`node:fs has no ${name}`);
    return (...args: unknown[]) => {
      writes.push(`${name} ${String(args[0])}`);
      return original(...args);
    };
  };
  const names = [
    'writeFileSync',
    'appendFileSync',
    'createWriteStream',
    'mkdirSync',
    'openSync',
    'renameSync',
    'rmSync',
    'writeSync',
  ];
  const wrapped = Object.fromEntries(names.map((name) => [name, recorded(name)]));
  return { ...actual, default: { ...actual, ...wrapped }, ...wrapped };
});

const SMALL = 'test/fixtures/simulate/small.yaml';
beforeEach(() => {
  writes.length = 0;
});
const wallClock = () => performance.now();

describe('simulate without reporters', () => {
  it('writes nothing and returns the metrics, runs and provenance', async () => {
    const outcome = await simulate({
      scenario: SMALL,
      strategies: ['always-cheapest'],
      explore: 0.1,
      robustness: false,
      workers: 1,
      wallClock,
    });
    expect(writes).toEqual([]);
    expect(outcome.exitCode).toBe(0);
    expect(outcome.metrics.strategies.map((strategy) => strategy.name)).toEqual(
      expect.arrayContaining(['always-cheapest', 'always-strongest']),
    );
    expect(outcome.runs).toHaveLength(outcome.units.length);
    expect(outcome.requestIds).toHaveLength(outcome.metrics.requestCount);
    expect(outcome.provenance.scenarioFile).toBe('small.yaml');
  });

  it('gives a passed reporter the run in hook order, still writing nothing itself', async () => {
    const hooks: string[] = [];
    const reporter: Reporter = {
      onRunStart: () => hooks.push('start'),
      onUnitEnd: ({ unit }) => hooks.push(`unit ${unit.label}`),
      onExplore: (rows) => {
        hooks.push(`explore ${[...rows].length > 0}`);
      },
      onRunEnd: () => {
        hooks.push('end');
      },
    };
    await simulate({
      scenario: SMALL,
      strategies: ['always-cheapest'],
      explore: 0.1,
      robustness: false,
      workers: 1,
      reporters: [reporter],
      wallClock,
    });
    expect(writes).toEqual([]);
    expect(hooks[0]).toBe('start');
    expect(hooks.slice(1, 3)).toEqual(['unit always-cheapest', 'unit always-strongest']);
    expect(hooks.slice(-2)).toEqual(['explore true', 'end']);
  });
});
