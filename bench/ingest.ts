// bench:ingest — ingests all of ../shared/corpora/paperlists into a fresh library and prints
// throughput, database size and peak memory. The library is kept for the other benchmarks.
// Its peer, measured in the same run, is the storage floor: the rows the ingest stored, written
// again into a fresh library of the same schema with nothing else to do.
import fs from 'node:fs';
import path from 'node:path';
import { Library } from '../src/library/library.ts';
import { ingestPaths } from '../src/actions/ingest.ts';
import { artifactsDir, paperlistsDir, paperlistsLibrary } from './paths.ts';
import { table } from '../src/cli/format.ts';
import { STORAGE_FLOOR, storageFloor } from './storage-floor.ts';

// `--db FILE` builds elsewhere, e.g. while other benchmarks use the shared library.
const dbFlag = process.argv.indexOf('--db');
const target = dbFlag > 0 ? process.argv[dbFlag + 1] : paperlistsLibrary;
fs.mkdirSync(artifactsDir, { recursive: true });
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(target + suffix, { force: true });

const started = process.hrtime.bigint();
const library = Library.open(target);
const report = await ingestPaths(library, [paperlistsDir]);
library.db.pragma('wal_checkpoint(TRUNCATE)');
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const stats = library.stats();
library.close();

const peakRss = Math.round(process.resourceUsage().maxRSS / 1024);
const floorSeconds = storageFloor(target, path.join(path.dirname(target), 'storage-floor.db'));

const papersRead = report.outcomes.reduce((sum, outcome) => sum + outcome.listing.paperCount, 0);
console.log(
  table(
    ['measure', 'value'],
    [
      ['files ingested', report.outcomes.length],
      ['files failed', report.failures.length],
      ['papers read', papersRead],
      ['papers stored (after de-duplication)', stats.papers],
      ['possible-duplicate links', stats.possibleDuplicates],
      ['time (s)', Number(seconds.toFixed(2))],
      ['papers/s (read, end to end)', Math.round(papersRead / seconds)],
      ['database size (MiB)', Number((stats.bytes / 1048576).toFixed(1))],
      ['peak RSS (MiB)', peakRss],
      ['storage floor: time (s)', Number(floorSeconds.toFixed(2))],
      ['storage floor: papers/s (read)', Math.round(papersRead / floorSeconds)],
    ],
  ),
);
console.log(`\nstorage floor: ${STORAGE_FLOOR}`);
for (const failure of report.failures) console.error(`failed: ${failure.file}: ${failure.message}`);
