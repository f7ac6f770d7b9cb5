// A profile's topics and its papers' titles through the API: listed, renamed, split, merged and
// rearranged, retitled for the reasons; every unknown name a 404 problem, every bad body a 400.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { callApi, startFixtureServer, fixture, type FixtureServer } from './fixture-server.ts';

let server: FixtureServer;
/** The ids of Mara's five papers (demo/my-papers.bib), in the order the file lists them. */
let own: number[];

const call = (method: string, route: string, body?: unknown) => callApi(server, method, route, body);

before(async () => {
  server = await startFixtureServer();
  const created = await call('POST', '/api/profiles', { name: 'Mara', files: [{ fileName: 'my-papers.bib', text: fs.readFileSync(fixture('demo/my-papers.bib'), 'utf8') }] });
  assert.equal(created.status, 201);
  own = (await call('GET', '/api/profiles/Mara')).json.papers.map((paper: { id: number }) => paper.id);
  assert.equal(own.length, 5);
});
after(() => server.close());

type Topic = { key: string; name: string; named: boolean; keywords: string[]; paperIds: number[] };
const topics = async (): Promise<Topic[]> => {
  const { status, json } = await call('GET', '/api/profiles/Mara/topics');
  assert.equal(status, 200);
  return json.topics;
};

/** A problem answer: its status and field, and its detail for the test to check. */
function problem(response: { status: number; json: { status: number; field?: string; detail: string } }, status: number, field?: string): string {
  assert.equal(response.status, status, JSON.stringify(response.json));
  assert.equal(response.json.status, status);
  assert.equal(response.json.field, field);
  return response.json.detail;
}

test('the topics of a profile as the engine finds them, named by their key words', async () => {
  assert.deepEqual(await topics(), [
    { key: `a${own[0]}`, name: 'retrieval, tuning, passages', named: false, keywords: ['retrieval', 'tuning', 'passages', 'fine', 'adapters'], paperIds: own },
  ]);
  assert.equal(problem(await call('GET', '/api/profiles/Nobody/topics'), 404), 'no profile named "Nobody"');
});

test('split, rename, merge and move are kept, and each answer is the topics as they now are', async () => {
  const [whole] = await topics();
  const split = await call('POST', `/api/profiles/Mara/topics/${whole.key}/split`);
  assert.equal(split.status, 200);
  const parts: Topic[] = split.json.topics;
  assert.equal(parts.length, 2);
  assert.deepEqual(parts.flatMap((t) => t.paperIds).sort((a, b) => a - b), own);
  assert.ok(parts.every((t) => /^t\d+$/.test(t.key) && !t.named));
  assert.deepEqual(await topics(), parts);

  const renamed = await call('PATCH', `/api/profiles/Mara/topics/${parts[1].key}`, { name: '  Adapters  ' });
  assert.equal(renamed.status, 200);
  const named = renamed.json.topics.find((t: Topic) => t.named);
  assert.deepEqual([named.name, named.paperIds], ['Adapters', parts[1].paperIds]);

  const merged = await call('POST', `/api/profiles/Mara/topics/${named.key}/merge`, { from: renamed.json.topics.find((t: Topic) => !t.named).key });
  assert.equal(merged.status, 200);
  assert.deepEqual(merged.json.topics.map((t: Topic) => [t.name, t.named, t.paperIds]), [['Adapters', true, own]]);

  const alone = await call('PUT', `/api/profiles/Mara/papers/${own[2]}/topic`, { topic: null });
  assert.equal(alone.status, 200);
  assert.deepEqual(alone.json.topics.map((t: Topic) => [t.name, t.paperIds]), [['Adapters', own.filter((id) => id !== own[2])], [alone.json.topics[1].keywords.slice(0, 3).join(', '), [own[2]]]]);
  const back = await call('PUT', `/api/profiles/Mara/papers/${own[2]}/topic`, { topic: alone.json.topics[0].key });
  assert.deepEqual(back.json.topics.map((t: Topic) => [t.name, t.paperIds]), [['Adapters', own]]);
  assert.deepEqual((await topics()).map((t) => [t.name, t.paperIds]), [['Adapters', own]]);

  // The lanes of the recommendations are these topics.
  const recommended = await call('GET', '/api/profiles/Mara/recommendations?byTopic=true&limit=3');
  assert.deepEqual(recommended.json.lanes.map((lane: { topic: string }) => lane.topic), [back.json.topics[0].key]);
});

