/**
 * The bundled task templates (fixtures/tasks/*.json): validated and compiled once.
 * JSON imports keep the core free of file I/O.
 */
import chitChat from '../../fixtures/tasks/chit-chat.json' with { type: 'json' };
import code from '../../fixtures/tasks/code.json' with { type: 'json' };
import factualQa from '../../fixtures/tasks/factual-qa.json' with { type: 'json' };
import legal from '../../fixtures/tasks/legal.json' with { type: 'json' };
import math from '../../fixtures/tasks/math.json' with { type: 'json' };
import medical from '../../fixtures/tasks/medical.json' with { type: 'json' };
import reasoning from '../../fixtures/tasks/reasoning.json' with { type: 'json' };
import shared from '../../fixtures/tasks/shared.json' with { type: 'json' };
import summarization from '../../fixtures/tasks/summarization.json' with { type: 'json' };
import { DOMAINS, type Domain } from '../contracts/index.ts';
import { InputError, type InputIssue } from '../errors.ts';
import { compileDomainFile } from './compile-template.ts';
import type { CompiledTemplate } from './compiled-template.ts';
import { compileShared, type SharedLibrary } from './shared-prefixes.ts';

/** The raw template file of each domain, as bundled. */
export const DOMAIN_FILES: Readonly<Record<Domain, unknown>> = {
  'chit-chat': chitChat,
  'factual-qa': factualQa,
  summarization,
  code,
  math,
  reasoning,
  legal,
  medical,
};

export interface TemplateLibrary {
  shared: SharedLibrary;
  /** Every template, in file order (DOMAINS order, then the file's order). */
  templates: CompiledTemplate[];
  byId: Map<string, CompiledTemplate>;
  byDomain: Record<Domain, CompiledTemplate[]>;
}

let cached: TemplateLibrary | undefined;

/** The bundled templates, compiled once. Throws InputError naming the fixture file on a bad template. */
export function loadTemplates(): TemplateLibrary {
  cached ??= buildLibrary();
  return cached;
}

/** Every template id (for the scenario validator). */
export function templateIds(): string[] {
  return loadTemplates().templates.map((template) => template.id);
}

/** Template ids per domain (for the scenario validator). */
export function templatesByDomain(): Record<Domain, string[]> {
  const library = loadTemplates();
  const result = {} as Record<Domain, string[]>;
  for (const domain of DOMAINS) result[domain] = library.byDomain[domain].map((template) => template.id);
  return result;
}

function buildLibrary(): TemplateLibrary {
  const sharedLibrary = compileShared(shared, 'fixtures/tasks/shared.json');
  const templates: CompiledTemplate[] = [];
  const byId = new Map<string, CompiledTemplate>();
  const byDomain = {} as Record<Domain, CompiledTemplate[]>;
  for (const domain of DOMAINS) {
    const file = `fixtures/tasks/${domain}.json`;
    const compiled = compileDomainFile(DOMAIN_FILES[domain], file, domain, sharedLibrary);
    const issues: InputIssue[] = [];
    compiled.forEach((template, index) => {
      if (byId.has(template.id)) {
        issues.push({ path: ['templates', index, 'id'], message: `duplicate template id "${template.id}"` });
      }
      byId.set(template.id, template);
    });
    if (issues.length > 0) throw new InputError(file, issues);
    byDomain[domain] = compiled;
    templates.push(...compiled);
  }
  return { shared: sharedLibrary, templates, byId, byDomain };
}
