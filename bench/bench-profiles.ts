// Profiles for the relevance benchmarks, the same on every run of a library.
import type { Profile } from '../src/types.ts';
import type { Library } from '../src/library/library.ts';

/**
 * Profiles of `size` papers each: the most recent papers of the `authors` most prolific
 * authors, and the best search hits for each of `topics`.
 */
export function benchProfiles(library: Library, authors: number, topics: readonly string[], size: number): Profile[] {
  const asProfile = (name: string, paperIds: number[]): Profile => ({ id: 0, name, createdAt: '', paperIds, ratings: {} });
  const prolific = library.db
    .prepare<[number], { name: string }>('SELECT name_key AS name FROM paper_authors GROUP BY name_key ORDER BY count(*) DESC, name_key LIMIT ?')
    .all(authors);
  const papersBy = library.db.prepare<[string, number], { id: number }>(
    'SELECT p.id FROM papers p JOIN paper_authors a ON a.paper_id = p.id WHERE a.name_key = ? ORDER BY p.year DESC, p.id LIMIT ?',
  );
  return [
    ...prolific.map(({ name }) => asProfile(name, papersBy.all(name, size).map((row) => row.id))),
    ...topics.map((topic) => asProfile(topic, library.search(topic, {}, { limit: size }).hits.map((hit) => hit.paper.id))),
  ];
}
