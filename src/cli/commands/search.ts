import type { Command } from 'commander';
import { withLibrary, parsePositiveInt, parseYear } from '../context.ts';
import { authorLine, clean, dim, highlight, printJson, venueLine } from '../format.ts';
import type { Segment } from '../../types.ts';
import { LISTING_HELP, listingOption } from './listing.ts';
import { resolveProfile } from './profile.ts';
// actions/search.ts re-ranks this many; importing it from there would load the engine for every search.
import { RANKING_DEPTH as PROFILE_SEARCH_DEPTH } from '../../library/search.ts';

/** In JSON, matches are wrapped in ** so the output stays plain, readable text. */
const markdownMarks = (runs: readonly Segment[]) => runs.map((run) => (run.match ? `**${run.text}**` : run.text)).join('');

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('full-text search: words, "quoted phrases" and prefix* terms, all required')
    .argument('<query...>', 'what to look for')
    .option('--limit <n>', 'at most this many results', (v) => parsePositiveInt(v, '--limit'), 10)
    .option('--venue <venue>', 'only this venue')
    .option('--year <year>', 'only this year', parseYear)
    .option('--author <name>', 'only papers by an author with this name')
    .option('--listing <listing>', LISTING_HELP)
    .option('--profile <name>', `the best ${PROFILE_SEARCH_DEPTH} matches in the order of their relevance to this profile`)
    .option('--json', 'print JSON')
    .action(async function (this: Command, words: string[]) {
      const opts = this.opts<{ limit: number; venue?: string; year?: number; author?: string; listing?: string; profile?: string; json?: boolean }>();
      const query = words.join(' ');
      // Loaded only for --profile: the engine is slow to load and plain search needs none of it.
      const forProfile = opts.profile ? (await import('../../actions/search.ts')).searchForProfile : undefined;
      const result = withLibrary(this, (library) => {
        const filter = { venue: opts.venue, year: opts.year, author: opts.author, listing: opts.listing && listingOption(library, opts.listing).name };
        return forProfile ? forProfile(library, resolveProfile(library, opts.profile), query, filter, { limit: opts.limit }) : library.search(query, filter, { limit: opts.limit });
      });
      if (opts.json) {
        return printJson(
          result.hits.map((hit) => ({ ...hit.paper, score: hit.score, highlightedTitle: markdownMarks(hit.title), snippet: markdownMarks(hit.snippet) })),
        );
      }
      if (result.hits.length === 0) return console.log(`No papers match ${JSON.stringify(query)}.`);
      for (const hit of result.hits) {
        console.log(`[${hit.paper.id}] ${highlight(hit.title)}`);
        console.log(`    ${dim(clean([authorLine(hit.paper.authors, 4), venueLine(hit.paper)].filter(Boolean).join(' — ')))}`);
        if (hit.snippet.length > 0) console.log(`    ${highlight(hit.snippet)}`);
      }
      console.log(dim(`${result.hits.length} of ${result.total} matching papers${opts.profile ? `, the best ${PROFILE_SEARCH_DEPTH} by the words in the order of profile "${opts.profile}"` : ''}`));
    });
}
