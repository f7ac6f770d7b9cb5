// bench:relevance — the speed of recommendations, similar papers, session plans and expertise
// affinity with engine v2 on the library of all paperlists papers (bench:ingest builds it):
// indexing the library from scratch, loading the stored index, latencies once loaded, the first
// recommend of a new process after a 300-paper listing was ingested, and the background build.
//
//   tsx bench/relevance.ts [--reuse] [--skip-background]
//
// Works on a scratch copy (artifacts/bench/relevance.db), never on the shared library. The index
// is built in a fresh process on the copy with its models table emptied; --reuse keeps a copy
// that already holds it and skips that build (for iterating on ranking code).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import type { Profile } from '../src/types.ts';
import { benchProfiles } from './bench-profiles.ts';
import { Library } from '../src/library/library.ts';
import type { PaperFilter } from '../src/library/papers.ts';
import { recommend, similarPapers } from '../src/actions/recommend.ts';
import { libraryFeatures } from '../src/actions/library-features.ts';
import { planSession } from '../src/actions/plan-session.ts';
import { ingestPaths } from '../src/actions/ingest.ts';
import { libraryEvidence } from '../src/engine/affinity-v2.ts';
import { loadBackground } from '../src/engine/background.ts';
import type { FeatureIndex } from '../src/engine/feature-index.ts';
import { readExpertiseInputs, runAffinity } from '../src/actions/affinity.ts';
import { table } from '../src/cli/format.ts';
import { artifactsDir, paperlistsLibrary, repoRoot, sharedRoot } from './paths.ts';
import { round2, summarize, timeEach } from './measure.ts';
import type { FirstTimes, IndexTimes } from './relevance-build.ts';

const scratchLibrary = path.join(artifactsDir, 'relevance.db');
const affinityOut = path.join(artifactsDir, 'relevance-affinity');
const expertiseDir = path.join(sharedRoot, 'benchmarks', 'reviewer-expertise');
const splits = Array.from({ length: 10 }, (_, i) => `d_20_${i + 1}`);

const PROFILE_SIZE = 20;
/** Profiles of the most prolific authors' papers, and of a search's top hits on these topics. */
const AUTHOR_PROFILES = 8;
const TOPICS = [
  'graph neural networks',
  'reinforcement learning exploration',
  'legged robot locomotion',
  'machine translation',
  'adversarial examples robustness',
  'point cloud segmentation',
  'federated learning privacy',
  'diffusion models image generation',
];
const VENUE_YEAR: PaperFilter = { venue: 'ICLR', year: 2018 };
/** The planner's listing: the largest paperlists file, a whole conference. */
const PLANNED_LISTING = 'eccv2022.json';
/** Papers of the listing ingested before the first recommend of a new process. */
const NEW_LISTING_PAPERS = 300;
const SIMILAR_PAPERS = 50;
const SIMILAR_TEXTS = 20;
const LIMIT = 10;
const ROUNDS = 5;
const TARGETS = { backgroundMinutes: 3, recommendP50: 100, firstAfterIngestSeconds: 3, planSeconds: 1, similarP50: 50, affinitySeconds: 60 };

const { values: args } = parseArgs({ options: { reuse: { type: 'boolean' }, 'skip-background': { type: 'boolean' } } });

if (!fs.existsSync(paperlistsLibrary)) throw new Error(`no ${path.relative(repoRoot, paperlistsLibrary)}: run \`npm run bench:ingest\` first`);
const build = args.reuse && fs.existsSync(scratchLibrary) ? undefined : measureIndexing();

const since = (start: number) => performance.now() - start;

const loading = performance.now();
const library = Library.open(scratchLibrary);
const index = libraryFeatures(library);
const loadMs = since(loading);
console.log(`library: ${index.liveCount} papers, indexed (${path.relative(repoRoot, scratchLibrary)}); load ${round2(loadMs / 1000)} s\n`);
const floor = timeRounds([index], readEveryRow);

const profiles = benchProfiles(library, AUTHOR_PROFILES, TOPICS, PROFILE_SIZE);
const firstStart = performance.now();
recommend(library, profiles[0], {}, LIMIT);
const firstRecommendMs = since(firstStart);

