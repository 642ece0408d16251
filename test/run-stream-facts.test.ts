/**
 * The main thread of a pooled run reads the request columns, the provenance hash and the ids off
 * the workers' shared chunks (stream-facts.ts) instead of decoding the stream into objects: the
 * figures must be exactly what the object path (requestColumns + hashingStream) gives, whatever
 * the chunks' split, or results.json's provenance and every slice would change.
 */
import { describe, expect, it } from 'vitest';
import { requestColumns } from '../src/engine/request-columns.ts';
import { hashingStream } from '../src/run/provenance.ts';
import { memoizeStream } from '../src/run/stream-cache.ts';
import { streamFactsFromChunks } from '../src/run/stream-facts.ts';
import { encodeRequests, sliceRanges } from '../src/run/stream-share.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';
import { requestStreamFromScenario } from '../src/traffic/index.ts';

const SCENARIO = new URL('./fixtures/simulate/small.yaml', import.meta.url).pathname;

describe('streamFactsFromChunks', () => {
  const scenario = loadScenarioFile(SCENARIO);
  const tiers = scenario.traffic.tiers.map((tier) => tier.name);
  const source = requestStreamFromScenario(scenario);
  const hashing = hashingStream(memoizeStream(source));
  const expected = { requests: requestColumns(hashing.stream, tiers), ...hashing.finish() };

  it.each([1, 3, 7])('gives the object path’s columns, hash and ids from %i chunks', (parts) => {
    const chunks = sliceRanges(source.count, parts).map(({ from, to }) => encodeRequests(source, from, to)!);
    const facts = streamFactsFromChunks(chunks, source.arrivals, tiers);
    expect(facts.sha256).toBe(expected.sha256);
    expect(facts.requestIds).toEqual(expected.requestIds);
    expect(facts.requests.arrival).toEqual(expected.requests.arrival);
    expect(facts.requests.domain).toEqual(expected.requests.domain);
    expect(facts.requests.tier).toEqual(expected.requests.tier);
  });

  it('names the request whose tier the scenario does not list', () => {
    const chunks = [encodeRequests(source, 0, source.count)!];
    expect(() => streamFactsFromChunks(chunks, source.arrivals, ['free'])).toThrow(
      /has tier =cmd\(\), not one of free/,
    );
  });
});
