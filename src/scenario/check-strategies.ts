/**
 * Semantic checks of what is compared: candidate models, strategy names (unknown → the list of
 * available ones), the reference strategy, and thresholds (parsed; tags must name a listed
 * strategy, a domain or a tier).
 */
import { DOMAINS } from '../contracts/index.ts';
import { type CheckContext, candidateModels, providerModels, report } from './check-context.ts';
import { hint } from './check-providers.ts';
import { DEFAULT_REFERENCE, DEFAULT_TIER } from './normalise.ts';
import {
  BUILT_IN_STRATEGIES,
  isKnownStrategyName,
  knownStrategyNames,
  moduleLabel,
} from './strategy-names.ts';
import { closest } from './suggest.ts';
import { parseThresholdExpression, parseThresholdKey, thresholdExpressions } from './thresholds.ts';

export function checkCandidateModels(context: CheckContext): void {
  const { catalog, file } = context;
  if (catalog === undefined || file.models === undefined || file.providers === undefined) return;
  if (hasInvalidProvider(context)) return;
  const available = [...providerModels(catalog, file).values()].flat();
  for (const [index, id] of file.models.entries()) {
    if (available.includes(id)) continue;
    const model = catalog.models.find((entry) => entry.id === id);
    const message =
      model === undefined
        ? `unknown model "${id}"${hint(
            closest(
              id,
              catalog.models.map((entry) => entry.id),
            ),
          )}; run "routesim models" or see the catalog for ids`
        : file.providers[model.provider] === undefined
          ? `model "${id}" is served by provider "${model.provider}", which is not under "providers"; add it there`
          : `model "${id}" is excluded by providers.${model.provider}.models; add it there`;
    report(context, ['models', index], message);
  }
}

/**
 * Strategy labels in file order: a built-in's name, the `name` given to a labelled built-in
 * (`strategy` alone labels it by the built-in), or a module's `name` (default its file name).
 */
export function strategyLabels(context: CheckContext): string[] {
  return (context.file.strategies ?? []).map((entry) =>
    typeof entry === 'string'
      ? entry
      : (entry.name ?? entry.strategy ?? (entry.module === undefined ? '' : moduleLabel(entry.module))),
  );
}

export function checkStrategies(context: CheckContext): void {
  const { catalog, file } = context;
  const strategies = file.strategies;
  if (strategies === undefined) return;
  // Without a catalog or valid providers the always-<model> names cannot be checked.
  const models =
    catalog === undefined ||
    file.providers === undefined ||
    hasInvalidProvider(context) ||
    context.invalid.has('models')
      ? undefined
      : candidateModels(catalog, file);
  const labels = strategyLabels(context);
  const seen = new Set<string>();
  for (const [index, entry] of strategies.entries()) {
    const path = ['strategies', index];
    const label = labels[index] ?? '';
    if (typeof entry === 'string') {
      if (models !== undefined && !isKnownStrategyName(entry, models))
        report(context, path, unknownStrategyMessage(entry, models));
    } else if (entry.name === undefined && entry.strategy === undefined && entry.module === undefined) {
      report(context, path, 'expected "name" (a built-in strategy) or "module" (your strategy file)');
      continue;
    } else if (entry.module !== undefined) {
      checkModuleEntry(context, path, entry.module, entry.strategy);
    } else {
      checkBuiltInEntry(context, path, label, entry.strategy, models);
    }
    if (seen.has(label)) {
      const builtIn =
        typeof entry === 'string'
          ? entry
          : entry.module === undefined
            ? (entry.strategy ?? label)
            : undefined;
      const fix =
        builtIn === undefined
          ? 'give one a different "name" to tell them apart'
          : `give one its own label, e.g. { name: ${label}-2, strategy: ${builtIn}, options: … }`;
      report(context, path, `strategy "${label}" is listed twice; ${fix}`);
    }
    seen.add(label);
  }
  const reference = file.reference;
  if (reference !== undefined && models !== undefined && !labels.includes(reference)) {
    if (!isKnownStrategyName(reference, models)) {
      // Listed labels and built-ins, not "always-<label>" (labels are no models).
      const builtIns = knownStrategyNames(models);
      const available = [...new Set([...labels, ...builtIns])];
      report(
        context,
        ['reference'],
        `unknown strategy "${reference}"${hint(closest(reference, available))}; expected a listed strategy (${labels.join(', ')}) or a built-in: ${builtIns.join(', ')}`,
      );
    }
  }
}

