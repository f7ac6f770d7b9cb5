// One size of bench:scale, measured in a process of its own (so MiniSearch's heap and the
// papers read for the query mix are freed with it): search over bench/search-queries.ts's mix,
// recommend over the whole library, similar papers and the planner, on a library that
// bench:scale ingested and indexed. Prints one JSON line (Measured).
//
//   node --import tsx bench/scale-measure.ts LIBRARY [--minisearch | --search-only]
//
// --search-only measures search alone, for a library whose feature index there was no time to build.
import type { Profile } from '../src/types.ts';
import { Library } from '../src/library/library.ts';
import { POSTING_HEAD } from '../src/engine/feature-index.ts';
import { recommend, similarPapers } from '../src/actions/recommend.ts';
import { libraryFeatures } from '../src/actions/library-features.ts';
import { planSession } from '../src/actions/plan-session.ts';
import { generateQueries } from './search-queries.ts';
import { buildMiniSearch, toPeerDoc } from './search-peers.ts';
import { collectGarbage, summarize, timeEach } from './measure.ts';
import { benchProfiles } from './bench-profiles.ts';

export type Measured = SearchMeasured & Partial<RankingMeasured>;

interface SearchMeasured {
  search: { p50: number; p99: number };
  miniSearch?: { p50: number; p99: number; buildMs: number };
}

interface RankingMeasured {
  papers: number;
  indexLoadMs: number;
  recommend: { p50: number; p99: number };
  similar: { p50: number; p99: number };
  /**
   * The same with whole postings lists instead of heads (feature-index.ts POSTING_HEAD), and the
   * share of their top 10 the heads' top 10 has: what the heads cost in quality and save in time.
   */
  wholeLists: { recommend: { p50: number; p99: number }; similar: { p50: number; p99: number }; recommendRecall: number; similarRecall: number };
  plan: { p50: number; max: number; papers: number };
}

/** The planner's listing: eccv2022 (1,645 papers), which every size's first round holds. */
const PLANNED_LISTING = 'eccv2022.json';
const PROFILE_SIZE = 20;
const ROUNDS = 3;
const SEARCH_ROUNDS = 2;

const [file, flag] = process.argv.slice(2);
if (!file) throw new Error('usage: scale-measure.ts LIBRARY [--minisearch | --search-only]');
const library = Library.open(file);

const papers = library.papers().papers;
const queries = generateQueries(papers);
const search = timeRounds(queries, (q) => library.search(q.text, q.filter, { limit: 10 }), SEARCH_ROUNDS);
let miniSearch: Measured['miniSearch'];
if (flag === '--minisearch') {
  const docs = papers.map(toPeerDoc);
  const building = performance.now();
  const mini = buildMiniSearch(docs);
  const buildMs = performance.now() - building;
  miniSearch = { ...percentiles(timeRounds(queries, (q) => mini.search(q), SEARCH_ROUNDS)), buildMs };
}
papers.length = 0;
collectGarbage();
if (flag === '--search-only') {
  console.log(JSON.stringify({ search: percentiles(search), miniSearch } satisfies Measured));
  process.exit(0);
}

const started = performance.now();
const index = libraryFeatures(library);
const indexLoadMs = performance.now() - started;

const profiles = benchProfiles(library, 4, ['graph neural networks', 'legged robot locomotion', 'machine translation', 'diffusion models image generation'], PROFILE_SIZE);
const recommendIds = (profile: Profile) => recommend(library, profile, {}, 10).recommendations.map((r) => r.paper.id);
const similarIds = library.paperIds({}).filter((_, i, all) => i % Math.floor(all.length / 20) === 0).slice(0, 20);
const similarTo = (paperId: number) => similarPapers(library, { paperId }, 10).map((r) => r.paper.id);
const recommendations = timeRounds(profiles, recommendIds);
const similar = timeRounds(similarIds, similarTo);
const headResults = { recommend: profiles.map(recommendIds), similar: similarIds.map(similarTo) };
index.setPostingHead(Infinity);
const wholeLists: Measured['wholeLists'] = {
  recommend: percentiles(timeRounds(profiles, recommendIds)),
  similar: percentiles(timeRounds(similarIds, similarTo)),
  recommendRecall: recall(headResults.recommend, profiles.map(recommendIds)),
  similarRecall: recall(headResults.similar, similarIds.map(similarTo)),
};
index.setPostingHead(POSTING_HEAD);
const listing = library.listing(PLANNED_LISTING);
if (!listing) throw new Error(`${file}: no listing ${PLANNED_LISTING}`);
const plans = summarize(timeRounds(profiles.slice(0, 4), (profile) => planSession(library, listing, profile)));

const measured: Measured = {
  papers: index.liveCount,
  indexLoadMs,
  search: percentiles(search),
  miniSearch,
  recommend: percentiles(recommendations),
  similar: percentiles(similar),
  wholeLists,
  plan: { p50: plans.p50, max: plans.max, papers: listing.paperCount },
};
library.close();
console.log(JSON.stringify(measured));

/** The mean share of each exact list that the approximate one has too. */
function recall(approximate: number[][], exact: number[][]): number {
  const shares = exact.map((ids, i) => (ids.length === 0 ? 1 : ids.filter((id) => approximate[i].includes(id)).length / ids.length));
  return shares.reduce((a, b) => a + b, 0) / shares.length;
}

function percentiles(samples: number[]): { p50: number; p99: number } {
  const { p50, p99 } = summarize(samples);
  return { p50, p99 };
}

/** Every item timed `rounds` times after one warm-up pass; the samples of all rounds. */
function timeRounds<T>(items: readonly T[], run: (item: T) => unknown, rounds = ROUNDS): number[] {
  items.forEach(run);
  return Array.from({ length: rounds }, () => timeEach(items, run)).flat();
}
