import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuery, toFtsMatch } from '../../src/library/fts-query.ts';

test('words, phrases and prefixes become quoted FTS5 terms', () => {
  assert.equal(toFtsMatch('graph "neural network" transform*'), '"graph" AND "neural network" AND "transform"*');
});

test('FTS5 operators and stray syntax typed by a user stay literal', () => {
  assert.equal(toFtsMatch('NOT title:foo OR (bar'), '"NOT" AND "title:foo" AND "OR" AND "(bar"');
  assert.equal(toFtsMatch('say "hi'), '"say" AND "hi"');
  assert.equal(toFtsMatch('a"b'), '"a""b"');
  assert.equal(toFtsMatch('*** ( ) "" -'), null);
});

test('parseQuery reports phrase and prefix terms', () => {
  assert.deepEqual(parseQuery('"large language" model*'), [
    { text: 'large language', phrase: true, prefix: false },
    { text: 'model', phrase: false, prefix: true },
  ]);
});

test('a NUL, where FTS5 would stop reading the query, becomes the separator it is to the tokenizer', () => {
  assert.equal(toFtsMatch('a\0b "c\0d"'), '"a b" AND "c d"');
});
