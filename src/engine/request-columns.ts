/** Per-request labels shared by every run: arrival, hidden domain, user tier (for slices and windows). */

import { DOMAINS } from '../contracts/index.ts';
import type { RequestStream } from '../traffic/index.ts';
import type { RequestColumns } from './types.ts';

/** Reads every request of `stream` once; `tiers` are the scenario's tier names (column values index them). */
export function requestColumns(stream: RequestStream, tiers: readonly string[]): RequestColumns {
  const count = stream.count;
  const domain = new Uint8Array(count);
  const tier = new Uint8Array(count);
  const domainIndex = new Map<string, number>(DOMAINS.map((name, index) => [name, index]));
  const tierIndex = new Map(tiers.map((name, index) => [name, index]));
  for (let index = 0; index < count; index++) {
    const { request, hidden } = stream.get(index);
    const d = domainIndex.get(hidden.domain);
    const t = tierIndex.get(request.tier);
    if (d === undefined) throw new Error(`request ${request.id} has unknown domain ${hidden.domain}`);
    if (t === undefined)
      throw new Error(`request ${request.id} has tier ${request.tier}, not one of ${tiers.join(', ')}`);
    domain[index] = d;
    tier[index] = t;
  }
  return { arrival: Float64Array.from(stream.arrivals), domain, tier };
}
