/**
 * Request ids for every response, errors included (OpenAI's `x-request-id`, Anthropic's
 * `request-id`), so a gateway's log can name the call it saw. An answer's id is derived from
 * its response id; an error the world decided is keyed by (seed, request, model, attempt), like
 * every other draw; a request the world never saw (malformed, unknown route) takes the next
 * number of a process-wide counter — no randomness, and nothing a simulation's outputs carry.
 */
import { hashKey, stringKey } from '../contracts/index.ts';

let unmatchedRequests = 0;

/** `req_local<8 hex>`: a request answered before it reached the world. */
export function localRequestId(): string {
  unmatchedRequests += 1;
  return `req_local${unmatchedRequests.toString(16).padStart(8, '0')}`;
}

/** `req_<8 hex>` of a world error, deterministic per (seed, request, model, attempt). */
export function errorRequestId(
  seed: number,
  requestIndex: number | undefined,
  modelId: string,
  attempt: number,
): string {
  const key = hashKey(seed, 0, requestIndex ?? -1, stringKey(modelId), attempt);
  return `req_${key.toString(16).padStart(8, '0')}`;
}
