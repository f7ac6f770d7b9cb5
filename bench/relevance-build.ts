// The first-use cost of recommendations, in a fresh process as a user meets it: learning the
// relevance model from a library's papers, then indexing the papers with it, both kept in the
// library. bench:relevance runs this on a scratch copy whose models table it has emptied.
//
//   node --import tsx bench/relevance-build.ts LIBRARY   (prints one JSON line: BuildTimes)
import { Library } from '../src/library/library.ts';
import { buildRelevanceModel, type RelevanceModel } from '../src/engine/model.ts';
import { RELEVANCE_MODEL_NAME, serializeModel } from '../src/engine/model-codec.ts';
import { libraryIndex } from '../src/actions/recommend.ts';

export interface BuildTimes {
  papers: number;
  /** Reading the papers' text out of the library. */
  readMs: number;
  /** buildRelevanceModel alone: lexicon, co-occurrence counts, PPMI, SVD. */
  modelMs: number;
  /** Its CPU time, which other processes on the machine inflate less than wall time. */
  modelCpuMs: number;
  /** Reading, building, serializing and storing the model: what `library.model` costs on first use. */
  modelTotalMs: number;
  /** libraryIndex once the model is stored: loading it, reading the papers again, indexing, storing, loading. */
  indexTotalMs: number;
  tfidfTerms: number;
  termVectors: number;
  dimensions: number;
  peakRssMiB: number;
}

const since = (start: number) => performance.now() - start;

function measureBuilds(file: string): BuildTimes {
  const library = Library.open(file);
  try {
    let readMs = 0;
    let modelMs = 0;
    let modelCpuMs = 0;
    let model: RelevanceModel | undefined;
    let papers = 0;
    const started = performance.now();
    library.model(RELEVANCE_MODEL_NAME, (docs) => {
      readMs = since(started);
      papers = docs.length;
      const building = performance.now();
      const cpu = process.cpuUsage();
      model = buildRelevanceModel(docs);
      modelMs = since(building);
      const used = process.cpuUsage(cpu);
      modelCpuMs = (used.user + used.system) / 1000;
      return serializeModel(model);
    });
    const modelTotalMs = since(started);
    if (!model) throw new Error(`${file} already holds a relevance model: empty its models table first`);
    const indexing = performance.now();
    libraryIndex(library);
    return {
      papers,
      readMs,
      modelMs,
      modelCpuMs,
      modelTotalMs,
      indexTotalMs: since(indexing),
      tfidfTerms: model.lexicon.docFrequency.size,
      termVectors: model.dense?.termIndex.size ?? 0,
      dimensions: model.dense?.dimensions ?? 0,
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    library.close();
  }
}

const file = process.argv[2];
if (!file) throw new Error('usage: relevance-build.ts LIBRARY');
console.log(JSON.stringify(measureBuilds(file)));
