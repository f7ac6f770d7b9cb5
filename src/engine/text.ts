// Text features: from a paper's title, abstract and keywords to stemmed terms. Everything the
// engine compares goes through here, so two spellings of one idea ("pre-trained" and
// "pretrained", "$k$-means" and "k-means") must end up as the same term.
import { stemmer } from 'stemmer';
import type { PaperText } from '../types.ts';
import { STOP_WORDS } from './stopwords.ts';

/** One word of a text: its Porter stem (what is compared) and the word as written (what is shown). */
export interface Token {
  stem: string;
  written: string;
}

/**
 * A run of adjacent words not broken by punctuation or a stop word. Phrases (bigrams) are
 * formed only inside a segment, so "networks. Graph" or "networks for graphs" make none.
 */
export type Segment = Token[];

/** The text of one field of a paper and how much its words count. */
export interface Field {
  weight: number;
  segments: Segment[];
}

/**
 * How much a word counts by where it stands. Measured on the reviewer-expertise benchmark,
 * doubling the title's words made rankings worse (loss 0.272 -> 0.282, tripling 0.289): with
 * sublinear tf the title's words are already the abstract's topic words, so all fields count
 * alike. Fields still matter as boundaries: no phrase or co-occurrence window spans two.
 */
export const FIELD_WEIGHTS = { title: 1, abstract: 1, keywords: 1 } as const;

const STOP = new Set(STOP_WORDS);

/**
 * Prefixes that writers attach with or without a hyphen ("pre-trained"/"pretrained",
 * "non-convex"/"nonconvex"): the hyphenated form is joined so both spellings meet.
 */
const JOINED_PREFIXES = new Set([
  'anti', 'auto', 'bi', 'co', 'counter', 'cross', 'de', 'hyper', 'inter', 'intra', 'macro', 'meta', 'micro',
  'mid', 'mini', 'multi', 'non', 'over', 'post', 'pre', 'pseudo', 're', 'semi', 'sub', 'super', 'tri', 'ultra',
  'un', 'under', 'uni',
]);

