/**
 * `validate` refuses what `simulate` refuses (issue 12, item 1): the options of built-in
 * strategies and the expected volume are checked by the one validation path both commands run,
 * every problem reported at once with file:line:column; YAML alias bombs, dangling aliases,
 * truncated JSON and deep nesting are input errors (exit 2, file named, no stack trace).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../src/cli/main.ts';
import { captureIo } from './support/cli-capture.ts';

const directory = mkdtempSync(join(tmpdir(), 'routesim-parity-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const SMALL = readFileSync('test/fixtures/simulate/small.yaml', 'utf8');
const CASCADE = '{ name: cascade, options: { threshold: 0.7 } }';

async function validate(name: string, text: string) {
  const file = join(directory, name);
  writeFileSync(file, text);
  const { io, out, err } = captureIo();
  const code = await main(['validate', file], io);
  return { code, out: out.join(''), err: err.join('').replaceAll(directory, '<dir>') };
}

function withCascadeOptions(options: string): string {
  expect(SMALL).toContain(CASCADE);
  return SMALL.replace(CASCADE, `{ name: cascade, options: ${options} }`);
}

describe('validate checks the options of every built-in strategy', () => {
  it.each([
    ['threshold: "1m1h"', 'expected a number, got "1m1h" → at strategies[5].options.threshold'],
    ['threshold: 7', 'expected a number ≤ 1, got 7 → at strategies[5].options.threshold'],
    ['threshold: .nan', 'expected a number, got NaN → at strategies[5].options.threshold'],
    ['epsilon: []', 'expected a number, got a list → at strategies[5].options.epsilon'],
    ['bogus: 1', 'unknown option "bogus"; expected one of: threshold,'],
  ])('{ %s } is an input error at its line', async (options, message) => {
    const result = await validate('options.yaml', withCascadeOptions(`{ ${options} }`));
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain(message);
    expect(result.err).toMatch(/\(<dir>\/options\.yaml:36:\d+\)/);
  });

  it('reports a bad option and a missing traffic section at once', async () => {
    const withoutTraffic = withCascadeOptions('{ threshold: 7 }').replace(/^traffic:\n(?: {2}.*\n)+/m, '');
    const result = await validate('two.yaml', withoutTraffic);
    expect(result.code).toBe(2);
    expect(result.err).toContain('<dir>/two.yaml: 2 problems');
    expect(result.err).toContain('missing required field "traffic"');
    expect(result.err).toContain('expected a number ≤ 1, got 7 → at strategies[5].options.threshold');
  });
  it('an unknown reference with traffic missing: both reported, the reference among real names', async () => {
    const text = SMALL.replace(/^traffic:\n(?: {2}.*\n)+/m, '').replace(
      'reference: always-strongest',
      'reference: nosuch',
    );
    const result = await validate('reference.yaml', text);
    expect(result.code).toBe(2);
    expect(result.err).toContain('2 problems');
    expect(result.err).toContain('missing required field "traffic"');
    expect(result.err).toMatch(
      /unknown strategy "nosuch"; expected a listed strategy \(always-cheapest, .*\) or a built-in: .* → at reference/,
    );
    expect(result.err).not.toContain('always-always-');
  });
});

describe('validate checks the expected volume', () => {
  it('rate: 1e308 is an input error naming the file and the path, not "valid (≈ ∞ requests)"', async () => {
    const result = await validate('rate.yaml', SMALL.replace('rate: 2,', 'rate: 1e308,'));
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toMatch(
      /expected at most 50,000,000 requests over the run, .* → at traffic\.arrival \(<dir>\/rate\.yaml:11:\d+\)/,
    );
  });
});

describe('the file itself', () => {
  const noStack = (text: string) => expect(text).not.toMatch(/unexpected failure|\n\s+at .*:\d+:\d+\)?\n/);

  it('a billion-laughs alias bomb is an input error', async () => {
    const levels = ['a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]'];
    for (const [index, name] of ['b', 'c', 'd', 'e', 'f'].entries()) {
      const previous = 'abcde'[index];
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    const result = await validate('laughs.yaml', `${levels.join('\n')}\n`);
    expect(result.code).toBe(2);
    noStack(result.err);
    expect(result.err).toContain('<dir>/laughs.yaml: 1 problem');
    expect(result.err).toContain('YAML aliases expand more than 100 times');
  });

  it('an alias without its anchor is an input error at its line', async () => {
    const result = await validate('dangling.yaml', 'version: 1\nname: *nowhere\n');
    expect(result.code).toBe(2);
    noStack(result.err);
    expect(result.err).toContain('YAML alias *nowhere names no anchor');
    expect(result.err).toContain('(<dir>/dangling.yaml:2:7)');
  });

  it('a truncated .json file is reported as JSON syntax with its line', async () => {
    const json = JSON.stringify(parse(SMALL), null, 2);
    const result = await validate('cut.json', json.slice(0, Math.floor(json.length / 2)));
    expect(result.code).toBe(2);
    expect(result.err).toContain('JSON syntax:');
    expect(result.err).not.toContain('YAML');
    expect(result.err).toMatch(/\(<dir>\/cut\.json:\d+:\d+\)/);
  });

  it('a truncated .json file that ends mid-value says it ends early', async () => {
    const result = await validate('end.json', '{\n  "version": 1,\n  "name": "x');
    expect(result.code).toBe(2);
    expect(result.err).toContain('JSON syntax:');
    expect(result.err).toContain('is it truncated?');
  });

  it.each([
    ['flow lists', `version: 1\nextra: ${'['.repeat(3000)}${']'.repeat(3000)}\n`],
    ['shallow enough to parse', `version: 1\nextra: ${'['.repeat(500)}${']'.repeat(500)}\n`],
    [
      'block maps',
      `version: 1\nextra:\n${Array.from({ length: 3000 }, (_, depth) => `${' '.repeat(depth + 1)}k:`).join('\n')} 1\n`,
    ],
  ])('deep nesting (%s) is an input error, not a stack overflow', async (_, text) => {
    const result = await validate('deep.yaml', text);
    expect(result.code).toBe(2);
    noStack(result.err);
    expect(result.err).not.toMatch(/call stack/i);
    expect(result.err).toContain('nested more than 64 levels deep');
  });
});

describe('validate builds user strategy modules as simulate does', () => {
  const withModule = (module: string, options = '{}') =>
    SMALL.replace(CASCADE, `{ module: ./${module}, name: mine, options: ${options} }`);

  it('a module whose default export is no strategy is an input error', async () => {
    writeFileSync(join(directory, 'not-a-router.ts'), 'export default 42;\n');
    const result = await validate('module.yaml', withModule('not-a-router.ts'));
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain('expected its default export to be a strategy');
    expect(result.err).toContain('strategies[5].module');
  });

  it("a factory that refuses the scenario's options is an input error", async () => {
    writeFileSync(
      join(directory, 'picky-router.ts'),
      [
        'export default (options: Record<string, unknown>) => {',
        "  if ('bogus' in options) throw new Error('unknown option bogus');",
        "  return { name: 'picky', route: () => ({ model: 'gpt-4o' }) };",
        '};',
        '',
      ].join('\n'),
    );
    const good = await validate('picky-good.yaml', withModule('picky-router.ts'));
    expect(good.err).toBe('');
    expect(good.code).toBe(0);
    const bad = await validate('picky-bad.yaml', withModule('picky-router.ts', '{ bogus: 1 }'));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('threw: unknown option bogus');
  });
});
