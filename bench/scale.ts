// bench:scale — how paperscout's costs grow with the library: for each size, a corpus recombined
// from the paperlists corpus (bench:scale-data), ingested into a library of its own, indexed for
// engine v2, then measured: search, recommend, similar papers, the planner, a server under 1,000
// mixed requests, and the CLI's cold start. One table, a column per size.
//
//   npm run bench:scale [-- --sizes 95000,300000,1000000] [--reuse] [--seed S] [--print] [--search-only 1000000]
//
// Libraries and corpora stay in artifacts/bench/scale/. --reuse keeps a size's library and its
// index (and their measured ingest and build) when they are there: a million papers take a
// quarter of an hour to ingest and index. Each size's measures are kept in scale-N.result.json;
// --print prints the table of those kept, measuring nothing. --search-only SIZES ingests those
// sizes and measures search and the cold start only, without building their feature index (on
// a machine too loaded to build a million papers' index in the time there is). --reuse-measures
// also keeps the in-process measures (search, recommend, similar, planner: scale-N.measure.json)
// and runs only the server and the cold start again. --no-minisearch leaves MiniSearch out (its
// index of 300,000 papers takes most of the measuring time on a loaded machine). Each step runs in a child process, so each peak RSS
// is the step's own; the storage floor of the ingest is measured in the ingest's process, right
// after it, so the ratio of the two sees the same load from the other processes on the machine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Library } from '../src/library/library.ts';
import { table } from '../src/cli/format.ts';
import { artifactsDir, repoRoot } from './paths.ts';
import { DEFAULT_SEED, scaleCorpusDir } from './scale-corpus.ts';
import type { IngestTimes } from './scale-ingest.ts';
import type { IndexTimes } from './relevance-build.ts';
import type { Measured } from './scale-measure.ts';
import { benchProfiles } from './bench-profiles.ts';
import { generateQueries, searchPath, urlQuery } from './search-queries.ts';
import { startServerProcess } from './server-process.ts';
import { ensureCliBuild, timeProcesses } from './cold-start.ts';
import { round2, summarize } from './measure.ts';

const { values: args } = parseArgs({ options: { sizes: { type: 'string' }, reuse: { type: 'boolean' }, seed: { type: 'string' }, print: { type: 'boolean' }, 'search-only': { type: 'string' }, 'reuse-measures': { type: 'boolean' }, 'no-minisearch': { type: 'boolean' } } });
const sizes = (args.sizes ?? '95000,300000,1000000').split(',').map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 2000)) throw new Error('--sizes: comma-separated whole numbers of papers, each at least 2000');
const seed = args.seed === undefined ? DEFAULT_SEED : Number(args.seed);
/** MiniSearch's index of 300,000 papers takes about 4 GiB of heap; beyond, it would not fit beside the others' work. */
const MINISEARCH_UP_TO = 300_000;
const SERVER_REQUESTS = 1000;
const SERVER_CONNECTIONS = 4;
const COLD_RUNS = 10;
const PROFILE = 'scale-20';
const PLANNED_LISTING = 'eccv2022.json';
const dir = path.join(artifactsDir, 'scale');
const TARGETS_1M = {
  searchP99: 100,
  recommendP50: 300,
  recommendP99: 1000,
  similarP50: 100,
  serverRssMiB: 4096,
  buildMinutes: 15,
  ingestRateShare: 0.7,
  coldMs: 300,
  floorRatio95k: 1.5,
};

interface ServerTimes {
  startRssMiB: number;
  afterRssMiB: number;
  peakRssMiB: number;
  seconds: number;
  failed: number;
}

interface SizeResult {
  size: number;
  ingest: IngestTimes;
  /** Null for a size measured --search-only. */
  index: IndexTimes | null;
  measured: Measured;
  server: ServerTimes | null;
  cold: { p50: number; floorP50: number };
  /** The 1-minute load average before each step. */
  load: Record<string, number>;
}

fs.mkdirSync(dir, { recursive: true });
const results: SizeResult[] = [];
if (args.print) {
  for (const size of sizes) results.push(JSON.parse(fs.readFileSync(path.join(dir, `scale-${size}.result.json`), 'utf8')) as SizeResult);
} else {
  ensureCliBuild();
  for (const size of sizes) results.push(await runSize(size));
}
printTable(results);

