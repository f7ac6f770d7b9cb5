import fs from 'node:fs';
import type { Command } from 'commander';
import { withLibrary, UserError } from '../context.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../export/formats.ts';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write papers as JSON Lines, CSV (the schema `ingest` reads back) or BibTeX')
    .requiredOption('--format <format>', `one of: ${EXPORT_FORMATS.join(', ')}`)
    .option('--listing <name>', 'only papers of this listing, in its order')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async function (this: Command) {
      const opts = this.opts<{ format: string; listing?: string; out?: string }>();
      if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) throw new UserError(`unknown --format "${opts.format}"; one of: ${EXPORT_FORMATS.join(', ')}`);
      const papers = withLibrary(this, (library) => {
        if (opts.listing && !library.listing(opts.listing)) throw new UserError(`no listing named "${opts.listing}" (see \`paperscout listings\`)`);
        return library.papers({ listing: opts.listing }).papers;
      });
      const { EXPORTERS } = await import('../../export/index.ts');
      const text = EXPORTERS[opts.format as ExportFormat](papers);
      if (opts.out) fs.writeFileSync(opts.out, text);
      else process.stdout.write(text);
    });
}
