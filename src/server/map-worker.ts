// The server's map reader thread, over its own connection to the library: reading a map afresh
// takes a second at 95,000 papers on a server just started, and more at a million, which no
// other request should wait for. Answers with the map and its points already encoded
// (src/map-points.ts), moved to the asking thread rather than copied.
import { workerData } from 'node:worker_threads';
import { Library } from '../library/library.ts';
import { encodedLibraryMap, type EncodedLibraryMap } from '../actions/map-reading.ts';
import { answerRequests } from '../threads.ts';

const library = Library.open((workerData as { dbFile: string }).dbFile);

answerRequests<null, EncodedLibraryMap>(
  () => encodedLibraryMap(library),
  ({ body }) => [body],
);
