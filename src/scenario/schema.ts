/**
 * The scenario FILE format (YAML or JSON, version 1), as written by people: durations as
 * "30s", rates per `timeUnit`, k6/Artillery names. One zod source gives both validation and
 * the published JSON Schema (scenarios/scenario.schema.json), so the two cannot drift.
 * No transforms here — normalise.ts turns a valid file into the Scenario the code reads.
 */
import { z } from 'zod';
import { DOMAINS, WIRE_FORMAT_NAMES } from '../contracts/index.ts';
import { DURATION_PATTERN, describeBadDuration } from './durations.ts';

function duration(description: string) {
  return z
    .union(
      [
        z.number({ error: (issue) => describeBadDuration(issue.input) }).min(0, {
          error: (issue) => describeBadDuration(issue.input),
        }),
        z.string().regex(DURATION_PATTERN, { error: (issue) => describeBadDuration(issue.input) }),
      ],
      { error: (issue) => describeBadDuration(issue.input) },
    )
    .meta({
      description: `${description} A number is milliseconds; a string like "250ms", "30s", "20m", "24h", "1h30m".`,
    });
}

const nonNegative = (description: string) => z.number().min(0).meta({ description });
const positiveInteger = (description: string) => z.number().int().min(1).meta({ description });

const stage = z
  .strictObject({
    duration: duration('How long this stage ramps.'),
    target: nonNegative('Rate (per timeUnit) reached linearly at the end of the stage.'),
  })
  .meta({ description: 'One k6 ramping-arrival-rate stage.' });

const arrival = z
  .strictObject({
    process: z.enum(['poisson', 'uniform']).optional().meta({
      description: 'poisson: exponential gaps; uniform: evenly spaced at the current rate. Default poisson.',
    }),
    rate: nonNegative(
      'Constant arrival rate, requests per timeUnit (fractional allowed). Excludes startRate/stages.',
    ).optional(),
    startRate: nonNegative('Rate (per timeUnit) at time 0, ramped from by `stages`. Default 0.').optional(),
    stages: z.array(stage).min(1).optional().meta({
      description: 'k6 ramping-arrival-rate stages: linear ramps; after the last stage its target holds.',
    }),
    timeUnit: duration('Unit of rate, startRate and targets. Default "1s".').optional(),
    diurnal: z
      .strictObject({
        amplitude: z
          .number()
          .min(0)
          .max(1)
          .meta({ description: 'Relative swing: rate × (1 + amplitude·cos(2π(t − peak)/24h)), 0–1.' }),
        peak: duration('Time of day (from the scenario start) with the highest load.'),
      })
      .optional()
      .meta({ description: 'Daily cycle multiplied onto the rate; averages to 1 over a whole day.' }),
    bursts: z
      .array(
        z.strictObject({
          at: duration('Start of the burst, from the scenario start.'),
          duration: duration('Length of the burst.'),
          multiplier: nonNegative('Rate multiplier inside the burst (4 = four times the load).'),
        }),
      )
      .optional()
      .meta({ description: 'Windows of extra load.' }),
  })
  .meta({ description: 'Open-loop arrival process: either `rate`, or `startRate` + `stages`.' });

const mixEntry = z
  .strictObject({
    domain: z.enum(DOMAINS).optional().meta({ description: 'A task domain: all its templates.' }),
    template: z.string().min(1).optional().meta({ description: 'One task template id (fixtures/tasks).' }),
    weight: z.number().positive().optional().meta({ description: 'Relative weight. Default 1.' }),
  })
  .meta({ description: 'One weighted task class: set exactly one of domain or template.' });

const tier = z.strictObject({
  name: z.string().min(1).meta({ description: 'Tier name strategies see on each request, e.g. "free".' }),
  weight: z.number().positive().optional().meta({ description: 'Relative weight. Default 1.' }),
});

export const REPLAY_FORMATS = ['routellm-csv', 'outcomes-jsonl', 'mt-bench', 'openai-log'] as const;

