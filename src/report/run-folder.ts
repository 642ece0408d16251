/**
 * The run folder as a transaction: every file of a run comes from that run. The reporters write
 * into a fresh sibling stage (`<out>.routesim-tmp-<pid>-<id>`); when every one has finished, the
 * stage is renamed `<out>.routesim-ready-<pid>-<id>` (complete, not yet in place), the old folder
 * is renamed aside (`<out>.routesim-old-<pid>-<id>`), the ready one renamed to `<out>`, and the old
 * one removed. Each step is one rename within the parent folder (atomic on POSIX), so a kill at
 * any point leaves one of these states, which the next run repairs before it starts:
 *
 * - out = old run, a `tmp` stage beside it (killed while running or writing) → the stage goes;
 * - out = old run, a `ready` beside it (killed before the swap) → out stays the old run, the
 *   ready one goes (out is whatever it was when the kill came);
 * - no out, `old` and `ready` beside it (killed between the two renames) → the ready run moves in
 *   (it is complete and newer), the old one goes;
 * - out = new run, `old` beside it (killed before the cleanup) → the old one goes.
 *
 * Why not a manifest written last: a folder that is always one whole run needs no reader to check
 * anything (`compare`, `report`, a CI step that posts summary.md, a human), while a manifest only
 * protects the readers that check it. The cost: entries the run does not write (a user's notes, a
 * JUnit file from `--junit out/…`) are carried into the new folder as hard links at the swap.
 */

import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { RoutesimError, UsageError } from '../errors.ts';

/** Files a run writes into its folder; an old copy of one is never carried into a new run. */
export const RUN_FILES: ReadonlySet<string> = new Set([
  'report.html',
  'results.json',
  'summary.md',
  'summary.csv',
  'decisions.csv',
  'decisions.csv.gz',
  'columns.bin',
  'timings.json',
  'explore.jsonl',
]);

const MARK = '.routesim-';
type SiblingKind = 'tmp' | 'ready' | 'old';
const SIBLING = /^\.routesim-(tmp|ready|old)-(\d+)-/;
/** In-folder temp parts of atomic writes (`.<file>.<pid>.<n>.partial`, `.decisions.<pid>.partial/`). */
const PART = /^\..*\.partial$/;

/** A run folder could not be read, written or swapped: one line, exit 1, no stack trace. */
export class RunFolderError extends RoutesimError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('runtime', message, options);
    this.name = 'RunFolderError';
  }
}

/** One run's writes: reporters write into `stageDir`; `commit` swaps it in, `abort` removes it. */
export interface RunFolder {
  /** The folder as the user named it. */
  readonly outDir: string;
  /** Where this run's files are written until the swap. */
  readonly stageDir: string;
  commit(): void;
  abort(): void;
}

/**
 * Check `outDir`, repair what an interrupted run left next to it, and open a stage for this run.
 * Throws UsageError for a folder that cannot be a run folder, RunFolderError when it cannot be written.
 */
