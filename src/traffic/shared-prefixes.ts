/**
 * fixtures/tasks/shared.json: long shared system prompts (rendered once, with a fixed seed per
 * prefix, so every request that uses one sends the same bytes and prompt caching can hit),
 * shared word lists, and the casual / cross-domain framings.
 */
import { InputError, type InputIssue } from '../errors.ts';
import { stringKey } from '../world/random.ts';
import type { SystemPrompt } from './compiled-template.ts';
import { createTextSource } from './fills.ts';
import { type CompileScope, compileText, type Render } from './render.ts';
import { countTokens } from './tokenizer.ts';

export interface SharedLibrary {
  prefixes: Map<string, SystemPrompt>;
  vocab: Record<string, string[]>;
  openers: Render[];
  closers: Render[];
}

export function compileShared(json: unknown, file: string): SharedLibrary {
  const issues: InputIssue[] = [];
  const root = (isObject(json) ? json : {}) as Record<string, unknown>;
  const vocab = readVocab(root['vocab'], ['vocab'], issues);
  const scope: CompileScope = { vocab: (name) => vocab[name], issues };
  const prefixes = new Map<string, SystemPrompt>();
  const prefixSpecs = isObject(root['prefixes']) ? root['prefixes'] : {};
  if (!isObject(root['prefixes']))
    issues.push({ path: ['prefixes'], message: 'expected an object of prefixes' });
  const text = createTextSource();
  for (const [id, spec] of Object.entries(prefixSpecs)) {
    const path = ['prefixes', id];
    if (!isObject(spec) || !isStringArray(spec['paragraphs'])) {
      issues.push({ path: [...path, 'paragraphs'], message: 'expected an array of strings' });
      continue;
    }
    let content = spec['paragraphs'].join('\n\n');
    const appendix = spec['appendix'];
    if (appendix !== undefined) {
      if (
        !isObject(appendix) ||
        typeof appendix['title'] !== 'string' ||
        typeof appendix['item'] !== 'string'
      ) {
        issues.push({ path: [...path, 'appendix'], message: 'expected { title, items, item }' });
      } else {
        const item = compileText(appendix['item'], [...path, 'appendix', 'item'], scope);
        const count = typeof appendix['items'] === 'number' ? appendix['items'] : 0;
        // A fixed seed per prefix: the prefix is a deployment constant, the same in every scenario.
        text.seed(stringKey(id));
        const lines: string[] = [];
        for (let index = 1; index <= count; index++) {
          lines.push(
            `${index}. ${item({ faker: text.faker, random: text.random, ref: '', standardized: 0, signal: 0 })}`,
          );
        }
        content += `\n\n${appendix['title']}\n${lines.join('\n')}`;
      }
    }
    prefixes.set(id, systemPrompt(content));
  }
  const framings = isObject(root['framings']) ? root['framings'] : {};
  const openers = compileTexts(framings['openers'], ['framings', 'openers'], scope);
  const closers = compileTexts(framings['closers'], ['framings', 'closers'], scope);
  if (issues.length > 0) throw new InputError(file, issues);
  return { prefixes, vocab, openers, closers };
}

export function systemPrompt(content: string): SystemPrompt {
  // Counted on first read (by the generator), so loading the library loads no tokenizer: the main
  // thread of a pooled run loads it for the mix and generates nothing (tokenizer.ts).
  let tokens: number | undefined;
  return {
    content,
    get contentTokens() {
      tokens ??= countTokens(content);
      return tokens;
    },
    key: stringKey(content) || 1,
  };
}

function compileTexts(value: unknown, path: (string | number)[], scope: CompileScope): Render[] {
  if (!isStringArray(value) || value.length === 0) {
    scope.issues.push({ path, message: 'expected a non-empty array of strings' });
    return [];
  }
  return value.map((text, index) => compileText(text, [...path, index], scope));
}

export function readVocab(
  value: unknown,
  path: (string | number)[],
  issues: InputIssue[],
): Record<string, string[]> {
  const vocab: Record<string, string[]> = {};
  if (value === undefined) return vocab;
  if (!isObject(value)) {
    issues.push({ path, message: 'expected an object of word lists' });
    return vocab;
  }
  for (const [name, list] of Object.entries(value)) {
    if (!isStringArray(list) || list.length === 0) {
      issues.push({ path: [...path, name], message: 'expected a non-empty array of strings' });
    } else vocab[name] = list;
  }
  return vocab;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
