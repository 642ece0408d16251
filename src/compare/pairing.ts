/**
 * Decide how two runs are compared. metrics.md: paired by request id when both request-stream
 * hashes match, otherwise an unpaired bootstrap — and the output says which and why.
 */
import type { CompareMethod } from './types.ts';

export interface Pairing {
  method: CompareMethod;
  reason: string;
  /**
   * Paired only: for each baseline row, the current run's row with the same request id; absent
   * when the rows are already in the same order.
   */
  currentRowOf?: Uint32Array;
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;

export function decidePairing(
  baseline: { requestStreamSha256: string; requestIds: readonly string[] },
  current: { requestStreamSha256: string; requestIds: readonly string[] },
): Pairing {
  if (baseline.requestStreamSha256 !== current.requestStreamSha256) {
    return {
      method: 'unpaired-bootstrap',
      reason: `unpaired: the request streams differ (hash ${short(baseline.requestStreamSha256)} vs ${short(current.requestStreamSha256)}), so each run is resampled on its own`,
    };
  }
  const paired = 'paired by request id: the request-stream hashes match';
  const baseIds = baseline.requestIds;
  const currentIds = current.requestIds;
  if (baseIds.length === currentIds.length && baseIds.every((id, index) => currentIds[index] === id)) {
    return { method: 'paired-bootstrap', reason: paired };
  }
  // Same stream, rows in another order (or a damaged id column): pair by id when every id matches.
  const rowOfId = new Map<string, number>();
  currentIds.forEach((id, row) => {
    rowOfId.set(id, row);
  });
  const currentRowOf = new Uint32Array(baseIds.length);
  const complete =
    baseIds.length === currentIds.length &&
    rowOfId.size === currentIds.length &&
    baseIds.every((id, row) => {
      const match = rowOfId.get(id);
      if (match === undefined) return false;
      currentRowOf[row] = match;
      return true;
    });
  if (!complete) {
    return {
      method: 'unpaired-bootstrap',
      reason:
        'unpaired: the request-stream hashes match but the request ids do not, so each run is resampled on its own',
    };
  }
  return { method: 'paired-bootstrap', reason: paired, currentRowOf };
}
