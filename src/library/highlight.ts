// Marking a query's matches in a title and in a snippet of an abstract. Done here rather than
// with FTS5's highlight() and snippet(), which can only run inside a MATCH evaluated again for
// every row shown: that cost more than half of answering a search whose ranking is remembered
// (1.2 of 2.2 ms per page of 20). Words are cut and folded as the index's tokenizer does
// (unicode61 remove_diacritics 2: runs of letters, digits and private-use characters, lower
// case, diacritics dropped), so what is marked is what matched.
import type { Segment } from '../types.ts';
import type { QueryTerm } from './fts-query.ts';

/**
 * The words of a text: word `i` is `text.slice(starts[i], ends[i])`. Only words with non-ASCII
 * characters get a folded form (`folded[i]`); the others are compared in place, since building a
 * string for each of an abstract's 200 words was most of the cost of marking a page of results.
 */
interface Tokens {
  text: string;
  starts: number[];
  ends: number[];
  folded: (string | undefined)[];
}

/** A query term as the index sees it: a run of folded words, the last one a prefix for `term*`. */
interface Phrase {
  words: string[];
  prefix: boolean;
}

/** A match of one phrase: words `first` to `last` of a text. */
interface Match {
  phrase: number;
  first: number;
  last: number;
}

const WORD_CHARACTER = /^[\p{L}\p{N}\p{Co}]$/u;

const isAsciiWordCode = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/**
 * One of three tokenizers, each cutting words for its own use. This one cuts them exactly as the
 * index's tokenizer does (see the top of this file), keeping where each word is, so that a mark
 * covers the words a search matched. engine/text.ts stems words, drops stop words and joins
 * hyphenated prefixes, for relevance; library/versions.ts hashes words as written, without
 * folding diacritics, to find one wording in two versions of a paper.
 */
function tokenize(text: string): Tokens {
  const tokens: Tokens = { text, starts: [], ends: [], folded: [] };
  let start = -1;
  let ascii = true;
  for (let i = 0; i <= text.length; ) {
    const code = i < text.length ? text.codePointAt(i)! : 32;
    const width = code > 0xffff ? 2 : 1;
    const inWord = code < 128 ? isAsciiWordCode(code) : WORD_CHARACTER.test(String.fromCodePoint(code));
    if (inWord) {
      if (start < 0) start = i;
      if (code >= 128) ascii = false;
    } else if (start >= 0) {
      tokens.starts.push(start);
      tokens.ends.push(i);
      if (!ascii) tokens.folded[tokens.starts.length - 1] = fold(text.slice(start, i));
      start = -1;
      ascii = true;
    }
    i += width;
  }
  return tokens;
}

/** Lower case without diacritics, as remove_diacritics 2 folds a word. */
const fold = (word: string) => word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();

/** Whether word `index` of the text is `word` (folded), or begins with it when `prefix`. */
function wordMatches(tokens: Tokens, index: number, word: string, prefix: boolean): boolean {
  const folded = tokens.folded[index];
  if (folded !== undefined) return prefix ? folded.startsWith(word) : folded === word;
  const start = tokens.starts[index];
  const length = tokens.ends[index] - start;
  if (prefix ? length < word.length : length !== word.length) return false;
  for (let i = 0; i < word.length; i++) {
    // ASCII letters and digits: setting bit 0x20 lower-cases letters and leaves digits alone.
    if ((tokens.text.charCodeAt(start + i) | 0x20) !== word.charCodeAt(i)) return false;
  }
  return true;
}

export function queryPhrases(terms: readonly QueryTerm[]): Phrase[] {
  return terms.map((term) => ({ words: foldedWords(term.text), prefix: term.prefix })).filter((phrase) => phrase.words.length > 0);
}

function foldedWords(text: string): string[] {
  const tokens = tokenize(text);
  return tokens.starts.map((start, i) => tokens.folded[i] ?? text.slice(start, tokens.ends[i]).toLowerCase());
}

function findMatches(tokens: Tokens, phrases: readonly Phrase[]): Match[] {
  const matches: Match[] = [];
  const count = tokens.starts.length;
  phrases.forEach(({ words, prefix }, phrase) => {
    const last = words.length - 1;
    for (let first = 0; first + last < count; first++) {
      let matched = true;
      for (let j = 0; j <= last && matched; j++) matched = wordMatches(tokens, first + j, words[j], j === last && prefix);
      if (matched) matches.push({ phrase, first, last: first + last });
    }
  });
  return matches.sort((a, b) => a.first - b.first || b.last - a.last);
}