const replay = z
  .strictObject({
    format: z.enum(REPLAY_FORMATS).meta({
      description:
        "routellm-csv: a `prompt` column, then one True/False column per model; outcomes-jsonl: rows {prompt, model, score} with score 0–1; mt-bench: RouteLLM's MT-Bench judgements.jsonl (path) joined to question.jsonl (questions), first turn, score (s − 1)/9; openai-log: a team's own OpenAI-format log, one {messages, model, time} per line.",
    }),
    path: z.string().min(1).meta({
      description: 'The table or log, relative to the scenario file (mt-bench: judgements.jsonl).',
    }),
    questions: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "mt-bench only: MT-Bench's question.jsonl, relative to the scenario file." }),
    models: z.record(z.string(), z.string().min(1)).optional().meta({
      description:
        'Model names in the table → catalog model ids, e.g. { "gpt-4-1106-preview": gpt-4o }. Only mapped models are replayed. Default: the table\'s names are catalog ids.',
    }),
    domain: z
      .union([z.enum(DOMAINS), z.literal('classify')])
      .optional()
      .meta({
        description:
          "Domain of every replayed request (slices, latency and the quality model where nothing is recorded): a domain, or 'classify' (the domain classifier; reports say the domain was classified). Default: mt-bench maps its categories; other formats classify.",
      }),
    split: z
      .strictObject({
        share: z.number().gt(0).lt(1).meta({
          description: 'Share of each category (MT-Bench) or of all rows (CSV) in the test part, in (0, 1).',
        }),
        seed: z
          .number()
          .int()
          .meta({ description: 'Seed of the keyed split (the same as `routesim train --seed`).' }),
        part: z
          .enum(['train', 'test'])
          .optional()
          .meta({ description: "Which part to replay. Default 'test'." }),
      })
      .optional()
      .meta({
        description:
          'mt-bench and routellm-csv only: replay one part of the reproducible train/test split `routesim train --split <share> --seed <n>` makes (keyed by prompt id, stratified by category), e.g. the held-out prompts a learned model never saw.',
      }),
    sample: z.boolean().optional().meta({
      description:
        'true: replay only the rows traffic.arrival has arrival slots for (the first ones) when it gives fewer slots than the file has rows. Default false: fewer slots than rows is an error, so a short duration never silently drops most of a table.',
    }),
  })
  .meta({
    description:
      'Replay recorded traffic instead of generating it: requests (and, for tables, their outcomes: looked up, never drawn) from a file. Tables have no timestamps: traffic.arrival spaces their rows. A log brings its own times unless traffic.arrival is set. traffic.mix does not apply.',
  });

const traffic = z
  .strictObject({
    arrival: arrival.optional(),
    mix: z
      .array(mixEntry)
      .min(1)
      .optional()
      .meta({ description: 'Weighted task mix (Artillery-style weights). Required unless `replay` is set.' }),
    tiers: z.array(tier).min(1).optional().meta({ description: 'User tiers. Default one tier "default".' }),
    replay: replay.optional(),
  })
  .meta({ description: 'The request stream.' });

export const FAULT_KINDS = ['error', 'timeout', 'slow', 'partial', 'reset', 'rate_limit'] as const;
export const ERROR_STATUSES = [500, 502, 503, 504, 529] as const;

const fault = z
  .strictObject({
    kind: z.enum(FAULT_KINDS).meta({
      description:
        'error: HTTP 5xx; timeout: calls hang; slow: latency × factor; partial: errors with probability; reset: dropped connection; rate_limit: every call 429 (the "429 storm").',
    }),
    model: z.string().min(1).optional().meta({ description: 'Restrict to one model of this provider.' }),
    start: duration('Fixed window: start, from the scenario start.').optional(),
    duration: duration('Fixed window: length.').optional(),
    mtbf: duration('Random process: mean time between failures (exponential).').optional(),
    mttr: duration('Random process: mean time to repair (exponential).').optional(),
    status: z
      .literal(ERROR_STATUSES)
      .optional()
      .meta({ description: 'HTTP status of kind error (529 = Anthropic overloaded). Default 503.' }),
    probability: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .meta({ description: 'Error probability of kind partial.' }),
    factor: z.number().min(1).optional().meta({ description: 'Latency multiplier of kind slow.' }),
    retryAfter: duration('retry-after of kind rate_limit.').optional(),
  })
  .meta({ description: 'A fault: a fixed window (start + duration) or a random process (mtbf + mttr).' });

