// bench:faults — the long checks of issue 11, against the real CLI and the real server as child
// processes, over the paperlists corpus: a full ingest killed (SIGKILL) at ten moments, concurrent
// ingests into one library, the web app's writes during a CLI ingest, and searches while listings
// are uploaded through the API. Prints one table of checks with what was measured and the target.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { expandPaths } from '../src/library/files.ts';
import { Library } from '../src/library/library.ts';
import { table } from '../src/cli/format.ts';
import type { ListingReport, ProfileAdded, ProfileSummary } from '../src/server/schemas.ts';
import { artifactsDir, paperlistsDir, repoRoot } from './paths.ts';
import { crashLines, runCli, startCli, type CliRun } from './cli-process.ts';
import { checkLibrary, differingTables, digestLibrary, libraryTotals, papersCommitted, type LibraryCheck, type Totals } from './library-checks.ts';
import { measureCpu, startServerProcess, untilIdle, type CpuUse, type ServerProcess } from './server-process.ts';
import { generateQueries, searchPath } from './search-queries.ts';
import { round2, summarize } from './measure.ts';
import type { LoopLag } from './serve-library.ts';

const KILL_MOMENTS = 10;
/** How often the progress of an ingest to be killed is read from its library. */
const KILL_POLL_MS = 20;
const CONCURRENT_INGESTS = [2, 4];
/** In the library before the server starts, for the web app to rate and to make profiles from. */
const SEED_FILES = 3;
/** Uploaded through the API under search load: the largest files of the corpus, 1 MB and more each. */
const UPLOAD_VENUE = 'iros';
/** Browser tabs writing at once during the CLI ingest, each pausing this long between writes, as a person clicking would. */
const WEB_USERS = 2;
const THINK_MS = 100;
/** The web app's policy for a write answered 503 (src/web/api.ts): sent again after Retry-After, this many times. */
const BUSY_RETRIES = 20;
/**
 * Searches at a steady rate, well under what the server serves on this machine with nothing
 * else to do (bench:server), so their latency shows how long the uploads hold them up rather
 * than how long a saturating load queues.
 */
const SEARCH_LOAD = { connections: 4, requestsPerSecond: 100 };
/** Searches with no uploads, before and after them, for comparison. */
const SEARCH_ALONE_S = 5;
const TARGET = { searchP99Ms: 100, searchMaxMs: 500, loopLagP99Ms: 50 };
const IDLE_TIMEOUT_MS = 300_000;
/** Longer than any search should take even queued, so slowness shows as latency, not as errors. */
const SEARCH_TIMEOUT_S = 30;

const faultsDir = path.join(artifactsDir, 'faults');

interface Row {
  part: string;
  check: string;
  measured: string;
  target: string;
  /** Undefined for what is reported without a target. */
  pass?: boolean;
}

const rows: Row[] = [];
const report = (part: string, check: string, measured: string, target = '', pass?: boolean) => rows.push({ part, check, measured, target, pass });

const count = (n: number) => n.toLocaleString('en-US');
const ms = (value: number) => `${Math.round(value)} ms`;
const seconds = (value: number) => `${round2(value / 1000)} s`;
const describeTotals = (t: Totals) => `${count(t.listings)} listings, ${count(t.papers)} papers, ${count(t.appearances)} appearances`;

