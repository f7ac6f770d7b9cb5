// bench:digest — the daily loop on the library of all paperlists papers (bench:ingest builds it):
// 2,000 new papers fetched from a replayed source, ingested and put in a digest, then 500 more.
//
//   npm run bench:digest
//
// The new papers are bench:scale-data's recombination of the corpus (a seed of its own, so they
// are new to the library but read like its papers), served as one paperlists JSON page by a local
// server, and fetched through a `page` source as any fetch is. The profile is the 20 best search
// hits of a topic. Printed: each step's time, a digest's time over the new papers as a preview
// (nothing recorded, so it can be timed again) and recorded, a repeat fetch (a 304), and as a peer
// measured in the same run, the profile's recommendations over the whole library.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Library } from '../src/library/library.ts';
import { libraryFeatures } from '../src/actions/library-features.ts';
import { addSource } from '../src/actions/sources.ts';
import { fetchSources } from '../src/actions/fetch.ts';
import { digest } from '../src/actions/digest.ts';
import { recommend } from '../src/actions/recommend.ts';
import { findProfile } from '../src/actions/profile.ts';
import { table } from '../src/cli/format.ts';
import { summarize, timeEach, round2 } from './measure.ts';
import { artifactsDir, paperlistsDir, paperlistsLibrary, repoRoot } from './paths.ts';
import { writeScaleCorpus } from './scale-corpus.ts';

const NEW_PAPERS = [2000, 500];
const PROFILE_SIZE = 20;
const PROFILE_TOPIC = 'reinforcement learning exploration';
const ROUNDS = 5;
// Not bench:scale's seed: these papers must not be ones a scale library already has.
const SEED = 16;

if (!fs.existsSync(paperlistsLibrary)) throw new Error(`no ${path.relative(repoRoot, paperlistsLibrary)}: run \`npm run bench:ingest\` first`);
const scratch = path.join(artifactsDir, 'digest.db');
fs.mkdirSync(artifactsDir, { recursive: true });
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(scratch + suffix, { force: true });
fs.copyFileSync(paperlistsLibrary, scratch);

// The new papers, in two pages: one per fetch.
const corpusDir = path.join(artifactsDir, 'digest-corpus');
writeScaleCorpus(paperlistsDir, corpusDir, NEW_PAPERS[0] + NEW_PAPERS[1], SEED);
const entries = fs
  .readdirSync(corpusDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.json'))
  .sort()
  .flatMap((file) => JSON.parse(fs.readFileSync(path.join(corpusDir, file), 'utf8')) as unknown[]);
const pages = [entries.slice(0, NEW_PAPERS[0]), entries.slice(NEW_PAPERS[0], NEW_PAPERS[0] + NEW_PAPERS[1])].map((page) => JSON.stringify(page));
let served = 0;
const server = http.createServer((request, response) => {
  const etag = `"page-${served}"`;
  if (request.headers['if-none-match'] === etag) return response.writeHead(304).end();
  response.writeHead(200, { 'content-type': 'application/json', etag }).end(pages[served]);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}/papers.json`;

const library = Library.open(scratch);
const load = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const rows: (string | number)[][] = [];
const timed = async <T>(step: string, run: () => T | Promise<T>, note = ''): Promise<T> => {
  const started = performance.now();
  const value = await run();
  rows.push([step, round2(performance.now() - started), note]);
  return value;
};
try {
  const loadBefore = load();
  const papersBefore = library.revisionState().papers;
  await timed('index the library (stored already by other benchmarks, or built now)', () => libraryFeatures(library));
  library.createProfile('bench');
  const ids = library.search(PROFILE_TOPIC, {}, { limit: PROFILE_SIZE }).hits.map((hit) => hit.paper.id);
  library.addAuthorPapersToProfile(findProfile(library, 'bench'), ids);
  const profile = findProfile(library, 'bench');
  await timed('first digest (the whole library)', () => digest(library, 'bench', {}));
  addSource(library, 'replayed', 'page', { url });

  for (const [round, count] of NEW_PAPERS.entries()) {
    served = round;
    const [report] = await timed(`fetch + ingest ${count} new papers`, () => fetchSources(library, ['replayed']));
    if (report.status !== 'added') throw new Error(`the replayed fetch was ${report.status}: ${report.message}`);
    const note = `${report.outcome!.added ? report.outcome!.newPapers : 0} new`;
    rows[rows.length - 1][2] = note;
    await timed(`first digest preview of them (indexes them first)`, () => digest(library, 'bench', { record: false }));
    const previews = summarize(timeEach(Array.from({ length: ROUNDS }), () => digest(library, 'bench', { record: false })));
    rows.push([`digest preview of ${count} new papers, p50 of ${ROUNDS}`, round2(previews.p50), count === 500 ? `target ≤ 1000 ms` : '']);
    const made = await timed(`digest of ${count} new papers, recorded`, () => digest(library, 'bench', {}));
    rows[rows.length - 1][2] = `${made.entries.length} shown of ${made.candidates} new`;
  }
  const [again] = await timed('fetch again (unchanged: a 304)', () => fetchSources(library, ['replayed']));
  rows[rows.length - 1][2] = again.status;
  const peer = summarize(timeEach(Array.from({ length: ROUNDS }), () => recommend(library, profile, {}, 20)));
  rows.push([`peer: recommend over the whole library, p50 of ${ROUNDS}`, round2(peer.p50), `${library.revisionState().papers} papers`]);
  console.log(`bench:digest: ${papersBefore} papers in the library, a ${PROFILE_SIZE}-paper profile ("${PROFILE_TOPIC}"); load before ${loadBefore}, after ${load()}`);
  console.log(table(['step', 'ms', ''], rows));
} finally {
  library.close();
  server.close();
}