function checkModuleEntry(
  context: CheckContext,
  path: (string | number)[],
  module: string,
  strategy: string | undefined,
): void {
  if (strategy !== undefined) {
    report(
      context,
      [...path, 'strategy'],
      '"strategy" names a built-in and "module" your own file; an entry runs one of them, so keep one',
    );
  }
  if (context.fileExists === undefined) return;
  const absolute = context.resolvePath(module);
  if (!context.fileExists(absolute))
    report(context, [...path, 'module'], `strategy module "${module}" not found (looked at ${absolute})`);
}

/** `{ name, options }` runs the built-in `name`; `{ name, strategy, options }` labels `strategy`. */
function checkBuiltInEntry(
  context: CheckContext,
  path: (string | number)[],
  label: string,
  strategy: string | undefined,
  models: readonly string[] | undefined,
): void {
  if (models === undefined) return;
  if (strategy === undefined) {
    if (!isKnownStrategyName(label, models))
      report(
        context,
        [...path, 'name'],
        `${unknownStrategyMessage(label, models)}${labelHint(label, models)}`,
      );
    return;
  }
  if (!isKnownStrategyName(strategy, models)) {
    const available = knownStrategyNames(models);
    report(
      context,
      [...path, 'strategy'],
      `unknown built-in strategy "${strategy}"${hint(closest(strategy, available))}; available: ${available.join(', ')}`,
    );
    return;
  }
  // A label that is another strategy's name would show one strategy's results under another's
  // name (and `always-<model>` would hide that model's single-model point).
  if (label !== strategy && isKnownStrategyName(label, models)) {
    report(
      context,
      [...path, 'name'],
      `label "${label}" is already a strategy's name (the built-in ${label}), but this entry runs ${strategy}; choose a label of your own`,
    );
  }
}

function hasInvalidProvider(context: CheckContext): boolean {
  return [...context.invalid].some((section) => section === 'providers' || section.startsWith('providers.'));
}

function unknownStrategyMessage(name: string, models: readonly string[]): string {
  const available = knownStrategyNames(models);
  return `unknown strategy "${name}"${hint(closest(name, available))}; available: ${available.join(', ')}, or { module: ./your-router.ts }`;
}

/**
 * An unknown `name` that is no typo is likely meant as a label ("cascade-judge"): say how to
 * label a built-in, naming the built-in the label starts with when there is one.
 */
function labelHint(label: string, models: readonly string[]): string {
  if (closest(label, knownStrategyNames(models)) !== undefined) return '';
  const prefix = BUILT_IN_STRATEGIES.filter((name) => label.startsWith(name)).sort(
    (a, b) => b.length - a.length,
  )[0];
  return `; to label a built-in, name it in "strategy": { name: ${label}, strategy: ${prefix ?? '<built-in>'}, options: … }`;
}

export function checkThresholds(context: CheckContext): void {
  const thresholds = context.file.thresholds;
  if (thresholds === undefined) return;
  const strategies = context.file.strategies === undefined ? undefined : strategyLabels(context);
  strategies?.push(context.file.reference ?? DEFAULT_REFERENCE);
  const tiers =
    context.invalid.has('traffic.tiers') || context.file.traffic === undefined
      ? undefined
      : (context.file.traffic?.tiers?.map((tier) => tier.name) ?? [DEFAULT_TIER]);
  for (const [key, value] of Object.entries(thresholds)) {
    const keyPath = ['thresholds', key];
    const parsedKey = parseThresholdKey(key);
    if (!parsedKey.ok) {
      report(context, keyPath, parsedKey.message, { key: true });
      continue;
    }
    const { strategy, domain, tier } = parsedKey.value.tags;
    if (strategy !== undefined && strategies !== undefined && !strategies.includes(strategy)) {
      report(
        context,
        keyPath,
        `threshold tag strategy:${strategy} names no strategy of this scenario${hint(closest(strategy, strategies))}; listed: ${strategies.join(', ')}`,
        { key: true },
      );
    }
    if (domain !== undefined && !(DOMAINS as readonly string[]).includes(domain)) {
      report(
        context,
        keyPath,
        `threshold tag domain:${domain} is not a domain${hint(closest(domain, DOMAINS))}; expected one of ${DOMAINS.join(', ')}`,
        { key: true },
      );
    }
    if (tier !== undefined && tiers !== undefined && !tiers.includes(tier)) {
      report(
        context,
        keyPath,
        `threshold tag tier:${tier} is not a tier of this scenario; tiers: ${tiers.join(', ')}`,
        {
          key: true,
        },
      );
    }
    const expressions = thresholdExpressions(value);
    if (expressions.length === 0)
      report(context, keyPath, 'expected at least one expression, e.g. "p(95) < 4000"');
    for (const [index, expression] of expressions.entries()) {
      const parsed = parseThresholdExpression(expression, parsedKey.value.metric);
      if (!parsed.ok) report(context, Array.isArray(value) ? [...keyPath, index] : keyPath, parsed.message);
    }
  }
}
