/** Body-reading helpers every wire format's parser shares. */

/** A parsed request, or the response the format sends for a malformed one. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

/** A string, or the text parts of a content array joined; null content (tool calls) is empty. */
export function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (content === null) return '';
  if (!Array.isArray(content)) return undefined;
  let text = '';
  for (const part of content) {
    if (isRecord(part) && typeof part['text'] === 'string') text += part['text'];
  }
  return text;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
