// Who is who behind a name: the library's papers by one name (any spelling of it: its name key),
// grouped into the people they likely are, so that a profile takes a researcher's papers and not
// a namesake's.
//
// The rule, simple enough to say on the page: papers connected through shared co-authors are one
// identity. Two papers are connected when a co-author (by name key) is on both, and connection
// carries on: A and B share a co-author, B and C another, so A, B and C are one. Venues and years
// are shown to tell identities apart but join none: a common name publishes at the same venues
// as its namesakes. A person with two circles of co-authors shows as two identities; the person
// picks both.
import type { Db } from './database.ts';
import { authorKey } from './identity.ts';

export interface AuthorIdentity {
  /** 1-based, in the order identities are listed: most papers first, then the earliest paper. */
  number: number;
  paperIds: number[];
  /** The spellings of the name on these papers, most used first. */
  names: string[];
  /** The co-authors most often on these papers, with how many of them they are on. */
  coauthors: { name: string; papers: number }[];
  /** Venues with years (`ICLR 2024`), most papers first. */
  venues: { venue: string; papers: number }[];
  /** Titles of a few of the papers, newest first. */
  sampleTitles: string[];
}

const COAUTHORS_SHOWN = 5;
const VENUES_SHOWN = 4;
const TITLES_SHOWN = 3;

/**
 * Union-find over the papers, by index. Hand-written: the few lines below are the whole
 * structure, and no package offers less.
 */
function groups(size: number, links: Iterable<number[]>): number[][] {
  const parent = Array.from({ length: size }, (_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (const members of links) for (const member of members.slice(1)) parent[root(member)] = root(members[0]);
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < size; i++) {
    const group = byRoot.get(root(i)) ?? [];
    group.push(i);
    byRoot.set(root(i), group);
  }
  return [...byRoot.values()];
}

/** Counts of `values`, most first (ties in first-seen order), the first `limit`. */
function mostCommon(values: readonly string[], limit: number): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([value, count]) => ({ value, count }));
}

/** The identities behind a name in the library (see the rule above); none when no paper has it. */
export function authorIdentities(db: Db, name: string): AuthorIdentity[] {
  const key = authorKey(name);
  const papers = db
    .prepare<[string], { id: number; title: string; venue: string | null; year: number | null; name: string }>(
      `SELECT p.id, p.title, p.venue, p.year, a.name FROM paper_authors a JOIN papers p ON p.id = a.paper_id WHERE a.name_key = ? ORDER BY p.id`,
    )
    .all(key);
  if (papers.length === 0) return [];
  const indexOf = new Map(papers.map((paper, index) => [paper.id, index]));
  const coauthorRows = db
    .prepare<[string, string], { paper_id: number; name_key: string; name: string }>(
      `SELECT paper_id, name_key, name FROM paper_authors WHERE paper_id IN (SELECT value FROM json_each(?)) AND name_key <> ? ORDER BY paper_id, name`,
    )
    .all(JSON.stringify(papers.map((paper) => paper.id)), key);
  const papersOfCoauthor = new Map<string, number[]>();
  /** One spelling of each co-author's name, to show. */
  const spelling = new Map<string, string>();
  for (const row of coauthorRows) {
    if (!spelling.has(row.name_key)) spelling.set(row.name_key, row.name);
    const list = papersOfCoauthor.get(row.name_key) ?? [];
    list.push(indexOf.get(row.paper_id)!);
    papersOfCoauthor.set(row.name_key, list);
  }
  const identities = groups(papers.length, papersOfCoauthor.values()).map((members) => {
    const ids = new Set(members.map((i) => papers[i].id));
    const mine = members.map((i) => papers[i]);
    const newest = [...mine].sort((a, b) => (b.year ?? 0) - (a.year ?? 0) || b.id - a.id);
    return {
      paperIds: [...ids],
      names: mostCommon(mine.map((paper) => paper.name), Infinity).map(({ value }) => value),
      coauthors: mostCommon(coauthorRows.filter((row) => ids.has(row.paper_id)).map((row) => row.name_key), COAUTHORS_SHOWN).map(({ value, count }) => ({ name: spelling.get(value)!, papers: count })),
      venues: mostCommon(mine.flatMap((paper) => (paper.venue ? [[paper.venue, paper.year].filter(Boolean).join(' ')] : [])), VENUES_SHOWN).map(({ value, count }) => ({ venue: value, papers: count })),
      sampleTitles: newest.slice(0, TITLES_SHOWN).map((paper) => paper.title),
    };
  });
  identities.sort((a, b) => b.paperIds.length - a.paperIds.length || a.paperIds[0] - b.paperIds[0]);
  return identities.map((identity, index) => ({ number: index + 1, ...identity }));
}
