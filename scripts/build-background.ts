// `npm run build:background`: the shipped background model (models/background.bin) from the
// paperlists corpus in ../shared/corpora/paperlists. The same corpus gives the same bytes.
//
//   tsx scripts/build-background.ts [--corpus DIR] [--out FILE] [--min-count N] [--max-vectors N]
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { buildBackground, DEFAULT_BACKGROUND, encodeBackground } from '../src/engine/background.ts';
import { readPaperlistsCorpus } from '../bench/paperlists-corpus.ts';
import { paperlistsDir, repoRoot } from '../bench/paths.ts';

const { values: args } = parseArgs({
  options: {
    corpus: { type: 'string', default: paperlistsDir },
    out: { type: 'string', default: path.join(repoRoot, 'models', 'background.bin') },
    'min-count': { type: 'string', default: String(DEFAULT_BACKGROUND.minCount) },
    'max-vectors': { type: 'string', default: String(DEFAULT_BACKGROUND.maxVectors) },
  },
});

function positiveInteger(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`build-background: --${name} must be a positive integer (got ${value.length} characters)`);
    process.exit(2);
  }
  return n;
}

const options = {
  ...DEFAULT_BACKGROUND,
  minCount: positiveInteger('min-count', args['min-count']),
  maxVectors: positiveInteger('max-vectors', args['max-vectors']),
};
const start = performance.now();
const corpus = readPaperlistsCorpus(args.corpus);
if (corpus.length === 0) {
  console.error(`build-background: no papers in ${args.corpus}`);
  process.exit(1);
}
console.error(`learning the background from ${corpus.length} papers…`);
const bytes = encodeBackground(buildBackground(corpus, options));
fs.mkdirSync(path.dirname(args.out), { recursive: true });
// Written beside and renamed, so an interrupted build leaves the old file whole.
const partial = `${args.out}.partial`;
fs.writeFileSync(partial, bytes);
fs.renameSync(partial, args.out);
const sha256 = createHash('sha256').update(bytes).digest('hex');
console.log(`${path.relative(process.cwd(), args.out)}: ${bytes.length} bytes (${(bytes.length / 2 ** 20).toFixed(2)} MiB), sha256 ${sha256}, built in ${((performance.now() - start) / 1000).toFixed(1)} s`);
