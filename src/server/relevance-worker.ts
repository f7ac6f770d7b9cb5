// The relevance engine in its own thread, over its own connection to the library, so ranking
// (up to a second on a large library, minutes while the model is first learned) never stalls
// the server's other requests. It warms the engine's index as soon as it starts.
import { parentPort, workerData } from 'node:worker_threads';
import { Library } from '../library/library.ts';
import { libraryIndex, recommend, similarPapers } from '../engine/recommend.ts';
import { ProfileError } from '../engine/errors.ts';
import type { RelevanceRequest, RelevanceResponse } from './relevance.ts';

const library = Library.open((workerData as { dbFile: string }).dbFile);

function answer(request: RelevanceRequest): RelevanceResponse['result'] {
  if (request.kind === 'recommend') return recommend(library, request.profile, request.filter, request.limit);
  return similarPapers(library, request.target, request.limit);
}

parentPort!.on('message', (request: RelevanceRequest) => {
  let response: RelevanceResponse;
  try {
    response = { id: request.id, result: answer(request) };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    response = { id: request.id, error: { name: error instanceof ProfileError ? 'ProfileError' : 'Error', message: failure.message, stack: failure.stack } };
  }
  parentPort!.postMessage(response);
});

// Requests wait in the message queue while the index is built.
setImmediate(() => libraryIndex(library));
