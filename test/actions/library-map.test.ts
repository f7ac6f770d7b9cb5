// The library map kept in the library: laid out for every paper, new papers placed without
// laying it out again, deleted papers gone with their points, the reading kept until the map
// changes, the points' binary form, and the SVG drawn from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Library } from '../../src/library/library.ts';
import { ingestPaths } from '../../src/actions/ingest.ts';
import { editListing, removeListing } from '../../src/actions/listings.ts';
import { addToCollection } from '../../src/actions/collections.ts';
import { buildLibraryMap, placeNewPapers } from '../../src/actions/library-map.ts';
import { encodedLibraryMap, libraryMap } from '../../src/actions/map-reading.ts';
import { libraryFeatures } from '../../src/actions/library-features.ts';
import { InputError } from '../../src/actions/errors.ts';
import { decodeMapPoints, encodeMapPoints } from '../../src/map-points.ts';
import { categories } from '../../src/map-colours.ts';
import { mapSvg } from '../../src/export/map-svg.ts';
import { fixture } from '../server/fixture-server.ts';

function scratchLibrary(): Library {
  return Library.open(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-map-')), 'library.db'));
}

test('the map holds every paper once; new papers are placed, the rest stay where they were; removed papers leave it', async () => {
  const library = scratchLibrary();
  await ingestPaths(library, [fixture('demo/poster-session.txt')]);
  const summary = buildLibraryMap(library);
  assert.deepEqual([summary.papers, summary.placed], [24, 0]);
  const before = library.mapPoints();
  assert.deepEqual(Array.from(before.ids), library.allPaperIds());
  assert.ok(library.mapRegions().every((region) => region.keywords.length === 3));
  assert.equal(buildLibraryMap(library).papers, 24);
  assert.deepEqual(library.mapPoints().xy, before.xy, 'laid out again, the same library gives the same map');

  await ingestPaths(library, [fixture('demo/trending.html')]);
  const index = libraryFeatures(library);
  const fresh = library.allPaperIds().filter((id) => !before.ids.includes(id));
  assert.equal(placeNewPapers(library, index), fresh.length);
  assert.equal(placeNewPapers(library, index), 0);
  const after = library.mapPoints();
  assert.deepEqual(Array.from(after.ids), library.allPaperIds());
  assert.equal(after.placed, fresh.length);
  before.ids.forEach((id, i) => {
    const at = after.ids.indexOf(id);
    assert.deepEqual([after.xy[2 * at], after.xy[2 * at + 1]], [before.xy[2 * i], before.xy[2 * i + 1]]);
  });

  const removal = removeListing(library, 'trending.html');
  assert.equal(library.mapPoints().ids.length, 24 + fresh.length - removal.deleted);
  library.close();
});

test('a map of fewer than three papers is refused with the count', async () => {
  const library = scratchLibrary();
  assert.throws(() => buildLibraryMap(library), (error: Error) => error instanceof InputError && error.message === 'a map needs at least 3 papers; the library has 0');
  library.close();
});

test('the map is read once and kept until what it shows changes, by this connection or another', async () => {
  const library = scratchLibrary();
  await ingestPaths(library, [fixture('demo/poster-session.txt')]);
  buildLibraryMap(library);
  assert.equal(library.currentMapReading(), undefined);
  const fresh = encodedLibraryMap(library);
  const kept = library.currentMapReading();
  assert.equal(kept?.version, library.mapVersion());
  assert.equal(kept.version, fresh.version);
  const again = encodedLibraryMap(library);
  assert.deepEqual(again, fresh);
  assert.deepEqual(again.map, libraryMap(library));

  // What the map does not show leaves the reading current.
  addToCollection(library, 'to read', [1, 2]);
  assert.equal(library.currentMapReading()?.version, fresh.version);

  // What it shows makes it stale: a listing renamed (its name is in the map's table), papers
  // added, placed and removed, whichever connection commits the change.
  const other = Library.open(library.file);
  editListing(other, 'poster-session.txt', { name: 'posters' });
  assert.equal(library.currentMapReading(), undefined);
  const renamed = encodedLibraryMap(library);
  assert.ok(renamed.version > fresh.version);
  assert.deepEqual(renamed.map.listings.map((l) => l.name), ['posters']);
  await ingestPaths(other, [fixture('demo/trending.html')]);
  assert.equal(library.currentMapReading(), undefined);
  assert.deepEqual(encodedLibraryMap(library).map.listings.map((l) => l.name), ['posters', 'trending.html']);
  const before = library.mapVersion();
  placeNewPapers(other, libraryFeatures(other));
  assert.ok(library.mapVersion() > before);
  assert.equal(encodedLibraryMap(library).map.points.ids.length, library.allPaperIds().length);
  removeListing(other, 'trending.html');
  assert.deepEqual(Array.from(encodedLibraryMap(library).map.points.ids), library.allPaperIds());
  other.close();

  // A reading of an older version never replaces a newer one (two readers finishing out of order).
  const current = library.currentMapReading()!;
  assert.equal(library.keepMapReading({ ...current, version: current.version - 1, info: '{}' }), true);
  assert.deepEqual(library.currentMapReading(), current);
  library.close();
});

test("the points' binary form reads back exactly, and a body of the wrong length is refused", async () => {
  const library = scratchLibrary();
  await ingestPaths(library, [fixture('demo/poster-session.txt'), fixture('demo/trending.html')]);
  buildLibraryMap(library);
  const map = libraryMap(library);
  const body = encodeMapPoints(map.points);
  assert.equal(map.points.ids.length, 29);
  assert.equal(body.byteLength, 4 + 20 * 29);
  assert.deepEqual(decodeMapPoints(body), map.points);
  assert.deepEqual(map.listings.map((l) => l.name), ['poster-session.txt', 'trending.html']);
  assert.throws(() => decodeMapPoints(body.slice(0, body.byteLength - 2)), /^RangeError: map points: 582 bytes for 29 points \(expected 584\)$/);
  assert.throws(() => decodeMapPoints(new ArrayBuffer(2)), /map points: 2 bytes is too short/);

  // The SVG: one circle per paper plus the legend's, highlighted papers drawn last, text escaped.
  const listing = { name: '<b>&"', paperIds: [1, 2] };
  const colours = categories('highlights', map, map.points, { listing });
  const svg = mapSvg({ ...map, regions: [{ x: 0, y: 0, keywords: ['<script>'] }], colours, highlighting: true, title: 't' });
  assert.equal(svg.match(/<circle /g)!.length, map.points.ids.length + colours.legend.length);
  assert.ok(svg.includes('&#60;script&#62;') && svg.includes('listing &#60;b&#62;&#38;&#34;') && !svg.includes('<script>'));
  const circles = svg.match(/<circle cx="[^"]+" cy="[^"]+" r="([^"]+)"/g)!.slice(0, map.points.ids.length);
  assert.deepEqual(circles.slice(-2).map((c) => c.endsWith('r="12"')), [true, true], 'the two highlighted papers last and larger');
  library.close();
});
