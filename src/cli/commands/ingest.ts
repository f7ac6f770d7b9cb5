import type { Command } from 'commander';
import { FORMATS, type FormatName, type SkippedRecord } from '../../types.ts';
import { withLibrary, parseYear, UserError } from '../context.ts';
import { clean, table } from '../format.ts';
import type { IngestFailure, IngestReport } from '../../actions/ingest.ts';
import { encodingName } from '../../library/text-encoding.ts';
import { skipLocation } from '../../importers/records.ts';

function describeFailure(failure: IngestFailure): string {
  const where = failure.location ? `${failure.file}:${failure.location}` : failure.file;
  return `${clean(where)}: ${clean(failure.message)}`;
}

/**
 * One line for each file's warnings, skipped records and failures, on stderr; failures make
 * the exit code 1.
 */
export function reportFileProblems(
  report: Pick<IngestReport, 'failures' | 'skipped'> & { outcomes: readonly { file: string; warnings: readonly string[]; skipped?: readonly SkippedRecord[] }[] },
): void {
  for (const outcome of report.outcomes) {
    for (const warning of outcome.warnings) console.error(`warning: ${clean(outcome.file)}: ${clean(warning)}`);
    for (const skip of outcome.skipped ?? []) console.error(`warning: ${clean(`${outcome.file}:${skipLocation(skip)}`)}: skipped: ${clean(skip.reason)}`);
  }
  for (const skipped of report.skipped) console.error(`warning: ${describeFailure(skipped)}`);
  for (const failure of report.failures) console.error(`error: ${describeFailure(failure)}`);
  if (report.failures.length > 0) process.exitCode = 1;
}

/** The `--encoding` option's value, checked: undefined when not given. */
export function encodingOption(label: string | undefined): string | undefined {
  if (label === undefined) return undefined;
  if (!encodingName(label)) {
    throw new UserError(`unknown --encoding "${label}": name a WHATWG encoding label, such as latin1, windows-1252, utf-16le, shift_jis or gbk`);
  }
  return label;
}

const count = (n: number, noun: string, plural = `${noun}s`) => `${n.toLocaleString('en')} ${n === 1 ? noun : plural}`;

/** `2 listing(s) added, 0 already present, 0 failed; 7,154 papers, 12 entries skipped (see above)`. */
export function ingestSummary(report: IngestReport): string {
  const added = report.outcomes.filter((outcome) => outcome.added);
  const papers = added.reduce((sum, outcome) => sum + outcome.listing.paperCount, 0);
  const skipped = added.reduce((sum, outcome) => sum + outcome.skipped.length, 0);
  const listings = `${added.length} listing(s) added, ${report.outcomes.length - added.length} already present, ${report.failures.length} failed`;
  const entries = skipped ? `, ${count(skipped, 'entry', 'entries')} skipped (see above)` : '';
  return `${listings}; ${count(papers, 'paper')}${entries}`;
}

export const ENCODING_HELP = 'read files in this encoding (a WHATWG label: latin1, utf-16le, shift_jis…) instead of UTF-8';

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('add listing files (or every file in folders) to the library')
    .argument('<paths...>', 'files or folders')
    .option('--format <format>', `skip detection: ${FORMATS.join(', ')}`)
    .option('--venue <venue>', 'label the listing with a venue')
    .option('--year <year>', 'label the listing with a year', parseYear)
    .option('--session <session>', 'label the listing with a session name')
    .option('--encoding <label>', ENCODING_HELP)
    .option('--strict', 'fail a file when any of its entries cannot become a paper, instead of skipping the entry with a warning')
    .action(async function (this: Command, paths: string[]) {
      const opts = this.opts<{ format?: string; venue?: string; year?: number; session?: string; encoding?: string; strict?: boolean }>();
      if (opts.format && !(FORMATS as readonly string[]).includes(opts.format)) {
        throw new UserError(`unknown --format "${opts.format}"; one of: ${FORMATS.join(', ')}`);
      }
      const encoding = encodingOption(opts.encoding);
      // Loaded here, not at start-up: the parsers are the slowest modules to load.
      const { ingestPaths } = await import('../../actions/ingest.ts');
      const cliProgress = process.stderr.isTTY ? (await import('cli-progress')).default : undefined;
      const bar = cliProgress
        ? new cliProgress.SingleBar({ stream: process.stderr, format: 'ingesting {bar} {value}/{total} files  {file}', hideCursor: true }, cliProgress.Presets.shades_classic)
        : undefined;
      const report = await withLibrary(this, (library) => {
        let started = false;
        return ingestPaths(library, paths, {
          format: opts.format as FormatName | undefined,
          encoding,
          strict: opts.strict,
          labels: { venue: opts.venue, year: opts.year, session: opts.session },
          onFile: (done, total, file) => {
            if (!bar || total < 2) return;
            if (!started) bar.start(total, 0, { file: '' });
            started = true;
            bar.update(done, { file: file.slice(-40) });
          },
        });
      });
      bar?.stop();
      const rows = report.outcomes.map((outcome) => [
        outcome.listing.name,
        outcome.listing.format,
        outcome.listing.paperCount,
        outcome.added ? outcome.newPapers : 0,
        outcome.added ? outcome.mergedPapers : 0,
        outcome.added ? outcome.versionLinks : 0,
        outcome.added ? 'added' : 'already in library, nothing added',
      ]);
      if (rows.length > 0) console.log(table(['listing', 'format', 'papers', 'new', 'merged', 'versions', 'result'], rows));
      reportFileProblems(report);
      console.error(ingestSummary(report));
    });
}
