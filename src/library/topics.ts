// A profile's stored topics and the researcher's own titles for their papers.
import type { Db } from './database.ts';

export interface StoredTopic {
  id: number;
  /** Null: named by its key words. */
  name: string | null;
  /** The profile's own papers in it (liked papers join topics as the engine finds them). */
  paperIds: number[];
}

export function storedTopics(db: Db, profileId: number): StoredTopic[] {
  const topics = db
    .prepare<[number], { id: number; name: string | null }>('SELECT id, name FROM profile_topics WHERE profile_id = ? ORDER BY id')
    .all(profileId)
    .map((row): StoredTopic => ({ ...row, paperIds: [] }));
  const byId = new Map(topics.map((topic) => [topic.id, topic]));
  const rows = db.prepare<[number], { paper_id: number; topic_id: number }>(
    'SELECT paper_id, topic_id FROM profile_papers WHERE profile_id = ? AND topic_id IS NOT NULL ORDER BY paper_id',
  );
  for (const row of rows.all(profileId)) byId.get(row.topic_id)?.paperIds.push(row.paper_id);
  return topics.filter((topic) => topic.paperIds.length > 0);
}

/** Replaces the profile's stored topics by these; own papers in none are left to the engine. */
export function replaceTopics(db: Db, profileId: number, topics: readonly { name: string | null; paperIds: readonly number[] }[]): void {
  db.prepare('UPDATE profile_papers SET topic_id = NULL WHERE profile_id = ?').run(profileId);
  db.prepare('DELETE FROM profile_topics WHERE profile_id = ?').run(profileId);
  const insert = db.prepare('INSERT INTO profile_topics (profile_id, name) VALUES (?, ?)');
  const assign = db.prepare('UPDATE profile_papers SET topic_id = ? WHERE profile_id = ? AND paper_id = ?');
  for (const topic of topics) {
    const id = Number(insert.run(profileId, topic.name).lastInsertRowid);
    for (const paperId of topic.paperIds) assign.run(id, profileId, paperId);
  }
}

/** The researcher's titles for their papers, by paper id. */
export function profilePaperTitles(db: Db, profileId: number): Map<number, string> {
  const rows = db.prepare<[number], { paper_id: number; title: string }>('SELECT paper_id, title FROM profile_papers WHERE profile_id = ? AND title IS NOT NULL');
  return new Map(rows.all(profileId).map((row) => [row.paper_id, row.title]));
}

/** Names one of the profile's papers (null: its title in the library again); false if it is not theirs. */
export function setProfilePaperTitle(db: Db, profileId: number, paperId: number, title: string | null): boolean {
  return db.prepare('UPDATE profile_papers SET title = ? WHERE profile_id = ? AND paper_id = ?').run(title, profileId, paperId).changes > 0;
}
