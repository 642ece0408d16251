/**
 * The run folder is a transaction (issue 12 item 2): `routesim simulate` in a child process,
 * killed (SIGKILL) at every phase of a run, leaves the folder either the complete old run or the
 * complete new one (after the repair the next run does first); output paths that cannot be
 * written exit 1 with one line naming the folder and the previous run intact; `--out ""` is a
 * usage error; stale temp parts of earlier runs are cleaned at start.
 */

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repairRunFolder } from '../src/report/run-folder.ts';
import { REPO, runCli } from './support/cli-child.ts';

const SCENARIO = join(REPO, 'test/fixtures/contain/tiny.yaml');
const run = (out: string, extra: readonly string[] = [], options: Parameters<typeof runCli>[1] = {}) =>
  runCli(['simulate', SCENARIO, '--out', out, '--no-robustness', '--quiet', ...extra], options);

/** Every file of a run folder by name → sha256 (timings.json: present, its wall-clock bytes vary). */
function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(folder).sort()) {
    const bytes = readFileSync(join(folder, name));
    files[name] = name === 'timings.json' ? 'present' : createHash('sha256').update(bytes).digest('hex');
  }
  return files;
}

/** No stage, ready or old folder of a run is left next to `out`, and no temp part inside it. */
function leftovers(out: string): string[] {
  const parent = join(out, '..');
  const name = out.split('/').pop() ?? '';
  const beside = readdirSync(parent).filter((entry) => entry.startsWith(`${name}.routesim-`));
  const inside = existsSync(out) ? readdirSync(out).filter((entry) => entry.endsWith('.partial')) : [];
  return [...beside, ...inside];
}

function expectOneLineError(stderr: string, folder: string): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(folder);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(stderr).not.toContain('a bug');
}

let root: string;
let oldRun: Record<string, string>;
let newRun: Record<string, string>;
const NEW_SEED = ['--seed', '11'];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'routesim-run-folder-'));
  chmodSync(root, 0o755);
  const [a, b] = await Promise.all([run(join(root, 'old')), run(join(root, 'new'), NEW_SEED)]);
  expect([a.code, a.stderr, b.code, b.stderr]).toEqual([0, '', 0, '']);
  oldRun = snapshot(join(root, 'old'));
  newRun = snapshot(join(root, 'new'));
  expect(Object.keys(oldRun)).toHaveLength(7);
  expect(oldRun['results.json']).not.toBe(newRun['results.json']);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder holding the complete old run (a copy of the reference one). */
async function oldRunAt(name: string): Promise<string> {
  const out = join(root, name);
  const result = await run(out);
  expect(result.code).toBe(0);
  expect(snapshot(out)).toEqual(oldRun);
  return out;
}

describe('a run killed at every phase', () => {
  // prepared: after loading, planning and generating the stream, before any unit; units: after the
  // first unit; written: every file in the stage; swap: the old folder renamed aside, the new one
  // not yet in; swapped: the new one in, the old one not yet removed.
  const phases = [
    { phase: 'prepared', after: 'old' },
    { phase: 'units', after: 'old' },
    { phase: 'written', after: 'old' },
    { phase: 'swap', after: 'new' },
    { phase: 'swapped', after: 'new' },
  ] as const;

  for (const { phase, after } of phases) {
    it(`leaves the complete ${after} run when killed at "${phase}"`, async () => {
      const out = await oldRunAt(`killed-${phase}`);
      const killed = await run(out, NEW_SEED, {
        env: { ROUTESIM_TEST_PAUSE_AT: phase },
        killWhen: `paused at ${phase}`,
      });
      expect(killed.signal).toBe('SIGKILL');
      expect(killed.stderr).toContain(`paused at ${phase}`);
      // Until the next run repairs it the folder is whole or (between the renames) absent.
      if (existsSync(out)) expect([oldRun, newRun]).toContainEqual(snapshot(out));
      else expect(phase).toBe('swap');
      repairRunFolder(out); // what the next run does first
      expect(snapshot(out)).toEqual(after === 'old' ? oldRun : newRun);
      expect(leftovers(out)).toEqual([]);
    });
  }

  it('is repaired by the next simulate, which then completes', async () => {
    const out = await oldRunAt('killed-then-rerun');
    await run(out, NEW_SEED, { env: { ROUTESIM_TEST_PAUSE_AT: 'swap' }, killWhen: 'paused at swap' });
    expect(existsSync(out)).toBe(false);
    const rerun = await run(out);
    expect(rerun.code).toBe(0);
    expect(snapshot(out)).toEqual(oldRun);
    expect(leftovers(out)).toEqual([]);
  });
});