const priceOverride = z.strictObject({
  input_cost_per_token: nonNegative('USD per prompt token.').optional(),
  output_cost_per_token: nonNegative('USD per output token.').optional(),
  cache_read_input_token_cost: nonNegative('USD per cached prompt token read.').optional(),
  cache_creation_input_token_cost: nonNegative('USD per prompt token written to the cache.').optional(),
  max_input_tokens: positiveInteger('Context window, tokens.').optional(),
  max_output_tokens: positiveInteger('Largest answer, tokens.').optional(),
});

const reasoningKnob = z
  .strictObject({
    effort: z.enum(['none', 'low', 'medium', 'high']).optional().meta({
      description:
        "reasoning_effort sent on every call (OpenAI o-series; Gemini 2.5 Pro, where it caps the thinking budget at 1,024/8,192/24,576). Default: the provider's (OpenAI medium, Gemini dynamic). 'none' is refused: these models cannot stop reasoning.",
    }),
    budget: z.number().int().nonnegative().optional().meta({
      description:
        'Anthropic extended thinking budget_tokens: at least 1,024 turns thinking on (billed as output); 0 keeps it off (the default).',
    }),
  })
  .meta({ description: "A reasoning model's setting for every call of the scenario." });

const provider = z
  .strictObject({
    capacity: positiveInteger('Concurrent calls served before FIFO queueing.').optional(),
    rpm: positiveInteger('Requests per minute per key.').optional(),
    tpm: positiveInteger('Tokens per minute per key (prompt + max_tokens).').optional(),
    models: z.array(z.string().min(1)).min(1).optional().meta({
      description: "Only these catalog models of the provider. Default: all of the provider's models.",
    }),
    prices: z
      .record(z.string(), priceOverride)
      .optional()
      .meta({ description: 'Per-model price overrides, LiteLLM field names.' }),
    reasoning: z.record(z.string(), reasoningKnob).optional().meta({
      description:
        'Per-model reasoning settings, e.g. { o3-mini: { effort: high } } or { claude-sonnet-4-20250514: { budget: 4096 } }.',
    }),
    faults: z.array(fault).optional().meta({ description: 'Outages, slowdowns and 429 storms.' }),
    wire: z.enum(WIRE_FORMAT_NAMES).optional().meta({
      description:
        "Wire format the provider is simulated in on the wire engine and by `serve`: openai (Chat Completions), anthropic (Messages) or gemini (Google's native generateContent API). Default: the catalog's (google: openai, its OpenAI-compatible endpoint).",
    }),
    baseUrl: z.url().optional().meta({
      description:
        "The provider's base URL in that format, as its SDK takes it. Default: the catalog's for the catalog's format; https://generativelanguage.googleapis.com for gemini.",
    }),
  })
  .meta({ description: 'A catalog provider to simulate, with overrides of its catalog defaults.' });

const strategy = z
  .union(
    [
      z.string().min(1),
      z.strictObject({
        name: z.string().min(1).optional().meta({
          description:
            'Built-in strategy name; with `strategy` or `module`, the label reports, --strategies, thresholds and `reference` use. Unique.',
        }),
        strategy: z.string().min(1).optional().meta({
          description:
            'The built-in this entry configures when `name` is your label, e.g. { name: cascade-judge, strategy: cascade }: one built-in twice with different options. Default: `name`.',
        }),
        module: z
          .string()
          .min(1)
          .optional()
          .meta({ description: 'Path of a user strategy module, relative to the scenario file.' }),
        options: z
          .record(z.string(), z.unknown())
          .optional()
          .meta({ description: "The strategy's options." }),
      }),
    ],
    {
      error: () =>
        'expected a strategy name or { name, options } or { name, strategy, options } or { module, name }',
    },
  )
  .meta({ description: 'A strategy to compare.' });

const signalQuality = (signal: string, band: string) =>
  z
    .strictObject({
      auroc: z
        .number()
        .gt(0.5)
        .lt(1)
        .meta({
          description: `AUROC of ${signal} vs a correct answer, in (0.5, 1): 0.5 = no signal, 1 = perfect ranking. Published: ${band}.`,
        }),
    })
    .meta({
      description: `${signal}: the ranking quality you believe it has; each model's slope is solved for it.`,
    });

