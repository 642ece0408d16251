/**
 * The engine's clock: a binary min-heap of events keyed (timeMs, requestIndex, seq). A linear
 * scan per event would cost O(in-flight) per pop; the heap costs O(log in-flight). Ties at the
 * same virtual time go to the lower request index, then to the event scheduled first, so a run
 * never depends on anything but the events themselves.
 */

export interface QueuedEvent<Payload> {
  timeMs: number;
  requestIndex: number;
  /** Insertion counter: the last tie-breaker. */
  seq: number;
  payload: Payload;
}

export interface EventQueue<Payload> {
  readonly size: number;
  /** Schedule `payload` at `timeMs` for `requestIndex`. */
  push(timeMs: number, requestIndex: number, payload: Payload): void;
  /** The earliest event, without removing it; undefined when empty. */
  peek(): QueuedEvent<Payload> | undefined;
  /** Remove and return the earliest event; undefined when empty. */
  pop(): QueuedEvent<Payload> | undefined;
}

/** True when event `a` comes strictly before event `b`. */
export function eventBefore(
  a: { timeMs: number; requestIndex: number; seq: number },
  b: { timeMs: number; requestIndex: number; seq: number },
): boolean {
  if (a.timeMs !== b.timeMs) return a.timeMs < b.timeMs;
  if (a.requestIndex !== b.requestIndex) return a.requestIndex < b.requestIndex;
  return a.seq < b.seq;
}

export function createEventQueue<Payload>(): EventQueue<Payload> {
  const heap: QueuedEvent<Payload>[] = [];
  let seq = 0;

  function siftUp(position: number): void {
    const item = heap[position]!;
    while (position > 0) {
      const parentPosition = (position - 1) >> 1;
      const parent = heap[parentPosition]!;
      if (!eventBefore(item, parent)) break;
      heap[position] = parent;
      position = parentPosition;
    }
    heap[position] = item;
  }

  function siftDown(position: number): void {
    const length = heap.length;
    const item = heap[position]!;
    for (;;) {
      const left = 2 * position + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && eventBefore(heap[right]!, heap[left]!)) child = right;
      if (!eventBefore(heap[child]!, item)) break;
      heap[position] = heap[child]!;
      position = child;
    }
    heap[position] = item;
  }

  return {
    get size() {
      return heap.length;
    },
    push(timeMs, requestIndex, payload) {
      heap.push({ timeMs, requestIndex, seq: seq++, payload });
      siftUp(heap.length - 1);
    },
    peek() {
      return heap[0];
    },
    pop() {
      const top = heap[0];
      if (top === undefined) return undefined;
      const last = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = last;
        siftDown(0);
      }
      return top;
    },
  };
}
