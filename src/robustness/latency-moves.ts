/**
 * Latency at the ends of its measured spread: every model's median TTFT and median decode speed
 * moved by 1.645 σ of its own log-normal (σ = the catalog's ttftSigma / decodeSigma), i.e. to the
 * 5th/95th percentile of the model's own distribution. "high" is the slow world (P95 TTFT and P5
 * decode speed together), "low" the fast one. Third-party measurements publish P5–P95 per model
 * (Artificial Analysis, realism-anchors.md §3, σ = ln(P95/P5)/3.29), so these are the ends of what
 * was measured, not a guess. Every strategy can change: latency moves p95, goodput and timeouts.
 */
import type { ModelSpec } from '../contracts/index.ts';
import { mapModels, type Perturbation, type Side } from './perturbation.ts';

/** z of the 95th percentile of a normal. */
export const Z95 = 1.6448536269514722;

/** `model` with its medians moved to the slow (high) or fast (low) end. */
export function movedLatency(model: ModelSpec, side: Side): ModelSpec {
  const direction = side === 'high' ? 1 : -1;
  return {
    ...model,
    ttftMedianMs: model.ttftMedianMs * Math.exp(direction * Z95 * model.ttftSigma),
    decodeTokensPerSecond: model.decodeTokensPerSecond * Math.exp(-direction * Z95 * model.decodeSigma),
  };
}

export function latencyPerturbations(): Perturbation[] {
  return (['low', 'high'] as const).map((side) => ({
    id: 'latency',
    assumption: 'latency (TTFT and decode speed)',
    side,
    setting:
      side === 'high'
        ? 'every model at its own P95 TTFT and P5 decode speed (slow world)'
        : 'every model at its own P5 TTFT and P95 decode speed (fast world)',
    band: 'P5–P95 of each model’s log-normal (σ per model in the catalog; Artificial Analysis P5–P95, realism-anchors.md §3)',
    apply: (inputs) => mapModels(inputs, (model) => movedLatency(model, side)),
    affects: () => true,
  }));
}
