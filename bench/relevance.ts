// bench:relevance — the speed of recommendations, similar papers and expertise affinity on the
// library of all paperlists papers (bench:ingest builds it): the first-use builds of the
// relevance model and the index, loading them back, then latencies once they are built.
//
//   tsx bench/relevance.ts [--reuse]
//
// Works on a scratch copy (artifacts/bench/relevance.db), never on the shared library. The builds
// run in a fresh process on the copy with its models table emptied; --reuse keeps a copy that
// already holds them and skips the builds (for iterating on ranking code).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import type { Profile } from '../src/types.ts';
import { Library } from '../src/library/library.ts';
import type { PaperFilter } from '../src/library/papers.ts';
import { libraryIndex, recommend, similarPapers } from '../src/actions/recommend.ts';
import { cachedLibraryEvidence } from '../src/engine/affinity-v2.ts';
import { loadBackground } from '../src/engine/background.ts';
import { readExpertiseInputs, runAffinity } from '../src/actions/affinity.ts';
import { table } from '../src/cli/format.ts';
import { artifactsDir, paperlistsLibrary, repoRoot, sharedRoot } from './paths.ts';
import { round2, summarize, timeEach } from './measure.ts';
import type { BuildTimes } from './relevance-build.ts';

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
const SIMILAR_PAPERS = 50;
const SIMILAR_TEXTS = 20;
const LIMIT = 10;
const ROUNDS = 5;
const TARGETS = { buildMinutes: 3, recommendP50: 100, similarP50: 50, affinitySeconds: 60 };

const { values: args } = parseArgs({ options: { reuse: { type: 'boolean' } } });

if (!fs.existsSync(paperlistsLibrary)) throw new Error(`no ${path.relative(repoRoot, paperlistsLibrary)}: run \`npm run bench:ingest\` first`);
const build = args.reuse && fs.existsSync(scratchLibrary) ? undefined : measureBuilds();

const since = (start: number) => performance.now() - start;

const loading = performance.now();
const library = Library.open(scratchLibrary);
const index = libraryIndex(library);
const loadMs = since(loading);
console.log(`library: ${index.ids.length} papers, indexed (${path.relative(repoRoot, scratchLibrary)}); load ${round2(loadMs / 1000)} s\n`);

const profiles = benchProfiles();
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
const affinity = timeAffinity();
library.close();

printTable();

/** Copies the library, empties the copy's models table, and builds them in a fresh process. */
function measureBuilds(): BuildTimes {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(scratchLibrary + suffix, { force: true });
  fs.copyFileSync(paperlistsLibrary, scratchLibrary);
  const copy = Library.open(scratchLibrary);
  copy.db.exec('DELETE FROM models');
  copy.close();
  console.log('building the relevance model and the index in a fresh process (a few minutes)…');
  const output = execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'relevance-build.ts'), scratchLibrary], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output) as BuildTimes;
}

/**
 * Profiles of PROFILE_SIZE papers each, the same on every run: the most recent papers of the
 * most prolific authors, and the best search hits for some topics.
 */
function benchProfiles(): Profile[] {
  const asProfile = (name: string, paperIds: number[]): Profile => ({ id: 0, name, createdAt: '', paperIds, ratings: {} });
  const authors = library.db
    .prepare<[number], { name: string }>('SELECT name_key AS name FROM paper_authors GROUP BY name_key ORDER BY count(*) DESC, name_key LIMIT ?')
    .all(AUTHOR_PROFILES);
  const papersBy = library.db.prepare<[string, number], { id: number }>(
    'SELECT p.id FROM papers p JOIN paper_authors a ON a.paper_id = p.id WHERE a.name_key = ? ORDER BY p.year DESC, p.id LIMIT ?',
  );
  return [
    ...authors.map(({ name }) => asProfile(name, papersBy.all(name, PROFILE_SIZE).map((row) => row.id))),
    ...TOPICS.map((topic) => asProfile(topic, library.search(topic, {}, { limit: PROFILE_SIZE }).hits.map((hit) => hit.paper.id))),
  ];
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
  const engine = { name: 'v2' as const, background, library: cachedLibraryEvidence(library, background) };
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
        ['read the papers (s)', s(build.readMs), '', ''],
        ['build the relevance model (s)', s(build.modelMs), `≤ ${TARGETS.buildMinutes * 60}`, ok(build.modelMs <= TARGETS.buildMinutes * 60_000)],
        ['  of which CPU time (s)', s(build.modelCpuMs), '', ''],
        ['  model: tf-idf terms / term vectors × dims', `${build.tfidfTerms} / ${build.termVectors} × ${build.dimensions}`, '', ''],
        ['read + build + store the model (s)', s(build.modelTotalMs), '', ''],
        ['index the library, model stored (s)', s(build.indexTotalMs), '', ''],
        ['build process peak RSS (MiB)', build.peakRssMiB, '', ''],
      ]
    : [['builds', 'skipped (--reuse)', '', '']];
  const rows: (string | number)[][] = [
    ...buildRows,
    ['load model + index from the library (s)', s(loadMs), '', ''],
    ['first recommend after loading (ms)', ms(firstRecommendMs), '', ''],
    ...latencyRows(`recommend, whole library (${index.ids.length})`, wholeLibrary, TARGETS.recommendP50),
    ...latencyRows(`recommend, ${VENUE_YEAR.venue} ${VENUE_YEAR.year} (${venueYearPapers})`, venueYear),
    ...latencyRows('similar ID', similarById, TARGETS.similarP50),
    ...latencyRows('similar --text', similarByText),
    ['affinity: load the background and the library counts (s)', s(affinity.modelLoadMs), '', ''],
    [`affinity: ten splits, ${affinity.pairs} pairs (s)`, s(affinity.totalMs), `≤ ${TARGETS.affinitySeconds}`, ok(affinity.totalMs <= TARGETS.affinitySeconds * 1000)],
  ];
  console.log(
    `${profiles.length} profiles of ${PROFILE_SIZE} papers (${AUTHOR_PROFILES} authors, ${TOPICS.length} topics), ${similarIds.length} papers, ` +
      `${texts.length} pasted abstracts; top ${LIMIT}; ${ROUNDS} timed rounds after a warm-up`,
  );
  console.log(table(['measure', 'value', 'target', ''], rows));
}
