/**
 * The README's library examples run as written: every ```ts block that imports from 'routesim'
 * is written to a module inside this package (so 'routesim' resolves to it, as in a user's
 * project after `npm i routesim`) and imported. An example that no longer compiles against the
 * public API, or throws, fails here.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
  .map((match) => match[1] ?? '')
  .filter((code) => /from 'routesim';/.test(code));

const folder = mkdtempSync(join(new URL('.', import.meta.url).pathname, '.readme-examples-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** What the test adds after an example: closing what it left running, and a result to check. */
function harness(code: string): string {
  const tail: string[] = [];
  if (/\bconst server = setupServer\(/.test(code)) tail.push('server.close();');
  if (/\bconst outcome = await simulate\(/.test(code)) tail.push('export { outcome };');
  if (/\bconst reply = /.test(code)) tail.push('export { reply, world };');
  return `${code}\n${tail.join('\n')}\n`;
}

describe('README library examples', () => {
  it('there are examples for simulate() and for the exported mocks', () => {
    expect(examples.some((code) => code.includes('simulate('))).toBe(true);
    expect(examples.some((code) => code.includes('createScenarioHandlers('))).toBe(true);
  });

  examples.forEach((code, index) => {
    const name = /import \{([^}]*)\} from 'routesim'/.exec(code)?.[1]?.trim() ?? `example ${index}`;
    it(`runs: ${name}`, async () => {
      const file = join(folder, `example-${index}.ts`);
      writeFileSync(file, harness(code));
      const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      if ('outcome' in module) {
        const outcome = module['outcome'] as {
          exitCode: number;
          metrics: { strategies: { name: string }[] };
        };
        expect(outcome.metrics.strategies.map((strategy) => strategy.name)).toContain('availability');
      }
      if ('reply' in module) {
        const reply = module['reply'] as { id: string };
        const world = module['world'] as { ledger: { get(id: string): unknown } };
        expect(world.ledger.get(reply.id)).toBeDefined();
      }
    });
  });
});