const files = expandPaths([paperlistsDir]).files.filter((file) => file.endsWith('.json'));
const args = (part: readonly string[]) => ['ingest', ...part.map((file) => path.relative(repoRoot, file))];
fs.mkdirSync(faultsDir, { recursive: true });
const started = performance.now();
console.log(`corpus: ${files.length} files of ${path.relative(repoRoot, paperlistsDir)}; libraries in ${path.relative(repoRoot, faultsDir)}`);
console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} before starting (other processes may be running)\n`);

// `--only kill,concurrent,web` runs some of the parts (the clean ingest runs for either of the first two).
const PARTS = ['kill', 'concurrent', 'web'] as const;
const onlyFlag = process.argv.indexOf('--only');
const only = onlyFlag > 0 ? process.argv[onlyFlag + 1].split(',') : PARTS;
const unknown = only.filter((part) => !(PARTS as readonly string[]).includes(part));
if (unknown.length > 0) throw new Error(`unknown part ${unknown.join(', ')}: --only takes ${PARTS.join(', ')}`);

if (only.includes('kill') || only.includes('concurrent')) {
  const clean = await cleanAndKilledIngests(only.includes('kill') ? KILL_MOMENTS : 0);
  if (only.includes('concurrent')) for (const n of CONCURRENT_INGESTS) await concurrentIngests(n, clean);
}
if (only.includes('web')) await webWritesAndUploads();
printTable();
console.log(`\n${round2((performance.now() - started) / 60_000)} min in all`);

function freshLibrary(name: string): string {
  const file = path.join(faultsDir, name);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  return file;
}

function requireSuccess(what: string, run: CliRun): void {
  if (run.code !== 0) throw new Error(`${what} failed (exit ${run.code ?? run.signal}):\n${run.stderr.slice(-2000)}`);
}

function reportLibraryChecks(part: string, check: LibraryCheck): void {
  report(part, 'PRAGMA integrity_check', check.integrity, 'ok', check.integrity === 'ok');
  report(part, 'FTS5 integrity-check (index = papers table)', check.fts, 'ok', check.fts === 'ok');
  report(part, 'listings whose appearances ≠ their paper_count', String(check.partialListings), '0', check.partialListings === 0);
}

interface SerialRun {
  totals: Totals;
  ms: number;
}

/** A clean ingest of the corpus, then the same ingest killed at moments spread over its duration, checked, and run again. */
async function cleanAndKilledIngests(moments: number): Promise<SerialRun> {
  const cleanLibrary = freshLibrary('clean.db');
  console.log('clean ingest…');
  const cleanRun = await runCli(cleanLibrary, args(files));
  requireSuccess('the clean ingest', cleanRun);
  const cleanCheck = checkLibrary(cleanLibrary);
  const cleanDigest = digestLibrary(cleanLibrary);
  report('clean ingest', 'exit code, time, library', `0, ${seconds(cleanRun.ms)}, ${describeTotals(cleanCheck.totals)}`);
  reportLibraryChecks('clean ingest', cleanCheck);

  const library = path.join(faultsDir, 'killed.db');
  for (let moment = 1; moment <= moments; moment++) {
    freshLibrary('killed.db');
    const part = `kill -9 #${moment}`;
    console.log(`${part}…`);
    const { killedAt, run: killed } = await killDuring(library, cleanCheck.totals.papers, moment);
    const check = checkLibrary(library);
    const stored = check.totals.listings;
    report(
      part,
      'killed mid-ingest: when; papers, listings stored',
      `${killed.signal ?? `exit ${killed.code}`} at ${seconds(killedAt)}; ${count(check.totals.papers)}, ${stored} of ${files.length}`,
      'SIGKILL, < all listings',
      killed.signal === 'SIGKILL' && stored < files.length,
    );
    reportLibraryChecks(part, check);
    const rerun = await runCli(library, args(files));
    const differing = rerun.code === 0 ? differingTables(digestLibrary(library), cleanDigest) : [];
    report(
      part,
      're-run: exit code, library vs the clean one',
      `${rerun.code ?? rerun.signal}, ${rerun.code !== 0 ? 'not compared' : differing.length === 0 ? 'equal' : `differs in ${differing.join(', ')}`}`,
      '0, equal',
      rerun.code === 0 && differing.length === 0,
    );
  }
  return { totals: cleanCheck.totals, ms: cleanRun.ms };
}

/**
 * Kills a full ingest at moment `moment` of KILL_MOMENTS: once its commits hold that share of
 * the papers (the middle of the moment's tenth of the work), and then 0 to 0.9 s later, a
 * different delay for every moment, so that the kills also fall at every point of a commit group
 * (about a second long: ingest-files.ts). Moments by work done, not by time: how long an ingest
 * takes depends on what else runs on the machine.
 */
async function killDuring(library: string, papers: number, moment: number): Promise<{ killedAt: number; run: CliRun }> {
  const cli = startCli(library, args(files));
  const started = performance.now();
  let exited = false;
  void cli.done.then(() => (exited = true));
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  while (!exited && (papersCommitted(library) ?? 0) < (papers * (moment - 0.5)) / KILL_MOMENTS) await sleep(KILL_POLL_MS);
  await sleep(((moment * 3) % 10) * 100);
  const killedAt = performance.now() - started;
  cli.kill();
  return { killedAt, run: await cli.done };
}

/**
 * Slices of the corpus in its own order, of about equal size, for ingests at once. One after
 * another they are the same files in the same order as the clean ingest: that is the serial run.
 */
function contiguousParts(n: number): string[][] {
  const sizes = files.map((file) => fs.statSync(file).size);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const parts: string[][] = Array.from({ length: n }, () => []);
  let before = 0;
  files.forEach((file, index) => {
    // The part the middle of this file falls in.
    parts[Math.min(n - 1, Math.floor(((before + sizes[index] / 2) / total) * n))].push(file);
    before += sizes[index];
  });
  return parts;
}

