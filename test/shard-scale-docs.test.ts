/**
 * docs/scale/ as far as this machine can run it: the GitHub Actions matrix workflow is checked by
 * GitHub's own parser (@actions/workflow-parser) and for its shape (matrix shard = 1…n, the shard
 * and merge commands); the Kubernetes Indexed Job's per-index command is run here, as real
 * processes, for every index (JOB_COMPLETION_INDEX 0…completions−1), then the merge Job's command,
 * and the run folder is compared with an unsharded run's, byte for byte (timings.json aside).
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import * as parser from '@actions/workflow-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { runMain } from './support/cli-capture.ts';

const WORKFLOW = readFileSync('docs/scale/github-actions-shards.yml', 'utf8');
const SMALL = resolve('test/fixtures/simulate/small.yaml');
const root = mkdtempSync(join(tmpdir(), 'routesim-scale-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function workflowProblems(content: string): Promise<string[]> {
  const result = parser.parseWorkflow({ name: 'shards.yml', content }, new parser.NoOperationTraceWriter());
  const template =
    result.value === undefined
      ? undefined
      : await parser.convertWorkflowTemplate(result.context, result.value);
  return [
    ...new Set([
      ...result.context.errors.getErrors().map((error) => error.message),
      ...(template?.errors ?? []).map((error) => error.Message),
    ]),
  ];
}

/** A GitHub Actions expression as the workflow writes it: `${{ name }}`. */
const expression = (name: string) => `\${{ ${name} }}`;

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

describe('the GitHub Actions matrix workflow', () => {
  it('has no problem by GitHub’s workflow parser', async () => {
    expect(await workflowProblems(WORKFLOW)).toEqual([]);
  });
  it('would catch a broken one (the check can fail)', async () => {
    expect(await workflowProblems(WORKFLOW.replace('needs: shard', 'needs: shards'))).not.toEqual([]);
  });
  it('runs shard i of the matrix length on each job and merges every uploaded folder', () => {
    const workflow = parse(WORKFLOW);
    const shard = workflow.jobs.shard;
    const indices: number[] = shard.strategy.matrix.shard;
    expect(indices).toEqual(indices.map((_value, index) => index + 1));
    const shardSteps: Step[] = shard.steps;
    const simulate = shardSteps.find((step) => step.run?.includes('routesim simulate'));
    expect(simulate?.run).toContain(
      `--shard ${expression('matrix.shard')}/${expression('strategy.job-total')}`,
    );
    expect(simulate?.run).toContain(`--out shards/shard-${expression('matrix.shard')}`);
    const upload = shardSteps.find((step) => step.uses?.startsWith('actions/upload-artifact'));
    expect(upload?.with?.['path']).toBe(`shards/shard-${expression('matrix.shard')}`);
    expect(workflow.jobs.merge.needs).toBe('shard');
    const mergeSteps: Step[] = workflow.jobs.merge.steps;
    const download = mergeSteps.find((step) => step.uses?.startsWith('actions/download-artifact'));
    expect(download?.with).toEqual({ pattern: 'routesim-shard-*', path: 'shards' });
    const merge = mergeSteps.find((step) => step.run?.includes('routesim merge'));
    // No continue-on-error: exit 99 (or 2) fails the job.
    expect(merge?.run).toMatch(/^npx routesim merge shards\/routesim-shard-\* --out reports\/routesim/);
    expect(merge).not.toHaveProperty('continue-on-error');
  });
});

interface Container {
  command: string[];
  args: string[];
  env: { name: string; value: string }[];
  volumeMounts: { mountPath: string }[];
}

function jobOf(file: string, name: string) {
  const documents = parseAllDocuments(readFileSync(file, 'utf8')).map((document) => document.toJS());
  const job = documents.find((document) => document.kind === 'Job' && document.metadata.name === name);
  expect(job, `${file}: Job ${name}`).toBeDefined();
  return job;
}

function containerOf(job: { spec: { template: { spec: { containers: Container[] } } } }): Container {
  const container = job.spec.template.spec.containers[0] as Container;
  expect(container.command).toEqual(['sh', '-c']);
  return container;
}

describe('the Kubernetes Indexed Job, run here index by index', () => {
  // The image has `routesim` on PATH; here it is this checkout's bin.
  const bin = join(root, 'bin');
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'routesim'),
    `#!/bin/sh\nexec "${process.execPath}" "${resolve('bin/routesim.js')}" "$@"\n`,
  );
  chmodSync(join(bin, 'routesim'), 0o755);
  const shardsDir = join(root, 'volume');
  const run = (container: Container, extra: Record<string, string>) =>
    promisify(execFile)('sh', ['-c', container.args[0] as string], {
      env: {
        ...process.env,
        ...Object.fromEntries(container.env.map((variable) => [variable.name, variable.value])),
        // The scenario of the test (the manifest's default day takes minutes) and the volume.
        SCENARIO: SMALL,
        SHARDS_DIR: shardsDir,
        PATH: `${bin}${delimiter}${process.env['PATH'] ?? ''}`,
        ...extra,
      },
      encoding: 'utf8',
    });

  it('every index then the merge equal the unsharded run', async () => {
    const job = jobOf('docs/scale/k8s-indexed-job.yaml', 'routesim-shards');
    expect(job.spec.completionMode).toBe('Indexed');
    const container = containerOf(job);
    const shards = Number(container.env.find((variable) => variable.name === 'SHARDS')?.value);
    expect(shards).toBe(job.spec.completions);
    expect(container.volumeMounts[0]?.mountPath).toBe(
      container.env.find((variable) => variable.name === 'SHARDS_DIR')?.value,
    );
    // All at once, as the Job's pods run (parallelism = completions).
    await Promise.all(
      Array.from({ length: shards }, (_value, index) =>
        run(container, { JOB_COMPLETION_INDEX: String(index) }),
      ),
    );
    expect(readdirSync(shardsDir).sort()).toEqual(
      Array.from({ length: shards }, (_value, index) => `shard-${index + 1}`).sort(),
    );
    const merge = containerOf(jobOf('docs/scale/k8s-merge-job.yaml', 'routesim-merge'));
    await run(merge, {});

    const unsharded = join(root, 'unsharded');
    const plain = await runMain('simulate', SMALL, '--out', unsharded, '--quiet');
    expect(plain.status).toBe(0);
    const files = readdirSync(unsharded)
      .filter((name) => name !== 'timings.json')
      .sort();
    expect(
      readdirSync(join(shardsDir, 'run'))
        .filter((name) => name !== 'timings.json')
        .sort(),
    ).toEqual(files);
    for (const name of files) {
      const same = readFileSync(join(shardsDir, 'run', name)).equals(readFileSync(join(unsharded, name)));
      expect(same, `${name} differs`).toBe(true);
    }
  });
});