/** `text[from, to)` as runs, the matches inside it (clipped to it, overlapping ones merged) marked as matches. */
function markRange(text: string, tokens: Tokens, matches: readonly Match[], from: number, to: number): Segment[] {
  const runs: Segment[] = [];
  let at = from;
  let span: { start: number; end: number } | undefined;
  const flush = () => {
    if (!span) return;
    if (span.start > at) runs.push({ text: text.slice(at, span.start), match: false });
    runs.push({ text: text.slice(span.start, span.end), match: true });
    at = span.end;
    span = undefined;
  };
  for (const match of matches) {
    const start = Math.max(tokens.starts[match.first], from);
    const end = Math.min(tokens.ends[match.last], to);
    if (start >= end) continue;
    if (span && start <= span.end) span.end = Math.max(span.end, end);
    else {
      flush();
      span = { start, end };
    }
  }
  flush();
  if (to > at) runs.push({ text: text.slice(at, to), match: false });
  return runs;
}

export function markText(text: string, phrases: readonly Phrase[]): Segment[] {
  const tokens = tokenize(text);
  return markRange(text, tokens, findMatches(tokens, phrases), 0, text.length);
}

/**
 * About `length` words of `text` around its matches, marked, with an ellipsis where text was
 * cut, chosen as FTS5's snippet() chooses: a window scores 1000 for each phrase it holds and 1
 * for each further match; windows are tried centred on each match and, with a bonus of 100
 * (120 at the very start), from the start of the sentence the match is in. Without matches,
 * the text's beginning.
 */
export function snippetOf(text: string, phrases: readonly Phrase[], length: number, ellipsis: string): Segment[] {
  const tokens = tokenize(text);
  const count = tokens.starts.length;
  if (count === 0) return text ? [{ text, match: false }] : [];
  const matches = findMatches(tokens, phrases);
  const windowAt = (start: number) => {
    const inside = matches.filter((match) => match.first >= start && match.first < start + length);
    const phrasesInside = new Set(inside.map((match) => match.phrase)).size;
    return { inside, score: phrasesInside * 1000 + inside.length - phrasesInside };
  };
  let bestStart = 0;
  let bestScore = 0;
  for (const match of matches) {
    const { inside, score } = windowAt(match.first);
    if (score > bestScore) {
      const span = inside[inside.length - 1].last + 1 - match.first;
      bestStart = Math.max(0, Math.min(match.first - Math.trunc((length - span) / 2), count - length));
      bestScore = score;
    }
    if (count <= length) continue;
    let sentence = match.first;
    while (sentence > 0 && !startsSentence(text, tokens.starts[sentence])) sentence--;
    if (sentence === match.first) continue;
    const atSentence = windowAt(sentence).score + (sentence === 0 ? 120 : 100);
    if (atSentence > bestScore) {
      bestStart = sentence;
      bestScore = atSentence;
    }
  }
  const end = Math.min(count, bestStart + length) - 1;
  const from = bestStart === 0 ? 0 : tokens.starts[bestStart];
  const to = end === count - 1 ? text.length : tokens.ends[end];
  const runs = markRange(text, tokens, matches, from, to);
  if (bestStart > 0) addText(runs, 0, ellipsis);
  if (end < count - 1) addText(runs, runs.length, ellipsis);
  return runs;
}

/** Adds unmatched text at `at` (0 or the end), joined to the unmatched run already there. */
function addText(runs: Segment[], at: number, text: string): void {
  const neighbour = runs[at === 0 ? 0 : runs.length - 1];
  if (neighbour && !neighbour.match) neighbour.text = at === 0 ? text + neighbour.text : neighbour.text + text;
  else runs.splice(at, 0, { text, match: false });
}

/** A word starts a sentence when whitespace and then a full stop or colon come before it. */
function startsSentence(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && ' \t\n\r'.includes(text[i])) i--;
  return i < at - 1 && i >= 0 && (text[i] === '.' || text[i] === ':');
}
