/**
 * Write an exploration log of a scenario (standalone; `routesim simulate --explore` does the same
 * inside a run). Usage:
 *
 *   node src/learn/make-explore-log.ts <scenario.yaml> --seed 7 --share 0.15 --out explore.jsonl
 *
 * --seed replaces the scenario's seed (train on other traffic than you evaluate on).
 */
import { parseArgs } from 'node:util';
import { loadScenarioFile } from '../scenario/load.ts';
import { loadCatalog } from '../world/catalog.ts';
import { exploreScenario } from './explore-scenario.ts';
import { writeExploreLog } from './write-explore-log.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { seed: { type: 'string' }, share: { type: 'string' }, out: { type: 'string' } },
});
const file = positionals[0];
if (file === undefined || values.out === undefined || values.share === undefined) {
  process.stderr.write(
    'usage: node src/learn/make-explore-log.ts <scenario> --share S --out FILE [--seed N]\n',
  );
  process.exit(2);
}
const loaded = loadScenarioFile(file);
const scenario = values.seed === undefined ? loaded : { ...loaded, seed: Number.parseInt(values.seed, 10) };
const rows = await writeExploreLog(
  exploreScenario(scenario, { catalog: loadCatalog(), share: Number(values.share) }),
  values.out,
);
process.stdout.write(`${rows} rows (seed ${scenario.seed}, share ${values.share}) → ${values.out}\n`);