const wholeLibrary = timeRounds(profiles, (profile) => recommend(library, profile, {}, LIMIT));
const venueYearPapers = library.paperIds(VENUE_YEAR).length;
const venueYear = timeRounds(profiles, (profile) => recommend(library, profile, VENUE_YEAR, LIMIT));
const similarIds = evenlySpread(library.paperIds({}), SIMILAR_PAPERS);
const similarById = timeRounds(similarIds, (paperId) => similarPapers(library, { paperId }, LIMIT));
const texts = pastedAbstracts();
const similarByText = timeRounds(texts, (text) => similarPapers(library, { text }, LIMIT));
const plannedListing = library.listing(PLANNED_LISTING)!;
const plans = timeRounds(profiles.slice(0, 4), (profile) => planSession(library, plannedListing, profile));
const affinity = timeAffinity();
const first = await firstRecommendAfterIngest(profiles[0]);
library.close();
const backgroundMs = args['skip-background'] ? undefined : timeBackgroundBuild();

printTable();

/** Copies the library, empties the copy's models table, and indexes it in a fresh process. */
function measureIndexing(): IndexTimes {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(scratchLibrary + suffix, { force: true });
  fs.copyFileSync(paperlistsLibrary, scratchLibrary);
  const copy = Library.open(scratchLibrary);
  copy.db.exec('DELETE FROM models');
  copy.close();
  console.log('indexing the library in a fresh process (about a minute)…');
  return JSON.parse(runBuild(['index', scratchLibrary])) as IndexTimes;
}

function runBuild(args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'relevance-build.ts'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/**
 * A peer for the ranking's cost: one pass reading every row's stem counts and dense vector, the
 * least any exact scoring of the whole library must do.
 */
function readEveryRow(features: FeatureIndex): number {
  let sum = 0;
  const { entryCounts, dense } = features;
  // The arrays may have room beyond the last row (they grow by doubling): only the rows count.
  const entries = features.entryStart[features.rowCount];
  const vectors = features.rowCount * features.dimensions;
  for (let p = 0; p < entries; p++) sum += entryCounts[p];
  for (let k = 0; k < vectors; k++) sum += dense[k];
  return sum;
}

/**
 * Ingests a listing of NEW_LISTING_PAPERS papers from outside the library (the benchmark's
 * submissions), then times the first recommend of a fresh process, as the CLI meets it.
 */
async function firstRecommendAfterIngest(profile: Profile): Promise<FirstTimes> {
  const seen = new Set<string>();
  const papers = splits.flatMap((split) => {
    const dir = path.join(expertiseDir, split);
    return readExpertiseInputs(path.join(dir, 'submissions.json'), path.join(dir, 'archives')).submissions;
  }).filter((doc) => doc.abstract && !seen.has(doc.title) && seen.add(doc.title)).slice(0, NEW_LISTING_PAPERS);
  const file = path.join(artifactsDir, 'relevance-new-listing.jsonl');
  fs.writeFileSync(file, papers.map((doc) => JSON.stringify({ title: doc.title, abstract: doc.abstract, authors: ['A. Bench'] })).join('\n') + '\n');
  await ingestPaths(library, [file]);
  return JSON.parse(runBuild(['first', scratchLibrary, profile.paperIds.join(',')])) as FirstTimes;
}

/** `npm run build:background`'s script, writing to the artifacts folder instead of models/. */
function timeBackgroundBuild(): number {
  console.log('building the background model from the paperlists corpus (about two minutes)…');
  const started = performance.now();
  execFileSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts', 'build-background.ts'), '--out', path.join(artifactsDir, 'background.bin')], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return since(started);
}

function evenlySpread<T>(items: readonly T[], count: number): T[] {
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]);
}

/** Abstracts from outside the library, as a user pastes them: the first benchmark split's submissions. */
function pastedAbstracts(): string[] {
  const split = path.join(expertiseDir, splits[0]);
  const { submissions } = readExpertiseInputs(path.join(split, 'submissions.json'), path.join(split, 'archives'));
  return submissions.flatMap((doc) => (doc.abstract ? [`${doc.title}\n${doc.abstract}`] : [])).slice(0, SIMILAR_TEXTS);
}

/** Every item timed ROUNDS times (one warm-up pass first); the samples of all rounds. */
function timeRounds<T>(items: readonly T[], run: (item: T) => unknown): number[] {
  items.forEach(run);
  return Array.from({ length: ROUNDS }, () => timeEach(items, run)).flat();
}

