import fs from 'node:fs';
import type { Command } from 'commander';
import { withLibrary, UserError } from '../context.ts';
import { EXPORTERS, type ExportFormat } from '../../export/index.ts';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write papers as JSON Lines, CSV (the schema `ingest` reads back) or BibTeX')
    .requiredOption('--format <format>', `one of: ${Object.keys(EXPORTERS).join(', ')}`)
    .option('--listing <name>', 'only papers of this listing, in its order')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(function (this: Command) {
      const opts = this.opts<{ format: string; listing?: string; out?: string }>();
      if (!Object.hasOwn(EXPORTERS, opts.format)) throw new UserError(`unknown --format "${opts.format}"; one of: ${Object.keys(EXPORTERS).join(', ')}`);
      const papers = withLibrary(this, (library) => {
        if (opts.listing && !library.listing(opts.listing)) throw new UserError(`no listing named "${opts.listing}" (see \`paperscout listings\`)`);
        return library.papers({ listing: opts.listing }).papers;
      });
      const text = EXPORTERS[opts.format as ExportFormat](papers);
      if (opts.out) fs.writeFileSync(opts.out, text);
      else process.stdout.write(text);
    });
}
