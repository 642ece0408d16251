/**
 * Area under the ROC curve: the probability that a random positive is ranked above a random
 * negative, ties counting one half (the Mann–Whitney U statistic divided by n₊·n₋).
 */

/** AUC of `predictions` against 0/1 `labels`; null when either class is empty. */
export function rocAuc(predictions: ArrayLike<number>, labels: ArrayLike<boolean>): number | null {
  const count = predictions.length;
  const order = Array.from({ length: count }, (_, index) => index).sort(
    (a, b) => predictions[a]! - predictions[b]!,
  );
  let positives = 0;
  let rankSum = 0;
  let start = 0;
  while (start < count) {
    // A run of tied predictions shares the mean of its ranks (1-based).
    let end = start;
    while (end + 1 < count && predictions[order[end + 1]!] === predictions[order[start]!]) end++;
    const meanRank = (start + end + 2) / 2;
    for (let at = start; at <= end; at++) {
      if (labels[order[at]!]) {
        positives++;
        rankSum += meanRank;
      }
    }
    start = end + 1;
  }
  const negatives = count - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
