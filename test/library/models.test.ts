import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Library } from '../../src/library/library.ts';
import { getModel, putModel } from '../../src/library/models.ts';

const parts = (library: Library, name: string) =>
  library.db.prepare<[string], { part: number; bytes: number }>('SELECT part, length(data) AS bytes FROM model_parts WHERE name = ? ORDER BY part').all(name);

test('a model larger than a part is stored in parts and read back whole; replacing or deleting it leaves no parts behind', () => {
  const library = Library.open(':memory:');
  try {
    const data = Buffer.from(Array.from({ length: 10 }, (_, i) => i));
    putModel(library.db, 'big', '10:10:1', data, 4);
    assert.deepEqual(parts(library, 'big'), [
      { part: 1, bytes: 4 },
      { part: 2, bytes: 2 },
    ]);
    assert.deepEqual(getModel(library.db, 'big'), { fingerprint: '10:10:1', data });

    const smaller = Buffer.from([7, 8, 9]);
    putModel(library.db, 'big', '3:3:1', smaller, 4);
    assert.deepEqual(parts(library, 'big'), []);
    assert.deepEqual(getModel(library.db, 'big'), { fingerprint: '3:3:1', data: smaller });

    // A size of exactly two parts has no empty third one.
    putModel(library.db, 'big', '8:8:1', data.subarray(0, 8), 4);
    assert.deepEqual(parts(library, 'big'), [{ part: 1, bytes: 4 }]);
    assert.deepEqual(getModel(library.db, 'big')!.data, data.subarray(0, 8));

    library.db.prepare('DELETE FROM models').run();
    assert.deepEqual(parts(library, 'big'), []);
    assert.equal(getModel(library.db, 'big'), undefined);
  } finally {
    library.close();
  }
});

test('a model of one part is one row, read back as it was saved through the library', () => {
  const library = Library.open(':memory:');
  try {
    const data = Buffer.from('a small model');
    assert.equal(library.saveModel('small', '1:1:1', data), true);
    assert.deepEqual(parts(library, 'small'), []);
    assert.deepEqual(library.savedModel('small'), { fingerprint: '1:1:1', data });
  } finally {
    library.close();
  }
});