describe('stale temp parts', () => {
  it('are removed at start: stages of dead runs, decision parts and temp files in the folder', async () => {
    const out = await oldRunAt('stale');
    mkdirSync(`${out}.routesim-tmp-2147483646-dead`);
    writeFileSync(join(`${out}.routesim-tmp-2147483646-dead`, 'decisions.csv'), 'half');
    mkdirSync(join(out, '.decisions.2147483646.partial'));
    writeFileSync(join(out, '.decisions.2147483646.partial', 'unit-0.csv'), 'x'.repeat(1000));
    writeFileSync(join(out, '.summary.md.2147483646.1.partial'), 'half');
    const result = await run(out, NEW_SEED);
    expect(result.code).toBe(0);
    expect(leftovers(out)).toEqual([]);
    expect(snapshot(out)).toEqual(newRun);
  });

  it('carries files the run does not write (a note) into the new run, and nothing of the old run', async () => {
    const out = await oldRunAt('foreign');
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const result = await run(out, NEW_SEED);
    expect(result.code).toBe(0);
    expect(snapshot(out)).toEqual({ ...newRun, 'notes.txt': expect.any(String) });
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('an --out reached through a symlink', () => {
  it('is swapped where it really is; the link stays a link', async () => {
    const real = await oldRunAt('real-folder');
    const link = join(root, 'linked');
    symlinkSync(real, link);
    const result = await run(link, NEW_SEED);
    expect(result.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(snapshot(real)).toEqual(newRun);
    expect(leftovers(real)).toEqual([]);
  });
});

describe('output paths that cannot be written', () => {
  it('--out "" is a usage error (exit 2) and writes nothing into the working folder', async () => {
    const cwd = mkdtempSync(join(root, 'cwd-'));
    const result = await run('', [], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--out expects a folder');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('--out naming a file: exit 1, one line naming it, the file untouched', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'keep');
    const result = await run(file);
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, file);
    expect(readFileSync(file, 'utf8')).toBe('keep');
  });

  it('--out under a file (ENOTDIR): exit 1, one line', async () => {
    const file = join(root, 'b-file');
    writeFileSync(file, 'keep');
    const result = await run(join(file, 'out'));
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, join(file, 'out'));
    expect(result.stderr).toContain('ENOTDIR');
  });

  it('a read-only parent (EACCES): exit 1, one line, the previous run intact', async () => {
    const parent = join(root, 'read-only');
    mkdirSync(parent);
    chmodSync(parent, 0o755);
    const out = join(parent, 'out');
    expect((await run(out)).code).toBe(0);
    chmodSync(parent, 0o555);
    try {
      // Root ignores permissions: the child runs as `nobody` then.
      const uid = process.getuid?.() === 0 ? 65534 : undefined;
      const result = await run(out, NEW_SEED, uid === undefined ? {} : { uid });
      expect(result.code).toBe(1);
      expectOneLineError(result.stderr, out);
      expect(result.stderr).toContain('EACCES');
      expect(snapshot(out)).toEqual(oldRun);
    } finally {
      chmodSync(parent, 0o755);
    }
  });

  it('a full disk (ENOSPC) mid-write: exit 1, one line, the previous run intact', async (context) => {
    const mount = join(root, 'small-disk');
    mkdirSync(mount);
    // A file system just big enough for one run: needs mount rights (root in a container).
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=320k', 'tmpfs', mount]).status === 0;
    if (!mounted) context.skip();
    try {
      const out = join(mount, 'out');
      expect((await run(out)).code).toBe(0);
      const result = await run(out, NEW_SEED);
      expect(result.code).toBe(1);
      expectOneLineError(result.stderr, out);
      expect(result.stderr).toContain('ENOSPC');
      expect(snapshot(out)).toEqual(oldRun);
      expect(leftovers(out)).toEqual([]);
    } finally {
      spawnSync('umount', [mount]);
    }
  });
});
