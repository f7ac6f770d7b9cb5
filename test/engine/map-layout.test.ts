// The map's layout: seeded (the same papers give the same map), papers of one topic together,
// cell searches that find the exact nearest papers when they read every cell, and placement
// by neighbours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FeatureIndex } from '../../src/engine/feature-index.ts';
import { Cells, gridCells, MapBuild } from '../../src/engine/map-layout.ts';
import { shippedBackground } from '../../src/actions/library-features.ts';
import { syntheticCorpus, topicOf } from '../fixtures/synthetic-corpus.ts';

const docs = syntheticCorpus(60);
const index = new FeatureIndex(shippedBackground().model.dense);
index.add(docs);
const rows = index.liveRows();

/** Each paper's topic, and whether its closest paper on the map has the same one. */
function nearestOnMapSharesTopic(xy: Float32Array): number {
  let same = 0;
  for (let i = 0; i < rows.length; i++) {
    let best = -1;
    for (let j = 0; j < rows.length; j++) {
      if (j === i) continue;
      const d = (xy[2 * i] - xy[2 * j]) ** 2 + (xy[2 * i + 1] - xy[2 * j + 1]) ** 2;
      if (best < 0 || d < (xy[2 * i] - xy[2 * best]) ** 2 + (xy[2 * i + 1] - xy[2 * best + 1]) ** 2) best = j;
    }
    if (topicOf(index.ids[rows[best]]) === topicOf(index.ids[rows[i]])) same++;
  }
  return same / rows.length;
}

test('the same papers and seed give the same map, another seed another; topics stay together', () => {
  const first = new MapBuild(index, rows, 1).run();
  assert.deepEqual(new MapBuild(index, rows, 1).run(), first);
  assert.notDeepEqual(new MapBuild(index, rows, 2).run(), first);
  assert.ok(first.every(Number.isFinite));
  assert.equal(nearestOnMapSharesTopic(first), 1);
});

test('with landmarks, the other papers are placed among their own topic', () => {
  const xy = new MapBuild(index, rows, 1, 24).run();
  assert.ok(nearestOnMapSharesTopic(xy) >= 0.95, String(nearestOnMapSharesTopic(xy)));
});

test('a map needs three papers', () => {
  assert.throws(() => new MapBuild(index, rows.slice(0, 2), 1), /a map needs at least 3 papers, not 2/);
  assert.equal(new MapBuild(index, rows.slice(0, 3), 1).run().length, 6);
});

test('a cell search reading every cell finds the exact nearest papers; placement goes to the nearest', () => {
  const cellOf = Array.from(rows, (_, i) => i % 4);
  const cells = new Cells(index, rows, cellOf, 4);
  const vector = new Float32Array(index.dimensions);
  const cosines = new Float64Array(rows.length);
  for (const probe of [0, 7, 31]) {
    index.denseOf(rows[probe], vector);
    index.dots(vector, rows, cosines);
    const exact = Array.from(rows.keys())
      .filter((i) => i !== probe)
      .sort((a, b) => cosines[b] - cosines[a] || a - b)
      .slice(0, 5);
    const found = cells.nearest(vector, 5, probe, 4);
    assert.equal(found.found, 5);
    assert.deepEqual(Array.from(found.positions).sort((a, b) => a - b), exact.sort((a, b) => a - b));
  }
  // A paper goes where its topic is: its closest papers are all of it.
  const xy = new Float32Array(2 * rows.length);
  rows.forEach((row, i) => topicOf(index.ids[row]) === topicOf(index.ids[rows[5]]) && xy.set([100, -50], 2 * i));
  const [x, y] = gridCells(index, rows, xy).place(index.denseOf(rows[5], vector), xy);
  assert.deepEqual([x, y].map((v) => Math.round(v * 1e6) / 1e6), [100, -50]);
});
