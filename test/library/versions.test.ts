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
