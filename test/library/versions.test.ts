import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SketchIndex, sketchPairs, textOverlap, VERSION_THRESHOLD, wordPairs } from '../../src/library/versions.ts';

const sketchAbstract = (text: string) => sketchPairs(wordPairs(text));

const original =
  'We study how fine-tuning a pretrained language model on one task destroys its in-context learning ability. ' +
  'We find that format specialization, where the model overfits to the format of the fine-tuned task, is the main cause. ' +
  'We propose a simple two-stage fine-tuning framework that first trains a soft prompt and then fine-tunes the model with the prompt attached.';
const rewritten =
  'Pretrained language models are general problem solvers. We discover that format specialization, where the model overfits to the format of the fine-tuned task, ' +
  'causes forgetting of in-context learning. Our simple two-stage fine-tuning framework first trains a soft prompt and then fine-tunes the model, improving generalization.';
const unrelated =
  'We present a legged robot controller trained with reinforcement learning in simulation and transferred to hardware without fine-tuning, ' +
  'using domain randomization over terrain friction, motor latency and payload, and evaluate it on stairs, gravel and snow over several kilometres of walking.';

test('a rewritten abstract overlaps its original above the version threshold, an unrelated one does not', () => {
  assert.ok(textOverlap(original, rewritten) >= VERSION_THRESHOLD, `overlap ${textOverlap(original, rewritten)}`);
  assert.ok(textOverlap(original, unrelated) < 0.05);
  assert.equal(textOverlap(original, original), 1);
});

test('short abstracts get no sketch', () => {
  assert.equal(sketchAbstract('A short note.'), null);
  assert.equal(sketchAbstract(original)!.length, 24);
});

test('the sketch index proposes the rewritten version and not the unrelated paper', () => {
  const index = new SketchIndex();
  index.add(1, sketchAbstract(original)!);
  index.add(2, sketchAbstract(unrelated)!);
  assert.deepEqual(index.candidates(sketchAbstract(rewritten)!), [1]);
});

test('a value in several sketches lists each of their papers; one in more than 64 is a stock phrase and lists none', () => {
  const sketch = sketchAbstract(original)!;
  const index = new SketchIndex();
  for (let id = 1; id <= 3; id++) index.add(id, sketch);
  assert.deepEqual(index.candidates(sketch).sort(), [1, 2, 3]);
  for (let id = 4; id <= 70; id++) index.add(id, sketch);
  assert.deepEqual(index.candidates(sketch), []);
});

test('the index written by encode is read back by decode with the same candidates, size and last id', () => {
  const index = new SketchIndex();
  index.add(3, sketchAbstract(original)!);
  index.add(7, sketchAbstract(unrelated)!);
  const decoded = SketchIndex.decode(index.encode());
  assert.equal(decoded.size, 2);
  assert.equal(decoded.lastId, 7);
  assert.deepEqual(decoded.candidates(sketchAbstract(rewritten)!), [3]);
  assert.deepEqual(decoded.candidates(sketchAbstract(unrelated)!), [7]);
  assert.equal(SketchIndex.decode(new SketchIndex().encode()).size, 0);
});