async function runSize(size: number): Promise<SizeResult> {
  const load: Record<string, number> = {};
  const note = (step: string) => {
    load[step] = os.loadavg()[0];
    console.log(`${size}: ${step} (load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')})`);
  };
  const corpus = scaleCorpusDir(size, seed);
  const file = path.join(dir, `scale-${size}.db`);
  const kept = path.join(dir, `scale-${size}.json`);
  const reused = args.reuse && fs.existsSync(file) && fs.existsSync(kept) ? (JSON.parse(fs.readFileSync(kept, 'utf8')) as Pick<SizeResult, 'ingest' | 'index' | 'load'>) : undefined;
  const searchOnly = (args['search-only'] ?? '').split(',').map(Number).includes(size);
  let ingest: IngestTimes;
  let index: IndexTimes | null;
  if (reused) {
    ({ ingest, index } = reused);
    Object.assign(load, reused.load);
  } else {
    if (!fs.existsSync(corpus)) {
      note('corpus');
      child('scale-data.ts', ['--papers', String(size), '--seed', String(seed)], 'inherit');
    }
    note('ingest');
    // The storage floor holds every row of the library in memory: 4 GiB of heap is too little for a million papers.
    ingest = JSON.parse(child('scale-ingest.ts', [corpus, file], 'inherit', ['--max-old-space-size=16384'])) as IngestTimes;
    note('index');
    index = searchOnly ? null : (JSON.parse(child('relevance-build.ts', ['index', file], 'inherit', ['--max-old-space-size=16384'])) as IndexTimes);
    fs.writeFileSync(kept, JSON.stringify({ ingest, index, load }));
  }
  note('measure');
  const flag = searchOnly ? ['--search-only'] : size <= MINISEARCH_UP_TO && !args['no-minisearch'] ? ['--minisearch'] : [];
  const keptMeasures = path.join(dir, `scale-${size}.measure.json`);
  const measured = (
    args['reuse-measures'] && fs.existsSync(keptMeasures)
      ? JSON.parse(fs.readFileSync(keptMeasures, 'utf8'))
      : JSON.parse(child('scale-measure.ts', [file, ...flag], 'pipe', ['--max-old-space-size=12288']))
  ) as Measured;
  fs.writeFileSync(keptMeasures, JSON.stringify(measured));
  note('server');
  const { paths, query } = serverMix(file);
  const server = searchOnly ? null : await serve(file, paths);
  note('cold start');
  const cold = await coldStart(file, query);
  const result = { size, ingest, index, measured, server, cold, load };
  fs.writeFileSync(path.join(dir, `scale-${size}.result.json`), JSON.stringify(result));
  return result;
}

function child(script: string, scriptArgs: string[], stderr: 'pipe' | 'inherit' = 'inherit', nodeFlags: string[] = []): string {
  return execFileSync(process.execPath, [...nodeFlags, '--import', 'tsx', path.join(import.meta.dirname, script), ...scriptArgs], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', stderr],
  });
}

/**
 * The server's 1,000 requests, rotated through: 60% searches (the query mix of the first 20,000
 * papers), 15% paper pages, 15% their similar papers, 8% recommendations for a 20-paper profile,
 * 2% session plans of the 1,645-paper listing. Makes the profile the requests name.
 */
function serverMix(file: string): { paths: string[]; query: string[] } {
  const library = Library.open(file);
  try {
    const sample = library.papers({}, { limit: 20_000 }).papers;
    const queries = generateQueries(sample);
    library.deleteProfile(PROFILE);
    library.createProfile(PROFILE);
    const [authorProfile] = benchProfiles(library, 1, [], 20);
    library.addAuthorPapersToProfile(library.profile(PROFILE)!, authorProfile.paperIds);
    const ids = library.paperIds({});
    const pageIds = Array.from({ length: 150 }, (_, i) => ids[(i * 7919) % ids.length]);
    const paths = Array.from({ length: SERVER_REQUESTS }, (_, i) => {
      const slot = i % 100;
      if (slot < 60) return searchPath(queries[i % queries.length]);
      if (slot < 75) return `/api/papers/${pageIds[i % pageIds.length]}`;
      if (slot < 90) return `/api/papers/${pageIds[i % pageIds.length]}/similar?limit=8`;
      if (slot < 98) return `/api/profiles/${PROFILE}/recommendations?limit=20`;
      return `/api/session-plan?${urlQuery({ listing: PLANNED_LISTING, profile: PROFILE })}`;
    });
    const q = queries.find((query) => Object.keys(query.filter).length === 0)!;
    return { paths, query: ['search', q.text, '--limit', '10'] };
  } finally {
    library.close();
  }
}