async function concurrentIngests(n: number, serial: SerialRun): Promise<void> {
  const part = `${n} ingests at once`;
  console.log(`${part}…`);
  const parts = contiguousParts(n);
  const library = freshLibrary(`concurrent-${n}.db`);
  const runStarted = performance.now();
  const runs = await Promise.all(parts.map((files) => runCli(library, args(files))));
  const wallMs = performance.now() - runStarted;
  const crashes = runs.flatMap(crashLines);
  const waited = runs.filter((run) => run.stderr.includes('waiting for another paperscout writing to')).length;
  const check = checkLibrary(library);
  const { totals } = check;
  report(part, 'files per ingest; time; ingests that said they waited', `${parts.map((p) => p.length).join(' + ')}; ${seconds(wallMs)} (serial ${seconds(serial.ms)}); ${waited} of ${n}`);
  report(part, 'exit codes', runs.map((run) => run.code ?? run.signal).join(', '), 'all 0', runs.every((run) => run.code === 0));
  report(part, 'lines of stack traces or SQLITE_BUSY printed', `${crashes.length}${crashes.length > 0 ? `: ${crashes[0].trim().slice(0, 80)}` : ''}`, '0', crashes.length === 0);
  report(
    part,
    'totals (serial run: the clean ingest)',
    describeTotals(totals),
    describeTotals(serial.totals),
    totals.listings === serial.totals.listings && totals.papers === serial.totals.papers && totals.appearances === serial.totals.appearances,
  );
  reportLibraryChecks(part, check);
}

interface WriteOutcome<Body> {
  /** The last answer's status; 0 when the server could not be reached. */
  status: number;
  body?: Body;
  /** From the first try to the last answer, the waits after 503s included. */
  ms: number;
  /** 503s answered on the way. */
  busy: number;
}

/** A write sent as the web app sends it: again after Retry-After while the server answers 503 (src/web/api.ts). */
async function webWrite<Body>(server: ServerProcess, method: string, requestPath: string, body: unknown): Promise<WriteOutcome<Body>> {
  const writeStarted = performance.now();
  let busy = 0;
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(new URL(requestPath, server.url), { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    } catch {
      return { status: 0, ms: performance.now() - writeStarted, busy };
    }
    if (response.status === 503 && attempt < BUSY_RETRIES) {
      busy++;
      await response.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, (Number(response.headers.get('retry-after')) || 1) * 1000));
      continue;
    }
    const text = await response.text();
    return { status: response.status, body: response.ok ? (JSON.parse(text) as Body) : undefined, ms: performance.now() - writeStarted, busy };
  }
}

function reportLatencies(part: string, what: string, outcomes: readonly WriteOutcome<unknown>[]): void {
  const latency = summarize(outcomes.map((outcome) => outcome.ms));
  const max = Math.max(...outcomes.map((outcome) => outcome.ms));
  report(part, `${what} latency p50 / p99 / max, retries included`, `${ms(latency.p50)} / ${ms(latency.p99)} / ${ms(max)}`);
  report(part, `${what}: 503 answers seen (writes answered 503 at least once)`, `${outcomes.reduce((sum, o) => sum + o.busy, 0)} (${outcomes.filter((o) => o.busy > 0).length})`);
}

/**
 * One library for both parts that need the server: seeded with a few files, then the CLI
 * ingests all the rest but the uploads while the web app writes, and then the uploads go in
 * through the API under search load, each adding papers the library does not have yet.
 */
async function webWritesAndUploads(): Promise<void> {
  const library = freshLibrary('web.db');
  const seed = files.slice(0, SEED_FILES);
  const uploads = files.filter((file) => path.basename(path.dirname(file)) === UPLOAD_VENUE);
  const ingested = files.filter((file) => !seed.includes(file) && !uploads.includes(file));
  requireSuccess('the seed ingest', await runCli(library, args(seed)));
  const server = await startServerProcess(library);
  try {
    await webWritesDuringIngest(server, library, ingested, seed.length);
    await searchesDuringUploads(server, library, uploads);
  } finally {
    await server.stop();
  }
  reportLibraryChecks('after both', checkLibrary(library));
}

type WebWrite =
  | { kind: 'rating'; paperId: number; rating: 'up' | 'down'; outcome: WriteOutcome<ProfileSummary> }
  | { kind: 'profile'; name: string; author: string; outcome: WriteOutcome<ProfileAdded> };

