/**
 * What the semantic checks see: the top-level sections that passed the schema (a section that
 * failed is absent, so the checks of other sections still run and every problem is reported
 * at once), the catalog, and where to report.
 */

import type { Catalog } from '../contracts/index.ts';
import type { InputIssue } from '../errors.ts';
import { parseDuration } from './durations.ts';
import { issueAt, type Locate } from './issues.ts';
import type { ScenarioFile, ScenarioFileTraffic } from './schema.ts';
import type { DocumentPath } from './yaml-source.ts';

/**
 * The valid parts of a file: top-level sections that passed the schema, plus the valid
 * sub-sections of `traffic` and the valid entries of `providers` when those failed as a whole.
 */
export type PartialScenarioFile = Partial<Omit<ScenarioFile, 'traffic'>> & {
  traffic?: Partial<ScenarioFileTraffic>;
};

/**
 * Sections present in the file but invalid, as dotted paths ("traffic.tiers", "providers.openai",
 * "strategies"): checks that would draw wrong conclusions from their absence skip.
 */
export type InvalidSections = ReadonlySet<string>;

export interface CheckContext {
  file: PartialScenarioFile;
  invalid: InvalidSections;
  /** undefined when no catalog could be loaded: catalog-dependent checks are skipped. */
  catalog: Catalog | undefined;
  /** Known task template ids; undefined → the template check is skipped. */
  templateIds: readonly string[] | undefined;
  resolvePath: (relativePath: string) => string;
  /** Checks strategy module files; undefined → not checked. */
  fileExists: ((absolutePath: string) => boolean) | undefined;
  locate: Locate;
  issues: InputIssue[];
}

export function report(
  context: CheckContext,
  path: DocumentPath,
  message: string,
  options: { key?: boolean } = {},
): void {
  context.issues.push(issueAt(context.locate, path, message, options));
}

/** Milliseconds of a duration that already passed the schema. */
export function ms(value: string | number): number {
  return parseDuration(value) ?? Number.NaN;
}

/** The scenario duration, ms, when that field is valid and positive. */
export function scenarioDurationMs(context: CheckContext): number | undefined {
  const duration = context.file.duration;
  if (duration === undefined) return undefined;
  const value = ms(duration);
  return value > 0 ? value : undefined;
}

/**
 * Models each listed provider contributes: its `models` list, or all its catalog models.
 * Unknown providers contribute nothing (they are reported elsewhere).
 */
export function providerModels(catalog: Catalog, file: PartialScenarioFile): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, provider] of Object.entries(file.providers ?? {})) {
    if (catalog.providers[key] === undefined) continue;
    const ofProvider = catalog.models.filter((model) => model.provider === key).map((model) => model.id);
    out.set(key, provider.models?.filter((id) => ofProvider.includes(id)) ?? ofProvider);
  }
  return out;
}

/** Candidate models: the `models` list, or every model of the listed providers. */
export function candidateModels(catalog: Catalog, file: PartialScenarioFile): string[] {
  const available = [...providerModels(catalog, file).values()].flat();
  return file.models?.filter((id) => available.includes(id)) ?? [...new Set(available)];
}
