/**
 * Portkey's open-source AI gateway (npm `@portkey-ai/gateway`, a devDependency) as a child process on
 * a free loopback port, for tests that put a real gateway in front of `routesim serve`.
 *
 * Why a child process and not the Hono app in-process: the published build is one module that starts
 * listening (and installs process-wide `uncaughtException` handlers) when it is imported, and exports
 * nothing; importing it into the vitest worker would leak a server and those handlers into every test.
 *
 * Usage:
 * ```ts
 * const portkey = await startPortkey();
 * try { await fetch(`${portkey.url}/v1/chat/completions`, …) } finally { await portkey.stop(); }
 * ```
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The gateway's entry point; it takes `--port=N` and `--headless` (no web UI), nothing else. */
const START_SERVER = fileURLToPath(
  new URL('../../node_modules/@portkey-ai/gateway/build/start-server.js', import.meta.url),
);

/** What the gateway's root path answers once it is listening. */
const READY_BODY = 'AI Gateway says hey!';

export interface PortkeyGateway {
  /** Base URL of the gateway, without a trailing slash, e.g. `http://127.0.0.1:40123`. Clients use `${url}/v1`. */
  url: string;
  /** The gateway's port. */
  port: number;
  /** Everything the gateway wrote to stdout and stderr so far (for failure messages). */
  output(): string;
  /** Kill the gateway (its whole process group) and wait until it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartPortkeyOptions {
  /** Give up if the gateway does not answer within this many ms. @default 20000 */
  readyTimeoutMs?: number;
  /** Extra environment for the gateway (e.g. `TRUSTED_CUSTOM_HOSTS`). */
  env?: Record<string, string>;
}

/** Every gateway started and not yet stopped, killed if the test process exits without stopping them. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Start Portkey's gateway on a free port and resolve once `GET /` answers. If the port was taken
 * between choosing it and the gateway binding it (the gateway then exits), try another port.
 */
export async function startPortkey(options: StartPortkeyOptions = {}): Promise<PortkeyGateway> {
  const attempts = 3;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await startOnce(await freePort(), options);
    } catch (error) {
      lastError = error;
      if (!(error instanceof PortkeyExitedEarly)) break;
    }
  }
  throw lastError;
}

class PortkeyExitedEarly extends Error {}

async function startOnce(port: number, options: StartPortkeyOptions): Promise<PortkeyGateway> {
  installExitHook();
  const child = spawn(process.execPath, [START_SERVER, `--port=${port}`, '--headless'], {
    // Own process group, so that stop() can kill the gateway together with anything it spawned.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: withoutProxies({ ...process.env, NODE_ENV: 'test', ...options.env }),
  });
  running.add(child);
  let output = '';
  const append = (chunk: Buffer): void => {
    output += chunk.toString();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      running.delete(child);
      resolve();
    });
  });
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });

  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (!hasExited) {
      killGroup(child, 'SIGTERM');
      const killTimer = setTimeout(() => killGroup(child, 'SIGKILL'), 2_000);
      await exited;
      clearTimeout(killTimer);
    }
    // The gateway may have left children in its group even when it exited itself.
    killGroup(child, 'SIGKILL');
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 20_000);
  while (true) {
    if (hasExited) {
      throw new PortkeyExitedEarly(
        `Portkey gateway exited (code ${child.exitCode}, signal ${child.signalCode}) before answering on port ${port}:\n${output}`,
      );
    }
    if (await answers(url)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Portkey gateway did not answer on ${url} in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // Something else may have held the port and answered; the gateway would then have died on EADDRINUSE.
  if (hasExited) throw new PortkeyExitedEarly(`Portkey gateway exited right after start:\n${output}`);
  return { url, port, output: () => output, stop };
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return response.ok && (await response.text()).includes(READY_BODY);
  } catch {
    return false;
  }
}

/** A port that was free a moment ago on loopback (the gateway binds all interfaces; the race is handled by retrying). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** The gateway honours HTTP(S)_PROXY for upstream calls; a proxy must not sit between it and serve on loopback. */
function withoutProxies(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const name of Object.keys(copy)) {
    if (/^(https?|all|no)_proxy$/i.test(name)) delete copy[name];
  }
  return copy;
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) killGroup(child, 'SIGKILL');
  });
}