async function serve(file: string, paths: readonly string[]): Promise<ServerTimes> {
  const server = await startServerProcess(file);
  try {
    const startRssMiB = server.memory()?.rssMiB ?? NaN;
    const started = performance.now();
    let next = 0;
    let failed = 0;
    const connection = async () => {
      while (next < paths.length) {
        const response = await fetch(new URL(paths[next++], server.url), { signal: AbortSignal.timeout(300_000) });
        await response.arrayBuffer();
        if (!response.ok) failed++;
      }
    };
    await Promise.all(Array.from({ length: SERVER_CONNECTIONS }, connection));
    const memory = server.memory();
    return { startRssMiB, afterRssMiB: memory?.rssMiB ?? NaN, peakRssMiB: memory?.peakMiB ?? NaN, seconds: (performance.now() - started) / 1000, failed };
  } finally {
    await server.stop();
  }
}

/** The compiled CLI's search, to its first byte on stdout, alternating with `node -e 0`. */
async function coldStart(file: string, query: string[]): Promise<SizeResult['cold']> {
  const cli = { command: process.execPath, args: ['bin/paperscout.js', '--db', file, ...query] };
  const floor = { command: process.execPath, args: ['-e', '0'] };
  const timings = await timeProcesses(Array.from({ length: COLD_RUNS }, () => [cli, floor]).flat(), repoRoot);
  const p50 = (odd: number) => summarize(timings.filter((_, i) => i % 2 === odd).map((t) => t.firstByteMs)).p50;
  return { p50: p50(0), floorP50: p50(1) };
}

/** A figure a run could not take (null in a kept result: the 1M storage floor ran out of heap before --max-old-space-size). */
function known(value: number | null, show: (value: number) => number): number | string {
  return value === null ? 'not measured' : show(value);
}

/** wholeLists is missing from measures kept before bench:scale measured it. */
type Ranked = Required<Omit<Measured, "wholeLists">> & Pick<Measured, "wholeLists">;

/** A figure of the engine's, 'not measured' for a size measured --search-only. */
function ranked(r: SizeResult, show: (measured: Ranked, index: IndexTimes) => number | string): number | string {
  return r.index && r.measured.recommend ? show(r.measured as Ranked, r.index) : 'not measured';
}

function served(r: SizeResult, show: (server: ServerTimes) => number | string): number | string {
  return r.server ? show(r.server) : 'not measured';
}

