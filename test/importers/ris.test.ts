import { test } from 'node:test';
import assert from 'node:assert/strict';
import { risImporter } from '../../src/importers/ris.ts';
import { fixture } from './files.ts';

test('Mendeley RIS with CRLF line ends: all fields, wrapped abstract, both title and year tags', () => {
  const text = fixture('mendeley-crlf.ris');
  assert.ok(text.includes('\r\n'), 'fixture keeps its CRLF line ends');
  const listing = risImporter.parse(text, 'mendeley-crlf.ris');
  assert.equal(listing.format, 'ris');
  assert.deepEqual(listing.papers, [
    {
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Noam Shazeer'],
      abstract: 'The dominant sequence transduction models are based on complex recurrent or convolutional neural networks.',
      keywords: ['attention', 'transformers'],
      venue: 'Advances in Neural Information Processing Systems',
      year: 2017,
      urls: { site: 'https://arxiv.org/abs/1706.03762', pdf: 'https://arxiv.org/pdf/1706.03762.pdf' },
      ids: { arxiv: '1706.03762' },
      sourceId: 'vaswani2017',
    },
    {
      title: 'Über die Schätzung von Divergenzen',
      authors: ['Jörg Müller', 'María García'],
      abstract: 'An abstract in N2.',
      venue: 'Proc. ICML',
      year: 2021,
      ids: { doi: '10.5555/abc.2021.001' },
    },
    { title: 'A Record With Few Fields', authors: ['John Smith Jr.'] },
  ]);
});

test('a record without ER is skipped, naming the record and its line; a file cut inside a record fails', () => {
  const listing = risImporter.parse(fixture('no-er.ris'), 'no-er.ris');
  assert.deepEqual(listing.papers.map((paper) => paper.title), ['Complete Record', 'Another Complete Record']);
  assert.deepEqual(listing.skipped, [{ entry: 2, line: 6, reason: 'record has no ER line before the next TY (line 10)' }]);
  assert.throws(() => risImporter.parse('TY  - JOUR\nTI  - Cut short\nAU  - Doe, J', 'cut.ris'), {
    message: 'record 1 has no ER line (file ends inside it; truncated?)',
    location: 'record 1, line 1',
  });
});

test('a record without a title gets one derived from its abstract', () => {
  const listing = risImporter.parse(fixture('no-title.ris'), 'no-title.ris');
  assert.deepEqual(listing.papers[1], { title: 'An abstract but no title', titleDerived: true, authors: ['Betty Bad'], abstract: 'An abstract but no title.', year: 2020 });
  assert.equal(listing.skipped, undefined);
});

test('an ER without a record, and a file without records, are errors', () => {
  assert.throws(() => risImporter.parse('\nER  - \n', 'x.ris'), { message: 'ER line without a record (no TY before it)', location: 'line 2' });
  assert.throws(() => risImporter.parse('just some text\n', 'x.ris'), { message: 'no RIS records (TY … ER) in file' });
});

test('a record titled only by its short title (ST) is read; a placeholder NA record is skipped', () => {
  const listing = risImporter.parse(fixture('short-titles.ris'), 'short-titles.ris');
  assert.deepEqual(listing.papers.map((paper) => [paper.title, paper.authors, paper.year]), [
    ['Sparse Widget Folding', ['Ada Lovelace'], 2023],
    ['Counting Gears with Difference Engines', ['Charles Babbage'], 2022],
  ]);
  assert.deepEqual(listing.skipped, [{ entry: 3, line: 15, reason: 'placeholder record (title "NA"), not a paper', placeholder: true }]);
});
