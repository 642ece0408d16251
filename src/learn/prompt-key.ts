/**
 * A prompt's identity for splits: a hash of its text, so the same prompt gets the same key in
 * any file and at any row. Keying by row number (as before) moved every later prompt to another
 * draw when one row was removed, and let a duplicated prompt land on both sides of a split.
 */
import { createHash } from 'node:crypto';
import type { ChatMessage } from '../contracts/index.ts';

/** "p" + 16 hex digits (64 bits of SHA-256): collisions are negligible at any table size. */
export function promptId(text: string): string {
  return `p${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
}

/** The text of a conversation, as one string: role and content of each message, in order. */
export function conversationText(messages: readonly Pick<ChatMessage, 'role' | 'content'>[]): string {
  return messages.map((message) => `${message.role}\u0000${message.content}`).join('\u0001');
}