/** The affinity command's code on all ten splits, with the library's evidence, as `--db` gives it. */
function timeAffinity(): { modelLoadMs: number; totalMs: number; pairs: number } {
  const started = performance.now();
  const background = loadBackground();
  const engine = { name: 'v2' as const, background, library: libraryEvidence(libraryFeatures(library), background) };
  const modelLoadMs = since(started);
  const scoring = performance.now();
  let pairs = 0;
  for (const split of splits) {
    const dir = path.join(expertiseDir, split);
    pairs += runAffinity({ submissions: path.join(dir, 'submissions.json'), archives: path.join(dir, 'archives'), out: path.join(affinityOut, `${split}.csv`), engine });
  }
  return { modelLoadMs, totalMs: since(scoring), pairs };
}

function printTable(): void {
  const ms = (value: number) => round2(value);
  const s = (value: number) => round2(value / 1000);
  const ok = (pass: boolean) => (pass ? 'met' : 'MISSED');
  const latencyRows = (name: string, samples: number[], target?: number): (string | number)[][] => {
    const { p50, p90, p99 } = summarize(samples);
    return [
      [`${name} p50 (ms)`, ms(p50), target === undefined ? '' : `≤ ${target}`, target === undefined ? '' : ok(p50 <= target)],
      [`${name} p90 / p99 (ms)`, `${ms(p90)} / ${ms(p99)}`, '', ''],
    ];
  };
  const buildRows: (string | number)[][] = build
    ? [
        [`index ${build.papers} papers from scratch, fresh process (s)`, s(build.indexMs), '', ''],
        ['  of which CPU time (s)', s(build.cpuMs), '', ''],
        ['  stored index (MiB) / process peak RSS (MiB)', `${build.storedMiB} / ${build.peakRssMiB}`, '', ''],
      ]
    : [['index from scratch', 'skipped (--reuse)', '', '']];
  const { p50: floorMs } = summarize(floor);
  const { p50: recommendMs } = summarize(wholeLibrary);
  const planMs = summarize(plans);
  const rows: (string | number)[][] = [
    ...buildRows,
    ['load the stored index (s)', s(loadMs), '', ''],
    ['peer: read every row once (ms, p50)', ms(floorMs), '', ''],
    ['first recommend after loading (ms)', ms(firstRecommendMs), '', ''],
    ...latencyRows(`recommend, whole library (${index.liveCount})`, wholeLibrary, TARGETS.recommendP50),
    ['  recommend p50 / peer p50', round2(recommendMs / floorMs), '', ''],
    ...latencyRows(`recommend, ${VENUE_YEAR.venue} ${VENUE_YEAR.year} (${venueYearPapers})`, venueYear),
    ...latencyRows('similar ID', similarById, TARGETS.similarP50),
    ...latencyRows('similar --text', similarByText),
    [`session plan, ${PLANNED_LISTING} (${plannedListing.paperCount}) p50 / max (ms)`, `${ms(planMs.p50)} / ${ms(planMs.max)}`, `≤ ${TARGETS.planSeconds * 1000}`, ok(planMs.max <= TARGETS.planSeconds * 1000)],
    [
      `first recommend of a new process after ingesting ${first.papersAfter - first.papersBefore} papers (s)`,
      s(first.firstRecommendMs),
      `≤ ${TARGETS.firstAfterIngestSeconds}`,
      ok(first.firstRecommendMs <= TARGETS.firstAfterIngestSeconds * 1000),
    ],
    ['affinity: load the background and the library counts (s)', s(affinity.modelLoadMs), '', ''],
    [`affinity: ten splits, ${affinity.pairs} pairs (s)`, s(affinity.totalMs), `≤ ${TARGETS.affinitySeconds}`, ok(affinity.totalMs <= TARGETS.affinitySeconds * 1000)],
    backgroundMs === undefined
      ? ['background build', 'skipped (--skip-background)', '', '']
      : ['background build, npm run build:background (s)', s(backgroundMs), `≤ ${TARGETS.backgroundMinutes * 60}`, ok(backgroundMs <= TARGETS.backgroundMinutes * 60_000)],
  ];
  console.log(
    `${profiles.length} profiles of ${PROFILE_SIZE} papers (${AUTHOR_PROFILES} authors, ${TOPICS.length} topics), ${similarIds.length} papers, ` +
      `${texts.length} pasted abstracts; top ${LIMIT}; ${ROUNDS} timed rounds after a warm-up`,
  );
  console.log(table(['measure', 'value', 'target', ''], rows));
}
