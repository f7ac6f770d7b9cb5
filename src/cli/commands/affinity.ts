// `paperscout affinity`: reviewer-paper expertise in OpenReview's formats (see src/actions/affinity.ts).
import { Option, type Command } from 'commander';
import { withLibrary } from '../context.ts';
import type { AffinityEngine } from '../../actions/affinity.ts';

export function registerAffinity(program: Command): void {
  program
    .command('affinity')
    .description("score every reviewer for every submission from the reviewers' publications (OpenReview expertise format)")
    .requiredOption('--submissions <file>', 'submissions.json: {paperId: {id, content: {title, abstract, ...}}}')
    .requiredOption('--archives <dir>', 'folder of ~Reviewer.jsonl files, one publication per line')
    .requiredOption('--out <file>', 'output: CSV paperId,reviewerId,score, or JSON {reviewerId: {paperId: score}} if it ends in .json')
    .addOption(new Option('--engine <name>', 'v1: the previous engine, kept for the benchmark table (npm run bench:quality) only').choices(['v2', 'v1']).default('v2'))
    .addHelpText(
      'after',
      "\nScores come from the shipped background model of scientific text; with the global --db, blended with that library's own statistics.",
    )
    .action(async function (this: Command) {
      const { runAffinity } = await import('../../actions/affinity.ts');
      const opts = this.opts<{ submissions: string; archives: string; out: string; engine: 'v1' | 'v2' }>();
      const useLibrary = this.optsWithGlobals<{ db?: string }>().db !== undefined;
      const pairs = runAffinity({ ...opts, engine: await affinityEngine(this, opts.engine, useLibrary) });
      console.error(`wrote ${pairs} scores to ${opts.out}`);
    });
}

async function affinityEngine(command: Command, name: 'v1' | 'v2', useLibrary: boolean): Promise<AffinityEngine> {
  if (name === 'v1') {
    const { cachedRelevanceModel } = await import('../../engine/model-codec.ts');
    return { name, model: useLibrary ? withLibrary(command, (library) => cachedRelevanceModel(library, (message) => console.error(message))) : undefined };
  }
  const { loadBackground } = await import('../../engine/background.ts');
  const background = loadBackground();
  if (!useLibrary) return { name, background };
  const { libraryEvidence } = await import('../../engine/affinity-v2.ts');
  const { libraryFeatures } = await import('../../actions/library-features.ts');
  const { progressOnStderr } = await import('../progress.ts');
  const library = withLibrary(command, (library) => libraryEvidence(libraryFeatures(library, progressOnStderr('indexing the library')), background));
  return { name, background, library };
}
