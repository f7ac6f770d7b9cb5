// The server's map reader thread, over its own connection to the library: reading a map takes
// a third of a second at 95,000 papers and seconds at a million, which no other request should
// wait for. Answers with the map and its points already encoded (src/map-points.ts).
import { workerData } from 'node:worker_threads';
import { Library } from '../library/library.ts';
import { libraryMap } from '../actions/map-reading.ts';
import { encodeMapPoints } from '../map-points.ts';
import { answerRequests } from '../threads.ts';
import type { MapRead } from './map-reader.ts';

const library = Library.open((workerData as { dbFile: string }).dbFile);

answerRequests<null, MapRead>(
  () => {
    // Points, labels, regions and summary from one snapshot, never half of a layout being replaced.
    const map = library.snapshot(() => libraryMap(library));
    return { map, body: encodeMapPoints(map.points) };
  },
  ({ body }) => [body],
);
