import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorKey, authorsCompatible, titleKey } from '../../src/library/identity.ts';

test('titleKey ignores case, accents, LaTeX and punctuation', () => {
  assert.equal(titleKey('Two-stage LLM Fine-tuning with Less Specialization'), 'two stage llm fine tuning with less specialization');
  assert.equal(titleKey('{BERT}: Pre-training of Deep   Bidirectional Transformers'), 'bert pre training of deep bidirectional transformers');
  assert.equal(titleKey('Caf\u00e9 \\emph{Networks}'), 'cafe networks');
  assert.notEqual(titleKey('Graph Networks'), titleKey('Graph Network'));
});

test('authorKey makes name variants equal', () => {
  assert.equal(authorKey('LIU YONG'), authorKey('Yong Liu'));
  assert.equal(authorKey('Quoc V. Le'), authorKey('Quoc Le'));
  assert.equal(authorKey('José Álvarez'), 'alvarez jose');
  assert.notEqual(authorKey('Yong Liu'), authorKey('Yang Liu'));
});

test('authorsCompatible needs a shared name word unless a list is empty', () => {
  assert.equal(authorsCompatible(['Ada Lovelace', 'C. Babbage'], ['Charles Babbage']), true);
  assert.equal(authorsCompatible([], ['Anyone']), true);
  assert.equal(authorsCompatible(['Ada Lovelace'], ['Alan Turing']), false);
});
