// The use cases reach the library only through the store interface (src/library/store.ts), so a
// second store is a new folder: no file of src/actions may name the SQLite Library class.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const actions = path.resolve(import.meta.dirname, '../../src/actions');

test('src/actions names PaperStore, never the SQLite Library', () => {
  const offenders = fs
    .readdirSync(actions)
    .filter((file) => file.endsWith('.ts'))
    .filter((file) => /\bimport\b[^;]*\{[^}]*\bLibrary\b[^}]*\}[^;]*from '\.\.\/library\/library\.ts'/.test(fs.readFileSync(path.join(actions, file), 'utf8')));
  assert.deepEqual(offenders, []);
});
