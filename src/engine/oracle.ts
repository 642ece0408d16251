/**
 * The oracle (metrics.md): per request, every candidate is called once at the request's
 * arrival in a world with faults off; the answer is the cheapest — by that request's actual
 * cost — among the candidates whose first-sample score is the best any candidate achieved
 * (for 0/1 scores: the cheapest correct model; none correct → the cheapest). A candidate that
 * errs (e.g. rate-limited) is left out. It is one point: the bound on what routing can do.
 */

import type { AnsweredCall, CallErrorKind, World } from '../contracts/index.ts';
import type { ModelInfo } from '../strategies/types.ts';
import type { RequestStream } from '../traffic/index.ts';
import { createRunColumns, statusOfErrorKind } from './columns.ts';
import { sentMaxTokens } from './sent-max-tokens.ts';
import { type RunResult, Status } from './types.ts';

export interface OracleOptions {
  stream: RequestStream;
  /** A fresh world built with faults off. */
  world: World;
  models: readonly ModelInfo[];
}

export function runOracle(options: OracleOptions): RunResult {
  const { stream, world, models } = options;
  const count = stream.count;
  const columns = createRunColumns(count);
  for (let index = 0; index < count; index++) {
    const { request } = stream.get(index);
    let chosen: AnsweredCall | undefined;
    let chosenModel = -1;
    let lastError: CallErrorKind | undefined;
    for (let modelIndex = 0; modelIndex < models.length; modelIndex++) {
      const result = world.call({
        requestIndex: index,
        model: models[modelIndex]!.id,
        startMs: request.arrivalMs,
        attempt: 0,
        promptTokens: request.promptTokens,
        maxTokens: sentMaxTokens(world, models[modelIndex]!.id, request.maxTokens),
      });
      if (!result.ok) {
        lastError = result.error.kind;
        continue;
      }
      const call = result.call;
      const better =
        chosen === undefined ||
        call.outcome.score > chosen.outcome.score ||
        (call.outcome.score === chosen.outcome.score && call.costUsd < chosen.costUsd);
      if (better) {
        chosen = call;
        chosenModel = modelIndex;
      }
    }
    if (chosen === undefined) {
      columns.status[index] = lastError === undefined ? Status.other : statusOfErrorKind(lastError);
    } else if (chosen.ungraded) {
      columns.cost[index] = chosen.costUsd;
      columns.status[index] = Status.ungraded;
    } else {
      const timing = chosen.timing;
      columns.cost[index] = chosen.costUsd;
      columns.score[index] = chosen.outcome.score;
      columns.latency[index] = timing.endMs - request.arrivalMs;
      columns.ttft[index] = timing.startMs + timing.queueMs + timing.ttftMs - request.arrivalMs;
      columns.status[index] = Status.answered;
      columns.model[index] = chosenModel;
    }
    world.release(index);
  }
  return {
    name: 'oracle',
    family: 'oracle',
    knobValue: undefined,
    models: models.map((model) => model.id),
    columns,
    shadowCostUsd: 0,
    decisionOverheadMs: new Float32Array(0),
  };
}
