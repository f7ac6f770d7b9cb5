// bench:coverage — do recommendations cover every topic of a profile? For each profile, the share
// of its papers whose best-matching candidate (by the engine's pair score: the candidate the
// paper alone ranks first) is in the top 20 of the list, for the mixed list by topics and, as
// the peer, for one ranking of the pooled profile (the rule before topics).
//
//   tsx bench/coverage.ts
//
// Profiles: the seed publication list 000 over the ICLR session of seed 002 (a library of the
// two), and three authors of the paperlists library (bench:ingest builds it) with several
// topics: the most prolific authors, in order, whose papers the engine groups into at least
// three topics, each profile their 20 most recent papers, ranked against the whole library.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Profile } from '../src/types.ts';
import { Library } from '../src/library/library.ts';
import { ingestPaths } from '../src/actions/ingest.ts';
import { recommend } from '../src/actions/recommend.ts';
import { findTopics } from '../src/actions/topics.ts';
import { libraryFeatures, shippedBackground } from '../src/actions/library-features.ts';
import { LibraryRanker } from '../src/engine/library-ranking.ts';
import { table } from '../src/cli/format.ts';
import { artifactsDir, paperlistsLibrary, repoRoot, sharedRoot } from './paths.ts';

const TOP = 20;
const AUTHOR_PROFILES = 3;
const PROFILE_SIZE = 20;
const MIN_TOPICS = 3;
const TARGET = 0.9;
const SEEDS = path.join(sharedRoot, 'seeds');
const seed = (prefix: string) => path.join(SEEDS, fs.readdirSync(SEEDS).find((name) => name.startsWith(prefix))!);

interface Coverage {
  name: string;
  papers: number;
  topics: number;
  candidates: number;
  mixed: number;
  pooled: number;
}

const asProfile = (name: string, paperIds: number[]): Profile => ({ id: 0, name, createdAt: '', paperIds, ratings: {} });

/** The coverage of one profile over the candidates `filter` selects, the profile's own work aside. */
function coverage(library: Library, profile: Profile, filter: { listing?: string }): Coverage {
  const result = recommend(library, profile, filter, TOP);
  const { topics, features, statistics, index } = findTopics(library, profile);
  const background = shippedBackground();
  const exclude = new Set([...features.keys(), ...library.ownWork(profile).keys()]);
  const ids = filter.listing ? library.paperIds(filter) : index.liveRows().reduce<number[]>((all, row) => (all.push(index.ids[row]), all), []);
  const rows = Uint32Array.from(ids.filter((id) => !exclude.has(id) && index.rowOf(id) !== undefined).map((id) => index.rowOf(id)!));
  const pooled = new LibraryRanker(index, statistics, background.reference, { papers: [...features.values()], rated: [] }).rank(rows, TOP);
  const inMixed = new Set(result.recommendations.map((r) => r.paper.id));
  const inPooled = new Set(pooled.map((r) => r.id));
  let mixed = 0;
  let pooledHits = 0;
  for (const paper of features.values()) {
    const [best] = new LibraryRanker(index, statistics, background.reference, { papers: [paper], rated: [] }).rank(rows, 1);
    if (inMixed.has(best.id)) mixed++;
    if (inPooled.has(best.id)) pooledHits++;
  }
  return { name: profile.name, papers: features.size, topics: topics.length, candidates: rows.length, mixed: mixed / features.size, pooled: pooledHits / features.size };
}

const results: Coverage[] = [];

// The seed profile over the seed session, in a library of the two.
const seedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-coverage-'));
const seedLibrary = Library.open(path.join(seedDir, 'library.db'));
try {
  const session = (await ingestPaths(seedLibrary, [seed('002')])).outcomes[0].listing;
  const own = (await ingestPaths(seedLibrary, [seed('000')])).outcomes[0].listing;
  results.push(coverage(seedLibrary, asProfile('seed 000 over session 002', seedLibrary.paperIds({ listing: own.name })), { listing: session.name }));
} finally {
  seedLibrary.close();
  fs.rmSync(seedDir, { recursive: true, force: true });
}

// Authors of the paperlists library, on a scratch copy (the feature index may be saved into it).
if (!fs.existsSync(paperlistsLibrary)) throw new Error(`no ${path.relative(repoRoot, paperlistsLibrary)}: run \`npm run bench:ingest\` first`);
const scratch = path.join(artifactsDir, 'relevance.db');
if (!fs.existsSync(scratch)) fs.copyFileSync(paperlistsLibrary, scratch);
const library = Library.open(scratch);
try {
  libraryFeatures(library);
  const authors = library.db
    .prepare<[number], { name: string }>('SELECT name_key AS name FROM paper_authors GROUP BY name_key HAVING count(*) >= ? ORDER BY count(*) DESC, name_key LIMIT 200')
    .all(PROFILE_SIZE);
  const papersBy = library.db.prepare<[string, number], { id: number }>(
    'SELECT p.id FROM papers p JOIN paper_authors a ON a.paper_id = p.id WHERE a.name_key = ? ORDER BY p.year DESC, p.id LIMIT ?',
  );
  for (const { name } of authors) {
    if (results.length > AUTHOR_PROFILES) break;
    const profile = asProfile(name, papersBy.all(name, PROFILE_SIZE).map((row) => row.id));
    if (findTopics(library, profile).topics.length < MIN_TOPICS) continue;
    results.push(coverage(library, profile, {}));
  }
} finally {
  library.close();
}

const share = (x: number) => x.toFixed(2);
console.log(`share of a profile's papers whose best-matching candidate is in the top ${TOP} (target ≥ ${TARGET} for the mixed list)`);
console.log(
  table(
    ['profile', 'papers', 'topics', 'candidates', 'mixed by topics', 'pooled (peer)', ''],
    results.map((r) => [r.name, r.papers, r.topics, r.candidates, share(r.mixed), share(r.pooled), r.mixed >= TARGET ? 'met' : 'MISSED']),
  ),
);
