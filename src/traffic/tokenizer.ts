/**
 * Token counts with the real o200k_base BPE (GPT-4o / GPT-4.1 / o-series), via gpt-tokenizer.
 */
import { countTokens as countO200k } from 'gpt-tokenizer/encoding/o200k_base';
import type { ChatMessage } from '../contracts/index.ts';

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

const roleTokens: Record<ChatMessage['role'], number> = {
  system: countO200k('system'),
  user: countO200k('user'),
  assistant: countO200k('assistant'),
};

/** Tokens of `text` under o200k_base (special-token text such as `<|endoftext|>` counts as plain text). */
export function countTokens(text: string): number {
  // Prompts are user data: a literal "<|endoftext|>" in them is text, not a control token. The
  // options path costs ~10 µs per call, so only text that could hold one takes it.
  return text.includes('<|') ? countO200k(text, PLAIN_TEXT) : countO200k(text);
}

const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** Tokens of one message inside a chat prompt: framing + role + content. */
export function messageTokens(message: ChatMessage, contentTokens = countTokens(message.content)): number {
  return TOKENS_PER_MESSAGE + roleTokens[message.role] + contentTokens;
}

/** Prompt tokens of a chat request as OpenAI bills them: Σ messageTokens + reply priming. */
export function countMessageTokens(messages: readonly ChatMessage[]): number {
  let total = REPLY_PRIMING_TOKENS;
  for (const message of messages) total += messageTokens(message);
  return total;
}
