// `npm run bench:quality`: expertise affinity on the ten splits of the reviewer-expertise benchmark
// (development half), scored by the benchmark's referee: the affinity command's code with engine
// v2 without a library (the shipped background) and with the 95k paperlists corpus as library
// (--db), and v1 (--engine v1) the same two ways. Prints one table.
//
// The library rows read ../shared/corpora/paperlists; v1's model of it is cached under
// artifacts/quality/ (building it takes a few minutes, once).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { PaperText } from '../src/types.ts';
import { runAffinity, type AffinityEngine } from '../src/actions/affinity.ts';
import { libraryEvidence } from '../src/engine/affinity-v2.ts';
import { FeatureIndex } from '../src/engine/feature-index.ts';
import { loadBackground } from '../src/engine/background.ts';
import { buildRelevanceModel, type RelevanceModel } from '../src/engine/model.ts';
import { deserializeModel, RELEVANCE_MODEL_NAME, serializeModel } from '../src/engine/model-codec.ts';
import { readPaperlistsCorpus } from './paperlists-corpus.ts';
import { paperlistsDir, repoRoot, sharedRoot } from './paths.ts';

const benchDir = path.join(sharedRoot, 'benchmarks', 'reviewer-expertise');
const referee = path.join(sharedRoot, 'tools', 'score-expertise.mjs');
const outDir = path.join(repoRoot, 'artifacts', 'quality');
const splits = Array.from({ length: 10 }, (_, i) => `d_20_${i + 1}`);

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

/** v1's model of the paperlists corpus, from the cache under artifacts/ or built now. */
function paperlistsV1Model(corpus: readonly PaperText[]): RelevanceModel {
  const file = path.join(outDir, `paperlists-${RELEVANCE_MODEL_NAME}.bin`);
  if (fs.existsSync(file)) return deserializeModel(fs.readFileSync(file));
  console.log(`building v1's relevance model of ${corpus.length} paperlists papers (cached in ${path.relative(repoRoot, file)})…`);
  const model = buildRelevanceModel(corpus);
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(file, serializeModel(model));
  return model;
}

const rows: { title: string; loss: number; ci95: [number, number]; ms: number }[] = [];

/** Runs the affinity command's code on every split with one engine and records the referee's loss. */
function run(name: string, title: string, engine: AffinityEngine): void {
  const dir = path.join(outDir, name);
  const { ms } = timed(() => {
    for (const split of splits) {
      const inputs = path.join(benchDir, split);
      runAffinity({ submissions: path.join(inputs, 'submissions.json'), archives: path.join(inputs, 'archives'), out: path.join(dir, `${split}.csv`), engine });
    }
  });
  const report = JSON.parse(execFileSync('node', [referee, benchDir, dir, '--json'], { encoding: 'utf8' })) as {
    systems: Record<string, { loss: number; ci95: [number, number] }>;
  };
  rows.push({ title, ...report.systems.yours, ms });
}

const { value: background, ms: loadMs } = timed(() => loadBackground());
console.log(`shipped background loaded in ${seconds(loadMs)}: ${background.termCounts.size} term counts, ${background.dense?.termIndex.size ?? 0} term vectors`);
run('v2-no-library', 'v2, no library (shipped background)', { name: 'v2', background });
run('v1-no-library', 'v1 (--engine v1), no library', { name: 'v1' });

const { value: corpus, ms: readMs } = timed(() => readPaperlistsCorpus(paperlistsDir));
const { value: library, ms: evidenceMs } = timed(() => {
  const index = new FeatureIndex(background.dense);
  index.add(corpus.map((paper, i) => ({ ...paper, id: i + 1 })));
  return libraryEvidence(index, background);
});
console.log(`paperlists corpus: ${corpus.length} papers read in ${seconds(readMs)}, its evidence taken in ${seconds(evidenceMs)}`);
run('v2-library', "v2, 95k library (--db: the background blended with the library's counts and reference sample)", { name: 'v2', background, library });
run('v1-library', 'v1 (--engine v1), 95k library (--db)', { name: 'v1', model: paperlistsV1Model(corpus) });

const f = (x: number) => x.toFixed(3);
console.log('\nreviewer-expertise, development half (29 researchers, ten splits); referee loss, lower is better');
console.log(`${'engine'.padEnd(96)} ${'loss'.padStart(6)}  95% CI          ten splits`);
for (const { title, loss, ci95, ms } of rows) console.log(`${title.padEnd(96)} ${f(loss).padStart(6)}  [${f(ci95[0])}, ${f(ci95[1])}]  ${seconds(ms).padStart(7)}`);
console.log(`\nten splits: reading, scoring and writing, the background (and library) already loaded; predictions under ${path.relative(repoRoot, outDir)}/`);
