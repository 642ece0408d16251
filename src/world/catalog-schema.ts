/**
 * Zod schema of a catalog file (fixtures/catalog.json or one written by `routesim models import`).
 * Field names follow types.ts; price fields keep LiteLLM's names.
 */
import { z } from 'zod';
import { DOMAINS } from './types.ts';

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
  notes: z.string().optional(),
});

export const providerSchema = z.strictObject({
  wire: z.enum(['openai', 'anthropic']),
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
