// `npm run bench:quality`: expertise affinity on the ten splits of the reviewer-expertise benchmark,
// scored by the benchmark's referee, with the default engine without a library and with the
// paperlists corpus as background, then alternatives that show what each choice is worth.
//
//   tsx bench/quality.ts [--db LIBRARY] [--only-defaults]
//
// Without --db the background corpus is read straight from ../shared/corpora/paperlists and its
// model cached under artifacts/quality/ (building it takes a few minutes, once).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { readExpertiseInputs, runAffinity } from '../src/actions/affinity.ts';
import { formatAffinity } from '../src/export/affinity.ts';
import type { ExpertiseInputs } from '../src/types.ts';
import { computeAffinity } from '../src/engine/affinity.ts';
import { buildRelevanceModel, type RelevanceModel } from '../src/engine/model.ts';
import { cachedRelevanceModel, deserializeModel, RELEVANCE_MODEL_NAME, serializeModel } from '../src/engine/model-codec.ts';
import { DEFAULT_SCORING, type ScoringOptions } from '../src/engine/score.ts';
import { Library } from '../src/library/library.ts';
import { readPaperlistsCorpus } from './paperlists-corpus.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(root, '..', 'shared');
const benchDir = path.join(shared, 'benchmarks', 'reviewer-expertise');
const referee = path.join(shared, 'tools', 'score-expertise.mjs');
const outDir = path.join(root, 'artifacts', 'quality');
const splits = Array.from({ length: 10 }, (_, i) => `d_20_${i + 1}`);

const { values: args } = parseArgs({ options: { db: { type: 'string' }, 'only-defaults': { type: 'boolean' } } });

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

/** The paperlists corpus's model, from the cache under artifacts/ or built now. */
function paperlistsModel(): RelevanceModel {
  const file = path.join(outDir, `paperlists-${RELEVANCE_MODEL_NAME}.bin`);
  if (fs.existsSync(file)) return deserializeModel(fs.readFileSync(file));
  const corpus = readPaperlistsCorpus(path.join(shared, 'corpora', 'paperlists'));
  console.log(`building the relevance model of ${corpus.length} paperlists papers (cached in ${path.relative(root, file)})…`);
  const { value: model, ms } = timed(() => buildRelevanceModel(corpus));
  console.log(`built in ${seconds(ms)}: ${model.lexicon.docFrequency.size} tf-idf terms, ${model.dense?.termIndex.size ?? 0} term vectors of ${model.dense?.dimensions ?? 0} dimensions`);
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(file, serializeModel(model));
  return model;
}

function backgroundModel(): RelevanceModel {
  if (!args.db) return paperlistsModel();
  const library = Library.open(args.db);
  try {
    return cachedRelevanceModel(library, (message) => console.log(message));
  } finally {
    library.close();
  }
}

/** The referee's table for one folder of predictions. */
function refereeTable(predictions: string): string {
  return execFileSync('node', [referee, benchDir, predictions], { encoding: 'utf8' });
}

/** Runs the affinity command's code on every split; returns the total time. */
function runDefault(name: string, model: RelevanceModel | undefined): number {
  const dir = path.join(outDir, name);
  let total = 0;
  for (const split of splits) {
    const inputs = path.join(benchDir, split);
    total += timed(() =>
      runAffinity({ submissions: path.join(inputs, 'submissions.json'), archives: path.join(inputs, 'archives'), out: path.join(dir, `${split}.csv`), model }),
    ).ms;
  }
  return total;
}

function runAlternative(name: string, inputs: ExpertiseInputs[], model: RelevanceModel | undefined, scoring: ScoringOptions): void {
  const dir = path.join(outDir, name);
  fs.mkdirSync(dir, { recursive: true });
  splits.forEach((split, i) => {
    const scores = computeAffinity(inputs[i].submissions, inputs[i].reviewers, model, scoring);
    fs.writeFileSync(path.join(dir, `${split}.csv`), formatAffinity(scores, 'csv'));
  });
}

function report(title: string, name: string): void {
  console.log(`\n## ${title}  (artifacts/quality/${name})`);
  console.log(refereeTable(path.join(outDir, name)).trimEnd());
}

const { value: background, ms: loadMs } = timed(backgroundModel);
console.log(`background model ready in ${seconds(loadMs)} (${args.db ? `library ${args.db}` : 'paperlists corpus'})`);

const timings: [string, number][] = [];
timings.push(['no library', runDefault('default-no-library', undefined)]);
report('default engine, no library (model from the submissions and archives alone)', 'default-no-library');
timings.push(['paperlists background', runDefault('default-background', background)]);
report('default engine, paperlists as background corpus (--db)', 'default-background');

if (!args['only-defaults']) {
  const inputs = splits.map((split) => readExpertiseInputs(path.join(benchDir, split, 'submissions.json'), path.join(benchDir, split, 'archives')));
  const alternatives: [string, string, ScoringOptions][] = [
    ['background-tfidf-only', 'tf-idf only, background idf', { ...DEFAULT_SCORING, lexicalWeight: 1 }],
    ['background-dense-only', 'dense (PPMI-SVD term vectors, SIF) only', { ...DEFAULT_SCORING, lexicalWeight: 0 }],
    ['background-max', 'max over profile papers instead of top-5 mean', { ...DEFAULT_SCORING, topK: 1 }],
    ['background-top3', 'top-3 mean', { ...DEFAULT_SCORING, topK: 3 }],
    ['background-mean', 'mean over all profile papers', { ...DEFAULT_SCORING, topK: Number.MAX_SAFE_INTEGER }],
  ];
  for (const [name, title, scoring] of alternatives) {
    runAlternative(name, inputs, background, scoring);
    report(`alternative: ${title}`, name);
  }
}

console.log('\naffinity time for all ten splits (reading, scoring, writing; background model already loaded):');
for (const [name, ms] of timings) console.log(`  ${name.padEnd(22)} ${seconds(ms)}`);
