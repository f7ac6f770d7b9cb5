// The sketch index grows by doubling: adding a library's worth of sketches stays linear.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SketchIndex } from '../../src/library/versions.ts';

test('adding 100,000 sketches takes well under a second', () => {
  const index = new SketchIndex();
  const sketch = new Uint32Array(24);
  const started = performance.now();
  for (let id = 1; id <= 100_000; id++) {
    for (let k = 0; k < 24; k++) sketch[k] = id * 24 + k;
    index.add(id, sketch);
  }
  assert.equal(index.size, 100_000);
  // Quadratic copying (the whole value array copied per sketch) took minutes here.
  assert.ok(performance.now() - started < 3000, `${Math.round(performance.now() - started)} ms`);
});
