/**
 * The validation pipeline, pure: text → YAML/JSON document (syntax errors with line numbers) →
 * schema (every issue, with line:column) → semantic checks (catalog, names, windows,
 * thresholds) → normalised Scenario. Every problem is collected and thrown as one InputError.
 */
import type { z } from 'zod';
import type { Catalog } from '../contracts/index.ts';
import { InputError, type InputIssue } from '../errors.ts';
import { type CheckContext, candidateModels, type PartialScenarioFile } from './check-context.ts';
import { checkProviders } from './check-providers.ts';
import { checkReplay } from './check-replay.ts';
import { checkCandidateModels, checkStrategies, checkThresholds } from './check-strategies.ts';
import type { StrategyOptionsInput } from './check-strategy-options.ts';
import { checkTime, checkTraffic } from './check-traffic.ts';
import { checkVolume } from './check-volume.ts';
import { describeValue } from './durations.ts';
import { fromZodIssues, issueAt } from './issues.ts';
import { DEFAULT_REFERENCE, DEFAULT_SEED, normaliseScenario, normaliseStrategy } from './normalise.ts';
import { providerSchema, scenarioFileSchema, trafficSchema } from './schema.ts';
import { knownKeysAt } from './schema-keys.ts';
import type { Scenario } from './types.ts';
import { formatOfFile, parseSource } from './yaml-source.ts';

export type CatalogLookup = { ok: true; catalog: Catalog } | { ok: false; message: string };

export interface ValidateOptions {
  /**
   * The catalog for the scenario's `catalog` field (undefined = the bundled one). A failure is
   * reported at `catalog` and the catalog-dependent checks are skipped.
   */
  catalogFor: (catalogPath: string | undefined) => CatalogLookup;
  /** Known task template ids; undefined skips the `mix[].template` check. */
  templateIds?: readonly string[] | undefined;
  /** Resolve a path relative to the scenario file (catalog, strategy modules). */
  resolvePath: (relativePath: string) => string;
  /** Checks that strategy modules exist (after resolvePath); omitted → not checked. */
  fileExists?: ((absolutePath: string) => boolean) | undefined;
  /**
   * Checks the options of the built-in strategies by building them (check-strategy-options.ts,
   * which reads files); omitted → not checked. Issue paths start at the scenario's root.
   */
  checkStrategyOptions?: ((input: StrategyOptionsInput) => InputIssue[]) | undefined;
  /** Directory of the scenario file, for checkStrategyOptions. @default "." */
  baseDir?: string;
  /**
   * Checks that need the whole normalised scenario and read files (a replay's coverage,
   * check-replay-coverage.ts); run when everything else is valid. Issue paths from the root.
   */
  checkNormalised?: ((scenario: Scenario) => InputIssue[]) | undefined;
}

export function validateScenarioText(text: string, file: string, options: ValidateOptions): Scenario {
  const source = parseSource(text, formatOfFile(file));
  if (!source.ok) throw new InputError(file, source.issues);
  const { data, locate } = source;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(file, [
      issueAt(
        locate,
        [],
        `expected a scenario object (version, name, duration, …), got ${describeValue(data)}`,
      ),
    ]);
  }

  const issues: InputIssue[] = [];
  const whole = scenarioFileSchema.safeParse(data, { reportInput: true });
  if (!whole.success) {
    issues.push(
      ...fromZodIssues(whole.error.issues, locate, [], (path) => knownKeysAt(scenarioFileSchema, path)),
    );
  }

  const invalid = new Set<string>();
  const partial = validParts(data as Record<string, unknown>, invalid);

  let catalog: Catalog | undefined;
  const catalogPath = typeof partial['catalog'] === 'string' ? partial['catalog'] : undefined;
  const lookup = options.catalogFor(catalogPath);
  if (lookup.ok) catalog = lookup.catalog;
  else issues.push(issueAt(locate, catalogPath === undefined ? [] : ['catalog'], lookup.message));

  const context: CheckContext = {
    file: partial,
    invalid,
    catalog,
    templateIds: options.templateIds,
    resolvePath: options.resolvePath,
    fileExists: options.fileExists,
    locate,
    issues,
  };
  checkTime(context);
  checkTraffic(context);
  checkReplay(context);
  checkProviders(context);
  checkCandidateModels(context);
  checkStrategies(context);
  checkThresholds(context);
  checkVolume(context);

  const scenario =
    issues.length === 0 && whole.success && catalog !== undefined
      ? normaliseScenario(whole.data, { catalog, resolvePath: options.resolvePath })
      : undefined;
  if (options.checkStrategyOptions !== undefined && catalog !== undefined) {
    const input = strategyOptionsInput(context, catalog, scenario, file, options);
    if (input !== undefined) {
      for (const issue of options.checkStrategyOptions(input)) {
        issues.push(issueAt(locate, issue.path, issue.message));
      }
    }
  }
  if (issues.length === 0 && scenario !== undefined && options.checkNormalised !== undefined) {
    for (const issue of options.checkNormalised(scenario))
      issues.push(issueAt(locate, issue.path, issue.message));
  }
  if (issues.length > 0 || scenario === undefined) {
    throw new InputError(file, sortByPosition(issues));
  }
  return scenario;
}

