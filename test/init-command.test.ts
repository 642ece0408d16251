/**
 * `routesim init` in an empty repository: the starter scenario validates, the router stub and the
 * workflow are written, nothing is overwritten without --force, unknown models are named with a
 * suggestion, and the workflow is the one documented in docs/ci/github-actions.yml — valid by
 * GitHub's own workflow parser when that dev dependency is installed. (The whole first run, with
 * the baseline and the workflow's commands, is in package-install.test.ts.)
 */

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as workflowParser from '@actions/workflow-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { STARTER_PATHS } from '../src/init/starter-scenario.ts';
import { starterWorkflow } from '../src/init/starter-workflow.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import { runMain } from './support/cli-capture.ts';

const directory = mkdtempSync(join(tmpdir(), 'routesim-init-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const run = runMain;

const repository = (name: string) => {
  const path = join(directory, name);
  mkdirSync(path);
  return path;
};

describe('routesim init', () => {
  it('writes a scenario that validates, a router importing routesim and a workflow', async () => {
    const root = repository('fresh');
    const result = await run('init', root, '--no-baseline');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const scenario = loadScenarioFile(join(root, STARTER_PATHS.scenario));
    expect(scenario.models).toEqual([
      'gpt-4o-mini',
      'gpt-4o',
      'claude-haiku-4-5-20251001',
      'claude-sonnet-4-20250514',
    ]);
    expect(scenario.strategies.map((strategy) => strategy.name)).toContain('my-router');
    expect(readFileSync(join(root, STARTER_PATHS.router), 'utf8')).toContain(
      "import { defineStrategy } from 'routesim';",
    );
    const workflow = parse(readFileSync(join(root, STARTER_PATHS.workflow), 'utf8'));
    const runs = workflow.jobs.routesim.steps.map((step: { run?: string }) => step.run ?? '').join('\n');
    expect(runs).toContain('npm install'); // no package-lock.json in this repository
    expect(runs).toContain('--allow-missing-baseline');
    expect(result.stdout).toContain('no baseline yet (--no-baseline)');
  });

  it('takes the user’s models, grouped by provider, and names an unknown one with a suggestion', async () => {
    const root = repository('models');
    expect(
      (await run('init', root, '--no-baseline', '--models', 'gemini-2.0-flash,gpt-4o-mini,gemini-2.5-pro'))
        .status,
    ).toBe(0);
    const scenario = loadScenarioFile(join(root, STARTER_PATHS.scenario));
    expect(Object.keys(scenario.providers)).toEqual(['google', 'openai']);
    expect(scenario.models).toEqual(['gemini-2.0-flash', 'gpt-4o-mini', 'gemini-2.5-pro']);

    const bad = await run(
      'init',
      repository('bad-models'),
      '--models',
      'gpt4o,claude-opus-4-1-20250805,nope-1',
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown model "gpt4o" — did you mean "gpt-4o"?');
    expect(bad.stderr).toContain('unknown model "nope-1"');
    expect(existsSync(join(directory, 'bad-models', STARTER_PATHS.scenario))).toBe(false);
  });

  it('never overwrites a file without --force, and names every one it would have', async () => {
    const root = repository('existing');
    mkdirSync(join(root, 'routesim'));
    writeFileSync(join(root, STARTER_PATHS.router), '// mine\n');
    mkdirSync(join(root, '.github/workflows'), { recursive: true });
    writeFileSync(join(root, STARTER_PATHS.workflow), 'name: mine\n');
    const refused = await run('init', root, '--no-baseline');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`${STARTER_PATHS.router}, ${STARTER_PATHS.workflow} already exist`);
    expect(readFileSync(join(root, STARTER_PATHS.router), 'utf8')).toBe('// mine\n');
    expect(existsSync(join(root, STARTER_PATHS.scenario))).toBe(false);

    expect((await run('init', root, '--no-baseline', '--force')).status).toBe(0);
    expect(readFileSync(join(root, STARTER_PATHS.router), 'utf8')).toContain('defineStrategy');
  });

  it('uses npm ci with a lockfile, and that workflow is the documented one', async () => {
    const root = repository('locked');
    writeFileSync(join(root, 'package-lock.json'), '{}');
    expect((await run('init', root, '--no-baseline')).status).toBe(0);
    const written = readFileSync(join(root, STARTER_PATHS.workflow), 'utf8');
    expect(written).toContain('run: npm ci');
    expect(written).toBe(starterWorkflow({ lockfile: true }));
    expect(readFileSync(new URL('../docs/ci/github-actions.yml', import.meta.url), 'utf8')).toBe(written);
  });
});

/** GitHub's own workflow parser (actions/languageservices), a dev dependency. */
const WORKFLOW_PARSER = '@actions/workflow-parser';
const parser = workflowParser;

describe(`the workflow, by ${WORKFLOW_PARSER}`, () => {
  const problems = async (content: string) => {
    const result = parser.parseWorkflow(
      { name: 'routesim.yml', content },
      new parser.NoOperationTraceWriter(),
    );
    // Conversion adds its own problems to the context's errors and to the template's.
    const template =
      result.value === undefined
        ? undefined
        : await parser.convertWorkflowTemplate(result.context, result.value);
    const found = [
      ...result.context.errors.getErrors().map((error) => error.message),
      ...(template?.errors ?? []).map((error) => error.Message),
    ];
    return [...new Set(found)];
  };

  it('has no problem, with and without a lockfile', async () => {
    expect(await problems(starterWorkflow({ lockfile: true }))).toEqual([]);
    expect(await problems(starterWorkflow({ lockfile: false }))).toEqual([]);
  });

  it('would catch a broken one (the check can fail)', async () => {
    const broken = starterWorkflow({ lockfile: true }).replace(
      'runs-on: ubuntu-latest',
      'runs_on: ubuntu-latest',
    );
    expect((await problems(broken)).length).toBeGreaterThan(0);
  });
});
