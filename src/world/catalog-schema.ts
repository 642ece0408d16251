/**
 * Zod schema of a catalog file (fixtures/catalog.json or one written by `routesim models import`).
 * Field names follow types.ts; price fields keep LiteLLM's names.
 */
import { z } from 'zod';
import { DOMAINS, REASONING_EFFORTS, WIRE_FORMAT_NAMES } from '../contracts/index.ts';

const probability = z.number().gt(0).lt(1);
const score = z.number().min(0).max(1);

const domainTarget = z.strictObject({ accuracy: probability, source: z.string().min(1) });

const confidence = z.strictObject({
  kappa: z.number().positive(),
  sigmaEta: z.number().nonnegative(),
  logprobBias: z.number().optional(),
  selfRatedBias: z.number(),
  selfRatedSharpness: z.number().positive().optional(),
  selfRatedSigma: z.number().nonnegative().optional(),
});

const benchmarks = z.strictObject({
  mmlu: score.optional(),
  'mmlu-pro': score.optional(),
  gsm8k: score.optional(),
  math: score.optional(),
  humaneval: score.optional(),
  mbpp: score.optional(),
  gpqa: score.optional(),
  'arena-hard': score.optional(),
});

const quality = z.strictObject(
  Object.fromEntries(DOMAINS.map((domain) => [domain, domainTarget])) as Record<
    (typeof DOMAINS)[number],
    typeof domainTarget
  >,
);

const effort = z.enum(REASONING_EFFORTS);
const perDomainShift = z.partialRecord(z.enum(DOMAINS), z.number());

/** ReasoningSpec (types.ts); also the `reasoning` block of a curation entry. */
export const reasoningSchema = z.strictObject({
  control: z.enum(['effort', 'dynamic', 'budget']),
  defaultEffort: effort.optional(),
  setting: z.strictObject({
    effort: effort.optional(),
    budgetTokens: z.number().int().nonnegative().optional(),
  }),
  medianTokens: z.number().positive(),
  sigma: z.number().nonnegative(),
  effortScale: z.partialRecord(effort, z.number().positive()),
  effortCap: z.partialRecord(z.enum([...REASONING_EFFORTS, 'dynamic']), z.number().int().positive()),
  accuracyShift: z.partialRecord(effort, perDomainShift),
  headroomTokens: z.number().int().nonnegative(),
  source: z.string().min(1),
});

const costPerToken = z.number().nonnegative();
const tokens = z.number().int().positive();

export const modelSchema = z.strictObject({
  id: z.string().min(1),
  provider: z.string().min(1),
  displayName: z.string().min(1),
  input_cost_per_token: costPerToken,
  output_cost_per_token: costPerToken,
  cache_read_input_token_cost: costPerToken.optional(),
  cache_creation_input_token_cost: costPerToken.optional(),
  max_input_tokens: tokens,
  max_output_tokens: tokens,
  ttftMedianMs: z.number().positive(),
  ttftSigma: z.number().nonnegative(),
  decodeTokensPerSecond: z.number().positive(),
  decodeSigma: z.number().nonnegative(),
  latencySource: z.string().min(1).optional(),
  measuredFirstChunkMs: z.number().positive().optional(),
  verbosity: z.number().positive(),
  benchmarks,
  quality,
  confidence,
  reasoning: reasoningSchema.optional(),
  notes: z.string().optional(),
});

export const providerSchema = z.strictObject({
  wire: z.enum(WIRE_FORMAT_NAMES),
  baseUrl: z.url({ protocol: /^https?$/ }),
  capacity: z.number().int().positive(),
  rpm: z.number().positive(),
  tpm: z.number().positive(),
  cacheMinTokens: z.number().int().nonnegative(),
  cacheTtlMs: z.number().nonnegative(),
});

export const catalogSchema = z.strictObject({
  source: z.string(),
  providers: z.record(z.string().min(1), providerSchema),
  models: z.array(modelSchema).min(1),
});
