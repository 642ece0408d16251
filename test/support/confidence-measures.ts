/** Measures of a confidence signal against correctness, for the confidence tests (not a test file). */

/** Mann–Whitney AUROC of `score` against the binary `positive`, ties counted as half (mid-ranks). */
export function auroc(score: ArrayLike<number>, positive: ArrayLike<number>): number {
  const order = Array.from({ length: score.length }, (_, index) => index).sort(
    (left, right) => score[left]! - score[right]!,
  );
  let rankSum = 0;
  let positives = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && score[order[end + 1]!] === score[order[start]!]) end++;
    const midRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (positive[order[k]!] === 1) {
        rankSum += midRank;
        positives++;
      }
    }
    start = end + 1;
  }
  const negatives = score.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** ECE with 10 equal-width bins: Σ_bins (n_bin / n)·|mean confidence − accuracy|. */
export function expectedCalibrationError(confidence: ArrayLike<number>, positive: ArrayLike<number>): number {
  const sumConfidence = new Float64Array(10);
  const sumCorrect = new Float64Array(10);
  for (let index = 0; index < confidence.length; index++) {
    const bin = Math.min(9, Math.floor(confidence[index]! * 10));
    sumConfidence[bin]! += confidence[index]!;
    sumCorrect[bin]! += positive[index]!;
  }
  let total = 0;
  for (let bin = 0; bin < 10; bin++) total += Math.abs(sumConfidence[bin]! - sumCorrect[bin]!);
  return total / confidence.length;
}

export function mean(values: ArrayLike<number>): number {
  let total = 0;
  for (let index = 0; index < values.length; index++) total += values[index]!;
  return total / values.length;
}
