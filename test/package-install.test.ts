/**
 * routesim as a user gets it: `npm pack` (which builds dist/ itself, through `prepack`), the
 * tarball installed into an empty temporary project outside this repository — so nothing can
 * resolve into our sources or node_modules — then, from there: `routesim init`, the generated
 * workflow's own commands replayed the way a runner would on the first pull request, `validate`,
 * `compare`, `serve`, a user script importing `routesim`, the same run on Node 22 (the lowest
 * supported line, installed from npm) with the same bytes, and the message on a too-old Node.
 *
 * Slow by nature (a TypeScript build and two npm installs, from the warm npm cache): one file,
 * one setup, generous timeouts.
 */
import { type SpawnOptions, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { parse } from 'yaml';
import { readDecisions } from './decisions-file.ts';

const ROOT = resolve(import.meta.dirname, '..');
/** The lowest Node routesim supports (package.json engines: ^22.15.0 || >=24.0.0). */
const LOWEST_NODE = '22.15.0';
const work = mkdtempSync(join(tmpdir(), 'routesim-package-'));
const project = join(work, 'my-app');
const node22Folder = join(work, 'node22');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * The environment of a user's shell: this test's Node (24) first on PATH for npm and npx, none of
 * the npm_* variables `npm test` sets (they would point npm at this repository), nor the
 * ROUTESIM_PROGRESS=off of vitest.config.ts (a CI log gets progress lines), the npm cache
 * preferred over the network.
 */
const userEnv: NodeJS.ProcessEnv = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.toLowerCase().startsWith('npm_') && name !== 'ROUTESIM_PROGRESS',
    ),
  ),
  PATH: [
    dirname(process.execPath),
    ...(process.env['PATH'] ?? '').split(delimiter).filter((entry) => !entry.startsWith(ROOT)),
  ].join(delimiter),
  npm_config_prefer_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  NO_COLOR: '1',
};

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

// stdin is closed ('ignore'), not an empty pipe: ending a pipe after a quick child has already
// exited raised an unhandled EPIPE in one CI run, failing the suite with every test passing.
function run(command: string, args: string[], options: SpawnOptions = {}): Promise<Ran> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: project,
      env: userEnv,
      ...options,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolvePromise({ status, stdout, stderr }));
  });
}

const routesim = (...args: string[]) => run('npx', ['--no', 'routesim', ...args]);

let tarball: { filename: string; entryCount: number; size: number; files: { path: string }[] };
let node22: string;

