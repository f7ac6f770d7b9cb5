import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Uint32HashTable } from '../../src/hash-table.ts';

const counts = (slots?: number, maxLoad?: number) => new Uint32HashTable((size) => new Float32Array(size), slots, maxLoad);
const indexes = (slots?: number) => new Uint32HashTable((size) => new Uint32Array(size), slots);

test('a key never added is 0; add sums, in the values array type', () => {
  const table = counts();
  assert.equal(table.get(7), 0);
  table.add(7, 0.1);
  table.add(7, 0.2);
  table.add(0, 3);
  assert.equal(table.get(7), Math.fround(Math.fround(0.1) + Math.fround(0.2)));
  assert.equal(table.get(0), 3);
  assert.equal(table.get(8), 0);
  assert.equal(table.size, 2);
});

test('every key and value survives growing from 16 slots to 2^16', () => {
  const table = indexes(16);
  // Runs of neighbours (as term ids are) and keys all over the range (as hashes are).
  const keys = [...new Set(Array.from({ length: 20_000 }, (_, i) => (i % 2 === 0 ? i : Math.imul(i, 2654435761) >>> 0)))];
  keys.forEach((key, i) => table.add(key, i + 1));
  assert.equal(table.size, keys.length);
  assert.ok(keys.every((key, i) => table.get(key) === i + 1));
  assert.equal(table.get(1), 0);
  const visited = new Map<number, number>();
  table.forEach((key, value) => visited.set(key, value));
  assert.deepEqual(visited, new Map(keys.map((key, i) => [key, i + 1])));
});

test('the largest key, which marks free slots inside the table, is a key like any other', () => {
  const table = indexes(16);
  const largest = 0xffffffff;
  assert.equal(table.get(largest), 0);
  table.add(largest, 5);
  table.add(largest, 1);
  for (let key = 0; key < 40; key++) table.add(key, 1);
  assert.equal(table.get(largest), 6);
  assert.equal(table.size, 41);
  const visited: [number, number][] = [];
  table.forEach((key, value) => visited.push([key, value]));
  assert.deepEqual(visited.at(-1), [largest, 6]);
  assert.equal(visited.length, 41);
});

test('the same keys added in the same order are visited in the same order', () => {
  const keys = Array.from({ length: 5000 }, (_, i) => Math.imul(i, 2654435761) >>> 0);
  const order = () => {
    const table = counts(1 << 4, 0.7);
    for (const key of keys) table.add(key, 1);
    const visited: number[] = [];
    table.forEach((key) => visited.push(key));
    return visited;
  };
  const first = order();
  assert.deepEqual(order(), first);
  assert.deepEqual([...first].sort((a, b) => a - b), [...keys].sort((a, b) => a - b));
});

test('a table whose slots are not a power of two is refused', () => {
  assert.throws(() => indexes(1000), /slots are a power of two, not 1000/);
});
