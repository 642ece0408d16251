/**
 * Which simulated request a wire call belongs to. In order: the engine's own context
 * (e.g. AsyncLocalStorage, so unmodified client code is graded), the `x-routesim-request-id`
 * header, then the text of the last user message (the generator guarantees unique prompts).
 * No match → undefined, and the world answers the call as ungraded.
 */

import type { ChatMessage, GeneratedRequest } from '../contracts/index.ts';
import { stringKey } from '../world/random.ts';

/** The header a client may send to name its simulated request, e.g. "r0000042". */
export const REQUEST_ID_HEADER = 'x-routesim-request-id';

/** The part of E's RequestStream the directory reads. */
export interface RequestSource {
  count: number;
  get(index: number): GeneratedRequest;
}

export interface CallIdentity {
  /** Value of the x-routesim-request-id header, or null. */
  requestId: string | null;
  /** The messages as sent. */
  messages: readonly ChatMessage[];
}

export interface RequestDirectory {
  /** Index of the simulated request, or undefined when the call matches none (ungraded). */
  resolve(call: CallIdentity): number | undefined;
  /** (Optional, for serve's call log.) The id of simulated request `index`, e.g. "r0000042". */
  idOf?(index: number): string | undefined;
}

export interface RequestDirectoryOptions {
  /** The engine's current request, if it carries one with the call (in-process). Wins over everything. */
  current?: () => number | undefined;
}

export function createRequestDirectory(
  source: RequestSource,
  options: RequestDirectoryOptions = {},
): RequestDirectory {
  // Built on first use: a hash → indices map (a few bytes per request), never the texts themselves.
  let byText: Map<number, number | number[]> | undefined;
  let byId: Map<string, number> | undefined;

  function indexText(): Map<number, number | number[]> {
    if (byText !== undefined) return byText;
    const map = new Map<number, number | number[]>();
    const ids = new Map<string, number>();
    for (let index = 0; index < source.count; index++) {
      const { request } = source.get(index);
      ids.set(request.id, index);
      const text = lastUserText(request.messages);
      if (text === undefined) continue;
      const key = stringKey(text);
      const existing = map.get(key);
      if (existing === undefined) map.set(key, index);
      else if (typeof existing === 'number') map.set(key, [existing, index]);
      else existing.push(index);
    }
    byId = ids;
    byText = map;
    return map;
  }

  function resolveId(id: string): number | undefined {
    // Fast path for ids of the form r<digits> that encode their index.
    const match = /^r0*(\d+)$/.exec(id);
    if (match !== null) {
      const index = Number(match[1]);
      if (index < source.count && source.get(index).request.id === id) return index;
    }
    indexText();
    return byId?.get(id);
  }

  function resolveText(text: string): number | undefined {
    const candidates = indexText().get(stringKey(text));
    if (candidates === undefined) return undefined;
    // Confirm against the real text: a 32-bit hash alone could collide.
    for (const index of typeof candidates === 'number' ? [candidates] : candidates) {
      if (lastUserText(source.get(index).request.messages) === text) return index;
    }
    return undefined;
  }

  return {
    idOf: (index) => (index >= 0 && index < source.count ? source.get(index).request.id : undefined),
    resolve(call) {
      const current = options.current?.();
      if (current !== undefined) return current;
      if (call.requestId !== null && call.requestId !== '') return resolveId(call.requestId);
      const text = lastUserText(call.messages);
      return text === undefined ? undefined : resolveText(text);
    },
  };
}

/** Text of the last user message, or undefined when there is none. */
export function lastUserText(messages: readonly ChatMessage[]): string | undefined {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]!;
    if (message.role === 'user') return message.content;
  }
  return undefined;
}

/** A directory that matches nothing: every call is ungraded. */
export const emptyDirectory: RequestDirectory = { resolve: () => undefined };
