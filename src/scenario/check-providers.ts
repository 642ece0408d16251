/**
 * Semantic checks against the catalog: providers and models exist (and belong together),
 * price overrides and fault models name the provider's models, fault windows fit in the run,
 * and each fault carries only the fields its kind uses.
 */
import type { Catalog } from '../contracts/index.ts';
import { type CheckContext, ms, providerModels, report, scenarioDurationMs } from './check-context.ts';
import { reasoningKnobProblems } from './check-reasoning.ts';
import { show } from './check-traffic.ts';
import type { ScenarioFileFault } from './schema.ts';
import { closest } from './suggest.ts';

/** Fields that only one fault kind uses. */
const KIND_FIELDS: Record<string, ScenarioFileFault['kind']> = {
  status: 'error',
  probability: 'partial',
  factor: 'slow',
  retryAfter: 'rate_limit',
};

export function checkProviders(context: CheckContext): void {
  const providers = context.file.providers;
  if (providers === undefined) return;
  const someInvalid = [...context.invalid].some((section) => section.startsWith('providers.'));
  if (Object.keys(providers).length === 0 && !someInvalid) {
    report(context, ['providers'], 'expected at least one provider');
  }
  const catalog = context.catalog;
  const modelsByProvider = catalog === undefined ? undefined : providerModels(catalog, context.file);
  for (const [key, provider] of Object.entries(providers)) {
    if (catalog !== undefined && catalog.providers[key] === undefined) {
      const suggestion = closest(key, Object.keys(catalog.providers));
      report(
        context,
        ['providers', key],
        `unknown provider "${key}"${hint(suggestion)}; the catalog has: ${Object.keys(catalog.providers).join(', ')}`,
        { key: true },
      );
      continue;
    }
    if (catalog !== undefined) {
      for (const [index, id] of (provider.models ?? []).entries()) {
        checkModelOfProvider(context, catalog, key, id, ['providers', key, 'models', index]);
      }
      for (const id of Object.keys(provider.prices ?? {})) {
        checkModelOfProvider(context, catalog, key, id, ['providers', key, 'prices', id], { key: true });
      }
      for (const [id, knob] of Object.entries(provider.reasoning ?? {})) {
        const path = ['providers', key, 'reasoning', id];
        if (checkModelOfProvider(context, catalog, key, id, path, { key: true })) {
          for (const problem of reasoningKnobProblems(catalog, id, knob)) {
            report(context, [...path, problem.field], problem.message);
          }
        }
      }
    }
    const models = modelsByProvider?.get(key);
    for (const [index, fault] of (provider.faults ?? []).entries()) {
      checkFault(context, fault, ['providers', key, 'faults', index], key, models);
    }
  }
}

function checkModelOfProvider(
  context: CheckContext,
  catalog: Catalog,
  provider: string,
  id: string,
  path: (string | number)[],
  options: { key?: boolean } = {},
): boolean {
  const model = catalog.models.find((entry) => entry.id === id);
  if (model === undefined) {
    const ofProvider = catalog.models.filter((entry) => entry.provider === provider).map((entry) => entry.id);
    report(
      context,
      path,
      `unknown model "${id}"${hint(closest(id, ofProvider))}; ${provider} serves: ${ofProvider.join(', ')}`,
      options,
    );
    return false;
  }
  if (model.provider !== provider) {
    report(
      context,
      path,
      `model "${id}" belongs to provider "${model.provider}", not "${provider}"`,
      options,
    );
    return false;
  }
  return true;
}

function checkFault(
  context: CheckContext,
  fault: ScenarioFileFault,
  path: (string | number)[],
  provider: string,
  models: string[] | undefined,
): void {
  const isWindow = fault.start !== undefined || fault.duration !== undefined;
  const isProcess = fault.mtbf !== undefined || fault.mttr !== undefined;
  if (isWindow && isProcess) {
    report(
      context,
      path,
      'expected either a window (start + duration) or a random process (mtbf + mttr), not both',
    );
  } else if (!isWindow && !isProcess) {
    report(context, path, 'expected a window (start + duration) or a random process (mtbf + mttr)');
  } else if (isWindow) {
    if (fault.start === undefined)
      report(context, path, 'missing required field "start" of the fault window');
    if (fault.duration === undefined)
      report(context, path, 'missing required field "duration" of the fault window');
    if (fault.start !== undefined && fault.duration !== undefined) {
      const startMs = ms(fault.start);
      const endMs = startMs + ms(fault.duration);
      const durationMs = scenarioDurationMs(context);
      if (ms(fault.duration) <= 0) report(context, [...path, 'duration'], 'expected a fault duration > 0');
      else if (durationMs !== undefined && endMs > durationMs) {
        report(
          context,
          path,
          `fault window ${show(startMs)}–${show(endMs)} ends after the scenario (duration ${show(durationMs)})`,
        );
      }
    }
  } else {
    if (fault.mtbf === undefined) report(context, path, 'missing required field "mtbf" of the fault process');
    if (fault.mttr === undefined) report(context, path, 'missing required field "mttr" of the fault process');
    if (fault.mtbf !== undefined && ms(fault.mtbf) <= 0)
      report(context, [...path, 'mtbf'], 'expected an mtbf > 0');
    if (fault.mttr !== undefined && ms(fault.mttr) <= 0)
      report(context, [...path, 'mttr'], 'expected an mttr > 0');
  }
  for (const [field, kind] of Object.entries(KIND_FIELDS)) {
    if (fault[field as keyof ScenarioFileFault] !== undefined && fault.kind !== kind) {
      report(
        context,
        [...path, field],
        `"${field}" applies only to faults of kind ${kind}, not ${fault.kind}`,
        {
          key: true,
        },
      );
    }
  }
  if (fault.kind === 'partial' && fault.probability === undefined) {
    report(context, path, 'missing required field "probability" (0–1) of a partial fault');
  }
  if (fault.kind === 'slow' && fault.factor === undefined) {
    report(context, path, 'missing required field "factor" (≥ 1) of a slow fault');
  }
  if (fault.model !== undefined && models !== undefined && !models.includes(fault.model)) {
    report(
      context,
      [...path, 'model'],
      `model "${fault.model}" is not a model of provider "${provider}" here${hint(closest(fault.model, models))}; expected one of: ${models.join(', ')}`,
    );
  }
}

export function hint(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : ` — did you mean "${suggestion}"?`;
}
