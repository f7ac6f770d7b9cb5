// Recommendations for a profile, and papers similar to a paper or a pasted abstract.
import type { Command } from 'commander';
import type { Reason, Recommendation, RecommendResult } from '../../actions/recommend.ts';
import type { Library } from '../../library/library.ts';
import { withLibrary, parsePositiveInt, parseYear, UserError } from '../context.ts';
import { authorLine, bold, clean, dim, printJson, truncate, venueLine } from '../format.ts';
import { resolveProfile } from './profile.ts';
import { LISTING_HELP, listingOption } from './listing.ts';

function printRecommendation(rank: number, item: Recommendation, topic?: string): void {
  console.log(`${String(rank).padStart(3)}. [${item.paper.id}] ${bold(clean(item.paper.title))}  ${dim(`${item.score.toFixed(3)} (${item.match.strength})`)}`);
  const byline = [authorLine(item.paper.authors, 4), venueLine(item.paper)].filter(Boolean).join(' — ');
  if (byline) console.log(`     ${dim(clean(byline))}`);
  if (topic) console.log(`     ${dim(`topic: ${clean(topic)}`)}`);
  for (const reason of item.reasons) {
    const terms = reason.sharedTerms.length ? `: ${reason.sharedTerms.join(', ')}` : '';
    const paper = reason.paperId === undefined ? '' : ` [${reason.paperId}] ${truncate(reason.title, 60)}`;
    console.log(`     ${reason.similarity < 0 ? '−' : '+'} ${REASON_LEADS[reason.kind]}${clean(paper)}${clean(terms)}`);
  }
}

/** What each kind of reason says before the paper it names. */
const REASON_LEADS: Record<Reason['kind'], string> = {
  yours: 'close to your paper',
  liked: 'close to a paper you liked,',
  disliked: 'like a paper you disliked,',
  paper: 'shares with',
  text: 'close to your text',
};

/** Brings the engine's index up to date with a progress bar, so a long wait (a first use on a large library) is never silent. */
export async function indexingProgress(): Promise<(library: Library) => void> {
  const { libraryFeatures } = await import('../../actions/library-features.ts');
  const { progressOnStderr } = await import('../progress.ts');
  return (library) => void libraryFeatures(library, progressOnStderr('indexing papers for recommendations'));
}

// The documented shape (docs/json.md): the paper with its score and reasons beside its own fields.
const asJson = (item: Recommendation) => ({ ...item.paper, score: item.score, match: item.match, reasons: item.reasons, ...(item.topic ? { topic: item.topic } : {}) });

const recommendJson = (result: RecommendResult) => ({
  recommendations: result.recommendations.map(asJson),
  yours: result.yours.map((own) => ({ ...own.paper, ownPaperId: own.ownPaperId })),
  topics: result.topics,
  ...(result.lanes ? { lanes: result.lanes.map((lane) => ({ topic: lane.topic, recommendations: lane.recommendations.map(asJson) })) } : {}),
});

export function registerRecommend(program: Command): void {
  program
    .command('recommend')
    .description("the library's papers (or one listing's) ranked for a profile, each with its reasons")
    .option('--profile <name>', 'the profile (needed when there are several)')
    .option('--listing <listing>', `${LISTING_HELP}, e.g. one poster session`)
    .option('--venue <venue>', 'only this venue')
    .option('--year <year>', 'only this year', parseYear)
    .option('--session <session>', 'only this session')
    .option('--limit <n>', 'at most this many', (v) => parsePositiveInt(v, '--limit'), 10)
    .option('--by-topic', "one ranking per topic of the profile instead of one list that mixes them")
    .option('--json', 'print JSON')
    .action(async function (this: Command) {
      const opts = this.opts<{ profile?: string; listing?: string; venue?: string; year?: number; session?: string; limit: number; byTopic?: boolean; json?: boolean }>();
      const { recommend } = await import('../../actions/recommend.ts');
      const indexing = await indexingProgress();
      const result = withLibrary(this, (library) => {
        const profile = resolveProfile(library, opts.profile);
        const listing = opts.listing && listingOption(library, opts.listing).name;
        indexing(library);
        return recommend(library, profile, { listing, venue: opts.venue, year: opts.year, session: opts.session }, opts.limit, { byTopic: opts.byTopic });
      });
      if (opts.json) return printJson(recommendJson(result));
      if (result.yours.length > 0) {
        console.log(bold('Yours (your own work, another version of it, not recommended):'));
        for (const own of result.yours) console.log(`   [${own.paper.id}] ${clean(own.paper.title)} ${dim(`(your paper [${own.ownPaperId}])`)}`);
        console.log();
      }
      const topicName = new Map(result.topics.map((topic) => [topic.key, topic.name]));
      if (result.lanes) {
        for (const lane of result.lanes) {
          console.log(bold(`Topic: ${clean(topicName.get(lane.topic) ?? lane.topic)}`));
          if (lane.recommendations.length === 0) console.log('   No papers to recommend here.');
          lane.recommendations.forEach((item, i) => printRecommendation(i + 1, item));
          console.log();
        }
        return;
      }
      if (result.recommendations.length === 0) return console.log('No papers to recommend here.');
      const showTopics = result.topics.length > 1;
      if (showTopics) console.log(dim(`Your profile's ${result.topics.length} topics share the list in proportion to their size (--by-topic: one list each).\n`));
      result.recommendations.forEach((item, i) => printRecommendation(i + 1, item, showTopics ? topicName.get(item.topic!) : undefined));
    });

  program
    .command('similar')
    .description('papers most similar to a paper of the library, or to a pasted abstract')
    .argument('[id]', 'paper id', (v) => parsePositiveInt(v, 'paper id'))
    .option('--text <abstract>', 'find papers similar to this text instead')
    .option('--limit <n>', 'at most this many', (v) => parsePositiveInt(v, '--limit'), 10)
    .option('--json', 'print JSON')
    .action(async function (this: Command, id: number | undefined) {
      const opts = this.opts<{ text?: string; limit: number; json?: boolean }>();
      if ((id === undefined) === (opts.text === undefined)) throw new UserError('give either a paper id or --text "an abstract"');
      if (opts.text !== undefined && !opts.text.trim()) throw new UserError('--text is empty');
      const { similarPapers } = await import('../../actions/recommend.ts');
      const indexing = await indexingProgress();
      const similar = withLibrary(this, (library) => {
        if (id !== undefined && !library.paper(id)) throw new UserError(`no paper with id ${id}`);
        indexing(library);
        return similarPapers(library, id !== undefined ? { paperId: id } : { text: opts.text! }, opts.limit);
      });
      if (opts.json) return printJson(similar.map(asJson));
      if (similar.length === 0) return console.log('No similar papers found.');
      similar.forEach((item, i) => printRecommendation(i + 1, item));
    });
}
