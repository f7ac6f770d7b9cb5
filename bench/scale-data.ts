// bench:scale-data — writes a corpus of N papers recombined from ../shared/corpora/paperlists
// (see scale-corpus.ts for how), for bench:scale and for trying paperscout on a large library:
//
//   npm run bench:scale-data -- --papers N [--seed S] [--out DIR] [--from DIR]
//
// DIR (default artifacts/bench/scale/papers-N-seed-S) is a folder of paperlists JSON files,
// one per listing, which `paperscout ingest DIR` reads with its parsing in a second thread.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeScaleCorpus, scaleCorpusDir, DEFAULT_SEED, RELISTED, VERSIONS } from './scale-corpus.ts';
import { paperlistsDir, repoRoot } from './paths.ts';

const { values } = parseArgs({ options: { papers: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, from: { type: 'string' } } });
const papers = Number(values.papers);
const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
if (!values.papers || !Number.isInteger(papers) || papers < 1) throw new Error('usage: bench:scale-data -- --papers N [--seed S] [--out DIR] [--from DIR] (N a positive whole number)');
if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number');
const out = values.out ? path.resolve(values.out) : scaleCorpusDir(papers, seed);
const started = performance.now();
const report = writeScaleCorpus(values.from ? path.resolve(values.from) : paperlistsDir, out, papers, seed);
console.log(
  `${report.papers} papers in ${report.files} listings written to ${path.relative(repoRoot, out) || out} in ${((performance.now() - started) / 1000).toFixed(1)} s (seed ${seed}); ` +
    `${report.relisted} listed again unchanged (${RELISTED * 100}% of slots), ${report.versions} new versions of earlier papers (${VERSIONS * 100}%)`,
);