const world = z
  .strictObject({
    confidence: z
      .strictObject({
        logprob: signalQuality(
          'logprob confidence',
          '0.51–0.71 (Xiong et al. 2024, Table 5; the default world 0.56 small – 0.67 frontier); trained probes 0.61–0.93 (Kadavath et al. 2022)',
        ).optional(),
        selfRated: signalQuality(
          'self-rated certainty',
          '0.51–0.63 (Xiong et al. 2024, Table 2; the default world 0.52 small – 0.62 frontier)',
        ).optional(),
      })
      .optional()
      .meta({
        description:
          'What if our confidence were better (or worse)? Every model gets the stated AUROC, averaged over the eight domains at its own accuracies; the rest of its profile is kept.',
      }),
  })
  .meta({
    description: 'Changes to the simulated world itself (default: the bundled, published-band world).',
  });

/** One threshold expression: "p(95) < 500", or k6's object form (src/scenario/thresholds.ts). */
const thresholdEntry = z.union([
  z.string(),
  z
    .strictObject({
      threshold: z.string().meta({ description: 'The expression, e.g. "p(95) < 500".' }),
      abortOnFail: z.boolean().optional().meta({
        description:
          'k6: stop the test when this fails. A simulated run is judged when it ends; accepted, changes nothing.',
      }),
      delayAbortEval: z
        .string()
        .optional()
        .meta({ description: 'k6: delay before abortOnFail is evaluated; accepted, changes nothing.' }),
    })
    .meta({ description: 'k6 object form of a threshold expression.' }),
]);

export const scenarioFileSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'Editor hint: path or URL of this JSON Schema.' }),
    version: z.literal(1).meta({ description: 'Format version; always 1.' }),
    name: z.string().min(1).meta({ description: 'Shown in reports.' }),
    description: z.string().optional().meta({ description: 'Free text shown in reports.' }),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional()
      .meta({ description: 'Seed of every random draw. Default 1.' }),
    seeds: z.number().int().min(1).max(1000).optional().meta({
      description:
        'World seeds: run every scenario strategy in this many worlds (the first is the plain run; the request stream stays the same) and show two-level bootstrap intervals (seeds, then requests). Default 1. `--seeds` overrides it.',
    }),
    duration: duration('Virtual time simulated.'),
    window: duration(
      'Bucket of the over-time series. Default duration / 96, rounded to a minute.',
    ).optional(),
    catalog: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'Catalog JSON, relative to the scenario file. Default: the bundled catalog.' }),
    traffic,
    providers: z
      .record(z.string(), provider)
      .meta({ description: 'Provider keys of the catalog to simulate, each with overrides and faults.' }),
    models: z.array(z.string().min(1)).min(1).optional().meta({
      description: 'Candidate models strategies may route to. Default: every model of the providers.',
    }),
    slo: z
      .strictObject({ latency: duration('Latency objective per request.') })
      .optional()
      .meta({ description: 'Service-level objective (goodput counts answers within it).' }),
    reference: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'Strategy savings are measured against. Default "always-strongest".' }),
    limits: z
      .strictObject({
        failedShare: z.number().min(0).max(1).optional().meta({
          description:
            "Share of a strategy's requests failed by its own code (its route threw, returned no response, or called a model that is not there), above which simulate exits 1. Default 0.5.",
        }),
        callsPerRequest: z.number().int().min(1).max(1_000_000).optional().meta({
          description:
            'Calls one request may make; the call after the last fails the request with a clear error. Default 100.',
        }),
      })
      .optional()
      .meta({ description: "Limits on the strategies' own code (a router module's)." }),
    strategies: z.array(strategy).min(1).meta({ description: 'Strategies to compare.' }),
    world: world.optional(),
    thresholds: z
      .record(z.string(), z.union([thresholdEntry, z.array(thresholdEntry)]))
      .optional()
      .meta({
        description:
          'k6-style CI thresholds: "metric{tag:value}" → expressions like "p(95) < 4000" (or k6\'s object form); a failure exits 99.',
      }),
  })
  .meta({ title: 'routesim scenario', description: 'A routesim scenario, version 1.' });

export const trafficSchema = traffic;
export const providerSchema = provider;

export type ScenarioFile = z.infer<typeof scenarioFileSchema>;
export type ScenarioFileTraffic = z.infer<typeof traffic>;
export type ScenarioFileProvider = z.infer<typeof provider>;
export type ScenarioFileFault = z.infer<typeof fault>;
export type ScenarioFileReplay = z.infer<typeof replay>;
export type ScenarioFileStrategy = z.infer<typeof strategy>;
