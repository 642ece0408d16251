/**
 * Semantic checks of `traffic.replay`: the files exist, mapped models are catalog models (each
 * once), the fields fit the format, and arrival/mix say what a replay needs. Without a replay,
 * `traffic.arrival` and `traffic.mix` are required (the schema leaves them optional because a
 * replay brings its own requests). Reading and parsing the files happens when the stream is built
 * (src/traffic/replay), which reports every bad line with its number.
 */
import type { CheckContext } from './check-context.ts';
import { report } from './check-context.ts';
import type { ScenarioFileReplay } from './schema.ts';
import { closest } from './suggest.ts';

/** Formats without timestamps: traffic.arrival spaces their rows. */
const TABLE_FORMATS: readonly string[] = ['routellm-csv', 'outcomes-jsonl', 'mt-bench'];

export function checkReplay(context: CheckContext): void {
  const traffic = context.file.traffic;
  const { invalid } = context;
  if (traffic === undefined || invalid.has('traffic') || invalid.has('traffic.replay')) return;
  const replay = traffic.replay;
  if (replay === undefined) {
    if (traffic.arrival === undefined && !invalid.has('traffic.arrival')) {
      report(
        context,
        ['traffic'],
        'missing required field "arrival" (expected an arrival process, e.g. { rate: 2 }), unless traffic.replay is set',
      );
    }
    if (traffic.mix === undefined && !invalid.has('traffic.mix')) {
      report(
        context,
        ['traffic'],
        'missing required field "mix" (expected a weighted task mix, e.g. [{ domain: chit-chat }]), unless traffic.replay is set',
      );
    }
    return;
  }
  const at = (...path: (string | number)[]) => ['traffic', 'replay', ...path];
  if (traffic.mix !== undefined) {
    report(
      context,
      ['traffic', 'mix'],
      'traffic.mix does not apply to a replay (its requests come from traffic.replay.path); remove it',
      { key: true },
    );
  }
  if (
    TABLE_FORMATS.includes(replay.format) &&
    traffic.arrival === undefined &&
    !invalid.has('traffic.arrival')
  ) {
    report(
      context,
      ['traffic'],
      `a ${replay.format} table has no timestamps: set traffic.arrival to space its rows, e.g. { process: uniform, rate: 1 }`,
    );
  }
  checkFile(context, at('path'), replay.path);
  if (replay.format === 'mt-bench') {
    if (replay.questions === undefined) {
      report(
        context,
        at(),
        'missing required field "questions" (MT-Bench\'s question.jsonl) for format mt-bench',
      );
    } else checkFile(context, at('questions'), replay.questions);
  } else if (replay.questions !== undefined) {
    report(context, at('questions'), `"questions" applies to format mt-bench only, not ${replay.format}`, {
      key: true,
    });
  }
  if (replay.split !== undefined && replay.format !== 'mt-bench' && replay.format !== 'routellm-csv') {
    report(
      context,
      at('split'),
      `"split" applies to formats mt-bench and routellm-csv only, not ${replay.format}`,
      {
        key: true,
      },
    );
  }
  checkModels(context, replay);
}

function checkFile(context: CheckContext, path: (string | number)[], written: string): void {
  if (context.fileExists === undefined) return;
  const absolute = context.resolvePath(written);
  if (!context.fileExists(absolute)) {
    report(context, path, `replay file "${written}" not found (looked at ${absolute})`);
  }
}

function checkModels(context: CheckContext, replay: ScenarioFileReplay): void {
  const catalog = context.catalog;
  if (catalog === undefined || replay.models === undefined) return;
  const ids = catalog.models.map((model) => model.id);
  const mappedBy = new Map<string, string>();
  for (const [name, id] of Object.entries(replay.models)) {
    const path = ['traffic', 'replay', 'models', name];
    if (!ids.includes(id)) {
      const suggestion = closest(id, ids);
      report(
        context,
        path,
        `unknown catalog model "${id}"${suggestion === undefined ? '' : ` — did you mean "${suggestion}"?`}; map each table model to a model of the catalog`,
      );
      continue;
    }
    const other = mappedBy.get(id);
    if (other !== undefined) {
      report(context, path, `"${name}" and "${other}" both map to ${id}; map each catalog model once`);
    }
    mappedBy.set(id, name);
  }
}
