/**
 * Curation of an imported catalog, as data (fixtures/catalog-curation.json): which LiteLLM
 * entries to take, which model-facts.csv row each joins, each model's measured latency with
 * its source, latency families for replacing placeholder figures, provider limit overrides.
 * The shipped catalog is regenerated from it, never hand-edited.
 */
import { z } from 'zod';
import { InputError } from '../errors.ts';
import { reasoningSchema } from '../world/catalog-schema.ts';
import { curatedLatencySchema } from './catalog-latency-measured.ts';

const limits = z.strictObject({
  capacity: z.number().int().positive().optional(),
  rpm: z.number().positive().optional(),
  tpm: z.number().positive().optional(),
});

const curatedModel = z.strictObject({
  /** LiteLLM key, e.g. "gemini/gemini-2.0-flash". */
  litellm: z.string().min(1),
  /** The model-facts.csv row to join (provider + model_id). */
  facts: z.strictObject({ provider: z.string().min(1), model: z.string().min(1) }).optional(),
  /** model-facts.csv model ids of the same family, for replacing placeholder latency figures. */
  family: z.array(z.string().min(1)).optional(),
  /** Hidden reasoning of a reasoning model, copied into the catalog entry (types.ts ReasoningSpec). */
  reasoning: reasoningSchema.optional(),
  /** A third-party latency measurement with its source; wins over the facts row's figures. */
  latency: curatedLatencySchema.optional(),
  /** Output-length multiplier; default by tier. */
  verbosity: z.number().positive().optional(),
  /** Why this entry is curated as it is. */
  notes: z.string().optional(),
});

const curationSchema = z.strictObject({
  description: z.string().optional(),
  providers: z.record(z.string(), limits).optional(),
  /** Why a provider's limits are overridden. */
  capacityNotes: z.string().optional(),
  models: z.array(curatedModel).min(1),
});

export type Curation = z.infer<typeof curationSchema>;
export type CuratedModel = z.infer<typeof curatedModel>;

export function parseCuration(json: unknown, file: string): Curation {
  const parsed = curationSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new InputError(
    file,
    parsed.error.issues.map((issue) => ({
      path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
      message: issue.message,
    })),
  );
}
