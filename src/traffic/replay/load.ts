/**
 * The file-reading edge of replay: read the files `traffic.replay` names, parse them (every bad
 * line reported at once, with its line and field) and build the replay stream, with the domain
 * classifier of the `domain` strategy for requests without a domain label.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../errors.ts';
import { parseMtBench } from '../../learn/mt-bench.ts';
import { parseRouteLlmCsv } from '../../learn/routellm-csv.ts';
import type { ReplayConfig, Scenario } from '../../scenario/types.ts';
import { classifyDomain } from '../../strategies/domain-classifier.ts';
import { loadDomainParams } from '../../world/domains.ts';
import { sourceFromTable } from './from-table.ts';
import { parseOpenAiLog } from './openai-log.ts';
import { parseOutcomesJsonl } from './outcomes-jsonl.ts';
import { selectSplit } from './split.ts';
import { createReplayStream } from './stream.ts';
import type { ReplayRequestStream, ReplaySource } from './types.ts';

/** Read and parse the source a replay config names. */
export function readReplaySource(config: ReplayConfig): ReplaySource {
  const text = readText(config.path);
  switch (config.format) {
    case 'routellm-csv':
      return sourceFromTable(parseRouteLlmCsv(text, config.path), config.format, config.path);
    case 'outcomes-jsonl':
      return parseOutcomesJsonl(text, config.path);
    case 'mt-bench': {
      if (config.questions === undefined) {
        throw new InputError(config.path, [
          {
            path: ['traffic', 'replay', 'questions'],
            message: "format mt-bench needs MT-Bench's question.jsonl",
          },
        ]);
      }
      const questions = readText(config.questions);
      const table = parseMtBench(questions, text, { questions: config.questions, judgements: config.path });
      return sourceFromTable(table, config.format, config.path);
    }
    case 'openai-log':
      return parseOpenAiLog(text, config.path, { requireTime: config.times === 'log' });
  }
}

/** The request stream of a scenario with `traffic.replay` (bundled domain parameters). */
export function replayStreamFromScenario(scenario: Scenario): ReplayRequestStream {
  const config = scenario.traffic.replay;
  if (config === undefined) throw new Error('replayStreamFromScenario needs a scenario with traffic.replay');
  let source = readReplaySource(config);
  let split: ReturnType<typeof selectSplit>['info'] | undefined;
  if (config.split !== undefined) ({ source, info: split } = selectSplit(source, config.split));
  const stream = createReplayStream({
    source,
    config,
    seed: scenario.seed,
    durationMs: scenario.durationMs,
    arrival: scenario.traffic.arrival,
    tiers: scenario.traffic.tiers,
    domains: loadDomainParams(),
    candidates: scenario.models,
    classify: classifyDomain,
  });
  // Tables replay in row order, so the first `count` ids are the ones replayed.
  if (split !== undefined) stream.replay.split = { ...split, ids: split.ids.slice(0, stream.count) };
  return stream;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new InputError(path, [{ path: [], message: `cannot read the replay file: ${reason}` }], {
      cause: error,
    });
  }
}
