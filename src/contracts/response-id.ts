/**
 * Provider-style response ids on the wire, derived from the world's keyed ids: OpenAI's
 * `chatcmpl-…` (Chat Completions) and `resp_…` (Responses API), Anthropic's `msg_…`. The world's
 * ledger keys answers by its own id (`rs-<request>-<model key>-<sample>`); the wire shows the
 * provider's prefix in front of it, so a client that checks the shape of an id sees the real one,
 * and any id a router hands back for grading (with or without the prefix) resolves to the same
 * answer. Both halves read this one table, so the prefix added and the prefix removed agree.
 */

/** The prefixes the mocks put in front of a world id, by the kind of object they name. */
export const WIRE_ID_PREFIXES = {
  chatCompletion: 'chatcmpl-',
  response: 'resp_',
  message: 'msg_',
} as const;

export type WireIdKind = keyof typeof WIRE_ID_PREFIXES;

/** The wire id of world answer `worldId` as an object of `kind`. */
export function wireResponseId(kind: WireIdKind, worldId: string): string {
  return `${WIRE_ID_PREFIXES[kind]}${worldId}`;
}

/** The world id a wire id names: the id without a provider prefix (an unprefixed id unchanged). */
export function worldResponseId(id: string): string {
  for (const prefix of Object.values(WIRE_ID_PREFIXES)) {
    if (id.startsWith(prefix)) return id.slice(prefix.length);
  }
  return id;
}
