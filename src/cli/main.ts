#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { UserError } from './context.ts';
import { BackgroundMissingError, ProfileError } from '../engine/errors.ts';
import { InputError } from '../actions/errors.ts';
import { registerIngest } from './commands/ingest.ts';
import { registerBrowse } from './commands/browse.ts';
import { registerListing } from './commands/listing.ts';
import { registerSearch } from './commands/search.ts';
import { registerExport } from './commands/export.ts';
import { registerProfile } from './commands/profile.ts';
import { registerRecommend } from './commands/recommend.ts';
import { registerServe } from './commands/serve.ts';
import { registerAffinity } from './commands/affinity.ts';
import { registerModel } from './commands/model.ts';
import { registerTopics } from './commands/topics.ts';
import { registerFetch, registerSource } from './commands/source.ts';
import { registerDigest } from './commands/digest.ts';
import { registerCollection } from './commands/collection.ts';
import { registerMap } from './commands/map.ts';
import { clean } from './format.ts';

// Read, not imported: package.json lies outside the build's rootDir (src/), and this path holds
// from src/cli/ and dist/cli/ alike.
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

// Output piped into a reader that stopped (`search … | head`): nobody is left to read the rest,
// which is no failure of the command (the exit code stays what the command made it, 0 by
// default). Commands write their results once their work is stored, so stopping loses nothing.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit();
});

const program = new Command('paperscout')
  .version(version)
  .description('Turn paper listings into one local library; search it and find what matters to you.')
  .option('--db <file>', 'library file (default: $PAPERSCOUT_DB or ~/.paperscout/library.db)')
  .showHelpAfterError()
  .exitOverride();

registerIngest(program);
registerBrowse(program);
registerListing(program);
registerSearch(program);
registerExport(program);
registerProfile(program);
registerRecommend(program);
registerServe(program);
registerAffinity(program);
registerModel(program);
registerTopics(program);
registerSource(program);
registerFetch(program);
registerDigest(program);
registerCollection(program);
registerMap(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (error instanceof UserError || error instanceof InputError || error instanceof ProfileError || error instanceof BackgroundMissingError) {
    console.error(`paperscout: ${clean(error.message)}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
