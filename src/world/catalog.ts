/**
 * The model catalog: providers and models with real prices, limits, latency and quality
 * targets. `loadCatalog` is the only function here that touches the file system.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { blendPrices, type Catalog, DOMAINS, type ModelSpec } from '../contracts/index.ts';
import { InputError, type InputIssue } from '../errors.ts';
import { catalogSchema } from './catalog-schema.ts';
import { medianReasoningTokens, reasons } from './reasoning.ts';

/** The catalog shipped with routesim. */
export const BUNDLED_CATALOG_PATH = fileURLToPath(new URL('../../fixtures/catalog.json', import.meta.url));

/** Read and validate a catalog file. @default path the bundled fixtures/catalog.json */
export function loadCatalog(path: string = BUNDLED_CATALOG_PATH): Catalog {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(
      path,
      [{ path: [], message: `cannot read the catalog: ${(error as Error).message}` }],
      {
        cause: error,
      },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(path, [{ path: [], message: `expected JSON: ${(error as Error).message}` }], {
      cause: error,
    });
  }
  return parseCatalog(json, path);
}

/** Validate a parsed catalog; throws one InputError listing every problem. */
export function parseCatalog(json: unknown, file: string): Catalog {
  const parsed = catalogSchema.safeParse(json);
  if (!parsed.success) {
    throw new InputError(
      file,
      parsed.error.issues.map((issue) => ({
        path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
        message: issue.message,
      })),
    );
  }
  const catalog = parsed.data as Catalog;
  const issues: InputIssue[] = [];
  const seen = new Map<string, number>();
  catalog.models.forEach((model, index) => {
    if (!(model.provider in catalog.providers)) {
      issues.push({
        path: ['models', index, 'provider'],
        message: `unknown provider "${model.provider}"; expected one of ${Object.keys(catalog.providers).join(', ')}`,
      });
    }
    const first = seen.get(model.id);
    if (first !== undefined) {
      issues.push({
        path: ['models', index, 'id'],
        message: `duplicate model id "${model.id}" (also models[${first}])`,
      });
    } else seen.set(model.id, index);
  });
  if (issues.length > 0) throw new InputError(file, issues);
  return catalog;
}

/**
 * Published hidden reasoning tokens of a typical request under the model's setting: the catalog's
 * median for the anchor workload (Artificial Analysis's medium_coding prompt, realism-anchors.md
 * §2b) scaled by the effort in force; 0 for a model that does not reason (or reasons only with a
 * thinking budget that is not set). A public figure: what a team reads off a provider benchmark.
 */
export function typicalReasoningTokens(model: Pick<ModelSpec, 'reasoning'>): number {
  const spec = model.reasoning;
  if (spec === undefined || !reasons(spec, spec.setting)) return 0;
  return Math.round(medianReasoningTokens(spec, spec.setting, 'code', 0));
}

/** Blended price per token of a catalog model, USD (blendPrices, contracts/blended-price.ts). */
export function blendedPrice(model: ModelSpec): number {
  return blendPrices(model.input_cost_per_token, model.output_cost_per_token, typicalReasoningTokens(model));
}

/** Mean target accuracy over all domains. */
export function meanAccuracy(model: ModelSpec): number {
  return DOMAINS.reduce((sum, domain) => sum + model.quality[domain].accuracy, 0) / DOMAINS.length;
}

/** The model with the lowest blended price (ties: the first listed). */
export function cheapestModel(models: ModelSpec[]): ModelSpec {
  return pickBest(models, (a, b) => blendedPrice(a) < blendedPrice(b), 'cheapestModel');
}

/** The model with the highest mean target accuracy (ties: the first listed). */
export function strongestModel(models: ModelSpec[]): ModelSpec {
  return pickBest(models, (a, b) => meanAccuracy(a) > meanAccuracy(b), 'strongestModel');
}

function pickBest(
  models: ModelSpec[],
  better: (a: ModelSpec, b: ModelSpec) => boolean,
  name: string,
): ModelSpec {
  let best = models[0];
  if (best === undefined) throw new RangeError(`${name}: no models to choose from`);
  for (const model of models) if (better(model, best)) best = model;
  return best;
}
