import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectPapers, describeSkip, isPlaceholder, listingWarnings, place, strictly, titleFields } from '../../src/importers/records.ts';
import { ImportError } from '../../src/importers/importer.ts';
import { topLevelValueLines } from '../../src/importers/json-text.ts';
import type { ImportedPaper } from '../../src/types.ts';

const records = (titles: (string | undefined)[]) => titles.map((title, index) => ({ ...place(index + 1, `k${index + 1}`, index + 10), record: title }));
const toPaper = (title: string | undefined): ImportedPaper => {
  if (title === 'broken') throw new ImportError('cannot read it', 'line 99, column 7');
  return { ...titleFields(title, undefined), authors: [] };
};

test('records that cannot become papers are skipped with their place; the rest are kept in order', () => {
  const { papers, skipped } = collectPapers(records(['A', 'broken', 'B', undefined, 'NA']), toPaper);
  assert.deepEqual(papers.map((paper) => paper.title), ['A', 'B']);
  assert.deepEqual(skipped, [
    { entry: 2, key: 'k2', line: 11, reason: 'cannot read it' },
    { entry: 4, key: 'k4', line: 13, reason: 'record has no title and no abstract', placeholder: true },
    { entry: 5, key: 'k5', line: 14, reason: 'placeholder record (title "NA"), not a paper', placeholder: true },
  ]);
  assert.equal(describeSkip(skipped[0]), 'entry 2 (k2), line 11: skipped: cannot read it');
});

test('a file where most records are unreadable fails at the first, placeholders aside; a file of no paper fails', () => {
  assert.throws(() => collectPapers(records(['A', 'broken', 'broken']), toPaper), {
    name: 'ImportError',
    message: 'cannot read it (1 more of the 3 entries cannot become papers either)',
    location: 'line 99, column 7',
  });
  // Half unreadable is not most; placeholders do not count against the file.
  assert.equal(collectPapers(records(['A', 'broken']), toPaper).papers.length, 1);
  assert.equal(collectPapers(records(['A', 'NA', 'NA', undefined]), toPaper).skipped.length, 3);
  assert.throws(() => collectPapers(records(['NA', undefined]), toPaper), {
    message: 'placeholder record (title "NA"), not a paper (1 more of the 2 entries cannot become papers either)',
    location: 'entry 1 (k1), line 10',
  });
});

test('records known broken before conversion are merged in by entry number and count against the file', () => {
  const failed = [{ entry: 2, line: 5, reason: 'broken brace' }];
  const sources = [{ ...place(1), record: 'A' }, { ...place(3), record: 'B' }];
  assert.deepEqual(collectPapers(sources, toPaper, { failed }).skipped, failed);
  assert.throws(() => collectPapers([{ ...place(1), record: 'A' }], toPaper, { failed: [...failed, { entry: 3, reason: 'worse' }] }), {
    message: 'broken brace (1 more of the 3 entries cannot become papers either)',
    location: 'entry 2, line 5',
  });
});

test('lineOf is asked only for skipped records without a line', () => {
  const asked: number[] = [];
  const lineOf = (entry: number) => (asked.push(entry), entry * 2);
  const { skipped } = collectPapers([1, 2, 3].map((entry) => ({ ...place(entry), record: entry === 2 ? undefined : 'T' })), toPaper, { lineOf });
  assert.deepEqual(asked, [2]);
  assert.equal(skipped[0].line, 4);
});

test('titleFields: the title, else one derived from the abstract, marked', () => {
  assert.deepEqual(titleFields('A Title', 'An abstract.'), { title: 'A Title' });
  assert.deepEqual(titleFields(undefined, 'We fold widgets. Then we unfold them.'), { title: 'We fold widgets', titleDerived: true });
  assert.throws(() => titleFields(undefined, 'N/A'), { message: 'record has no title and no abstract' });
  assert.deepEqual(['NA', 'n/a', 'Withdrawn', '--', '?', 'TBD', 'Nash'].map(isPlaceholder), [true, true, true, true, true, true, false]);
});

test('strictly: a listing with a skipped record fails at it; listingWarnings lists skips after warnings', () => {
  const listing = { format: 'ris' as const, meta: {}, papers: [{ title: 'A', authors: [] }], warnings: ['odd name'], skipped: [{ entry: 2, line: 7, reason: 'no ER' }, { entry: 3, reason: 'no title' }] };
  assert.throws(() => strictly(listing), { message: 'no ER (--strict: 2 entries would be skipped, so the file is refused)', location: 'entry 2, line 7' });
  const clean = { ...listing, skipped: undefined };
  assert.equal(strictly(clean), clean);
  assert.deepEqual(listingWarnings(listing), ['odd name', 'entry 2, line 7: skipped: no ER', 'entry 3: skipped: no title']);
});

test('topLevelValueLines finds where each value of a top-level array or object begins', () => {
  const array = '[\n  {"title": "a [tricky], {one}", "x": "quote \\" and \\\\"},\n  "two",\n\n  3, [4,\n 5], null\n]';
  const lineOf = topLevelValueLines(array);
  assert.deepEqual([1, 2, 3, 4, 5, 6].map(lineOf), [2, 3, 5, 5, 6, undefined]);
  const object = '{"a": {"id": "x"},\n "b,c": {"id": "y"}, "d":\n [1]}';
  assert.deepEqual([1, 2, 3].map(topLevelValueLines(object)), [1, 2, 3]);
});
