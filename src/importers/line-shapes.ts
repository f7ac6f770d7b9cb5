// Cues that tell what a line of a listing page holds when the page has no markup left:
// an author list, a single person's name, a piece of abstract, or (by elimination) a title.

// Names are separated by a spaced interpunct; a bare one (`A·B testing`) is part of the text.
const INTERPUNCT = /\s+[·•⋅・]\s+/u;
const EDGE_INTERPUNCT = /^[·•⋅・]\s*|\s*[·•⋅・]$/gu;

/** One name in an interpunct-separated author list: a few words, no sentence punctuation. */
function isListedName(part: string): boolean {
  const words = part.split(' ');
  return words.length <= 8 && part.length <= 80 && /\p{L}/u.test(part) && !/[:;!?]/.test(part);
}

/** The names on an author line (`A · B · C`), or undefined if the line is not one. */
export function authorListNames(text: string): string[] | undefined {
  const list = text.replace(EDGE_INTERPUNCT, '');
  // A lone name with a dangling interpunct (`Wei Lu ·`) still counts as a list of one.
  if (!INTERPUNCT.test(list) && list === text) return undefined;
  const parts = list.split(INTERPUNCT);
  return parts.every(isListedName) ? parts : undefined;
}

// Lower-case words that belong inside personal names.
const NAME_PARTICLES = new Set([
  'al', 'bin', 'binti', 'da', 'das', 'de', 'del', 'della', 'den', 'der', 'des', 'di', 'do', 'dos', 'du', 'el',
  'la', 'le', 'ten', 'ter', 'van', 'von', 'y', 'zu',
]);
// Capitalised words of paper titles that are not names; a two-word title such as
// "Behaviour Distillation" otherwise has the shape of a name.
const TITLE_WORDS = new Set([
  'the', 'of', 'for', 'with', 'and', 'via', 'from', 'towards', 'toward', 'using', 'beyond', 'what', 'how',
  'why', 'is', 'are', 'all', 'need', 'learning', 'learners', 'learned', 'network', 'networks', 'neural', 'model',
  'models', 'distillation', 'optimization', 'optimizers', 'attention', 'transformer', 'transformers', 'graph',
  'graphs', 'language', 'data', 'training', 'reinforcement', 'generative', 'adversarial', 'diffusion', 'memory',
  'recognition', 'analysis', 'detection', 'segmentation', 'representation', 'representations', 'inference',
  'estimation', 'bayesian', 'robust', 'robustness', 'efficient', 'scaling', 'vision', 'image', 'images', 'video',
  'system', 'systems', 'algorithm', 'algorithms', 'theory', 'policy', 'policies', 'search', 'control',
  'prediction', 'classification', 'embedding', 'embeddings', 'sampling', 'regression', 'benchmark',
  'benchmarks', 'dataset', 'datasets', 'gan', 'gans', 'convolutional', 'supervised', 'unsupervised',
  'understanding', 'agent', 'agents', 'tuning', 'retrieval', 'generation', 'reasoning', 'planning', 'alignment',
  'compression', 'pruning', 'quantization', 'federated', 'causal', 'contrastive', 'stochastic', 'gradient',
  'kernel', 'kernels', 'clustering', 'matching', 'machines', 'processes', 'games', 'fields', 'flows',
]);
// A capitalised word (Zhang, O'Neil, Jean-Luc, ALL-CAPS), an initial or initials (E., X.Y.),
// or a word of a script without letter case (Chinese, Japanese, Korean…).
const NAME_WORD = /^(?:\p{Lu}[\p{L}\p{M}'’-]*\.?|\p{Lu}\.(?:-?\p{Lu}\.)*|\p{Lo}[\p{Lo}\p{M}]*)$/u;

/** Whether a whole line has the shape of one person's name: 2 to 5 name words, nothing else. */
export function looksLikeName(text: string): boolean {
  if (text.length > 50) return false;
  const words = text.split(' ');
  if (words.length < 2 || words.length > 5) {
    // Names in scripts without spaces between words ("王小明") are one word.
    return words.length === 1 && /^\p{Lo}{2,6}$/u.test(text);
  }
  const capitalised = words.filter((word) => NAME_WORD.test(word));
  return (
    capitalised.length >= 2 &&
    words.every((word) => NAME_WORD.test(word) || NAME_PARTICLES.has(word)) &&
    !words.some((word) => word.toLowerCase().split('-').some((part) => TITLE_WORDS.has(part)))
  );
}

/** Whether a line is one capitalised word that could be a mononymous author ("Mausam", "Anonymous"). */
export function looksLikeMononym(text: string): boolean {
  return /^\p{Lu}[\p{Ll}\p{M}]{1,19}$/u.test(text) && !TITLE_WORDS.has(text.toLowerCase());
}

/** Text ending in an abbreviation whose full stop does not end a sentence ("e.g.", "vs.", "et al."). */
export const ABBREVIATION_END = /(?<!\p{L})(?:e\.g|i\.e|al|etc|vs|cf|figs?|eqs?|resp|approx|no|sec|ch|dr|mr|ms|prof)$/iu;

/** How many full stops inside a text end a sentence ("… works. We …"), not counting abbreviations. */
export function sentenceStops(text: string): number {
  let count = 0;
  for (const match of text.matchAll(/\p{Ll}{2}\.(?=["'”’)\]]*\s+\p{Lu})/gu)) {
    if (!ABBREVIATION_END.test(text.slice(0, match.index + match[0].length - 1))) count++;
  }
  return count;
}

/**
 * Whether a line reads as (part of) an abstract rather than a title: long, several sentences,
 * a finished sentence of some length, a truncation mark, or a lower-case continuation.
 * Titles are short, rarely contain a full stop, and never end with one.
 */
export function looksLikeAbstract(text: string): boolean {
  if (text.length >= 200) return true;
  if (/(?:\.\.\.|…)$/.test(text)) return true;
  const words = text.split(' ').length;
  if (text.length >= 60 && sentenceStops(text) > 0) return true;
  if (words >= 8 && /\.["'”’)]*$/.test(text)) return true;
  return words >= 8 && startsLowerCase(text);
}

/**
 * Whether a line starts with a plain lower-case word, as the rest of a broken sentence does;
 * names such as "iGraphMix", "mRNA" or "pix2code:" do not count.
 */
export function startsLowerCase(text: string): boolean {
  return /^\p{Ll}[\p{Ll}\p{M}'’-]*(?:[\s,;.)]|$)/u.test(text);
}

/**
 * Whether a line is markup or a record of a structured format (JSON, BibTeX, RIS, XML, CSV
 * header, Markdown) rather than page prose; detectors use it to stay near 0 on those formats.
 */
export function looksStructured(text: string): boolean {
  // Markdown headings, tables, fences, quotes and bullets: a README in an ingested folder is no listing.
  if (/^(?:#{1,6}\s|\||```|>\s|[-*+]\s)/.test(text)) return true;
  // CSV shows as fields glued to their commas (`Title,Authors,Year`, `"x",2020,,`); prose puts a space after a comma.
  return /^(?:[{}[\]<@%]|"[^"]*"\s*:|[A-Z][A-Z0-9] +-(?: |$)|\w+\s*=\s*[{"])|,[^\s\d][^,]*,[^\s\d]/.test(text);
}
