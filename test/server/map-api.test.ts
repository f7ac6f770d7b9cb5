// The map's routes over the fixture library, whose map the server lays out in the background.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { callApi, startFixtureServer, type FixtureServer } from './fixture-server.ts';
import { decodeMapPoints } from '../../src/map-points.ts';

let server: FixtureServer;

before(async () => {
  server = await startFixtureServer();
  for (let tries = 0; !(await callApi(server, 'GET', '/api/map')).json.ready; tries++) {
    assert.ok(tries < 100, 'the map was not laid out within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
});

after(async () => {
  await server?.close();
});

test('GET /api/map and its points: every paper once, of the version it named', async () => {
  const { json: info } = await callApi(server, 'GET', '/api/map');
  assert.equal(info.papers, server.library.allPaperIds().length);
  assert.deepEqual(info.listings.map((l: { name: string }) => l.name), ['poster-session.txt', 'trending.html', 'preprint.jsonl', 'hostile.jsonl']);
  const response = await fetch(`${server.url}/api/map/points?version=${encodeURIComponent(info.version)}`);
  assert.equal(response.headers.get('content-type'), 'application/octet-stream');
  const points = decodeMapPoints(await response.arrayBuffer());
  assert.deepEqual(Array.from(points.ids), server.library.allPaperIds());
  assert.ok(Array.from(points.x).every((x) => x >= info.bounds.minX && x <= info.bounds.maxX));
  const stale = await callApi(server, 'GET', '/api/map/points?version=0:0');
  assert.equal(stale.status, 409);
  assert.equal(stale.json.detail, 'the map changed since GET /api/map: ask for it again');
});

test("GET /api/map/highlights: a listing's papers, a profile's papers and recommendations; unknown names are 404", async () => {
  const { json } = await callApi(server, 'GET', '/api/map/highlights?listing=trending.html');
  assert.deepEqual(json.listing.paperIds, server.library.paperIds({ listing: 'trending.html' }));
  assert.equal(json.profile, undefined);
  assert.equal((await callApi(server, 'GET', '/api/map/highlights?listing=nope')).status, 404);
  assert.equal((await callApi(server, 'GET', '/api/map/highlights?profile=nobody')).status, 404);
  const library = server.library;
  library.createProfile('mapper');
  const profile = library.profile('mapper')!;
  library.rate(profile, 3, 1);
  const { json: withProfile } = await callApi(server, 'GET', '/api/map/highlights?profile=mapper');
  assert.deepEqual(withProfile.profile.paperIds, [3]);
  assert.deepEqual(withProfile.profile.topics.map((t: { paperIds: number[] }) => t.paperIds), [[3]]);
  assert.ok(withProfile.profile.recommendations.length > 0 && !withProfile.profile.recommendations.includes(3));
});

test('POST /api/map/papers: the papers asked for, in that order, leaving out ids of no paper; at most 500', async () => {
  const { status, json } = await callApi(server, 'POST', '/api/map/papers', { ids: [5, 2, 99999] });
  assert.equal(status, 200);
  assert.deepEqual(json.papers.map((p: { id: number }) => p.id), [5, 2]);
  assert.equal((await callApi(server, 'POST', '/api/map/papers', { ids: Array.from({ length: 501 }, (_, i) => i + 1) })).status, 400);
  assert.equal((await callApi(server, 'POST', '/api/map/papers', { ids: [] })).status, 400);
});

test('POST /api/map/profile: a new profile liking the selection (ids of no paper left out); a taken name is 409', async () => {
  const created = await callApi(server, 'POST', '/api/map/profile', { name: 'cold start', paperIds: [4, 1, 99999] });
  assert.equal(created.status, 201);
  assert.deepEqual([created.json.name, created.json.papers, created.json.ratings], ['cold start', 0, 2]);
  assert.deepEqual(server.library.profile('cold start')!.ratings, { 1: 1, 4: 1 });
  const again = await callApi(server, 'POST', '/api/map/profile', { name: 'cold start', paperIds: [2] });
  assert.deepEqual([again.status, again.json.detail], [409, 'a profile named "cold start" exists already']);
  assert.deepEqual(server.library.profile('cold start')!.ratings, { 1: 1, 4: 1 });
});
