// `npm run bench:quality-v2`: engine v2 (profile language model + dense component, z-scored
// and summed) on the ten splits of the reviewer-expertise benchmark, scored by the referee,
// without a library (the shipped background) and with the 95k paperlists corpus as library,
// beside v1 (computeAffinity) run the same two ways. Prints one table.
//
//   tsx bench/quality-v2.ts [--background FILE] [--prior-strength TOKENS]
//
// The prior strength β defaults to the shipped corpus's own token count: its counts are taken as
// the evidence they are, pooled with the library's (β = 1,000,000 did alike: 0.221 and 0.219).
//
// The library rows read ../shared/corpora/paperlists; v1's model of it is cached under
// artifacts/quality/ (shared with bench:quality; building it takes a few minutes, once).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { readExpertiseInputs } from '../src/actions/affinity.ts';
import { formatAffinity } from '../src/export/affinity.ts';
import type { ExpertiseInputs, PaperText } from '../src/types.ts';
import { computeAffinity, type AffinityScores } from '../src/engine/affinity.ts';
import { buildRelevanceModel, type DenseSpace, type RelevanceModel } from '../src/engine/model.ts';
import { deserializeModel, RELEVANCE_MODEL_NAME, serializeModel } from '../src/engine/model-codec.ts';
import { BackgroundStatistics, decodeBackground, seededSample, stemCounts } from '../src/engine/background.ts';
import { docFeatures, ProfileScorer, type V2Score } from '../src/engine/language-model.ts';
import { readPaperlistsCorpus } from './paperlists-corpus.ts';
import { paperlistsDir, repoRoot, sharedRoot } from './paths.ts';

const benchDir = path.join(sharedRoot, 'benchmarks', 'reviewer-expertise');
const referee = path.join(sharedRoot, 'tools', 'score-expertise.mjs');
const outDir = path.join(repoRoot, 'artifacts', 'quality-v2');
const splits = Array.from({ length: 10 }, (_, i) => `d_20_${i + 1}`);

const { values: args } = parseArgs({
  options: {
    background: { type: 'string', default: path.join(repoRoot, 'models', 'background.bin') },
    'prior-strength': { type: 'string' },
  },
});

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

if (!fs.existsSync(args.background)) {
  console.error(`no background model at ${args.background}: run npm run build:background`);
  process.exit(1);
}
const { value: shipped, ms: loadMs } = timed(() => decodeBackground(fs.readFileSync(args.background), args.background));
console.log(`background ${path.relative(repoRoot, args.background)} loaded in ${seconds(loadMs)}: ${shipped.termCounts.size} term counts, ${shipped.dense?.termIndex.size ?? 0} term vectors`);
const priorStrength = args['prior-strength'] === undefined ? shipped.tokenCount : Number(args['prior-strength']);
if (!(priorStrength > 0)) {
  console.error(`--prior-strength must be a positive number of tokens (got ${args['prior-strength']?.length} characters)`);
  process.exit(2);
}

const inputs: ExpertiseInputs[] = splits.map((split) =>
  readExpertiseInputs(path.join(benchDir, split, 'submissions.json'), path.join(benchDir, split, 'archives')),
);

/** Where a v2 variant takes p_background, the term vectors and the reference papers from. */
interface Setting {
  name: string;
  statistics: (local: ReturnType<typeof stemCounts>) => BackgroundStatistics;
  space: DenseSpace | undefined;
  reference: readonly PaperText[];
}

/** Scores every split with v2 under a setting; returns each split's scores by component. */
function runV2(setting: Setting): { lm: AffinityScores; dense: AffinityScores; combined: AffinityScores }[] {
  const reference = setting.reference.map((doc) => docFeatures(doc, setting.space));
  return inputs.map(({ submissions, reviewers }) => {
    const local = stemCounts([...submissions, ...reviewers.flatMap((r) => r.publications)]);
    const statistics = setting.statistics(local);
    const candidates = submissions.map((doc) => docFeatures(doc, setting.space));
    const result = { lm: new Map(), dense: new Map(), combined: new Map() } as Record<'lm' | 'dense' | 'combined', AffinityScores>;
    for (const reviewer of reviewers) {
      const profile = reviewer.publications.map((doc) => docFeatures(doc, setting.space));
      const scorer = new ProfileScorer(profile, reference, statistics, setting.space?.dimensions ?? 0);
      const scores: V2Score[] = candidates.map((c) => scorer.score(c));
      const byPaper = (pick: (s: V2Score) => number) => new Map(submissions.map((doc, i) => [doc.id, pick(scores[i])]));
      result.lm.set(reviewer.id, byPaper((s) => s.lm));
      result.dense.set(reviewer.id, byPaper((s) => s.dense));
      result.combined.set(reviewer.id, byPaper((s) => s.score));
    }
    return result;
  });
}