beforeAll(async () => {
  mkdirSync(project);
  mkdirSync(node22Folder);
  writeFileSync(join(node22Folder, 'package.json'), '{ "name": "node22", "private": true }\n');
  // The lowest supported Node line, installed from npm while the package builds.
  const [packed, installed22] = await Promise.all([
    run('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT }),
    run('npm', ['install', `node@${LOWEST_NODE}`], { cwd: node22Folder }),
  ]);
  expect(packed.stderr.includes('error TS'), packed.stderr).toBe(false);
  expect(packed.status, packed.stderr).toBe(0);
  tarball = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')))[0];
  expect(installed22.status, installed22.stderr).toBe(0);
  node22 = join(node22Folder, 'node_modules/.bin/node');

  // An empty repository with a package.json of the default "type" (CommonJS): the starter
  // router must load there too.
  expect((await run('git', ['init', '-q'])).status).toBe(0);
  writeFileSync(join(project, 'package.json'), '{ "name": "my-app", "private": true }\n');
  const install = await run('npm', ['install', '-D', join(work, tarball.filename)]);
  expect(install.status, install.stderr).toBe(0);
}, 300_000);

describe('the tarball', () => {
  it('ships built JavaScript with declarations and the bundled data, no sources or tests', () => {
    const paths = tarball.files.map((file) => file.path);
    for (const path of [
      'bin/routesim.js',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/cli/bin.js',
      // Modules named at run time (src/module-url.ts), which no static import pulls in.
      'dist/run/worker-entry.js',
      'dist/run/worker-setup.js',
      'dist/engine/wire/run-unit-wire.js',
      'dist/report/decisions-csv.js',
      'fixtures/catalog.json',
      'fixtures/tasks/code.json',
      'fixtures/learned/assistant-day.json',
      'scenarios/assistant-day.yaml',
      'scenarios/scenario.schema.json',
      'docs/ci/README.md',
    ]) {
      expect(paths).toContain(path);
    }
    const unwanted = paths.filter(
      (path) =>
        /^(src|test|bench|\.ci)\//.test(path) ||
        (path.endsWith('.ts') && !path.endsWith('.d.ts')) ||
        path.endsWith('.png'),
    );
    expect(unwanted).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules/routesim/package.json'), 'utf8'));
    expect(manifest.bin.routesim).toBe('./bin/routesim.js');
    expect(manifest.exports['.'].default).toBe('./dist/index.js');
  });
});

describe('in a fresh repository', () => {
  it('init writes the starter files and a first baseline; the workflow’s commands pass on the first run', async () => {
    const init = await routesim('init');
    expect(init.status, init.stderr).toBe(0);
    for (const file of ['routesim/scenario.yaml', 'routesim/router.mjs', '.github/workflows/routesim.yml']) {
      expect(existsSync(join(project, file)), file).toBe(true);
    }
    for (const file of ['results.json', 'columns.bin', 'summary.md']) {
      expect(existsSync(join(project, 'routesim/baseline', file)), file).toBe(true);
    }

    // The workflow's `run:` steps in order, as a runner does them (bash -e, continue-on-error,
    // `if:`), minus the steps that need GitHub itself (the pull-request comment) and `npm ci`.
    const workflow = parse(readFileSync(join(project, '.github/workflows/routesim.yml'), 'utf8'));
    const summary = join(work, 'step-summary.md');
    writeFileSync(summary, '');
    const outcomes = new Map<string, 'success' | 'failure'>();
    const transcript: string[] = [];
    let jobFailed = false;
    for (const step of workflow.jobs.routesim.steps as {
      name?: string;
      id?: string;
      if?: string;
      run?: string;
      env?: Record<string, string>;
      'continue-on-error'?: boolean;
    }[]) {
      if (step.run === undefined || step.if?.includes('github.')) continue;
      // `npm ci` would reinstall what the setup's `npm install` just installed from this very
      // lockfile — half a minute on a loaded machine for nothing new.
      if (step.name === 'Install') {
        transcript.push(`$ ${step.run} (skipped: the setup's npm install wrote this lockfile)`);
        continue;
      }
      const failed = [...(step.if?.matchAll(/steps\.(\w+)\.outcome == 'failure'/g) ?? [])].some(
        ([, id]) => outcomes.get(id!) === 'failure',
      );
      if (step.if !== undefined && !step.if.includes('always()') && !failed) continue;
      const env = Object.fromEntries(
        Object.entries(step.env ?? {}).map(([name, value]) => [
          name,
          value.replace(/\$\{\{ steps\.(\w+)\.outcome \}\}/g, (_, id: string) => outcomes.get(id) ?? ''),
        ]),
      );
      const started = performance.now();
      const result = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
        env: { ...userEnv, ...env, CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary },
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      transcript.push(
        `$ ${step.run.trim()}\n${result.stdout}${result.stderr}→ exit ${result.status} (${seconds} s)`,
      );
      const outcome = result.status === 0 ? 'success' : 'failure';
      if (step.id !== undefined) outcomes.set(step.id, outcome);
      if (outcome === 'failure' && step['continue-on-error'] !== true) jobFailed = true;
    }
    const log = transcript.join('\n\n');
    const transcriptFile = process.env['ROUTESIM_TRANSCRIPT'];
    if (transcriptFile !== undefined)
      writeFileSync(transcriptFile, `$ npx routesim init\n${init.stdout}\n${log}\n`);
    expect(outcomes.get('simulate'), log).toBe('success');
    expect(outcomes.get('compare'), log).toBe('success');
    expect(jobFailed, log).toBe(false);
    const written = readFileSync(summary, 'utf8');
    expect(written).toContain('routesim compare');
    expect(written).toContain(readFileSync(join(project, 'reports/routesim/summary.md'), 'utf8'));
    // Same scenario, seed and routesim: the first pull request compares equal, paired by request.
    expect(readFileSync(join(project, 'reports/routesim/results.json'))).toEqual(
      readFileSync(join(project, 'routesim/baseline/results.json')),
    );
    // Off a terminal, progress is whole lines in the log; the last one has the whole plan.
    expect(log).toMatch(/\nroutesim: \[(\d+)\/\1\] done · [\d,]+ requests/);
  }, 240_000);

  it('validate, compare and a script importing routesim work from the installed package', async () => {
    const validate = await routesim('validate', 'routesim/scenario.yaml');
    expect(validate.status, validate.stderr).toBe(0);
    expect(validate.stdout).toContain('✓ routesim/scenario.yaml: valid');

    const compare = await routesim(
      'compare',
      'reports/routesim',
      '--baseline',
      'routesim/baseline',
      '--format',
      'markdown',
    );
    expect(compare.status, compare.stderr).toBe(0);
    expect(compare.stdout).toContain('my-router');

    writeFileSync(
      join(project, 'check.mjs'),
      `import { defineStrategy, builtInStrategies } from 'routesim';
const mine = defineStrategy({ name: 'mine', async route() { return { responseId: undefined, reason: 'none' }; } });
console.log(mine.name, typeof builtInStrategies);\n`,
    );
    const script = await run(process.execPath, ['check.mjs']);
    expect(script.stderr).toBe('');
    expect(script.stdout).toMatch(/^mine (object|function)/);
    expect(existsSync(join(project, 'node_modules/routesim/dist/index.d.ts'))).toBe(true);
  }, 120_000);

  it('serve answers the official OpenAI wire format, then stops on SIGTERM', async () => {
    // The installed bin itself, so that SIGTERM reaches routesim (npx would stand in between).
    const server = spawn(
      process.execPath,
      [
        'node_modules/.bin/routesim',
        'serve',
        'routesim/scenario.yaml',
        '--port',
        '0',
        '--time-scale',
        '1000',
      ],
      { cwd: project, env: userEnv, stdio: 'pipe' },
    );
    const exited = new Promise<number | null>((resolveExit) => server.on('close', resolveExit));
    // A failed expectation must not leave the server running.
    onTestFinished(() => {
      if (server.exitCode === null) server.kill('SIGKILL');
    });
    let stdout = '';
    const baseUrl = await new Promise<string>((resolveUrl, reject) => {
      server.stdout.on('data', (chunk) => {
        stdout += chunk;
        const match = /openai: (http\S+)/.exec(stdout);
        if (match !== null) resolveUrl(match[1]!);
      });
      server.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stdout}`)));
    });
    const response = await fetch(`${baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-needed' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    });
    const body = (await response.json()) as { object?: string; choices?: unknown[] };
    expect(response.status).toBe(200);
    expect(body.object).toBe('chat.completion');
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);

  it('runs on the lowest supported Node (22.15.0) with the same bytes as Node 24', async () => {
    const version = await run(node22, ['--version']);
    expect(version.stdout.trim()).toBe(`v${LOWEST_NODE}`);
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules/routesim/package.json'), 'utf8'));
    expect(manifest.engines.node).toBe(`^${LOWEST_NODE} || >=24.0.0`);
    const result = await run(node22, [
      'node_modules/routesim/bin/routesim.js',
      'simulate',
      'routesim/scenario.yaml',
      '--out',
      'reports/node22',
      '--quiet',
    ]);
    expect(result.status, result.stderr).toBe(0);
    const on24 = join(project, 'reports/routesim');
    const on22 = join(project, 'reports/node22');
    for (const file of ['columns.bin', 'summary.csv', 'summary.md']) {
      expect(readFileSync(join(on22, file)).equals(readFileSync(join(on24, file))), file).toBe(true);
    }
    // The decision log's CSV bytes (each Node bundles its own zlib, so the gzip bytes may differ).
    expect(readDecisions(on22) === readDecisions(on24), 'decisions.csv.gz, unzipped').toBe(true);
    // results.json differs only in the Node version of its provenance.
    const withoutNode = (path: string) =>
      readFileSync(path, 'utf8').replace(/"node": "v[\d.]+"/, '"node": "…"');
    expect(withoutNode(join(on22, 'results.json'))).toBe(withoutNode(join(on24, 'results.json')));
  }, 120_000);

  it('says which Node it needs on a too-old one, before anything else runs', async () => {
    const fake = join(work, 'node-20.mjs');
    writeFileSync(fake, "Object.defineProperty(process.versions, 'node', { value: '20.19.0' });\n");
    const result = await run(process.execPath, [
      '--import',
      fake,
      'node_modules/routesim/bin/routesim.js',
      'simulate',
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('this is Node 20.19.0');
    expect(result.stderr).toContain('routesim needs Node 22.15 or later');
    expect(result.stderr).not.toMatch(/\n\s+at /);

    // A 22 below the floor (22.14 fails inside a dependency otherwise).
    writeFileSync(fake, "Object.defineProperty(process.versions, 'node', { value: '22.14.0' });\n");
    const early22 = await run(process.execPath, [
      '--import',
      fake,
      'node_modules/routesim/bin/routesim.js',
      '--version',
    ]);
    expect(early22.status).toBe(1);
    expect(early22.stderr).toContain('Node 22 before 22.15');
  });
});
