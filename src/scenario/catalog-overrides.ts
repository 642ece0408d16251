/**
 * A scenario applied to the catalog: the providers and models it selects, with its capacity, rate
 * limit, price and reasoning overrides. Scenario-side, so that the world never reads a scenario.
 */

import { type Catalog, type ModelSpec, type ProviderSpec, WIRE_FORMAT_FACTS } from '../contracts/index.ts';
import { InputError, type InputIssue } from '../errors.ts';
import { withReasoningKnob } from './reasoning-knob.ts';
import type { ProviderConfig, Scenario } from './types.ts';

/**
 * The catalog a scenario sees: only its providers (and, where a provider lists `models`,
 * only those), with its capacity/rpm/tpm and per-model price overrides applied.
 * Unknown providers or models → InputError naming the scenario path.
 */
export function applyScenarioOverrides(catalog: Catalog, scenario: Scenario): Catalog {
  const issues: InputIssue[] = [];
  const providers: Catalog['providers'] = {};
  const models: ModelSpec[] = [];
  for (const [key, config] of Object.entries(scenario.providers)) {
    const spec = catalog.providers[key];
    if (spec === undefined) {
      issues.push({
        path: ['providers', key],
        message: `unknown provider "${key}"; the catalog has ${Object.keys(catalog.providers).join(', ')}`,
      });
      continue;
    }
    providers[key] = {
      ...spec,
      ...wireOverride(spec, config, ['providers', key], issues),
      ...(config.capacity === undefined ? {} : { capacity: config.capacity }),
      ...(config.rpm === undefined ? {} : { rpm: config.rpm }),
      ...(config.tpm === undefined ? {} : { tpm: config.tpm }),
    };
    const own = catalog.models.filter((model) => model.provider === key);
    const ownIds = own.map((model) => model.id);
    (config.models ?? []).forEach((id, index) => {
      if (!ownIds.includes(id)) {
        issues.push({
          path: ['providers', key, 'models', index],
          message: `unknown model "${id}" of provider "${key}"; expected one of ${ownIds.join(', ')}`,
        });
      }
    });
    const kept = config.models === undefined ? own : own.filter((model) => config.models?.includes(model.id));
    for (const id of Object.keys(config.prices ?? {})) {
      if (!kept.some((model) => model.id === id)) {
        issues.push({
          path: ['providers', key, 'prices', id],
          message: `price override for "${id}", which is not a selected model of provider "${key}"`,
        });
      }
    }
    for (const id of Object.keys(config.reasoning ?? {})) {
      if (!kept.some((model) => model.id === id)) {
        issues.push({
          path: ['providers', key, 'reasoning', id],
          message: `reasoning setting for "${id}", which is not a selected model of provider "${key}"`,
        });
      }
    }
    for (const model of kept) {
      // Drop undefined fields so an absent override never erases a catalog price.
      const override = Object.entries(config.prices?.[model.id] ?? {}).filter(
        ([, value]) => value !== undefined,
      );
      const priced = { ...model, ...Object.fromEntries(override) };
      const knob = config.reasoning?.[model.id];
      models.push(
        knob === undefined
          ? priced
          : withReasoningKnob(priced, knob, ['providers', key, 'reasoning', model.id], issues),
      );
    }
  }
  // Two providers at one base URL would share one set of mock handlers: the first would answer both.
  const byUrl = new Map<string, string>();
  for (const [key, spec] of Object.entries(providers)) {
    const other = byUrl.get(spec.baseUrl);
    if (other === undefined) byUrl.set(spec.baseUrl, key);
    else {
      issues.push({
        path: ['providers', key, 'baseUrl'],
        message: `base URL ${spec.baseUrl} is also provider "${other}"'s; give each provider its own`,
      });
    }
  }
  if (issues.length > 0) throw new InputError(`scenario "${scenario.name}"`, issues);
  // Keep the catalog's model order: it is the tie-break order everywhere.
  const order = new Map(catalog.models.map((model, index) => [model.id, index]));
  models.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return { source: catalog.source, providers, models };
}

/**
 * A provider switched to another wire format (`wire`), or moved (`baseUrl`). A format the
 * catalog's base URL does not speak needs a base URL: given, or the format's own host.
 */
function wireOverride(
  spec: ProviderSpec,
  config: ProviderConfig,
  path: (string | number)[],
  issues: InputIssue[],
): Partial<ProviderSpec> {
  if (config.wire === undefined || config.wire === spec.wire) {
    return config.baseUrl === undefined ? {} : { baseUrl: config.baseUrl };
  }
  const baseUrl = config.baseUrl ?? WIRE_FORMAT_FACTS[config.wire].host;
  if (baseUrl === undefined) {
    issues.push({
      path: [...path, 'baseUrl'],
      message: `wire "${config.wire}" differs from the catalog's ("${spec.wire}"): give the provider's base URL in that format`,
    });
    return {};
  }
  return { wire: config.wire, baseUrl };
}
