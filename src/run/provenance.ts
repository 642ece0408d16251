/**
 * Provenance of a run: what produced it, hashed so `compare` can tell whether two runs saw the
 * same inputs. Every hash is a hex sha256.
 *
 * Request-stream hash: for each request in index order, the UTF-8 bytes of
 * `${id}\t${arrivalMs}\n` (arrivalMs as JavaScript prints the number, i.e. the shortest
 * round-trip decimal), then for each message `${role}\t${content}\n`, then a "\n" ending the
 * request. Two runs pair request by request exactly when these hashes are equal.
 */
import { createHash, type Hash } from 'node:crypto';
import type { GeneratedRequest } from '../contracts/index.ts';
import type { RequestStream } from '../traffic/index.ts';

export interface Provenance {
  /** routesim's package version. */
  routesim: string;
  /** Node version, e.g. "v24.21.0". */
  node: string;
  /** The seed the run used (the scenario's or --seed). */
  seed: number;
  /** The scenario file name (not its directory, so moving a checkout keeps results equal). */
  scenarioFile: string;
  scenarioSha256: string;
  /** sha256 of JSON.stringify(effective catalog) (scenario overrides applied). */
  catalogSha256: string;
  requestStreamSha256: string;
  /**
   * Every other file the run read (catalog, replayed data, router modules, learned model files),
   * by path relative to the scenario (or `routesim:<path>` for routesim's own files) and sha256.
   */
  inputs: readonly { path: string; sha256: string }[];
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function hashRequest(hash: Hash, generated: GeneratedRequest): void {
  const { request } = generated;
  hash.update(`${request.id}\t${request.arrivalMs}\n`);
  for (const message of request.messages) hash.update(`${message.role}\t${message.content}\n`);
  hash.update('\n');
}

/**
 * A stream that hashes requests (and keeps their ids) as a consumer reads them in index order,
 * so one pass serves both the consumer (e.g. requestColumns) and the hash. `finish()`, called once,
 * reads any requests the consumer skipped or read out of order.
 */
export function hashingStream(stream: RequestStream): {
  stream: RequestStream;
  finish(): { sha256: string; requestIds: string[] };
} {
  const hash = createHash('sha256');
  let requestIds: string[] = [];
  let next = 0;
  const observe = (index: number, generated: GeneratedRequest) => {
    if (index !== next) return;
    hashRequest(hash, generated);
    requestIds.push(generated.request.id);
    next += 1;
  };
  const get = (index: number) => {
    const generated = stream.get(index);
    observe(index, generated);
    return generated;
  };
  return {
    stream: {
      count: stream.count,
      arrivals: stream.arrivals,
      get,
      *[Symbol.iterator]() {
        for (let index = 0; index < stream.count; index++) yield get(index);
      },
    },
    finish() {
      while (next < stream.count) observe(next, stream.get(next));
      // Handed over, not kept: this stream lives as long as the run, the ids only as long as the
      // caller needs them (a shard writes them to requests.bin and drops them).
      const ids = requestIds;
      requestIds = [];
      return { sha256: hash.digest('hex'), requestIds: ids };
    },
  };
}