/** Writes a variant's predictions and returns the referee's loss and 95% interval for them. */
function referee_(name: string, perSplit: AffinityScores[]): { loss: number; ci95: [number, number] } {
  const dir = path.join(outDir, name);
  fs.mkdirSync(dir, { recursive: true });
  perSplit.forEach((scores, i) => fs.writeFileSync(path.join(dir, `${splits[i]}.csv`), formatAffinity(scores, 'csv')));
  const report = JSON.parse(execFileSync('node', [referee, benchDir, dir, '--json'], { encoding: 'utf8' })) as {
    systems: Record<string, { loss: number; ci95: [number, number] }>;
  };
  return report.systems.yours;
}

const rows: [string, string, { loss: number; ci95: [number, number] }][] = [];
function record(name: string, title: string, perSplit: AffinityScores[]): void {
  rows.push([name, title, referee_(name, perSplit)]);
}
function recordV2(setting: Setting, title: string): void {
  const runs = runV2(setting);
  record(`${setting.name}-lm`, `${title}: LM alone`, runs.map((r) => r.lm));
  if (setting.space) {
    record(`${setting.name}-dense`, `${title}: dense alone (mean)`, runs.map((r) => r.dense));
    record(`${setting.name}-combined`, `${title}: combined`, runs.map((r) => r.combined));
  }
}

/** v1's model of the paperlists corpus, from the cache bench:quality keeps or built now. */
function paperlistsV1Model(corpus: readonly PaperText[]): RelevanceModel {
  const file = path.join(repoRoot, 'artifacts', 'quality', `paperlists-${RELEVANCE_MODEL_NAME}.bin`);
  if (fs.existsSync(file)) return deserializeModel(fs.readFileSync(file));
  console.log(`building v1's relevance model of ${corpus.length} paperlists papers (cached in ${path.relative(repoRoot, file)})…`);
  const model = buildRelevanceModel(corpus);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, serializeModel(model));
  return model;
}

// ---- without a library ----
const noLibraryTimes = timed(() => runV2({
  name: 'timing',
  statistics: (local) => new BackgroundStatistics(shipped, [local], priorStrength),
  space: shipped.dense,
  reference: shipped.referenceDocs,
}));
recordV2({ name: 'v2-local', statistics: (local) => new BackgroundStatistics(undefined, [local], 0), space: undefined, reference: shipped.referenceDocs },
  'v2, no library, p_background from the submissions and archives alone');
recordV2({ name: 'v2-no-library', statistics: (local) => new BackgroundStatistics(shipped, [local], priorStrength), space: shipped.dense, reference: shipped.referenceDocs },
  'v2, no library (shipped background)');
const v1NoLibrary = timed(() => inputs.map(({ submissions, reviewers }) => computeAffinity(submissions, reviewers)));
record('v1-no-library', 'v1 computeAffinity, no library', v1NoLibrary.value);

// ---- with the 95k paperlists corpus as library ----
const corpus = readPaperlistsCorpus(paperlistsDir);
const library = stemCounts(corpus);
const libraryReference = seededSample(corpus.length, shipped.referenceDocs.length, 2).map((i) => corpus[i]);
recordV2({ name: 'v2-library', statistics: (local) => new BackgroundStatistics(shipped, [library, local], priorStrength), space: shipped.dense, reference: libraryReference },
  `v2, 95k library (shipped background blended with the library's counts, β = ${priorStrength})`);
const v1Model = paperlistsV1Model(corpus);
recordV2({ name: 'v2-library-full', statistics: (local) => new BackgroundStatistics(undefined, [library, local], 0), space: v1Model.dense, reference: libraryReference },
  "v2, 95k library's own full counts and float term vectors (what pruning and int8 cost)");
record('v1-library', 'v1 computeAffinity, 95k library (--db)', inputs.map(({ submissions, reviewers }) => computeAffinity(submissions, reviewers, v1Model)));

const f = (x: number) => x.toFixed(3);
console.log('\nreviewer-expertise, development half (29 researchers, ten splits); referee loss, lower is better');
console.log(`${'engine'.padEnd(100)} ${'loss'.padStart(6)}  95% CI`);
for (const [, title, { loss, ci95 }] of rows) console.log(`${title.padEnd(100)} ${f(loss).padStart(6)}  [${f(ci95[0])}, ${f(ci95[1])}]`);
console.log(`\nscoring the ten splits (features, all three v2 scores; background loaded): v2 no library ${seconds(noLibraryTimes.ms)}; v1 no library ${seconds(v1NoLibrary.ms)}`);
console.log(`predictions under ${path.relative(repoRoot, outDir)}/`);