function printTable(all: readonly SizeResult[]): void {
  const s = (ms: number) => round2(ms / 1000);
  const pair = (a: number, b: number) => `${round2(a)} / ${round2(b)}`;
  const rate = (r: SizeResult) => r.ingest.papersRead / r.ingest.seconds;
  const first = all[0];
  const rows: [string, (r: SizeResult) => string | number, string][] = [
    ['papers read / stored', (r) => `${r.ingest.papersRead} / ${r.ingest.papersStored}`, ''],
    ['possible-duplicate links', (r) => r.ingest.versionLinks, ''],
    ['ingest: papers/s (read, end to end)', (r) => Math.round(rate(r)), `≥ 0.7× the first size's (${Math.round(rate(first) * TARGETS_1M.ingestRateShare)})`],
    ['ingest: papers/s vs the first size', (r) => round2(rate(r) / rate(first)), `≥ ${TARGETS_1M.ingestRateShare}`],
    ['ingest: CPU s / wall s', (r) => `${known(r.ingest.cpuSeconds, round2)} / ${round2(r.ingest.seconds)}`, ''],
    ['ingest: papers per CPU second', (r) => known(r.ingest.cpuSeconds, (cpu) => Math.round(r.ingest.papersRead / cpu)), ''],
    ['storage floor: papers/s', (r) => known(r.ingest.floorSeconds, (floor) => Math.round(r.ingest.papersRead / floor)), ''],
    ['ingest time / storage floor time', (r) => known(r.ingest.floorSeconds, (floor) => round2(r.ingest.seconds / floor)), `≤ ${TARGETS_1M.floorRatio95k} at 95k`],
    ['ingest peak RSS (MiB)', (r) => known(r.ingest.peakRssMiB, (x) => x), ''],
    ['database size (MiB)', (r) => Math.round(r.ingest.bytes / 2 ** 20), ''],
    ['model (feature index) build (s)', (r) => ranked(r, (m, index) => s(index.indexMs)), `≤ ${TARGETS_1M.buildMinutes * 60}`],
    ['  its CPU time (s) / peak RSS (MiB)', (r) => ranked(r, (m, index) => `${s(index.cpuMs)} / ${index.peakRssMiB}`), ''],
    ['  stored index (MiB) / load (s)', (r) => ranked(r, (m, index) => `${index.storedMiB} / ${s(m.indexLoadMs)}`), ''],
    ['search p50 / p99 (ms)', (r) => pair(r.measured.search.p50, r.measured.search.p99), `p99 ≤ ${TARGETS_1M.searchP99}`],
    ['MiniSearch p50 / p99 (ms)', (r) => (r.measured.miniSearch ? pair(r.measured.miniSearch.p50, r.measured.miniSearch.p99) : 'not run'), ''],
    ['  paperscout p50 / MiniSearch p50', (r) => (r.measured.miniSearch ? round2(r.measured.search.p50 / r.measured.miniSearch.p50) : ''), ''],
    ['recommend, whole library, p50 / p99 (ms)', (r) => ranked(r, (m) => pair(m.recommend.p50, m.recommend.p99)), `p50 ≤ ${TARGETS_1M.recommendP50}, p99 ≤ ${TARGETS_1M.recommendP99}`],
    ['similar p50 / p99 (ms)', (r) => ranked(r, (m) => pair(m.similar.p50, m.similar.p99)), `p50 ≤ ${TARGETS_1M.similarP50}`],
    ['  with whole postings lists: recommend p50 / p99 (ms)', (r) => ranked(r, (m) => (m.wholeLists ? pair(m.wholeLists.recommend.p50, m.wholeLists.recommend.p99) : 'not measured')), ''],
    ['  with whole postings lists: similar p50 / p99 (ms)', (r) => ranked(r, (m) => (m.wholeLists ? pair(m.wholeLists.similar.p50, m.wholeLists.similar.p99) : 'not measured')), ''],
    ['  heads\' top 10 recall of whole lists\' top 10: recommend / similar', (r) => ranked(r, (m) => (m.wholeLists ? pair(m.wholeLists.recommendRecall, m.wholeLists.similarRecall) : 'not measured')), ''],
    ['planner, 1,645-paper listing, p50 / max (ms)', (r) => ranked(r, (m) => pair(m.plan.p50, m.plan.max)), ''],
    ['server RSS after start (MiB)', (r) => served(r, (server) => server.startRssMiB), ''],
    [`server RSS after ${SERVER_REQUESTS} mixed requests / peak (MiB)`, (r) => served(r, (server) => `${server.afterRssMiB} / ${server.peakRssMiB}`), `≤ ${TARGETS_1M.serverRssMiB}`],
    [`  ${SERVER_REQUESTS} requests, ${SERVER_CONNECTIONS} connections (s) / failed`, (r) => served(r, (server) => `${round2(server.seconds)} / ${server.failed}`), ''],
    ['cold start to first result p50 (ms; CLI search)', (r) => round2(r.cold.p50), `≤ ${TARGETS_1M.coldMs}`],
    ['  `node -e 0` p50 (ms)', (r) => round2(r.cold.floorP50), ''],
    ['load average before ingest / index / measure / server', (r) => ['ingest', 'index', 'measure', 'server'].map((step) => r.load[step]?.toFixed(1) ?? '-').join(' / '), ''],
  ];
  const growth = (row: (r: SizeResult) => string | number) => {
    const [a, b] = [row(first), row(all[all.length - 1])].map((v) => (typeof v === 'number' ? v : Number(String(v).split(' / ').at(-1))));
    return all.length > 1 && a > 0 && Number.isFinite(b) ? `${round2(b / a)}×` : '';
  };
  const last = all[all.length - 1];
  console.log(`\nbench:scale, seed ${seed}; ${os.cpus().length} cores; growth: last size over first (papers ×${round2(last.size / first.size)}), of the last figure in a cell`);
  console.log(table(['measure', ...all.map((r) => r.size.toLocaleString('en')), 'growth', 'target at 1M'], rows.map(([name, value, target]) => [name, ...all.map(value), growth(value), target])));
}