async function webWritesDuringIngest(server: ServerProcess, library: string, ingested: readonly string[], seedListings: number): Promise<void> {
  const part = 'web writes during an ingest';
  console.log(`${part}…`);
  const RATED = 'faults-ratings';
  const seedPapers = withLibrary(library, (opened) => opened.papers().papers);
  const authors = [...new Set(seedPapers.flatMap((paper) => paper.authors))];
  const created = await webWrite(server, 'POST', '/api/profiles', { name: RATED, author: authors[0] });
  if (created.status !== 201) throw new Error(`could not create the profile to rate with (HTTP ${created.status})`);

  const writes: WebWrite[] = [];
  let ingesting = true;
  const ingest = runCli(library, args(ingested)).finally(() => (ingesting = false));
  let sent = 0;
  const user = async () => {
    // Each write touches a paper or an author no other write does, so each can be checked on its own.
    for (let n = sent++; ingesting && n < seedPapers.length && n + 1 < authors.length; n = sent++) {
      // One write in five makes a profile from an author's papers, the others rate a paper.
      if (n % 5 === 4) {
        const name = `faults-${n}`;
        const author = authors[n + 1];
        writes.push({ kind: 'profile', name, author, outcome: await webWrite(server, 'POST', '/api/profiles', { name, author }) });
      } else {
        const paperId = seedPapers[n].id;
        const rating = n % 2 === 0 ? 'up' : 'down';
        writes.push({ kind: 'rating', paperId, rating, outcome: await webWrite(server, 'PUT', `/api/profiles/${RATED}/ratings/${paperId}`, { rating }) });
      }
      await new Promise((resolve) => setTimeout(resolve, THINK_MS));
    }
  };
  await Promise.all(Array.from({ length: WEB_USERS }, user));
  const run = await ingest;

  const lost = withLibrary(library, (opened) => {
    const ratings = opened.profile(RATED)?.ratings ?? {};
    return writes.filter((write) => {
      if (write.kind === 'rating') return write.outcome.status !== 200 || ratings[write.paperId] !== (write.rating === 'up' ? 1 : -1);
      const stored = opened.profile(write.name);
      return write.outcome.status !== 201 || !stored || stored.paperIds.length !== write.outcome.body!.profile.papers;
    });
  });
  const listings = libraryTotals(library).listings;
  const crashes = crashLines(run);
  const ratingsSent = writes.filter((write) => write.kind === 'rating').length;
  report(part, 'CLI ingest: exit code, time, listings stored', `${run.code ?? run.signal}, ${seconds(run.ms)}, ${listings} of ${seedListings + ingested.length}`, `0, all`, run.code === 0 && listings === seedListings + ingested.length);
  report(part, 'CLI ingest: lines of stack traces or SQLITE_BUSY', String(crashes.length), '0', crashes.length === 0);
  report(part, `writes sent by ${WEB_USERS} users meanwhile`, `${writes.length}: ${ratingsSent} ratings, ${writes.length - ratingsSent} new profiles`);
  report(part, 'writes lost (no 2xx after retries, or not as answered in the library)', String(lost.length), '0', lost.length === 0);
  reportLatencies(part, 'write', writes.map((write) => write.outcome));
}

function withLibrary<T>(file: string, use: (library: Library) => T): T {
  const library = Library.open(file);
  try {
    return use(library);
  } finally {
    library.close();
  }
}

interface SearchLoad {
  result: autocannon.Result;
  lag: LoopLag;
  cpu: CpuUse;
}

