import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Library } from '../../src/library/library.ts';
import { mergeTopics, moveToTopic, profileTopics, renameTopic, splitTopic } from '../../src/actions/topics.ts';
import { recommend } from '../../src/actions/recommend.ts';
import { NotFoundError } from '../../src/actions/errors.ts';
import { PAPERS, id } from '../fixtures/engine-papers.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-topics-'));
const library = Library.open(path.join(dir, 'library.db'));
after(() => {
  library.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
library.addListing({ parsed: { format: 'jsonl', meta: {}, papers: PAPERS.map(({ title, abstract }) => ({ title, abstract, authors: ['A. Author'] })) }, fileName: 'fixture.jsonl', text: 'fixture' });
// A new library numbers the papers as the fixtures do: in order, from 1.
const idOf = (name: string) => {
  const paper = library.paper(id(name))!;
  assert.equal(paper.title, PAPERS[id(name) - 1].title);
  return paper.id;
};
library.createProfile('r');
const profile = () => library.profile('r')!;
library.write(() => {
  const insert = library.db.prepare('INSERT INTO profile_papers (profile_id, paper_id, source) VALUES (?, ?, ?)');
  for (const name of ['gnn-1', 'gnn-2', 'robot-1', 'mt-1']) insert.run(profile().id, idOf(name), 'file');
});

test('topics are found anew until edited: one per subject, largest first, named by key words', () => {
  const topics = profileTopics(library, profile());
  assert.deepEqual(topics.map((t) => t.paperIds), [[idOf('gnn-1'), idOf('gnn-2')], [idOf('robot-1')], [idOf('mt-1')]]);
  assert.ok(topics.every((t) => t.key.startsWith('a') && !t.named));
  assert.equal(topics[0].name, 'message, graph, passing');
});

test('recommendations cover every topic, and --by-topic gives each its own lane', () => {
  const result = recommend(library, profile(), {}, 4, { byTopic: true });
  assert.deepEqual(new Set(result.recommendations.map((r) => r.topic)), new Set(result.topics.map((t) => t.key)));
  assert.equal(result.lanes!.length, 3);
  assert.ok(result.lanes!.every((lane) => lane.recommendations.every((r) => r.topic === lane.topic)));
});

test('rename, merge, split and move are kept in the library, and an unknown topic is an error', () => {
  let topics = renameTopic(library, profile(), profileTopics(library, profile())[1].key, 'Grasping');
  assert.equal(topics[1].name, 'Grasping');
  assert.ok(topics.every((t) => t.key.startsWith('t')));
  assert.equal(profileTopics(library, profile())[1].name, 'Grasping');
  topics = mergeTopics(library, profile(), topics[1].key, topics[2].key);
  assert.deepEqual(topics.map((t) => t.paperIds.length), [2, 2]);
  topics = splitTopic(library, profile(), topics.find((t) => t.name === 'Grasping')!.key);
  assert.deepEqual(topics.map((t) => t.paperIds.length), [2, 1, 1]);
  topics = moveToTopic(library, profile(), idOf('gnn-2'), undefined);
  assert.deepEqual(topics.map((t) => t.paperIds.length).sort(), [1, 1, 1, 1]);
  assert.throws(() => renameTopic(library, profile(), 't999', 'x'), NotFoundError);
});
