// "Pick my name" through the API: the people a name may be, and a profile made of the ones picked;
// a name of several people without a pick adds nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { callApi, startFixtureServer, fixture, type FixtureServer } from './fixture-server.ts';

let server: FixtureServer;
before(async () => {
  server = await startFixtureServer();
  const text = fs.readFileSync(fixture('test/fixtures/identities/yong-liu.jsonl'), 'utf8');
  const saved = await call('POST', '/api/listings', { fileName: 'yong-liu.jsonl', text });
  assert.equal(saved.status, 201);
});
after(() => server.close());

const call = (method: string, route: string, body?: unknown) => callApi(server, method, route, body);

test('the identities of a name, most papers first, with what tells them apart', async () => {
  const { status, json } = await call('GET', '/api/authors/identities?name=liu%20yong');
  assert.equal(status, 200);
  assert.deepEqual(
    json.map((identity: { number: number; papers: number; inProfile: number; coauthors: { name: string }[]; venues: { venue: string }[]; sampleTitles: string[] }) => [
      identity.number,
      identity.papers,
      identity.inProfile,
      identity.coauthors.map((c) => c.name),
      identity.venues.map((v) => v.venue),
      identity.sampleTitles[0],
    ]),
    [
      [1, 3, 0, ['Wei Chen', 'Li Na'], ['ICML 2023', 'NeurIPS 2022', 'KDD 2021'], 'Extreme Multi-label Classification with Label Trees'],
      [2, 2, 0, ['Maria Garcia', 'John Smith'], ['CoRL 2022', 'ICRA 2023'], 'Terrain-Aware Locomotion from Proprioception'],
      [3, 1, 0, [], ['COLT 2020'], 'A Note on Convex Bandits'],
    ],
  );
  assert.deepEqual((await call('GET', '/api/authors/identities?name=Zq%20Xw')).json, []);
  assert.equal((await call('GET', '/api/authors/identities?name=Yong%20Liu&profile=ghost')).status, 404);
});

test('a profile by a name of several people needs a pick; with one it takes only those papers', async () => {
  const unpicked = await call('POST', '/api/profiles', { name: 'yong', author: 'Yong Liu' });
  assert.equal(unpicked.status, 422);
  assert.equal(unpicked.json.field, 'body.identities');
  assert.match(unpicked.json.detail, /^"Yong Liu" may be 3 people in the library/);
  assert.equal((await call('GET', '/api/profiles/yong')).status, 404, 'nothing was made');
  const picked = await call('POST', '/api/profiles', { name: 'yong', author: 'Yong Liu', identities: [2] });
  assert.equal(picked.status, 201);
  assert.deepEqual([picked.json.added, picked.json.listed], [2, 2]);
  const counts = await call('GET', '/api/authors/identities?name=Yong%20Liu&profile=yong');
  assert.deepEqual(counts.json.map((identity: { inProfile: number }) => identity.inProfile), [0, 2, 0]);
  const unknown = await call('POST', '/api/profiles/yong/papers', { author: 'Yong Liu', identities: [9] });
  assert.deepEqual([unknown.status, unknown.json.field], [422, 'body.identities']);
});
