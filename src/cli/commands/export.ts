import fs from 'node:fs';
import type { Command } from 'commander';
import { withLibrary, UserError } from '../context.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../export/formats.ts';
import { withListingHint, LISTING_HELP } from './listing.ts';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write papers as JSON Lines, CSV (the schema `ingest` reads back), BibTeX, CSL-JSON or RIS')
    .requiredOption('--format <format>', `one of: ${EXPORT_FORMATS.join(', ')}`)
    .option('--listing <listing>', `${LISTING_HELP}, in its order`)
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async function (this: Command) {
      const opts = this.opts<{ format: string; listing?: string; out?: string }>();
      if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) throw new UserError(`unknown --format "${opts.format}"; one of: ${EXPORT_FORMATS.join(', ')}`);
      // Loaded here: the writers are needed by this command only.
      const { exportPapers } = await import('../../actions/export.ts');
      const text = withLibrary(this, (library) => withListingHint(() => exportPapers(library, opts.format as ExportFormat, opts.listing)));
      if (opts.out) fs.writeFileSync(opts.out, text);
      else process.stdout.write(text);
    });
}
