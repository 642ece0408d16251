/**
 * Validates one domain file of fixtures/tasks and compiles its templates. Every problem is
 * collected and reported together, with its path in the file.
 */

import type { Domain } from '../contracts/index.ts';
import { InputError, type InputIssue } from '../errors.ts';
import type { CompiledDocumentSource, CompiledTemplate } from './compiled-template.ts';
import { type CompileScope, compileSegment, compileText } from './render.ts';
import { isObject, isStringArray, readVocab, type SharedLibrary, systemPrompt } from './shared-prefixes.ts';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function compileDomainFile(
  json: unknown,
  file: string,
  domain: Domain,
  shared: SharedLibrary,
): CompiledTemplate[] {
  const issues: InputIssue[] = [];
  const root = isObject(json) ? json : {};
  if (root['domain'] !== domain) issues.push({ path: ['domain'], message: `expected "${domain}"` });
  const vocab = readVocab(root['vocab'], ['vocab'], issues);
  const scope: CompileScope = { vocab: (name) => vocab[name] ?? shared.vocab[name], issues };
  const documents = compileDocuments(root['documents'], scope);
  const templates: CompiledTemplate[] = [];
  const list = Array.isArray(root['templates']) ? root['templates'] : [];
  if (list.length === 0)
    issues.push({ path: ['templates'], message: 'expected a non-empty array of templates' });
  list.forEach((raw, index) => {
    const template = compileTemplate(raw, ['templates', index], domain, documents, shared, scope);
    if (template !== undefined) templates.push(template);
  });
  if (issues.length > 0) throw new InputError(file, issues);
  return templates;
}

function compileTemplate(
  raw: unknown,
  path: (string | number)[],
  domain: Domain,
  documents: Map<string, CompiledDocumentSource>,
  shared: SharedLibrary,
  scope: CompileScope,
): CompiledTemplate | undefined {
  const issues = scope.issues;
  if (!isObject(raw)) {
    issues.push({ path, message: 'expected a template object' });
    return undefined;
  }
  const id = raw['id'];
  if (typeof id !== 'string' || !KEBAB.test(id))
    issues.push({ path: [...path, 'id'], message: 'expected a kebab-case id' });
  if (raw['domain'] !== undefined && raw['domain'] !== domain) {
    issues.push({ path: [...path, 'domain'], message: `expected "${domain}" (the file's domain)` });
  }
  const number = (
    key: string,
    fallback: number | undefined,
    check: (value: number) => boolean,
    expected: string,
  ) => {
    const value = raw[key] ?? fallback;
    if (typeof value !== 'number' || !check(value)) {
      issues.push({ path: [...path, key], message: `expected ${expected}` });
      return fallback ?? 1;
    }
    return value;
  };
  const weight = number('weight', 1, (value) => value > 0, 'a weight > 0');
  const maxTokens = number(
    'maxTokens',
    undefined,
    (value) => Number.isInteger(value) && value > 0,
    'an integer > 0',
  );
  const framing = number('framing', 0.12, (value) => value >= 0 && value <= 1, 'a probability in [0, 1]');
  const signal = number('signal', 0.6, (value) => value >= 0 && value < 1, 'a correlation in [0, 1)');

  let system: CompiledTemplate['system'];
  if (typeof raw['prefix'] === 'string') {
    system = shared.prefixes.get(raw['prefix']);
    if (system === undefined) {
      issues.push({
        path: [...path, 'prefix'],
        message: `unknown prefix "${raw['prefix']}" (see shared.json)`,
      });
    }
  } else if (typeof raw['system'] === 'string') system = systemPrompt(raw['system']);

  const output = isObject(raw['output']) ? raw['output'] : {};
  const median = output['median'];
  if (typeof median !== 'number' || median < 1) {
    issues.push({ path: [...path, 'output', 'median'], message: 'expected a median ≥ 1 token' });
  }
  const read = (key: string, fallback: number) => (typeof output[key] === 'number' ? output[key] : fallback);

  let document: CompiledTemplate['document'];
  if (raw['document'] !== undefined) {
    const spec = isObject(raw['document']) ? raw['document'] : {};
    const source = typeof spec['source'] === 'string' ? documents.get(spec['source']) : undefined;
    const length = spec['length'];
    const validLength =
      Array.isArray(length) &&
      length.length === 2 &&
      length.every((value) => Number.isInteger(value) && value > 0);
    if (source === undefined) {
      issues.push({
        path: [...path, 'document', 'source'],
        message: "expected a key of the file's documents",
      });
    }
    if (!validLength) {
      issues.push({ path: [...path, 'document', 'length'], message: 'expected [min, max] sentences' });
    }
    if (source !== undefined && validLength) {
      document = {
        source,
        length: length as [number, number],
        pool: typeof spec['pool'] === 'number' ? spec['pool'] : 64,
        lead: compileSegment(spec['lead'] ?? '', [...path, 'document', 'lead'], scope),
      };
    }
  }

  // The unique reference must be in the final user message whatever branch renders, so it is
  // required in a plain string at the top level.
  const user = raw['user'];
  const topLevel = Array.isArray(user) ? user : [user];
  if (!topLevel.some((part) => typeof part === 'string' && part.includes('{ref}'))) {
    issues.push({
      path: [...path, 'user'],
      message: 'expected {ref} in a top-level string (keeps prompts unique)',
    });
  }
  const medianTokens = typeof median === 'number' ? median : 1;
  return {
    id: typeof id === 'string' ? id : '',
    domain,
    weight,
    system,
    maxTokens,
    output: {
      median: medianTokens,
      sigma: read('sigma', 0.4),
      min: read('min', 8),
      max: read('max', 4 * maxTokens),
      difficultySlope: read('difficultySlope', 0.1),
    },
    document,
    user: compileSegment(user, [...path, 'user'], scope),
    framing,
    signal,
  };
}

function compileDocuments(value: unknown, scope: CompileScope): Map<string, CompiledDocumentSource> {
  const documents = new Map<string, CompiledDocumentSource>();
  if (value === undefined) return documents;
  if (!isObject(value)) {
    scope.issues.push({ path: ['documents'], message: 'expected an object of document sources' });
    return documents;
  }
  for (const [name, spec] of Object.entries(value)) {
    const path = ['documents', name];
    if (!isObject(spec) || !isStringArray(spec['sentences']) || spec['sentences'].length === 0) {
      scope.issues.push({ path: [...path, 'sentences'], message: 'expected a non-empty array of strings' });
      continue;
    }
    const paragraph = spec['paragraph'];
    documents.set(name, {
      title: compileSegment(spec['title'] ?? '', [...path, 'title'], scope),
      sentences: spec['sentences'].map((text, index) =>
        compileText(text, [...path, 'sentences', index], scope),
      ),
      paragraph:
        Array.isArray(paragraph) && paragraph.length === 2 ? (paragraph as [number, number]) : [3, 5],
      joiner: typeof spec['joiner'] === 'string' ? spec['joiner'] : ' ',
    });
  }
  return documents;
}
