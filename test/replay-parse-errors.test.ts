/**
 * Bad replay input is reported all at once, each problem with its file, line and field; bad
 * `traffic.replay` settings are reported by the scenario validator with the rest.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.ts';
import { parseScenarioText } from '../src/scenario/load.ts';
import { parseOpenAiLog } from '../src/traffic/replay/openai-log.ts';
import { parseOutcomesJsonl } from '../src/traffic/replay/outcomes-jsonl.ts';
import { createReplayStream } from '../src/traffic/replay/stream.ts';
import type { ReplaySource } from '../src/traffic/replay/types.ts';
import { loadDomainParams } from '../src/world/domains.ts';

function inputError(action: () => unknown): InputError {
  try {
    action();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

const brief = (error: InputError) =>
  error.issues.map((issue) => `${issue.line ?? '-'} ${issue.path.join('.')}: ${issue.message}`);

describe('replay parse errors', () => {
  it('outcomes JSONL: every bad line, with its number and field', () => {
    const text = [
      '{"prompt": "ok", "model": "a", "score": 1}',
      '{"prompt": "x", "model": "a", "score": 1.5}',
      'not json',
      '',
      '{"prompt": "", "model": "a", "score": 0}',
      '{"prompt": "y", "score": "high"}',
    ].join('\n');
    const error = inputError(() => parseOutcomesJsonl(text, 'scores.jsonl'));
    expect(error.file).toBe('scores.jsonl');
    expect(brief(error)).toEqual([
      '2 score: expected a score in [0, 1]',
      expect.stringMatching(/^3 : expected a JSON object: /),
      '5 prompt: expected a non-empty prompt',
      '6 model: expected a model name',
      '6 score: expected a score: a number in [0, 1]',
    ]);
    expect(error.message).toContain('scores.jsonl:2');
  });

  it('OpenAI log: bad time, no user message, conflicting labels, missing time — all at once', () => {
    const text = [
      '{"time": "yesterday", "model": "m", "messages": [{"role": "user", "content": "a"}]}',
      '{"time": 0, "model": "m", "messages": [{"role": "system", "content": "only a system prompt"}]}',
      '{"time": 0, "model": "m", "messages": [{"role": "user", "content": "b"}], "score": 0.2, "correct": true}',
      '{"model": "m", "messages": [{"role": "user", "content": "c"}]}',
      '{"time": 0, "messages": [{"role": "tool", "content": "d"}]}',
    ].join('\n');
    const error = inputError(() => parseOpenAiLog(text, 'traffic.jsonl'));
    expect(brief(error)).toEqual([
      '1 time: expected an ISO 8601 date-time (e.g. "2025-03-01T09:30:00Z") or epoch milliseconds, got "yesterday"',
      '2 messages: expected at least one user message',
      '3 correct: "score" 0.2 and "correct" true disagree (correct means score ≥ 0.5)',
      '4 time: missing "time" (the arrival time); or set traffic.arrival to space the requests',
      expect.stringMatching(/^5 messages\.0\.role: /),
      expect.stringMatching(/^5 model: /),
    ]);
  });

  it('a table missing an outcome for a replayed model: the prompts are listed by line', () => {
    const source: ReplaySource = {
      format: 'outcomes-jsonl',
      file: 'scores.jsonl',
      models: ['weak', 'strong'],
      items: [
        { line: 1, messages: [{ role: 'user', content: 'p' }], scores: { weak: [1], strong: [1] } },
        { line: 3, messages: [{ role: 'user', content: 'q' }], scores: { weak: [0] } },
      ],
    };
    const build = (models: Record<string, string>, candidates: string[]) => () =>
      createReplayStream({
        source,
        config: { format: 'outcomes-jsonl', path: 'scores.jsonl', models, times: 'arrival' },
        seed: 1,
        durationMs: 60_000,
        arrival: { process: 'uniform', startRate: 1, stages: [], diurnal: undefined, bursts: [] },
        tiers: [{ name: 'default', weight: 1 }],
        domains: loadDomainParams(),
        candidates,
        classify: () => ({ domain: 'chit-chat' }),
      });
    expect(
      brief(inputError(build({ weak: 'gpt-4o-mini', strong: 'gpt-4o' }, ['gpt-4o-mini', 'gpt-4o']))),
    ).toEqual(['3 strong: no outcome of strong (replayed as gpt-4o) for this prompt']);
    expect(
      brief(
        inputError(build({ weak: 'gpt-4o-mini', stronk: 'gpt-4o' }, ['gpt-4o-mini', 'gpt-4o', 'o3-mini'])),
      ),
    ).toEqual([
      '- traffic.replay.models.stronk: no model "stronk" in scores.jsonl; it has: weak, strong',
      "- traffic.replay.models: candidate model gpt-4o has no outcomes in scores.jsonl (models there: weak, strong); map one to it in traffic.replay.models, or leave gpt-4o out of the scenario's models",
      "- traffic.replay.models: candidate model o3-mini has no outcomes in scores.jsonl (models there: weak, strong); map one to it in traffic.replay.models, or leave o3-mini out of the scenario's models",
    ]);
  });

  it('the scenario validator reports bad replay settings with the file’s line numbers', () => {
    const text = [
      'version: 1',
      'name: bad replay',
      'duration: 10m',
      'traffic:',
      '  mix: [{ domain: code }]',
      '  replay:',
      '    format: mt-bench',
      '    path: ../../fixtures/replay/mt-bench/judgements.jsonl',
      '    models:',
      '      gpt-4-1106-preview: gpt-4-turbo',
      '      mixtral: gpt-4o-mini',
      '      other: gpt-4o-mini',
      'providers:',
      '  openai: { models: [gpt-4o-mini] }',
      'strategies: [always-cheapest]',
    ].join('\n');
    const error = inputError(() => parseScenarioText(text, 'scenarios/examples/bad.yaml'));
    expect(brief(error)).toEqual([
      '5 traffic.mix: traffic.mix does not apply to a replay (its requests come from traffic.replay.path); remove it',
      '5 traffic: a mt-bench table has no timestamps: set traffic.arrival to space its rows, e.g. { process: uniform, rate: 1 }',
      '7 traffic.replay: missing required field "questions" (MT-Bench\'s question.jsonl) for format mt-bench',
      '10 traffic.replay.models.gpt-4-1106-preview: unknown catalog model "gpt-4-turbo"; map each table model to a model of the catalog',
      '12 traffic.replay.models.other: "other" and "mixtral" both map to gpt-4o-mini; map each catalog model once',
    ]);
  });

  it('a missing replay file, and a generated scenario without arrival or mix, are reported', () => {
    const missing = inputError(() =>
      parseScenarioText(
        [
          'version: 1',
          'name: x',
          'duration: 1m',
          'traffic:',
          '  replay: { format: openai-log, path: nowhere.jsonl, questions: q.jsonl }',
          'providers: { openai: {} }',
          'strategies: [always-cheapest]',
        ].join('\n'),
        'scenarios/x.yaml',
      ),
    );
    expect(brief(missing)).toEqual([
      expect.stringMatching(
        /^5 traffic\.replay\.path: replay file "nowhere\.jsonl" not found \(looked at .*scenarios\/nowhere\.jsonl\)$/,
      ),
      '5 traffic.replay.questions: "questions" applies to format mt-bench only, not openai-log',
    ]);
    const bare = inputError(() =>
      parseScenarioText(
        [
          'version: 1',
          'name: x',
          'duration: 1m',
          'traffic: { tiers: [{ name: a }] }',
          'providers: { openai: {} }',
          'strategies: [always-cheapest]',
        ].join('\n'),
        'scenarios/x.yaml',
      ),
    );
    expect(brief(bare)).toEqual([
      expect.stringMatching(/^4 traffic: missing required field "arrival"/),
      expect.stringMatching(/^4 traffic: missing required field "mix"/),
    ]);
  });
});
