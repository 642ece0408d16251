/**
 * `x-routesim-fault`: one call's outcome forced by the client, for unit tests of retry and
 * fallback code ("this call gets a 429"). The call never reaches the world — no slot, no
 * rate-limit budget, no draw — so the rest of the run is what it would have been without it.
 */
import type { CallError } from '../contracts/index.ts';
import { networkError, serverError, timeoutError } from '../world/call-errors.ts';

/** The request header naming a forced outcome. */
export const FORCED_FAULT_HEADER = 'x-routesim-fault';
/** With a forced 429: the retry-after to announce, virtual ms. @default 1000 */
export const FORCED_RETRY_AFTER_HEADER = 'x-routesim-retry-after-ms';

/** What the header accepts: an HTTP error status (400–599), `timeout` (hang) or `reset` (dropped connection). */
export const FORCED_FAULT_VALUES = '429, any status from 500 to 599, timeout, reset';

export type ForcedFault = { ok: true; error: CallError | undefined } | { ok: false; message: string };

/** Read the header: no header → no forced error; an unknown value → a message for a 400. */
export function readForcedFault(headers: Headers, atMs: number): ForcedFault {
  const value = headers.get(FORCED_FAULT_HEADER)?.trim().toLowerCase();
  if (value === undefined || value === '') return { ok: true, error: undefined };
  if (value === 'timeout') return { ok: true, error: timeoutError() };
  if (value === 'reset') return { ok: true, error: networkError(atMs) };
  const status = /^\d{3}$/.test(value) ? Number(value) : Number.NaN;
  if (status === 429) {
    const retry = Number(headers.get(FORCED_RETRY_AFTER_HEADER) ?? 1000);
    const retryAfterMs = Number.isFinite(retry) && retry >= 0 ? Math.ceil(retry) : 1000;
    return {
      ok: true,
      error: {
        kind: 'rate_limit',
        status: 429,
        message: `Rate limit reached (forced by ${FORCED_FAULT_HEADER}).`,
        atMs,
        retryAfterMs,
        limitType: 'requests',
      },
    };
  }
  if (status >= 500 && status <= 599) return { ok: true, error: serverError(status, atMs) };
  return {
    ok: false,
    message: `${FORCED_FAULT_HEADER}: expected one of ${FORCED_FAULT_VALUES}, got "${value}"`,
  };
}