export function beginRunFolder(outDir: string): RunFolder {
  if (outDir.trim() === '') throw new UsageError('--out expects a folder, got ""');
  const named = resolve(outDir);
  const cwd = process.cwd();
  if (named === dirname(named) || named === cwd || cwd.startsWith(`${named}${sep}`)) {
    throw new UsageError(
      `--out ${outDir} is the working folder or one of its parents; a run replaces its folder whole, so name a folder of its own (e.g. reports/run)`,
    );
  }
  // A folder reached through a symlink is swapped where it really is; the link stays.
  const link = guard(outDir, undefined, () => statOrUndefined(named));
  const target =
    link?.isSymbolicLink() === true ? guard(outDir, undefined, () => realpathSync(named)) : named;
  guard(outDir, undefined, () => {
    const stats = statOrUndefined(target);
    if (stats !== undefined && !stats.isDirectory())
      throw ioError('ENOTDIR', target, 'is a file, not a folder');
    mkdirSync(dirname(target), { recursive: true });
    repairRunFolder(target);
  });
  // mkdir, not mkdtemp: the folder gets the usual mode (0777 less the umask), not 0700.
  const stageDir = `${target}${MARK}tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  guard(outDir, undefined, () => mkdirSync(stageDir));
  let done = false;
  return {
    outDir,
    stageDir,
    commit() {
      if (done) return;
      done = true;
      guard(outDir, stageDir, () => swapIn(target, stageDir));
    },
    abort() {
      if (done) return;
      done = true;
      rmSync(stageDir, { recursive: true, force: true });
    },
  };
}

function swapIn(target: string, stageDir: string): void {
  pauseForTest('written');
  if (statOrUndefined(target) !== undefined) carryForeignEntries(target, stageDir);
  const id = basename(stageDir).slice(`${basename(target)}${MARK}tmp-`.length);
  const ready = `${target}${MARK}ready-${id}`;
  renameSync(stageDir, ready);
  const old = `${target}${MARK}old-${id}`;
  const hadOld = statOrUndefined(target) !== undefined;
  if (hadOld) renameSync(target, old);
  pauseForTest('swap');
  renameSync(ready, target);
  pauseForTest('swapped');
  if (hadOld) rmSync(old, { recursive: true, force: true });
}

/**
 * Put back the state an interrupted run left (see the file comment) and remove its leftovers:
 * stages, ready and old folders of processes no longer alive, and temp parts inside the folder.
 */
export function repairRunFolder(outDir: string): void {
  const target = resolve(outDir);
  const parent = dirname(target);
  const prefix = basename(target);
  const siblings: { path: string; kind: SiblingKind }[] = [];
  for (const name of readdirOrEmpty(parent)) {
    if (!name.startsWith(`${prefix}${MARK}`)) continue;
    const match = SIBLING.exec(name.slice(prefix.length));
    if (match === null) continue;
    const pid = Number(match[2]);
    if (pid !== process.pid && isAlive(pid)) continue; // another run is writing next to us
    siblings.push({ path: join(parent, name), kind: match[1] as SiblingKind });
  }
  if (statOrUndefined(target) === undefined) {
    const restore =
      siblings.find((entry) => entry.kind === 'ready') ?? siblings.find((entry) => entry.kind === 'old');
    if (restore !== undefined) {
      renameSync(restore.path, target);
      siblings.splice(siblings.indexOf(restore), 1);
    }
  }
  for (const entry of siblings) rmSync(entry.path, { recursive: true, force: true });
  for (const name of readdirOrEmpty(target)) {
    if (PART.test(name)) rmSync(join(target, name), { recursive: true, force: true });
  }
}

/** Entries of the old folder that no run writes (notes, a JUnit file), hard-linked into the stage. */
function carryForeignEntries(from: string, to: string): void {
  for (const name of readdirSync(from)) {
    if (RUN_FILES.has(name) || PART.test(name) || statOrUndefined(join(to, name)) !== undefined) continue;
    linkTree(join(from, name), join(to, name));
  }
}

function linkTree(from: string, to: string): void {
  const stats = lstatSync(from);
  if (stats.isDirectory()) {
    mkdirSync(to);
    for (const name of readdirSync(from)) linkTree(join(from, name), join(to, name));
    return;
  }
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to); // file systems without hard links
  }
}

/** Run `work`; a file-system error becomes one line naming the folder and the cause. */
function guard<T>(outDir: string, stageDir: string | undefined, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw runFolderError(error, outDir, stageDir);
  }
}

/**
 * An error met while writing the run folder `outDir` as one line (exit 1) naming the folder and,
 * when it is a file of the run, that file (as the user will see it, not its temp name in the
 * stage); any other error unchanged.
 */
export function runFolderError(error: unknown, outDir: string, stageDir?: string): unknown {
  if (error instanceof RoutesimError || !isSystemError(error)) return error;
  const inStage = stageDir !== undefined && error.path?.startsWith(`${stageDir}${sep}`) === true;
  const file = inStage
    ? relative(stageDir ?? '', error.path ?? '').replace(/^\.(.*)\.\d+\.\d+\.partial$/, '$1')
    : error.path;
  const target = resolve(outDir);
  // The stage's own name means nothing to the user: the folder they named is the place.
  const at = file === undefined || file === target || file.startsWith(`${target}${MARK}`) ? '' : ` (${file})`;
  return new RunFolderError(
    `routesim: cannot write the run folder ${outDir}${at}: ${describeCode(error)}; the previous run, if any, is left as it was`,
    { cause: error },
  );
}

interface SystemError extends Error {
  code: string;
  path?: string;
}

function isSystemError(error: unknown): error is SystemError {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

const CAUSES: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file is in the way',
  EISDIR: 'a folder is in the way',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

function describeCode(error: SystemError): string {
  const custom = (error as { reason?: unknown }).reason;
  const cause = typeof custom === 'string' ? custom : (CAUSES[error.code] ?? error.message);
  return `${cause} (${error.code})`;
}

function ioError(code: string, path: string, reason: string): SystemError {
  return Object.assign(new Error(`${path} ${reason}`), { code, path, reason });
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if (isSystemError(error) && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

function readdirOrEmpty(path: string): string[] {
  try {
    return readdirSync(path);
  } catch (error) {
    if (isSystemError(error) && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) return [];
    throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isSystemError(error) && error.code === 'EPERM';
  }
}

/**
 * Tests only (vitest sets VITEST): with ROUTESIM_TEST_PAUSE_AT=<phase>, say so on stderr and block
 * the thread for good at that phase, so a test can kill the process there. A no-op otherwise.
 */
export function pauseForTest(phase: string): void {
  if (process.env.VITEST === undefined || process.env.ROUTESIM_TEST_PAUSE_AT !== phase) return;
  process.stderr.write(`routesim-test: paused at ${phase}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}
