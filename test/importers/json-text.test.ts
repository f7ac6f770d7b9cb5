import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJson } from '../../src/importers/json-text.ts';
import { lineAndColumn } from '../../src/importers/text-location.ts';

function failure(text: string, firstLine?: number): { message: string; location?: string } {
  try {
    parseJson(text, firstLine);
  } catch (error) {
    const { message, location } = error as { message: string; location?: string };
    return { message, location };
  }
  assert.fail('expected a parse error');
}

test('lineAndColumn counts from the given first line', () => {
  assert.equal(lineAndColumn('ab\ncd\nef', 0), 'line 1, column 1');
  assert.equal(lineAndColumn('ab\ncd\nef', 4), 'line 2, column 2');
  assert.equal(lineAndColumn('ab\ncd\nef', 8, 10), 'line 12, column 3');
});

test('errors V8 reports with a position', () => {
  assert.deepEqual(failure('[1,\n2\n3]'), { message: "invalid JSON: Expected ',' or ']' after array element", location: 'line 3, column 1' });
  assert.deepEqual(failure('{"a": 1} x'), { message: 'invalid JSON: Unexpected non-whitespace character after JSON', location: 'line 1, column 10' });
});

test('errors V8 reports with a quoted snippet, short and long texts', () => {
  assert.deepEqual(failure('{"a":\n }'), { message: "invalid JSON: Unexpected token '}'", location: 'line 2, column 2' });
  const long = `[${'{"title": "x"},\n'.repeat(500)}{"title": "y"},,\n{"title": "z"}]`;
  assert.deepEqual(failure(long), { message: "invalid JSON: Unexpected token ','", location: 'line 501, column 16' });
});

test('truncated input is located at its end, offset by the first line for JSON Lines', () => {
  assert.deepEqual(failure('{"title": "cut', 7), { message: 'truncated JSON (input ends inside a value)', location: 'line 7, column 15' });
  assert.deepEqual(failure('[\n{"a": 1},\n'), { message: 'truncated JSON (input ends inside a value)', location: 'line 3, column 1' });
});

test('valid JSON parses', () => {
  assert.deepEqual(parseJson('{"a": [1, "b"]}'), { a: [1, 'b'] });
});
