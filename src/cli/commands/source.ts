// Sources of papers (`source add|list|remove`) and fetching them (`fetch`).
import type { Command } from 'commander';
import type { SourceKind, SourceParams } from '../../types.ts';
import { addSource, listSources, removeSource, type DescribedSource } from '../../actions/sources.ts';
import type { SourceFetchReport } from '../../actions/fetch.ts';
import { withLibrary, parsePositiveInt, UserError } from '../context.ts';
import { clean, printJson, table } from '../format.ts';
import { fetchProgressOnStderr } from '../progress.ts';

interface AddOptions {
  arxivQuery?: string | true;
  term: string[];
  from?: string;
  to?: string;
  days?: number;
  max?: number;
  arxivFeed?: string;
  openreview?: string;
  accepted?: boolean;
  feed?: string;
  hfDaily?: boolean;
  page?: string;
  apiUrl?: string;
}

const KIND_OPTIONS = ['--arxiv-query', '--arxiv-feed', '--openreview', '--feed', '--hf-daily', '--page'];

/** The options of `source add` as a kind and its settings; an option of another kind is an error. */
function kindAndParams(opts: AddOptions): { kind: SourceKind; params: SourceParams } {
  const kinds: [SourceKind, unknown][] = [
    ['arxiv-query', opts.arxivQuery],
    ['arxiv-feed', opts.arxivFeed],
    ['openreview', opts.openreview],
    ['feed', opts.feed],
    ['hf-daily', opts.hfDaily],
    ['page', opts.page],
  ];
  const given = kinds.filter(([, value]) => value !== undefined);
  if (given.length !== 1) throw new UserError(`say what the source fetches: one of ${KIND_OPTIONS.join(', ')}`);
  const [kind] = given[0];
  const only = (option: string, value: unknown, forKind: SourceKind) => {
    if (value !== undefined && kind !== forKind) throw new UserError(`${option} is for --${forKind} sources`);
  };
  for (const [option, value] of [['--term', opts.term.length ? opts.term : undefined], ['--from', opts.from], ['--to', opts.to], ['--days', opts.days], ['--max', opts.max]] as const) {
    only(option, value, 'arxiv-query');
  }
  only('--accepted', opts.accepted, 'openreview');
  if (opts.apiUrl !== undefined && (kind === 'feed' || kind === 'page')) throw new UserError(`--api-url is for the API sources; a ${kind} source's address is its own`);
  const categories = typeof opts.arxivQuery === 'string' ? opts.arxivQuery.split(',').map((category) => category.trim()).filter(Boolean) : undefined;
  const params: SourceParams = {
    categories,
    terms: opts.term.length ? opts.term : undefined,
    from: opts.from,
    to: opts.to,
    days: opts.days,
    max: opts.max,
    category: opts.arxivFeed,
    venue: opts.openreview,
    accepted: opts.accepted,
    url: opts.feed ?? opts.page ?? opts.apiUrl,
  };
  return { kind, params: Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined)) };
}

function lastFetch(source: DescribedSource): string {
  if (!source.lastFetchedAt) return 'never fetched';
  return `${source.lastFetchedAt.slice(0, 16).replace('T', ' ')} ${source.lastStatus}: ${source.lastMessage}`;
}

const collect = (value: string, earlier: string[]) => [...earlier, value];

