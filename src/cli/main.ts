#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { UserError } from './context.ts';
import { registerIngest } from './commands/ingest.ts';
import { registerBrowse } from './commands/browse.ts';
import { registerSearch } from './commands/search.ts';
import { registerExport } from './commands/export.ts';
import { registerProfile } from './commands/profile.ts';
import { clean } from './format.ts';

const program = new Command('paperscout')
  .description('Turn paper listings into one local library; search it and find what matters to you.')
  .option('--db <file>', 'library file (default: $PAPERSCOUT_DB or ~/.paperscout/library.db)')
  .showHelpAfterError()
  .exitOverride();

registerIngest(program);
registerBrowse(program);
registerSearch(program);
registerExport(program);
registerProfile(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (error instanceof UserError) {
    console.error(`paperscout: ${clean(error.message)}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
