// The engine's index of the library: brought up to date by every ranking on its own, rebuilt
// whole only on request.
import type { Command } from 'commander';
import { withLibrary } from '../context.ts';

export function registerModel(program: Command): void {
  const model = program.command('model').description("the engine's index of the library's papers (kept up to date on its own)");
  model
    .command('rebuild')
    .description('index every paper of the library anew, e.g. after an upgrade of the shipped background model')
    .action(async function (this: Command) {
      const { rebuildLibraryFeatures } = await import('../../actions/library-features.ts');
      const { progressOnStderr } = await import('../progress.ts');
      const index = withLibrary(this, (library) => rebuildLibraryFeatures(library, progressOnStderr('indexing papers')));
      console.log(`indexed ${index.liveCount} papers`);
    });
}