export function registerSource(program: Command): void {
  const source = program.command('source').description('where `paperscout fetch` gets new papers: arXiv, OpenReview, feeds, Hugging Face, pages');

  source
    .command('add')
    .description('add a source to fetch from')
    .argument('<name>', 'what to call it (letters, digits, . - _)')
    .option('--arxiv-query [categories]', 'the arXiv API: papers in any of these categories (comma-separated, e.g. cs.LG,stat.ML), newest first')
    .option('--term <words>', '--arxiv-query: papers with these words (repeat for more; all must match)', collect, [])
    .option('--from <date>', '--arxiv-query: submitted on or after YYYY-MM-DD')
    .option('--to <date>', '--arxiv-query: submitted on or before YYYY-MM-DD')
    .option('--days <n>', '--arxiv-query: submitted in the last N days before each fetch', (value) => parsePositiveInt(value, '--days'))
    .option('--max <n>', '--arxiv-query: at most N papers a fetch (default 1,000)', (value) => parsePositiveInt(value, '--max'))
    .option('--arxiv-feed <category>', "arXiv's daily listing of a category (rss.arxiv.org/rss/cs.LG)")
    .option('--openreview <venue>', 'OpenReview (API v2): the submissions of a venue, e.g. ICLR.cc/2025/Conference')
    .option('--accepted', '--openreview: only its accepted papers')
    .option('--feed <url>', 'any RSS or Atom feed (a journal\'s table of contents, a blog)')
    .option('--hf-daily', "Hugging Face's daily papers")
    .option('--page <url>', 'a page in a format paperscout reads (a virtual-conference session page, a BibTeX file…)')
    .option('--api-url <url>', "another address for the source's API (a mirror; tests point it at a local replay server)")
    .action(function (this: Command, name: string) {
      const { kind, params } = kindAndParams(this.opts<AddOptions>());
      const added = withLibrary(this, (library) => addSource(library, name, kind, params));
      console.log(`Source "${clean(added.name)}" added: ${clean(added.description)}. Fetch it with \`paperscout fetch ${clean(added.name)}\`.`);
    });

  source
    .command('list')
    .description('the sources, what each fetches and what its last fetch did')
    .option('--json', 'print the sources as JSON')
    .action(function (this: Command) {
      const sources = withLibrary(this, (library) => listSources(library));
      if (this.opts<{ json?: boolean }>().json) return printJson(sources);
      if (sources.length === 0) return console.log('No sources yet: add one with `paperscout source add NAME --arxiv-feed cs.LG` (see `paperscout source add --help`).');
      console.log(table(['source', 'kind', 'fetches', 'last fetch'], sources.map((item) => [item.name, item.kind, item.description, lastFetch(item)])));
    });

  source
    .command('remove')
    .description('remove a source (the listings its fetches made stay)')
    .argument('<name>')
    .action(function (this: Command, name: string) {
      withLibrary(this, (library) => removeSource(library, name));
      console.log(`Removed source "${clean(name)}"; the listings it fetched stay in the library.`);
    });
}

const count = (reports: readonly SourceFetchReport[], status: SourceFetchReport['status']) => reports.filter((report) => report.status === status).length;

export function registerFetch(program: Command): void {
  program
    .command('fetch')
    .description('fetch new papers from the sources (all, or those named): each becomes a listing, papers already in the library merged')
    .argument('[names...]', 'sources to fetch (default: all)')
    .action(async function (this: Command, names: string[]) {
      // Loaded here, not at start-up: the importers are the slowest modules to load.
      const { fetchSources } = await import('../../actions/fetch.ts');
      const reports = await withLibrary(this, (library) =>
        fetchSources(library, names, { progress: fetchProgressOnStderr(), contact: process.env.PAPERSCOUT_CONTACT || undefined }),
      );
      if (reports.length === 0) return console.log('No sources yet: add one with `paperscout source add NAME --arxiv-feed cs.LG` (see `paperscout source add --help`).');
      const rows = reports.map((report) => [
        report.source,
        report.status,
        report.outcome?.added ? report.outcome.listing.paperCount : null,
        report.outcome?.added ? report.outcome.newPapers : null,
        report.outcome?.added ? report.outcome.mergedPapers : null,
        report.outcome?.added ? report.outcome.listing.name : report.status === 'failed' ? 'see below' : report.message,
      ]);
      console.log(table(['source', 'result', 'papers', 'new', 'merged', 'listing'], rows));
      for (const report of reports) {
        for (const warning of report.outcome?.added ? report.outcome.warnings : []) console.error(`warning: source ${clean(report.source)}: ${clean(warning)}`);
        if (report.status === 'failed') console.error(`error: source ${clean(report.source)}: ${clean(report.message)}`);
      }
      const failed = count(reports, 'failed');
      console.error(`${reports.length} source(s) fetched: ${count(reports, 'added')} added a listing, ${count(reports, 'unchanged')} unchanged, ${count(reports, 'empty')} empty, ${failed} failed`);
      if (failed > 0) process.exitCode = 1;
    });
}