async function searchesDuringUploads(server: ServerProcess, library: string, uploads: readonly string[]): Promise<void> {
  const part = 'searches during uploads';
  console.log(`${part}…`);
  const searches = withLibrary(library, (opened) => generateQueries(opened.papers().papers).map(searchPath));
  // The relevance thread indexes the library when the server starts (ingests before may have
  // left it a minute of work): searches are measured against uploads, not against that.
  const idleStarted = performance.now();
  const idle = await untilIdle(server, IDLE_TIMEOUT_MS);
  report(part, 'server idle before measuring', `${idle ? 'after' : 'still busy after'} ${seconds(performance.now() - idleStarted)}`);
  // One rotation through the queries for both runs: the second asks none the first asked.
  let next = 0;
  const searchLoad = async (until: () => Promise<void>): Promise<SearchLoad> => {
    await server.loopLag();
    const cpu = await measureCpu(server);
    let load!: autocannon.Instance;
    const finished = new Promise<autocannon.Result>((resolve, reject) => {
      load = autocannon(
        {
          url: server.url,
          connections: SEARCH_LOAD.connections,
          overallRate: SEARCH_LOAD.requestsPerSecond,
          // Until stopped.
          duration: 3600,
          timeout: SEARCH_TIMEOUT_S,
          requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: searches[next++ % searches.length] }) }],
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      );
    });
    await until();
    load.stop();
    const result = await finished;
    return { result, lag: await server.loopLag(), cpu: await cpu.end() };
  };
  const searchesFor = (s: number) => () => new Promise<void>((resolve) => setTimeout(resolve, s * 1000));

  const before = await searchLoad(searchesFor(SEARCH_ALONE_S));
  const uploaded: { file: string; outcome: WriteOutcome<ListingReport> }[] = [];
  let uploadMs = 0;
  const during = await searchLoad(async () => {
    const uploadsStarted = performance.now();
    for (const file of uploads) {
      const body = { fileName: path.basename(file), text: fs.readFileSync(file, 'utf8') };
      uploaded.push({ file, outcome: await webWrite<ListingReport>(server, 'POST', '/api/listings', body) });
    }
    uploadMs = performance.now() - uploadsStarted;
  });
  // The same searches over the library the uploads left: slower than before only if the uploads left it slower to search.
  const after = await searchLoad(searchesFor(SEARCH_ALONE_S));

  const lost = withLibrary(library, (opened) =>
    uploaded.filter(({ outcome }) => outcome.status !== 201 || opened.listing(outcome.body!.listing!.name)?.paperCount !== outcome.body!.count),
  );
  const papers = uploaded.reduce((sum, { outcome }) => sum + (outcome.body?.count ?? 0), 0);
  const percent = (share: number) => `${Math.round(share * 100)}%`;
  const describe = ({ result, lag, cpu }: SearchLoad) =>
    `${count(result.requests.total)}: ${result.latency.p50} / ${result.latency.p99} / ${result.latency.max} ms; lag p99 ${ms(lag.p99)}, max ${ms(lag.max)}; ` +
    `CPU ${percent(cpu.serverCpu)}, waited ${cpu.waitedForCpu === undefined ? '?' : percent(cpu.waitedForCpu)}, others ${percent(cpu.othersCpu)}`;
  const measures = 'searches: p50 / p99 / max; event-loop lag; server CPU, waited for CPU, other processes';
  report(part, `before, ${SEARCH_ALONE_S} s of ${measures}`, describe(before));
  report(part, `uploads: ${uploads.length} ${UPLOAD_VENUE} files, one after another`, `${count(papers)} papers in ${seconds(uploadMs)}`);
  report(part, `meanwhile, ${measures}`, describe(during));
  report(part, `after, ${SEARCH_ALONE_S} s of ${measures}`, describe(after));
  report(part, 'search latency p99', `${during.result.latency.p99} ms`, `≤ ${TARGET.searchP99Ms} ms`, during.result.latency.p99 <= TARGET.searchP99Ms);
  report(part, 'search latency max', `${during.result.latency.max} ms`, `≤ ${TARGET.searchMaxMs} ms`, during.result.latency.max <= TARGET.searchMaxMs);
  report(part, 'server event-loop lag p99', ms(during.lag.p99), `≤ ${TARGET.loopLagP99Ms} ms`, during.lag.p99 <= TARGET.loopLagP99Ms);
  const failedUploads = uploaded.filter(({ outcome }) => outcome.status !== 201).length;
  const errors = during.result.errors + during.result.non2xx + failedUploads;
  report(part, 'errors (search errors, non-2xx searches, failed uploads)', `${errors} (${during.result.errors}, ${during.result.non2xx}, ${failedUploads})`, '0', errors === 0);
  report(part, 'uploads lost (not stored whole)', String(lost.length), '0', lost.length === 0);
  reportLatencies(part, 'upload', uploaded.map(({ outcome }) => outcome));
}

function printTable(): void {
  const checked = rows.filter((row) => row.pass !== undefined);
  const passed = checked.filter((row) => row.pass).length;
  console.log(`\nfaults: ${passed} of ${checked.length} checks pass`);
  console.log(table(['part', 'check', 'measured', 'target', ''], rows.map((row) => [row.part, row.check, row.measured, row.target, row.pass === undefined ? '' : row.pass ? 'pass' : 'FAIL'])));
  console.log(
    '\nserver CPU: of one core, all the server\'s threads together; waited: of the time the server\'s threads were ready to run, the share they waited\n' +
      'for a core (Linux schedstat); others: the share of the whole machine that processes other than the server and this benchmark took. On two\n' +
      'cores the writer thread storing an upload takes most of one, so searches meanwhile wait for a core as soon as other processes take a share\n' +
      'too: compare the rows before and after the uploads, measured under the same conditions.',
  );
  if (passed < checked.length) process.exitCode = 1;
}
