// The costs of recommendations a user meets in a fresh process, on a scratch copy of a library:
//
//   node --import tsx bench/relevance-build.ts index LIBRARY
//     indexing every paper from scratch (what the first use of an old library costs), stored;
//   node --import tsx bench/relevance-build.ts first LIBRARY PROFILE_IDS
//     the first recommend of a new process: loading the stored index, indexing what was
//     ingested since, ranking the whole library for a profile (ids comma-separated).
//
// Each prints one JSON line (IndexTimes or FirstTimes).
import { Library } from '../src/library/library.ts';
import { rebuildLibraryFeatures } from '../src/actions/library-features.ts';
import { recommend } from '../src/actions/recommend.ts';

export interface IndexTimes {
  papers: number;
  indexMs: number;
  /** Its CPU time, which other processes on the machine inflate less than wall time. */
  cpuMs: number;
  storedMiB: number;
  peakRssMiB: number;
}

export interface FirstTimes {
  papersBefore: number;
  papersAfter: number;
  firstRecommendMs: number;
}

const since = (start: number) => performance.now() - start;
const [mode, file, profileIds] = process.argv.slice(2);
if (!file || (mode !== 'index' && mode !== 'first')) throw new Error('usage: relevance-build.ts index|first LIBRARY [PROFILE_IDS]');
const library = Library.open(file);
try {
  if (mode === 'index') {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const index = rebuildLibraryFeatures(library);
    const used = process.cpuUsage(cpu);
    const stored = library.db
      .prepare<[], { bytes: number }>(
        "SELECT (SELECT sum(length(data)) FROM models WHERE name LIKE 'features-%') + (SELECT coalesce(sum(length(data)), 0) FROM model_parts WHERE name LIKE 'features-%') AS bytes",
      )
      .get()!;
    const times: IndexTimes = {
      papers: index.liveCount,
      indexMs: since(started),
      cpuMs: (used.user + used.system) / 1000,
      storedMiB: Math.round(stored.bytes / 2 ** 20),
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    console.log(JSON.stringify(times));
  } else {
    const paperIds = profileIds.split(',').map(Number);
    const stored = library.savedModel(library.db.prepare<[], { name: string }>("SELECT name FROM models WHERE name LIKE 'features-%'").get()!.name)!;
    const started = performance.now();
    recommend(library, { id: 0, name: 'bench', createdAt: '', paperIds, ratings: {} }, {}, 10);
    const times: FirstTimes = {
      papersBefore: Number(/(\d+) papers/.exec(stored.fingerprint)?.[1]),
      papersAfter: library.revisionState().papers,
      firstRecommendMs: since(started),
    };
    console.log(JSON.stringify(times));
  }
} finally {
  library.close();
}
