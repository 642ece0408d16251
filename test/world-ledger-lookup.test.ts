import { describe, expect, it } from 'vitest';
import type { AnsweredCall } from '../src/contracts/index.ts';
import { createLedger, requestOfResponseId } from '../src/world/ledger.ts';

/** An answered call with only the fields the ledger reads set meaningfully. */
function answer(id: string, requestIndex: number | undefined, ungraded = false): AnsweredCall {
  return { id, requestIndex, ungraded } as AnsweredCall;
}

describe('world ledger lookup by the request an id names', () => {
  it('reads the request index off world ids and nothing else', () => {
    expect(requestOfResponseId('rs-0-0a1b2c3d-0')).toBe(0);
    expect(requestOfResponseId('rs-113361-0a1b2c3d-2')).toBe(113361);
    expect(requestOfResponseId('rj-rs-42-0a1b2c3d-0-ffffffff-1')).toBe(42);
    for (const id of ['rs-u-3', 'rj-u-0', 'rs-12', 'rs--1-x', 'chatcmpl-rs-1-x-0', 'xrs-1-a-0', '', 'rs-']) {
      expect(requestOfResponseId(id)).toBeUndefined();
    }
  });

  it('finds answers by id, wire-prefixed ids too, and forgets a request whole', () => {
    const ledger = createLedger();
    const first = answer('rs-7-0a1b2c3d-0', 7);
    const second = answer('rs-7-0a1b2c3d-1', 7);
    const judged = answer('rj-rs-7-0a1b2c3d-0-ffffffff-0', 7);
    // An unmatched answer to request 7 (its id names no request) and one to no request at all.
    const unmatched = answer('rs-u-0', 7, true);
    const loose = answer('rs-u-1', undefined, true);
    // An id naming another request than its own is still found.
    const odd = answer('rs-8-0a1b2c3d-0', 9);
    for (const call of [first, second, judged, unmatched, loose, odd]) ledger.add(call);
    expect(ledger.size).toBe(6);
    expect(ledger.get('rs-7-0a1b2c3d-1')).toBe(second);
    expect(ledger.get('chatcmpl-rs-7-0a1b2c3d-0')).toBe(first);
    expect(ledger.get('msg_rj-rs-7-0a1b2c3d-0-ffffffff-0')).toBe(judged);
    expect(ledger.get('rs-u-0')).toBe(unmatched);
    expect(ledger.get('rs-8-0a1b2c3d-0')).toBe(odd);
    expect(ledger.get('rs-7-0a1b2c3d-2')).toBeUndefined();
    expect(() => ledger.add(answer('rs-7-0a1b2c3d-1', 7))).toThrow(/duplicate response id rs-7-0a1b2c3d-1/);
    expect(() => ledger.add(answer('rs-u-1', undefined, true))).toThrow(/duplicate/);

    ledger.forgetRequest(7);
    expect(ledger.size).toBe(2);
    for (const id of ['rs-7-0a1b2c3d-0', 'rs-7-0a1b2c3d-1', 'rj-rs-7-0a1b2c3d-0-ffffffff-0', 'rs-u-0']) {
      expect(ledger.get(id)).toBeUndefined();
    }
    expect(new Set(ledger.entries())).toEqual(new Set([loose, odd]));
    ledger.forgetRequest(9);
    expect([...ledger.entries()]).toEqual([loose]);
  });

  it('keeps the latest ungraded answers of no request when bounded', () => {
    const ledger = createLedger({ maxUngraded: 2 });
    for (let number = 0; number < 5; number++) ledger.add(answer(`rs-u-${number}`, undefined, true));
    ledger.add(answer('rs-1-0a1b2c3d-0', 1));
    expect(ledger.size).toBe(3);
    expect(ledger.get('rs-u-2')).toBeUndefined();
    expect(ledger.get('rs-u-4')?.id).toBe('rs-u-4');
    expect(ledger.get('rs-1-0a1b2c3d-0')?.id).toBe('rs-1-0a1b2c3d-0');
  });
});
