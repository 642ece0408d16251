/**
 * Predictions kept per request object, packed: a WeakMap from the request to a serial number,
 * and the numbers themselves in one Float64Array, `width` per request, at slot serial mod capacity.
 *
 * A Float64Array per request (the simple cache) costs two heap objects (≈ 200 B) besides its
 * 104 B of numbers for 13 candidates — 23 MB of objects in a worker's 229 MB live heap on the
 * default day (bench/heap-summary.ts, bench/README "Round 6"); packed it is the numbers plus a WeakMap
 * entry.
 * Capacity doubles up to `maxRequests`, then slots are reused oldest first: a request whose slot
 * was taken is computed again (the same numbers), so memory is bounded whatever the traffic,
 * and follows the stream as before (a dropped request's entry goes with it).
 */

export interface PredictionCache {
  /** Copy the cached numbers of `request` into `out`; false when there are none. */
  read(request: object, out: Float64Array): boolean;
  /** Keep `values` (the first `width`) for `request`. */
  keep(request: object, values: Float64Array): void;
}

/** Requests a cache holds before reusing slots (≥ the stream memo, so a kept day is never recomputed). */
export const PREDICTION_CACHE_MAX_REQUESTS = 2 ** 18;
const INITIAL_REQUESTS = 1024;

export function createPredictionCache(
  width: number,
  maxRequests: number = PREDICTION_CACHE_MAX_REQUESTS,
): PredictionCache {
  const limit = 2 ** Math.ceil(Math.log2(Math.max(2, maxRequests)));
  const serials = new WeakMap<object, number>();
  let capacity = Math.min(INITIAL_REQUESTS, limit);
  let values = new Float64Array(capacity * width);
  // The serial each slot holds (−1: none); a float, so serials never wrap.
  let owners = new Float64Array(capacity).fill(-1);
  let next = 0;
  return {
    read(request, out) {
      const serial = serials.get(request);
      if (serial === undefined) return false;
      const slot = serial % capacity;
      if (owners[slot] !== serial) return false;
      const base = slot * width;
      for (let index = 0; index < width; index++) out[index] = values[base + index]!;
      return true;
    },
    keep(request, kept) {
      if (next >= capacity && capacity < limit) {
        // Before the first reuse, serial = slot: growing keeps every slot where it is.
        capacity *= 2;
        const grown = new Float64Array(capacity * width);
        grown.set(values);
        values = grown;
        const grownOwners = new Float64Array(capacity).fill(-1);
        grownOwners.set(owners);
        owners = grownOwners;
      }
      const serial = next++;
      const slot = serial % capacity;
      owners[slot] = serial;
      values.set(kept.subarray(0, width), slot * width);
      serials.set(request, serial);
    },
  };
}
