/**
 * LiteLLM provider names → our provider keys, wire formats, real base URLs and default limits.
 *
 * Limits are ASSUMPTIONS (the order of magnitude of a paid tier of each provider in 2025,
 * per API key), meant to be overridden per scenario:
 * - capacity: concurrent calls served before FIFO queueing. Providers do not publish it;
 *   chosen so that a burst of a few hundred requests per minute queues on the smaller ones.
 * - rpm / tpm: per key; tpm counts prompt tokens + max_tokens, as providers count.
 * Every provider caches prompts of ≥ 1,024 tokens for 5 minutes (refreshed on hit).
 */
import type { ProviderSpec } from '../contracts/index.ts';

export interface KnownProvider extends ProviderSpec {
  /** Our provider key, e.g. "google" for LiteLLM's "gemini". */
  key: string;
  /** Why the limits are what they are. */
  assumption: string;
}

const cache = { cacheMinTokens: 1024, cacheTtlMs: 300_000 } as const;

/** Keyed by LiteLLM's `litellm_provider`. Only providers with a public, directly callable API. */
export const KNOWN_PROVIDERS: Readonly<Record<string, KnownProvider>> = {
  openai: {
    key: 'openai',
    wire: 'openai',
    baseUrl: 'https://api.openai.com/v1',
    capacity: 64,
    rpm: 10_000,
    tpm: 2_000_000,
    ...cache,
    assumption: 'usage tier 4 (10,000 RPM, 2M TPM for gpt-4o)',
  },
  anthropic: {
    key: 'anthropic',
    wire: 'anthropic',
    // The SDK appends /v1/messages.
    baseUrl: 'https://api.anthropic.com',
    capacity: 48,
    rpm: 4_000,
    tpm: 2_000_000,
    ...cache,
    assumption: 'build tier 4 (4,000 RPM, 2M input TPM for Sonnet)',
  },
  gemini: {
    key: 'google',
    wire: 'openai',
    baseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai',
    capacity: 64,
    rpm: 2_000,
    tpm: 4_000_000,
    ...cache,
    assumption: 'paid tier 1 (2,000 RPM, 4M TPM for 2.0 Flash)',
  },
  mistral: {
    key: 'mistral',
    wire: 'openai',
    baseUrl: 'https://api.mistral.ai/v1',
    capacity: 24,
    rpm: 600,
    tpm: 2_000_000,
    ...cache,
    assumption: 'a paid workspace at about 10 requests/s',
  },
  deepseek: {
    key: 'deepseek',
    wire: 'openai',
    baseUrl: 'https://api.deepseek.com/v1',
    capacity: 16,
    rpm: 10_000,
    tpm: 10_000_000,
    ...cache,
    assumption: 'DeepSeek sets no fixed rate limit but slows down under load: high limits, low capacity',
  },
  groq: {
    key: 'groq',
    wire: 'openai',
    baseUrl: 'https://api.groq.com/openai/v1',
    capacity: 32,
    rpm: 1_000,
    tpm: 300_000,
    ...cache,
    assumption: 'developer tier (about 1,000 RPM, 300K TPM for llama-3.3-70b)',
  },
  together_ai: {
    key: 'together',
    wire: 'openai',
    baseUrl: 'https://api.together.xyz/v1',
    capacity: 32,
    rpm: 600,
    tpm: 1_000_000,
    ...cache,
    assumption: 'a paid tier at about 10 requests/s',
  },
  fireworks_ai: {
    key: 'fireworks',
    wire: 'openai',
    baseUrl: 'https://api.fireworks.ai/inference/v1',
    capacity: 32,
    rpm: 600,
    tpm: 1_000_000,
    ...cache,
    assumption: 'serverless default of 600 RPM',
  },
  cerebras: {
    key: 'cerebras',
    wire: 'openai',
    baseUrl: 'https://api.cerebras.ai/v1',
    capacity: 16,
    rpm: 1_000,
    tpm: 1_000_000,
    ...cache,
    assumption: 'a paid tier at about 1,000 RPM',
  },
  xai: {
    key: 'xai',
    wire: 'openai',
    baseUrl: 'https://api.x.ai/v1',
    capacity: 32,
    rpm: 480,
    tpm: 2_000_000,
    ...cache,
    assumption: 'a default team limit of about 8 requests/s',
  },
  deepinfra: {
    key: 'deepinfra',
    wire: 'openai',
    baseUrl: 'https://api.deepinfra.com/v1/openai',
    capacity: 200,
    rpm: 12_000,
    tpm: 10_000_000,
    ...cache,
    assumption: 'DeepInfra limits by 200 concurrent requests, not by rate',
  },
};

/** The LiteLLM provider behind one of our keys ("google" → "gemini"), if known. */
export function litellmProviderOf(key: string): string | undefined {
  return Object.entries(KNOWN_PROVIDERS).find(([name, spec]) => name === key || spec.key === key)?.[0];
}

/** The ProviderSpec part of a known provider (drops `key` and `assumption`). */
export function providerSpec(known: KnownProvider): ProviderSpec {
  return {
    wire: known.wire,
    baseUrl: known.baseUrl,
    capacity: known.capacity,
    rpm: known.rpm,
    tpm: known.tpm,
    cacheMinTokens: known.cacheMinTokens,
    cacheTtlMs: known.cacheTtlMs,
  };
}