/**
 * What the strategy builds need, from the valid parts of the file: the strategies (those not
 * already reported), the candidate models and the reference. undefined when the candidates are
 * not known (providers or models invalid): the builds would report wrong problems.
 */
function strategyOptionsInput(
  context: CheckContext,
  catalog: Catalog,
  scenario: Scenario | undefined,
  file: string,
  options: ValidateOptions,
): StrategyOptionsInput | undefined {
  const { file: partial, invalid } = context;
  if (partial.strategies === undefined || partial.providers === undefined) return undefined;
  if (invalid.has('models') || [...invalid].some((section) => section.startsWith('providers'))) {
    return undefined;
  }
  const reported = new Set(
    context.issues
      .filter((issue) => issue.path[0] === 'strategies' && typeof issue.path[1] === 'number')
      .map((issue) => issue.path[1]),
  );
  const strategies = partial.strategies.map((entry) => normaliseStrategy(entry, options.resolvePath));
  return {
    entries: strategies
      .map((config, index) => ({ index, config }))
      .filter(({ index }) => !reported.has(index)),
    strategies,
    catalog,
    scenario,
    models: scenario?.models ?? candidateModels(catalog, partial),
    reference: partial.reference ?? DEFAULT_REFERENCE,
    seed: partial.seed ?? DEFAULT_SEED,
    baseDir: options.baseDir ?? '.',
    file,
  };
}

/**
 * Sections that are valid on their own still get their semantic checks, so one bad field does
 * not hide the problems of the rest: top-level sections, then traffic's sub-sections and
 * individual providers when those sections failed as a whole.
 */
function validParts(record: Record<string, unknown>, invalid: Set<string>): PartialScenarioFile {
  const partial = pickValid(record, scenarioFileSchema.shape, '', invalid);
  const traffic = record['traffic'];
  if (partial['traffic'] === undefined && isRecord(traffic)) {
    partial['traffic'] = pickValid(traffic, trafficSchema.shape, 'traffic.', invalid);
  }
  const providers = record['providers'];
  if (partial['providers'] === undefined && isRecord(providers)) {
    const valid: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(providers)) {
      const provider = providerSchema.safeParse(value);
      if (provider.success) valid[key] = provider.data;
      else invalid.add(`providers.${key}`);
    }
    partial['providers'] = valid;
  }
  return partial as PartialScenarioFile;
}

function pickValid(
  record: Record<string, unknown>,
  shape: Record<string, z.ZodType>,
  prefix: string,
  invalid: Set<string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shape)) {
    const section = schema.safeParse(record[key]);
    if (!section.success) invalid.add(`${prefix}${key}`);
    else if (section.data !== undefined) out[key] = section.data;
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** File order reads best; issues without a position go last, in the order found. */
function sortByPosition(issues: InputIssue[]): InputIssue[] {
  return issues
    .map((issue, order) => ({ issue, order }))
    .sort(
      (left, right) =>
        (left.issue.line ?? Number.POSITIVE_INFINITY) - (right.issue.line ?? Number.POSITIVE_INFINITY) ||
        (left.issue.column ?? 0) - (right.issue.column ?? 0) ||
        left.order - right.order,
    )
    .map(({ issue }) => issue);
}
