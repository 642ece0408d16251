/**
 * Word splitting shared by the rules' vocabulary matcher and the domain classifier: lower-case
 * runs of letters (apostrophes and digits end a word), at least two letters long. Cheap enough
 * for the hot path (one regex pass over the last user message).
 */

const WORD = /[a-z]{2,}/g;

/** Every word of `text`, lower-cased, in order (repeats kept). */
export function messageWords(text: string): string[] {
  const matches = text.toLowerCase().match(WORD);
  return matches === null ? [] : matches;
}

/** Distinct words of `text`. */
export function distinctWords(text: string): Set<string> {
  return new Set(messageWords(text));
}

/** Content of the last user message ('' when there is none). */
export function lastUserMessage(messages: readonly { role: string; content: string }[]): string {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message !== undefined && message.role === 'user') return message.content;
  }
  return '';
}
