/**
 * Provider concurrency: `capacity` calls are served at once, the rest wait FIFO.
 *
 * Calls arrive in non-decreasing start time, so FIFO service is exactly "take the slot
 * that frees first": a binary min-heap of slot free-times gives queueMs =
 * max(0, earliest free − startMs) in O(log capacity). Slots are created lazily, so a
 * provider with capacity 100,000 costs memory only for the calls it actually overlaps.
 */

export interface SlotPool {
  /**
   * Wait before a call arriving at `startMs` gets a slot, ms. Does not take the slot:
   * call `occupy` with the call's end time once its service time is known.
   */
  queueMs(startMs: number): number;
  /** Take the earliest-free slot (the one `queueMs` measured) until `endMs`. */
  occupy(startMs: number, endMs: number): void;
  /** Slots allocated so far (≤ capacity). */
  readonly size: number;
}

export function createSlotPool(capacity: number): SlotPool {
  if (!(capacity >= 1)) throw new RangeError(`capacity must be at least 1, got ${capacity}`);
  let heap = new Float64Array(Math.min(capacity, 64));
  let size = 0;

  function siftDown(index: number): void {
    const value = heap[index]!;
    let position = index;
    for (;;) {
      const left = 2 * position + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && heap[right]! < heap[left]! ? right : left;
      if (heap[child]! >= value) break;
      heap[position] = heap[child]!;
      position = child;
    }
    heap[position] = value;
  }

  function push(value: number): void {
    if (size === heap.length) {
      const grown = new Float64Array(Math.min(capacity, heap.length * 2));
      grown.set(heap);
      heap = grown;
    }
    let position = size++;
    while (position > 0) {
      const parent = (position - 1) >> 1;
      if (heap[parent]! <= value) break;
      heap[position] = heap[parent]!;
      position = parent;
    }
    heap[position] = value;
  }

  return {
    queueMs(startMs) {
      if (size < capacity) return 0;
      return Math.max(0, heap[0]! - startMs);
    },
    occupy(startMs, endMs) {
      // Reuse a slot that is already free rather than growing the pool: same waits, less memory.
      if (size > 0 && heap[0]! <= startMs) {
        heap[0] = endMs;
        siftDown(0);
      } else if (size < capacity) {
        push(endMs);
      } else {
        heap[0] = endMs;
        siftDown(0);
      }
    },
    get size() {
      return size;
    },
  };
}
