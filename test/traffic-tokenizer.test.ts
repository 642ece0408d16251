import { encodeChat } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../src/contracts/index.ts';
import { countMessageTokens, countTokens } from '../src/traffic/tokenizer.ts';

describe('o200k_base token counts', () => {
  it('counts known strings', () => {
    // o200k_base: "hello" → [24912], "hi there" → [3686, 1354], "" → [].
    expect(countTokens('hello')).toBe(1);
    expect(countTokens('hi there')).toBe(2);
    expect(countTokens('')).toBe(0);
  });

  it('treats special-token text in a prompt as plain text instead of throwing', () => {
    expect(countTokens('a <|endoftext|> b')).toBeGreaterThan(3);
  });

  it('adds 3 tokens per message, the role, and 3 to prime the reply (OpenAI cookbook)', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'hello' },
      { role: 'user', content: 'hi there' },
    ];
    // (3 + 1 + 1) + (3 + 1 + 2) + 3, by hand.
    expect(countMessageTokens(messages)).toBe(14);
  });

  it("equals gpt-tokenizer's own chat encoding for gpt-4o", () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'You are a careful assistant.\n\nRules: be brief.' },
      { role: 'user', content: 'Document:\n\nThe Supplier shall indemnify the Customer.' },
      { role: 'assistant', content: 'Noted.' },
      { role: 'user', content: 'Rewrite clause 4.2 — remove the ambiguity (ref 12345).' },
    ];
    expect(countMessageTokens(messages)).toBe(encodeChat(messages, 'gpt-4o').length);
  });
});
