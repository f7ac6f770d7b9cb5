// One size of bench:scale, in a process of its own so its peak memory is its own:
//
//   node --import tsx bench/scale-ingest.ts CORPUS_DIR LIBRARY
//
// ingests the corpus into a fresh library, then measures the storage floor of the same rows
// (storage-floor.ts) right after, on the same machine load; prints one JSON line (IngestTimes).
import fs from 'node:fs';
import path from 'node:path';
import { Library } from '../src/library/library.ts';
import { ingestPaths } from '../src/actions/ingest.ts';
import { storageFloor } from './storage-floor.ts';

export interface IngestTimes {
  papersRead: number;
  papersStored: number;
  versionLinks: number;
  failures: number;
  seconds: number;
  /** Null where a run could not take it. */
  cpuSeconds: number | null;
  bytes: number;
  peakRssMiB: number | null;
  floorSeconds: number | null;
}

const [corpus, target] = process.argv.slice(2);
if (!corpus || !target) throw new Error('usage: scale-ingest.ts CORPUS_DIR LIBRARY');
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
const started = performance.now();
const cpu = process.cpuUsage();
const library = Library.open(target);
const report = await ingestPaths(library, [corpus]);
library.db.pragma('wal_checkpoint(TRUNCATE)');
const seconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
const stats = library.stats();
library.close();
const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
for (const failure of report.failures) console.error(`failed: ${failure.file}: ${failure.message}`);
const times: IngestTimes = {
  papersRead: report.outcomes.reduce((sum, outcome) => sum + outcome.listing.paperCount, 0),
  papersStored: stats.papers,
  versionLinks: stats.possibleDuplicates,
  failures: report.failures.length,
  seconds,
  cpuSeconds: (used.user + used.system) / 1e6,
  bytes: stats.bytes,
  peakRssMiB,
  floorSeconds: storageFloor(target, path.join(path.dirname(target), `${path.basename(target, '.db')}-floor.db`)),
};
console.log(JSON.stringify(times));