test('edits of unknown profiles, topics and papers are 404 problems; bad bodies and keys are 400; impossible edits 422', async () => {
  const [topic] = await topics();
  assert.equal(problem(await call('PATCH', `/api/profiles/Nobody/topics/${topic.key}`, { name: 'x' }), 404), 'no profile named "Nobody"');
  assert.match(problem(await call('PATCH', '/api/profiles/Mara/topics/t999999', { name: 'x' }), 404), /^no topic "t999999" in this profile \(its topics: t\d+\)$/);
  assert.match(problem(await call('POST', '/api/profiles/Mara/topics/a1/split'), 404), /^no topic "a1"/);
  assert.match(problem(await call('POST', `/api/profiles/Mara/topics/${topic.key}/merge`, { from: 't999999' }), 404), /^no topic "t999999"/);
  assert.equal(problem(await call('PUT', '/api/profiles/Mara/papers/1/topic', { topic: null }), 404), "paper 1 is not one of the profile's own papers");
  assert.equal(problem(await call('PUT', `/api/profiles/Nobody/papers/${own[0]}/topic`, { topic: null }), 404), 'no profile named "Nobody"');

  problem(await call('PATCH', '/api/profiles/Mara/topics/robotics', { name: 'x' }), 400, 'params.key');
  problem(await call('PATCH', `/api/profiles/Mara/topics/${topic.key}`, {}), 400, 'body.name');
  problem(await call('POST', `/api/profiles/Mara/topics/${topic.key}/merge`, { from: 3 }), 400, 'body.from');
  problem(await call('PUT', `/api/profiles/Mara/papers/${own[0]}/topic`, {}), 400, 'body.topic');
  problem(await call('PUT', '/api/profiles/Mara/papers/0/topic', { topic: null }), 400, 'params.paperId');

  assert.equal(problem(await call('PATCH', `/api/profiles/Mara/topics/${topic.key}`, { name: '   ' }), 422, 'body.name'), 'a topic needs a name');
  assert.equal(problem(await call('POST', `/api/profiles/Mara/topics/${topic.key}/merge`, { from: topic.key }), 422, 'body.topic'), 'a topic cannot be merged into itself');
  const alone = await call('PUT', `/api/profiles/Mara/papers/${own[4]}/topic`, { topic: null });
  const single = alone.json.topics.find((t: Topic) => t.paperIds.length === 1);
  assert.equal(problem(await call('POST', `/api/profiles/Mara/topics/${single.key}/split`), 422, 'body.topic'), 'a topic of one paper cannot be split');
  // Nothing was changed by the failed edits.
  assert.deepEqual((await topics()).map((t) => t.paperIds), alone.json.topics.map((t: Topic) => t.paperIds));
});

test('a profile paper retitled is named so in the profile and in reasons, until its library title is asked back', async () => {
  const libraryTitle = 'How Much Does the Reader Matter? Revisiting Reader Architectures in Retrieve-then-Read Question Answering';
  const retitled = await call('PUT', `/api/profiles/Mara/papers/${own[0]}/title`, { title: ' Which  reader? ' });
  assert.equal(retitled.status, 200);
  assert.deepEqual(retitled.json, { paperId: own[0], title: 'Which reader?', retitled: true });
  assert.deepEqual((await call('GET', '/api/profiles/Mara')).json.titles, [{ paperId: own[0], title: 'Which reader?' }]);
  const reasons = async () =>
    (await call('GET', '/api/profiles/Mara/recommendations?limit=30')).json.recommendations
      .flatMap((r: { reasons: { paperId?: number; title?: string }[] }) => r.reasons)
      .filter((reason: { paperId?: number }) => reason.paperId === own[0])
      .map((reason: { title: string }) => reason.title);
  const named = await reasons();
  assert.ok(named.length > 0, 'some reason names the retitled paper');
  assert.deepEqual(new Set(named), new Set(['Which reader?']));

  const reset = await call('PUT', `/api/profiles/Mara/papers/${own[0]}/title`, { title: null });
  assert.deepEqual(reset.json, { paperId: own[0], title: libraryTitle, retitled: false });
  assert.deepEqual((await call('GET', '/api/profiles/Mara')).json.titles, []);
  assert.deepEqual(new Set(await reasons()), new Set([libraryTitle]));

  assert.equal(problem(await call('PUT', '/api/profiles/Mara/papers/1/title', { title: 'x' }), 404), "paper 1 is not one of the profile's own papers");
  assert.equal(problem(await call('PUT', `/api/profiles/Nobody/papers/${own[0]}/title`, { title: 'x' }), 404), 'no profile named "Nobody"');
  problem(await call('PUT', `/api/profiles/Mara/papers/${own[0]}/title`, { title: '' }), 400, 'body.title');
  problem(await call('PUT', `/api/profiles/Mara/papers/${own[0]}/title`, {}), 400, 'body.title');
  problem(await call('PUT', `/api/profiles/Mara/papers/${own[0]}/title`, { title: 'x'.repeat(501) }), 400, 'body.title');
  assert.equal(problem(await call('PUT', `/api/profiles/Mara/papers/${own[0]}/title`, { title: ' \t ' }), 422, 'body.title'), 'a title cannot be empty');
});
