/**
 * Which of the scenario's requests a drill sends: those arriving in [fromMs, toMs), thinned to
 * at most `sample` by taking every k-th one, so the drill's arrivals stay spread over the whole
 * window (before, during and after each incident) at a rate the gateway and this machine carry.
 * Pure: the same stream and options always pick the same requests.
 */

export interface DrillSelection {
  /** Stream indices, in arrival order. */
  indices: number[];
  /** Requests arriving in the window before thinning. */
  available: number;
}

export function selectDrillRequests(
  arrivals: ArrayLike<number>,
  fromMs: number,
  toMs: number,
  sample: number | undefined,
): DrillSelection {
  const inWindow: number[] = [];
  for (let index = 0; index < arrivals.length; index++) {
    const arrival = arrivals[index]!;
    if (arrival >= fromMs && arrival < toMs) inWindow.push(index);
  }
  if (sample === undefined || inWindow.length <= sample)
    return { indices: inWindow, available: inWindow.length };
  const step = inWindow.length / sample;
  const indices: number[] = [];
  for (let pick = 0; pick < sample; pick++) indices.push(inWindow[Math.floor(pick * step)]!);
  return { indices, available: inWindow.length };
}
