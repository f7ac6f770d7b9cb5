// MiniSearch and FlexSearch over the same papers, each asked the benchmark's queries in its own
// best approximation of paperscout's semantics, returning the top 10 ids.
import MiniSearch, { type Query } from 'minisearch';
import { Document } from 'flexsearch';
import type { Paper } from '../src/types.ts';
import type { PaperFilter } from '../src/library/papers.ts';
import { parseQuery } from '../src/library/fts-query.ts';
import { authorKey } from '../src/library/identity.ts';
import type { BenchQuery } from './search-queries.ts';

export interface SearchPeer {
  search(query: BenchQuery): number[];
}

/** The searchable text of a paper plus what filters need, flattened for in-memory engines. */
export interface PeerDoc {
  [field: string]: string | number | string[];
  id: number;
  title: string;
  authors: string;
  abstract: string;
  keywords: string;
  venue: string;
  year: number;
  /** Every author as `authorKey` (sorted name words), for exact-author tags. */
  authorKeys: string[];
  /** Every word of every author name, for paperscout's "each word among the authors" filter. */
  authorWords: string[];
  /** Venue and year in one tag: FlexSearch ORs separate tags. */
  venueYear: string;
}

const TEXT_FIELDS = ['title', 'authors', 'abstract', 'keywords'];
/** The same column weights as paperscout's BM25 ranking. */
const FIELD_WEIGHTS = { title: 8, authors: 4, abstract: 1, keywords: 2 };
const LIMIT = 10;

export function toPeerDoc(paper: Paper): PeerDoc {
  const venue = paper.venue?.toLowerCase() ?? '';
  return {
    id: paper.id,
    title: paper.title,
    authors: paper.authors.join('; '),
    abstract: paper.abstract ?? '',
    keywords: paper.keywords.join('; '),
    venue,
    year: paper.year ?? 0,
    authorKeys: paper.authors.map(authorKey),
    authorWords: [...new Set(paper.authors.flatMap((name) => authorKey(name).split(' ')))],
    venueYear: `${venue} ${paper.year ?? ''}`,
  };
}

/** MiniSearch: BM25 with the same field weights; every term required; filters as its `filter` callback. */
export function buildMiniSearch(docs: readonly PeerDoc[]): SearchPeer {
  const index = new MiniSearch<PeerDoc>({ fields: TEXT_FIELDS, storeFields: ['venue', 'year', 'authorWords'] });
  index.addAll(docs);
  return {
    search({ text, filter }) {
      // Phrases become their words, all required (MiniSearch has no positions); prefix terms keep `prefix`.
      const tree: Query = {
        combineWith: 'AND',
        queries: parseQuery(text).map((term) => ({ queries: [term.text], prefix: term.prefix, combineWith: 'AND' })),
      };
      const wanted = filterTest(filter);
      return index
        .search(tree, { boost: FIELD_WEIGHTS, filter: (result) => wanted(result as unknown as PeerDoc) })
        .slice(0, LIMIT)
        .map((result) => result.id as number);
    },
  };
}

function filterTest(filter: PaperFilter): (doc: Pick<PeerDoc, 'venue' | 'year' | 'authorWords'>) => boolean {
  const venue = filter.venue?.toLowerCase();
  const authorWords = filter.author ? authorKey(filter.author).split(' ') : [];
  return (doc) =>
    (venue === undefined || doc.venue === venue) &&
    (filter.year === undefined || doc.year === filter.year) &&
    authorWords.every((word) => doc.authorWords.includes(word));
}

/**
 * FlexSearch Document index. Prefix queries need the `forward` tokenizer, which makes every
 * term match as a prefix; filters are its tags (venue, venue+year, exact author).
 */
export function buildFlexSearch(docs: readonly PeerDoc[]): SearchPeer {
  const index = new Document<PeerDoc>({
    document: {
      id: 'id',
      index: TEXT_FIELDS.map((field) => ({ field, tokenize: 'forward' as const })),
      tag: ['venue', 'venueYear', 'authorKeys'],
    },
  });
  for (const doc of docs) index.add(doc);
  return {
    search({ text, filter }) {
      const words = parseQuery(text).map((term) => term.text).join(' ');
      const results = index.search(words, { limit: LIMIT, merge: true, ...flexTags(filter) });
      return results.slice(0, LIMIT).map((result) => result.id as number);
    },
  };
}

/** FlexSearch ORs the tags of one search, so each filter the benchmark asks for is a single tag. */
function flexTags(filter: PaperFilter): { tag?: Record<string, string> } {
  const venue = filter.venue?.toLowerCase();
  const tag: Record<string, string> = {};
  if (venue !== undefined) {
    if (filter.year !== undefined) tag.venueYear = `${venue} ${filter.year}`;
    else tag.venue = venue;
  }
  if (filter.author) tag.authorKeys = authorKey(filter.author);
  return Object.keys(tag).length > 0 ? { tag } : {};
}
