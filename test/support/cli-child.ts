/**
 * The CLI as a user runs it: `node src/cli/bin.ts …` in a child process, for tests of what only a
 * whole process shows (exit codes, a kill, a router that ends or hangs its process).
 */
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));
export const REPO = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface ChildOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Run as this user id (a root test user drops to `nobody` so that permissions apply). */
  uid?: number;
  /** Kill the child (SIGKILL) once its stderr contains this text. */
  killWhen?: string;
  /** Kill the child after this many ms; the test then fails on the signal. @default 60000 */
  timeoutMs?: number;
}

export function runCli(args: readonly string[], options: ChildOptions = {}): Promise<ChildResult> {
  const spawnOptions: SpawnOptions = {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
  };
  const child: ChildProcess = spawn(process.execPath, [BIN, ...args], spawnOptions);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (options.killWhen !== undefined && stderr.includes(options.killWhen)) child.kill('SIGKILL');
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