const WORD = /[\p{L}\p{N}]+(?:['’\-‐‑][\p{L}\p{N}]+)*/gu;
const HYPHEN = /[-‐‑]/;
const APOSTROPHE = /['’]/;

/**
 * Strips what is markup rather than words: URLs (which end a phrase), HTML entities, LaTeX commands (keeping their
 * arguments, so `\emph{sparse}` stays "sparse" and `$k$-means` becomes "k-means"), and accents
 * (so "naïve" meets "naive").
 */
export function cleanText(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/\bhttps?:\/\/\S+|\bwww\.\S+/g, ' ; ')
    .replace(/&amp;/gi, ' & ')
    .replace(/&(?:[a-z]+|#\d+|#x[0-9a-f]+);/gi, ' ')
    .replace(/\\[a-zA-Z]+\*?/g, ' ')
    .replace(/[$]/g, '')
    .replace(/[{}^_\\]/g, ' ');
}

/**
 * How a word is shown: lower-cased, except acronyms ("GAN", "LSTMs") and names with capitals
 * inside ("ProMoT", "GraphSAGE"), which readers know as written: lower-cased, "ProMoT" would read
 * as the stem of "promote".
 */
function displayForm(written: string): string {
  const acronym = /^[\p{Lu}\p{N}]+s?$/u.test(written) && /\p{Lu}.*\p{Lu}/u.test(written);
  const innerCapital = /\p{Ll}\p{Lu}/u.test(written);
  return acronym || innerCapital ? written : written.toLowerCase();
}

// Stemming is most of the cost of reading a large corpus, and a corpus has far fewer distinct
// words than words: remember each word's stem (bounded, for long-running processes).
const stems = new Map<string, string>();
const MAX_REMEMBERED_STEMS = 1_000_000;

function stemOf(lower: string): string {
  let stem = stems.get(lower);
  if (stem === undefined) {
    if (stems.size >= MAX_REMEMBERED_STEMS) stems.clear();
    stem = stemmer(lower);
    stems.set(lower, stem);
  }
  return stem;
}

function tokenOf(word: string): Token | undefined {
  const lower = word.toLowerCase();
  if (lower.length < 2 || lower.length > 40 || /^\p{N}+$/u.test(lower) || STOP.has(lower)) return undefined;
  return { stem: stemOf(lower), written: word };
}

/** The tokens one written word stands for: none (a stop word, a number), one, or its parts. */
function wordTokens(written: string): (Token | undefined)[] {
  const word = written.split(APOSTROPHE)[0];
  if (!HYPHEN.test(word)) return [tokenOf(word)];
  if (STOP.has(word.toLowerCase())) return [undefined];
  const parts = word.split(HYPHEN);
  const head = parts[0].toLowerCase();
  if (JOINED_PREFIXES.has(head) || head.length === 1 || /^\p{N}+$/u.test(head)) {
    // "k-means" -> "kmeans"; "multi-agent" -> "multiagent" and "agent", which also meets
    // texts that write "agent" alone.
    return [tokenOf(parts.slice(0, 2).join('')), ...parts.slice(1).map(tokenOf)];
  }
  return parts.map(tokenOf);
}

/**
 * Splits text into segments of tokens (see Segment). One of three tokenizers, each cutting words
 * for its own use. This one is for relevance: it strips markup, joins hyphenated prefixes, drops
 * stop words and stems, so that two spellings of one idea meet as one term. library/highlight.ts
 * cuts words exactly as the full-text index does, so that what it marks is what a search
 * matched; library/versions.ts hashes the words as written, to find one wording in two versions
 * of a paper, and fast enough for every abstract ingested.
 */
export function tokenize(text: string): Segment[] {
  const clean = cleanText(text);
  const segments: Segment[] = [];
  let current: Segment = [];
  let lastEnd = 0;
  const close = () => {
    if (current.length) segments.push(current);
    current = [];
  };
  for (const match of clean.matchAll(WORD)) {
    if (/\S/.test(clean.slice(lastEnd, match.index))) close();
    lastEnd = match.index + match[0].length;
    for (const token of wordTokens(match[0])) {
      if (token) current.push(token);
      else close();
    }
  }
  close();
  return segments;
}

/** A paper's fields, tokenized, with their weights. Empty fields are left out. */
export function docFields(doc: PaperText): Field[] {
  const fields: Field[] = [{ weight: FIELD_WEIGHTS.title, segments: tokenize(doc.title) }];
  if (doc.abstract) fields.push({ weight: FIELD_WEIGHTS.abstract, segments: tokenize(doc.abstract) });
  for (const keyword of doc.keywords ?? []) fields.push({ weight: FIELD_WEIGHTS.keywords, segments: tokenize(keyword) });
  return fields.filter((field) => field.segments.length > 0);
}

/** The phrase term of two adjacent tokens; a space cannot occur in a stem, so it marks phrases. */
export function phraseTerm(first: string, second: string): string {
  return `${first} ${second}`;
}

/** Weighted counts of a paper's terms: stems, and (with `phrases`) adjacent-word bigrams. */
export function termCounts(fields: readonly Field[], phrases: boolean): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (term: string, weight: number) => counts.set(term, (counts.get(term) ?? 0) + weight);
  for (const { weight, segments } of fields) {
    for (const segment of segments) {
      segment.forEach((token, i) => {
        add(token.stem, weight);
        if (phrases && i > 0) add(phraseTerm(segment[i - 1].stem, token.stem), weight);
      });
    }
  }
  return counts;
}

/** How often each term (stem or phrase) was written each way in some fields. */
export type WrittenForms = Map<string, Map<string, number>>;

export function writtenForms(fields: readonly Field[]): WrittenForms {
  const forms: WrittenForms = new Map();
  const note = (term: string, surface: string) => {
    const ofTerm = forms.get(term) ?? new Map<string, number>();
    ofTerm.set(surface, (ofTerm.get(surface) ?? 0) + 1);
    forms.set(term, ofTerm);
  };
  for (const { segments } of fields) {
    for (const segment of segments) {
      segment.forEach((token, i) => {
        const shown = displayForm(token.written);
        note(token.stem, shown);
        if (i > 0) note(phraseTerm(segment[i - 1].stem, token.stem), `${displayForm(segment[i - 1].written)} ${shown}`);
      });
    }
  }
  return forms;
}

/**
 * How a term was most often written across texts, for showing it to people ("graph neural
 * networks", not the stems "graph neural network"); undefined if none of them has it.
 */
export function surfaceOf(term: string, ...texts: readonly WrittenForms[]): string | undefined {
  const counts = new Map<string, number>();
  for (const forms of texts) for (const [surface, n] of forms.get(term) ?? []) counts.set(surface, (counts.get(surface) ?? 0) + n);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}
