/**
 * Control characters in user strings are escaped wherever routesim prints them (issue 12,
 * item 5): the console summary, summary.md, validation errors, usage errors. Each payload — ESC
 * sequences, an OSC window title, CR/LF followed by a GitHub Actions workflow command, C1
 * controls, a bidi override — must come out as visible escapes: no raw control character and no
 * line of the output starting with "::".
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { escapeControl } from '../src/control-characters.ts';
import { escapeMarkdown } from '../src/report/markdown.ts';
import { captureIo } from './support/cli-capture.ts';

const directory = mkdtempSync(join(tmpdir(), 'routesim-control-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const PAYLOADS: Record<string, string> = {
  'ESC (CSI) sequences': 'a\u001b[2J\u001b[31mred\u001b[0m',
  'an OSC window title': 'b\u001b]0;owned\u0007',
  'LF and a workflow command': 'c\n::error file=x::spoofed',
  'CR and a workflow command': 'd\r::error file=x::spoofed',
  'CRLF and a workflow command': 'e\r\n::warning::spoofed',
  'C1 controls (CSI, NEL)': 'f\u009b31m\u0085::error::spoofed',
  'NUL, BEL, DEL, tab': 'g\u0000\u0007\u007f\tx',
  'a line separator': 'h\u2028::error::spoofed',
  'a bidi override': 'i\u202etxt.exe',
};

/** Raw control characters other than the output's own line breaks. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters that must not appear
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function expectInert(text: string): void {
  expect(text).not.toMatch(RAW_CONTROL);
  for (const line of text.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false);
}

function write(name: string, text: string): string {
  const file = join(directory, name);
  writeFileSync(file, text);
  return file;
}

describe('escapeControl', () => {
  it.each(Object.entries(PAYLOADS))('makes %s visible', (_, payload) => {
    const escaped = escapeControl(payload);
    expectInert(escaped);
    expect(escaped).not.toContain('\n');
    expect(escaped.startsWith(payload[0] ?? '')).toBe(true);
  });

  it('writes each character as a readable escape and leaves other text alone', () => {
    expect(escapeControl('x\n::error::y')).toBe('x\\n::error::y');
    expect(escapeControl('\u001b]0;t\u0007')).toBe('\\x1b]0;t\\x07');
    expect(escapeControl('\u009b\u202e')).toBe('\\x9b\\u202e');
    expect(escapeControl('C:\\runs\\é 💥 ｃａｓｃａｄｅ')).toBe('C:\\runs\\é 💥 ｃａｓｃａｄｅ');
  });

  it.each(Object.entries(PAYLOADS))('escapeMarkdown makes %s inert', (_, payload) => {
    expectInert(escapeMarkdown(payload));
  });
});

describe('validation errors on stderr', () => {
  it.each(Object.entries(PAYLOADS))('a strategy named with %s', async (_, payload) => {
    const file = write(
      'names.yaml',
      [
        'version: 1',
        `name: ${JSON.stringify(payload)}`,
        'duration: 10m',
        'traffic: { arrival: { rate: 1 }, mix: [{ domain: code }] }',
        'providers: { openai: { models: [gpt-4o-mini, gpt-4o] } }',
        `strategies: [always-cheapest, ${JSON.stringify(payload)}]`,
        `thresholds: { ${JSON.stringify(`answered{strategy:${payload}}`)}: ["rate > 0.5"] }`,
      ].join('\n'),
    );
    const { io, out, err } = captureIo();
    expect(await main(['validate', file], io)).toBe(2);
    expect(out.join('')).toBe('');
    const stderr = err.join('');
    expect(stderr).toContain('unknown strategy');
    expectInert(stderr);
  });

  it('a file name with a newline and a workflow command', async () => {
    const { io, err } = captureIo();
    expect(await main(['validate', join(directory, 'no\n::error file=x::such.yaml')], io)).toBe(2);
    expect(err.join('')).toContain('cannot read the scenario file');
    expectInert(err.join(''));
  });

  it('a usage error quoting a flag value', async () => {
    const { io, err } = captureIo();
    expect(await main(['simulate', '--seed', '1\n::error file=x::spoofed', 'x.yaml'], io)).toBe(2);
    expect(err.join('')).toContain('--seed expects an integer');
    expectInert(err.join(''));
  });
});

describe('a run whose names carry every payload', () => {
  it('prints an inert console summary and writes an inert summary.md', { timeout: 60_000 }, async () => {
    const payloads = Object.values(PAYLOADS);
    const file = write(
      'run.yaml',
      [
        'version: 1',
        `name: ${JSON.stringify(payloads.join(' '))}`,
        'duration: 2m',
        'traffic:',
        '  arrival: { rate: 1 }',
        '  mix: [{ domain: code }]',
        `  tiers: [${payloads.map((payload) => `{ name: ${JSON.stringify(payload)} }`).join(', ')}]`,
        'providers: { openai: { models: [gpt-4o-mini, gpt-4o] } }',
        'strategies:',
        '  - always-cheapest',
        '  - always-strongest',
        ...payloads.map(
          (payload) => `  - { name: ${JSON.stringify(`label ${payload}`)}, strategy: always-cheapest }`,
        ),
        'thresholds: { "answered{strategy:always-strongest}": ["rate > 0.5"] }',
      ].join('\n'),
    );
    const out = join(directory, 'run');
    const captured = captureIo();
    const code = await main(['simulate', file, '--out', out, '--no-robustness'], captured.io);
    expect(captured.err.join('')).toBe('');
    expect(code).toBe(0);
    const stdout = captured.out.join('');
    expect(stdout).toContain('label c\\n::error file=x::spoofed');
    expectInert(stdout);
    expectInert(readFileSync(join(out, 'summary.md'), 'utf8'));
  });
});
