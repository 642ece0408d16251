/**
 * `routesim report <results.json> [--out report.html]`: rebuild the self-contained HTML report
 * from a results file alone — the same bytes `simulate` wrote beside it. Bad input (a missing
 * file, not a results.json, another schemaVersion) exits 2 naming the file.
 */

import { dirname, join } from 'node:path';
import { Command } from 'commander';
import { escapeControl } from '../../control-characters.ts';
import { ExitCode } from '../../errors.ts';
import { writeFileAtomic } from '../../report/atomic-write.ts';
import { REPORT_FILE, reportFromResultsFile } from '../../report/html/index.ts';
import type { CommandFactory, CommandIo } from '../command-io.ts';

interface ReportFlags {
  /** Output file. @default report.html beside the results file */
  out?: string;
}

export const reportCommand: CommandFactory = (io: CommandIo) =>
  new Command('report')
    .description('Build the self-contained HTML report (charts as inline SVG) from a results.json')
    .argument('<results.json>', 'results file written by routesim simulate')
    .option('--out <file>', `HTML file to write (default: ${REPORT_FILE} beside the results file)`)
    .action(async (resultsPath: string, flags: ReportFlags) => {
      const out = flags.out ?? join(dirname(resultsPath), REPORT_FILE);
      const page = await reportFromResultsFile(resultsPath);
      writeFileAtomic(out, page);
      io.stdout(`✓ wrote ${escapeControl(out)} (${Math.round(Buffer.byteLength(page) / 1024)} KB)\n`);
      io.setExitCode(ExitCode.ok);
    });
