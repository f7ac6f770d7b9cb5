// Realistic search queries drawn from a library's own papers, the same on every run: phrases
// from titles, common and rare title words, prefixes, and words narrowed by venue, year or author.
import type { Paper } from '../src/types.ts';
import type { PaperFilter } from '../src/library/papers.ts';
import { seededRandom } from '../src/engine/linalg.ts';

export const QUERY_MIX = {
  phrase: 300,
  'common word': 150,
  'rare word': 150,
  prefix: 150,
  'word + venue': 150,
  'word + venue + year': 150,
  'word + author': 150,
} as const;

export type QueryKind = keyof typeof QUERY_MIX;

export interface BenchQuery {
  kind: QueryKind;
  text: string;
  filter: Omit<PaperFilter, 'paperIds'>;
}

// Words nobody searches for on their own.
const STOPWORDS = new Set(
  'a an and are as at be by can do does for from how in into is it its of on or our over the their this that to towards toward through under via using based we what when which why with without vs versus new not'.split(' '),
);

const titleWords = (paper: Paper) => paper.title.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
const isSearchable = (word: string) => !STOPWORDS.has(word) && /^\p{L}{3,}$/u.test(word);

/** Generates the mix in a shuffled order, so no kind of query runs with a cache warmed by its twins. */
export function generateQueries(papers: readonly Paper[], seed = 20240607): BenchQuery[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

  // How many titles each word appears in: the most frequent are the "common" words a person
  // types (learning, neural, model…), the ones in a handful of titles the "rare" ones.
  const titleFrequency = new Map<string, number>();
  for (const paper of papers) for (const word of new Set(titleWords(paper))) titleFrequency.set(word, (titleFrequency.get(word) ?? 0) + 1);
  const byFrequency = [...titleFrequency].filter(([word]) => isSearchable(word)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const commonWords = byFrequency.slice(0, 50).map(([word]) => word);
  const rareWords = byFrequency.filter(([word, n]) => n >= 2 && n <= 4 && word.length >= 5).map(([word]) => word);

  /** Draws papers until `from` makes a query of one; every paper that could ever qualify is tried sooner or later. */
  const fromPaper = (from: (paper: Paper, words: string[]) => string | undefined): [string, Paper] => {
    for (;;) {
      const paper = pick(papers);
      const text = from(paper, titleWords(paper));
      if (text) return [text, paper];
    }
  };
  const titleWord = (_: Paper, words: string[]) => {
    const candidates = words.filter(isSearchable);
    return candidates.length > 0 ? pick(candidates) : undefined;
  };

  const makers: Record<QueryKind, () => BenchQuery> = {
    phrase: () => {
      const [text] = fromPaper((_, words) => {
        const length = 2 + Math.floor(random() * 2);
        if (words.length < length) return undefined;
        const start = Math.floor(random() * (words.length - length + 1));
        const phrase = words.slice(start, start + length);
        return phrase.some(isSearchable) ? `"${phrase.join(' ')}"` : undefined;
      });
      return { kind: 'phrase', text, filter: {} };
    },
    'common word': () => ({ kind: 'common word', text: pick(commonWords), filter: {} }),
    'rare word': () => ({ kind: 'rare word', text: pick(rareWords), filter: {} }),
    prefix: () => {
      const [text] = fromPaper((_, words) => {
        // Stems of 5–7 letters, like `transf*`; shorter ones (`comp*`) say nothing anyone would look for.
        const long = words.filter((word) => isSearchable(word) && word.length >= 8);
        return long.length > 0 ? `${pick(long).slice(0, 5 + Math.floor(random() * 3))}*` : undefined;
      });
      return { kind: 'prefix', text, filter: {} };
    },
    'word + venue': () => {
      const [text, paper] = fromPaper((paper, words) => (paper.venue ? titleWord(paper, words) : undefined));
      return { kind: 'word + venue', text, filter: { venue: paper.venue! } };
    },
    'word + venue + year': () => {
      const [text, paper] = fromPaper((paper, words) => (paper.venue && paper.year ? titleWord(paper, words) : undefined));
      return { kind: 'word + venue + year', text, filter: { venue: paper.venue!, year: paper.year! } };
    },
    'word + author': () => {
      const [text, paper] = fromPaper((paper, words) => (paper.authors.length > 0 ? titleWord(paper, words) : undefined));
      return { kind: 'word + author', text, filter: { author: pick(paper.authors) } };
    },
  };

  const queries = Object.entries(QUERY_MIX).flatMap(([kind, count]) => Array.from({ length: count }, makers[kind as QueryKind]));
  // Fisher–Yates with the same generator.
  for (let i = queries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [queries[i], queries[j]] = [queries[j], queries[i]];
  }
  return queries;
}

export function urlQuery(params: Record<string, string | number | undefined>): string {
  return new URLSearchParams(Object.entries(params).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]]))).toString();
}

/** The API request for a query: its top 20, as the web app's search page asks. */
export const searchPath = ({ text, filter }: BenchQuery) => `/api/search?${urlQuery({ q: text, ...filter, limit: 20 })}`;
