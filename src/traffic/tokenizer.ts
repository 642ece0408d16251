/**
 * Token counts with the real o200k_base BPE (GPT-4o / GPT-4.1 / o-series), via gpt-tokenizer.
 *
 * The encoding is loaded on the first count, not on import: its merge table is ≈ 70 MB of
 * resident memory, and the main thread of a pooled run imports the generator (for arrival times)
 * but counts nothing — the workers generate the requests.
 */
import { createRequire } from 'node:module';
import type { ChatMessage } from '../contracts/index.ts';

type O200k = typeof import('gpt-tokenizer/encoding/o200k_base');
let encoding: O200k | undefined;
/** The o200k_base encoding, loaded (synchronously) on first use. */
function o200k(): O200k {
  encoding ??= createRequire(import.meta.url)('gpt-tokenizer/encoding/o200k_base') as O200k;
  return encoding;
}
/** True once this thread has loaded the encoding (tests: a pooled run's main thread does not). */
export function tokenizerLoaded(): boolean {
  return encoding !== undefined;
}

/**
 * Chat formatting overhead, as OpenAI documents it (openai-cookbook "How to count tokens with
 * tiktoken", `num_tokens_from_messages`): every message costs 3 tokens of framing
 * (`<|im_start|>`, `<|im_sep|>`, `<|im_end|>`) plus the tokens of its role and content, and every
 * reply is primed with 3 more (`<|im_start|>assistant<|im_sep|>`). This equals the length of
 * gpt-tokenizer's `encodeChat(messages, 'gpt-4o')`.
 */
export const TOKENS_PER_MESSAGE = 3;
/** Tokens that prime the assistant's reply. */
export const REPLY_PRIMING_TOKENS = 3;

let roles: Record<ChatMessage['role'], number> | undefined;
/** Tokens of each role's name. */
function roleTokens(role: ChatMessage['role']): number {
  roles ??= { system: countTokens('system'), user: countTokens('user'), assistant: countTokens('assistant') };
  return roles[role];
}

/** Tokens of `text` under o200k_base (special-token text such as `<|endoftext|>` counts as plain text). */
export function countTokens(text: string): number {
  // Prompts are user data: a literal "<|endoftext|>" in them is text, not a control token. The
  // options path costs ~10 µs per call, so only text that could hold one takes it.
  return text.includes('<|') ? o200k().countTokens(text, PLAIN_TEXT) : o200k().countTokens(text);
}

const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** Tokens of one message inside a chat prompt: framing + role + content. */
export function messageTokens(message: ChatMessage, contentTokens = countTokens(message.content)): number {
  return TOKENS_PER_MESSAGE + roleTokens(message.role) + contentTokens;
}

/** Prompt tokens of a chat request as OpenAI bills them: Σ messageTokens + reply priming. */
export function countMessageTokens(messages: readonly ChatMessage[]): number {
  let total = REPLY_PRIMING_TOKENS;
  for (const message of messages) total += messageTokens(message);
  return total;
}
