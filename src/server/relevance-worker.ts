// The relevance engine in its own thread, over its own connection to the library, so ranking
// (up to a second on a large library, minutes while the model is first learned) never stalls
// the server's other requests. It warms the engine's index as soon as it starts.
import { workerData } from 'node:worker_threads';
import { Library } from '../library/library.ts';
import { libraryIndex, recommend, similarPapers } from '../actions/recommend.ts';
import { answerRequests } from '../threads.ts';
import { planSession } from '../actions/plan-session.ts';
import type { RelevanceQuery, RelevanceResult } from './relevance.ts';

const library = Library.open((workerData as { dbFile: string }).dbFile);

answerRequests<RelevanceQuery, RelevanceResult>((query) => {
  switch (query.kind) {
    case 'recommend':
      return recommend(library, query.profile, query.filter, query.limit);
    case 'similar':
      return similarPapers(library, query.target, query.limit);
    case 'plan':
      return planSession(library, query.listing, query.profile);
  }
});

// Requests wait in the message queue while the index is built.
setImmediate(() => libraryIndex(library));
