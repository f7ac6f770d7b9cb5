// The relevance engine in its own thread, over its own connection to the library, so ranking
// (a tenth of a second on a large library) never stalls the server's other requests. New
// papers are indexed here in the background, a batch at a time between requests.
import { workerData } from 'node:worker_threads';
import { Library } from '../library/library.ts';
import { recommend, similarPapers } from '../actions/recommend.ts';
import { updateFeaturesInBackground } from '../actions/library-features.ts';
import { answerRequests } from '../threads.ts';
import { planSession } from '../actions/plan-session.ts';
import { searchForProfile } from '../actions/search.ts';
import { profileTopics } from '../actions/topics.ts';
import type { RelevanceQuery, RelevanceResult } from './relevance.ts';

const library = Library.open((workerData as { dbFile: string }).dbFile);

answerRequests<RelevanceQuery, RelevanceResult>((query) => {
  switch (query.kind) {
    case 'recommend':
      return recommend(library, query.profile, query.filter, query.limit, query.options);
    case 'similar':
      return similarPapers(library, query.target, query.limit);
    case 'plan':
      return planSession(library, query.listing, query.profile);
    case 'search':
      return searchForProfile(library, query.profile, query.query, query.filter, query.page);
    case 'topics':
      return profileTopics(library, query.profile);
  }
});

/**
 * The upkeep below starts this long after the thread does. The first seconds of a server are its
 * first visitor's (the browser opened with it loads the app, a page and its data), and the
 * upkeep's start is its heaviest part: loading the background model and the stored index takes
 * about a second of CPU at 95,000 papers, which on two cores a first page would wait for. A
 * request that needs the index before then loads it itself.
 */
const UPKEEP_AFTER_MS = 3000;

setTimeout(() => {
  // Papers added by uploads (or by another paperscout) are indexed between requests.
  updateFeaturesInBackground(library);
  // And once they are, the library map is laid out, or its new papers placed. Loaded after the
  // worker answers: its layout libraries (umap-js, ml-kmeans) take a while to load, and no request needs them.
  void import('../actions/library-map.ts').then(({ updateMapInBackground }) => updateMapInBackground(library));
}, UPKEEP_AFTER_MS);
