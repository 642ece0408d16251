/**
 * The README must stay true: its example scenario validates, and every CLI command it lists exists.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { parseScenarioText } from '../src/scenario/load.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('its example scenario is valid', () => {
    const yaml = readme.split('```yaml\n')[1]?.split('```')[0];
    expect(yaml).toBeDefined();
    const scenario = parseScenarioText(yaml ?? '', 'README.md#scenarios');
    expect(scenario.strategies.map((strategy) => strategy.name)).toContain('cascade');
  });

  it('every command in its CLI table exists', async () => {
    const commands = [...readme.matchAll(/^\| `routesim ([a-z]+(?: import)?)/gm)].map(
      (match) => match[1] ?? '',
    );
    expect(commands.length).toBeGreaterThanOrEqual(5);
    for (const command of commands) {
      const out: string[] = [];
      const io = { stdout: (text: string) => out.push(text), stderr: (text: string) => out.push(text) };
      expect(await main([...command.split(' '), '--help'], io), command).toBe(0);
      expect(out.join(''), command).toContain(`Usage: routesim ${command}`);
    }
  });
});
