/** Hand-made runs for the compare tests, and a small strict XML parser to read JUnit back. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComparedRun } from '../src/compare/compare.ts';
import { type ColumnsData, type StrategyColumns, writeColumnsFile } from '../src/report/columns-file.ts';

export interface HandStrategy {
  cost: number[];
  score: number[];
  latency: number[];
  /** 0 = answered; default all answered. */
  status?: number[];
}

export function handColumns(strategy: HandStrategy): StrategyColumns {
  return {
    cost: Float64Array.from(strategy.cost),
    score: Float32Array.from(strategy.score),
    latency: Float32Array.from(strategy.latency),
    status: Uint8Array.from(strategy.status ?? strategy.cost.map(() => 0)),
  };
}

export function handRun(
  strategies: Record<string, HandStrategy>,
  options: { hash?: string; ids?: string[]; name?: string; dir?: string } = {},
): ComparedRun {
  const first = Object.values(strategies)[0];
  const n = first?.cost.length ?? 0;
  const columns: ColumnsData = {
    requestIds: options.ids ?? Array.from({ length: n }, (_, index) => `r${index}`),
    arrivalMs: Float64Array.from({ length: n }, (_, index) => index * 100),
    domain: new Uint8Array(n),
    tier: new Uint8Array(n),
    strategies: new Map(Object.entries(strategies).map(([name, entry]) => [name, handColumns(entry)])),
  };
  return {
    identity: {
      dir: options.dir ?? 'hand',
      scenarioName: options.name ?? 'Hand-made',
      seed: 1,
      requests: n,
      requestStreamSha256: options.hash ?? 'a'.repeat(64),
    },
    columns,
  };
}

/** Write a hand-made run as a run directory (results.json + columns.bin) as simulate would. */
export function writeRunDir(dir: string, run: ComparedRun, schemaVersion: unknown = 1): string {
  mkdirSync(dir, { recursive: true });
  writeColumnsFile(join(dir, 'columns.bin'), run.columns, {
    requestStreamSha256: run.identity.requestStreamSha256,
    domains: ['chit-chat'],
    tiers: ['free'],
    statusNames: ['answered', 'server-error'],
  });
  const results = {
    schemaVersion,
    provenance: { seed: run.identity.seed, requestStreamSha256: run.identity.requestStreamSha256 },
    scenario: { name: run.identity.scenarioName },
    files: { columns: 'columns.bin' },
  };
  writeFileSync(join(dir, 'results.json'), JSON.stringify(results));
  return dir;
}

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = String.raw`[A-Za-z_][\w.:-]*`;
const OPEN_TAG = new RegExp(String.raw`^<(${NAME})((?:\s+${NAME}\s*=\s*"[^"<]*")*)\s*(/?)>`);
const ATTRIBUTE = new RegExp(String.raw`(${NAME})\s*=\s*"([^"<]*)"`, 'g');
const CLOSE_TAG = new RegExp(String.raw`^</(${NAME})\s*>`);
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  // Every & must start a known entity: a bare & is not well-formed.
  if (text.replace(ENTITY, '').includes('&')) throw new Error(`bare & in "${text}"`);
  return text.replace(ENTITY, (_, named: string | undefined, decimal: string | undefined, hex: string) =>
    named !== undefined
      ? NAMED[named]!
      : String.fromCodePoint(decimal !== undefined ? Number(decimal) : Number.parseInt(hex, 16)),
  );
}

/** Parse a whole XML document strictly (throws when it is not well-formed); returns the root. */
export function parseXml(source: string): XmlElement {
  let rest = source.replace(/^<\?xml[^?]*\?>/, '');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (rest.length > 0) {
    if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      if (end < 0) throw new Error('unclosed comment');
      rest = rest.slice(end + 3);
    } else if (rest.startsWith('</')) {
      const match = CLOSE_TAG.exec(rest);
      const open = stack.pop();
      if (match === null || open === undefined || open.name !== match[1])
        throw new Error(`mismatched close tag at "${rest.slice(0, 40)}"`);
      rest = rest.slice(match[0].length);
    } else if (rest.startsWith('<')) {
      const match = OPEN_TAG.exec(rest);
      if (match === null) throw new Error(`malformed tag at "${rest.slice(0, 40)}"`);
      const attributes: Record<string, string> = {};
      for (const [, name, value] of (match[2] ?? '').matchAll(ATTRIBUTE)) {
        if (name! in attributes) throw new Error(`duplicate attribute ${name}`);
        attributes[name!] = decode(value!);
      }
      const element: XmlElement = { name: match[1]!, attributes, children: [], text: '' };
      const parent = stack.at(-1);
      if (parent === undefined) {
        if (root !== undefined) throw new Error('two root elements');
        root = element;
      } else parent.children.push(element);
      if (match[3] !== '/') stack.push(element);
      rest = rest.slice(match[0].length);
    } else {
      const end = rest.indexOf('<');
      const text = end < 0 ? rest : rest.slice(0, end);
      const parent = stack.at(-1);
      if (parent === undefined) {
        if (text.trim() !== '') throw new Error(`text outside the root: "${text.slice(0, 40)}"`);
      } else parent.text += decode(text);
      rest = end < 0 ? '' : rest.slice(end);
    }
  }
  if (root === undefined || stack.length > 0) throw new Error('unclosed element or no root');
  return root;
}
