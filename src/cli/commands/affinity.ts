// `paperscout affinity`: reviewer-paper expertise in OpenReview's formats (see src/actions/affinity.ts).
import type { Command } from 'commander';
import { withLibrary } from '../context.ts';

export function registerAffinity(program: Command): void {
  program
    .command('affinity')
    .description("score every reviewer for every submission from the reviewers' publications (OpenReview expertise format)")
    .requiredOption('--submissions <file>', 'submissions.json: {paperId: {id, content: {title, abstract, ...}}}')
    .requiredOption('--archives <dir>', 'folder of ~Reviewer.jsonl files, one publication per line')
    .requiredOption('--out <file>', 'output: CSV paperId,reviewerId,score, or JSON {reviewerId: {paperId: score}} if it ends in .json')
    .addHelpText('after', '\nWith the global --db, the library is the background corpus the relevance model learns from.')
    .action(async function (this: Command) {
      const { runAffinity } = await import('../../actions/affinity.ts');
      const { cachedRelevanceModel } = await import('../../engine/model-codec.ts');
      const opts = this.opts<{ submissions: string; archives: string; out: string }>();
      const useLibrary = this.optsWithGlobals<{ db?: string }>().db !== undefined;
      const model = useLibrary ? withLibrary(this, (library) => cachedRelevanceModel(library, (message) => console.error(message))) : undefined;
      const pairs = runAffinity({ ...opts, model });
      console.error(`wrote ${pairs} scores to ${opts.out}`);
    });
}
