/**
 * The request vocabulary: what the traffic generator makes, what a strategy sees (RouteRequest)
 * and what only the world and the grader read (HiddenLabels). Pure data: no I/O, no clock.
 */

/** Task domains. Each has quality parameters in fixtures/domains.json. */
export const DOMAINS = [
  'chit-chat',
  'factual-qa',
  'summarization',
  'code',
  'math',
  'reasoning',
  'legal',
  'medical',
] as const;
export type Domain = (typeof DOMAINS)[number];

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** What a strategy receives: only what a production router could see. */
export interface RouteRequest {
  /** Stable id, e.g. "r0000042". */
  id: string;
  /** Position in the request stream (0-based). */
  index: number;
  /** Arrival time, virtual milliseconds since the scenario start. */
  arrivalMs: number;
  messages: ChatMessage[];
  /** User tier name from the scenario, e.g. "free". */
  tier: string;
  /** Prompt tokens of all messages, counted with the o200k_base BPE tokenizer. */
  promptTokens: number;
  /** `max_tokens` the application sends. */
  maxTokens: number;
}

/** Labels only the world and the grader read. A strategy never sees these. */
export interface HiddenLabels {
  domain: Domain;
  /** Difficulty b_i (same scale as the abilities θ). */
  difficulty: number;
  /** Template id the request was generated from (for held-out splits). */
  template: string;
  /** Tokens a model of verbosity 1 answers with. */
  expectedOutputTokens: number;
  /** Tokens of the cacheable prefix (system prompt, shared context); 0 = none. */
  cacheablePrefixTokens: number;
  /** Identity of that prefix: equal ids are the same bytes (cache hits). 0 = none. */
  prefixId: number;
}

export interface GeneratedRequest {
  request: RouteRequest;
  hidden: HiddenLabels;
}
