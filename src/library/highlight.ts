// Marking a query's matches in a title and in a snippet of an abstract. Done here rather than
// with FTS5's highlight() and snippet(), which can only run inside a MATCH evaluated again for
// every row shown: that cost more than half of answering a search whose ranking is remembered
// (1.2 of 2.2 ms per page of 20). Words are cut and folded as the index's tokenizer does
// (unicode61 remove_diacritics 2: runs of letters, digits and private-use characters, lower
// case, diacritics dropped), so what is marked is what matched.
import type { QueryTerm } from './fts-query.ts';

interface Token {
  start: number;
  end: number;
  folded: string;
}

/** A query term as the index sees it: a run of folded words, the last one a prefix for `term*`. */
interface Phrase {
  words: string[];
  prefix: boolean;
}

/** A match of one phrase: tokens `first` to `last` of a text. */
interface Match {
  phrase: number;
  first: number;
  last: number;
}

const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;
const ASCII_ONLY = /^[\x00-\x7f]*$/;

function tokenize(text: string): Token[] {
  if (!ASCII_ONLY.test(text)) {
    return Array.from(text.matchAll(TOKEN), (match) => ({
      start: match.index,
      end: match.index + match[0].length,
      folded: match[0].normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase(),
    }));
  }
  // Most titles and abstracts are ASCII: scanning codes is three times faster than the regex.
  const tokens: Token[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      tokens.push({ start, end: i, folded: text.slice(start, i).toLowerCase() });
      start = -1;
    }
  }
  return tokens;
}

export function queryPhrases(terms: readonly QueryTerm[]): Phrase[] {
  return terms.map((term) => ({ words: tokenize(term.text).map((token) => token.folded), prefix: term.prefix })).filter((phrase) => phrase.words.length > 0);
}

function findMatches(tokens: readonly Token[], phrases: readonly Phrase[]): Match[] {
  const matches: Match[] = [];
  phrases.forEach(({ words, prefix }, phrase) => {
    const last = words.length - 1;
    for (let first = 0; first + last < tokens.length; first++) {
      let matched = true;
      for (let j = 0; j <= last && matched; j++) {
        const token = tokens[first + j].folded;
        matched = j === last && prefix ? token.startsWith(words[j]) : token === words[j];
      }
      if (matched) matches.push({ phrase, first, last: first + last });
    }
  });
  return matches.sort((a, b) => a.first - b.first || b.last - a.last);
}

/** `text[from, to)` with the matches inside it (clipped to it, overlapping ones merged) between the marks. */
function markRange(text: string, tokens: readonly Token[], matches: readonly Match[], from: number, to: number, open: string, close: string): string {
  let marked = '';
  let at = from;
  let span: { start: number; end: number } | undefined;
  const flush = () => {
    if (!span) return;
    marked += text.slice(at, span.start) + open + text.slice(span.start, span.end) + close;
    at = span.end;
    span = undefined;
  };
  for (const match of matches) {
    const start = Math.max(tokens[match.first].start, from);
    const end = Math.min(tokens[match.last].end, to);
    if (start >= end) continue;
    if (span && start <= span.end) span.end = Math.max(span.end, end);
    else {
      flush();
      span = { start, end };
    }
  }
  flush();
  return marked + text.slice(at, to);
}

export function markText(text: string, phrases: readonly Phrase[], open: string, close: string): string {
  const tokens = tokenize(text);
  return markRange(text, tokens, findMatches(tokens, phrases), 0, text.length, open, close);
}

/**
 * About `length` words of `text` around its matches, marked, with an ellipsis where text was
 * cut, chosen as FTS5's snippet() chooses: a window scores 1000 for each phrase it holds and 1
 * for each further match; windows are tried centred on each match and, with a bonus of 100
 * (120 at the very start), from the start of the sentence the match is in. Without matches,
 * the text's beginning.
 */
export function snippetOf(text: string, phrases: readonly Phrase[], length: number, open: string, close: string, ellipsis: string): string {
  const tokens = tokenize(text);
  if (tokens.length === 0) return text;
  const matches = findMatches(tokens, phrases);
  const sentenceStarts = tokens.flatMap((token, index) => (index === 0 || startsSentence(text, token.start) ? [index] : []));
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
      bestStart = Math.max(0, Math.min(match.first - Math.trunc((length - span) / 2), tokens.length - length));
      bestScore = score;
    }
    if (tokens.length <= length) continue;
    const sentence = sentenceStarts.findLast((start) => start <= match.first)!;
    if (sentence === match.first) continue;
    const atSentence = windowAt(sentence).score + (sentence === 0 ? 120 : 100);
    if (atSentence > bestScore) {
      bestStart = sentence;
      bestScore = atSentence;
    }
  }
  const end = Math.min(tokens.length, bestStart + length) - 1;
  const from = bestStart === 0 ? 0 : tokens[bestStart].start;
  const to = end === tokens.length - 1 ? text.length : tokens[end].end;
  return (bestStart > 0 ? ellipsis : '') + markRange(text, tokens, matches, from, to, open, close) + (end < tokens.length - 1 ? ellipsis : '');
}

/** A word starts a sentence when whitespace and then a full stop or colon come before it. */
function startsSentence(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && ' \t\n\r'.includes(text[i])) i--;
  return i < at - 1 && i >= 0 && (text[i] === '.' || text[i] === ':');
}
