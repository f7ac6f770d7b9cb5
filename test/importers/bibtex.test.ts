import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bibtexImporter } from '../../src/importers/bibtex.ts';
import { parseListing } from '../../src/importers/index.ts';
import { exportBibtex } from '../../src/export/bibtex.ts';
import type { ImportedPaper, Paper } from '../../src/types.ts';
import { fixture } from './files.ts';

function asLibraryPaper(paper: ImportedPaper): Omit<Paper, 'id'> {
  return {
    title: paper.title, titleDerived: false, authors: paper.authors, abstract: null, venue: null, year: null, session: null,
    track: null, status: null, keywords: [], urls: {}, ids: {}, listings: [],
  };
}

test('Zotero/Scholar/DBLP library: LaTeX to Unicode, names as "First Last", venues, ids', () => {
  const listing = bibtexImporter.parse(fixture('zotero-library.bib'), 'zotero-library.bib');
  assert.equal(listing.format, 'bibtex');
  assert.equal(listing.warnings, undefined);
  // The DBLP @proceedings is only the crossref target of an entry, not a paper.
  assert.deepEqual(listing.papers.map((p) => p.sourceId), [
    'vaswani_attention_2017', 'muller_uber_2021', 'smith_robust_2020', 'lee2023scaling', 'ghost_2019', 'DBLP:conf/iclr/Kim24',
  ]);
  const [vaswani, muller, smith, lee, ghost, dblp] = listing.papers;
  assert.deepEqual(vaswani, {
    title: 'Attention is All you Need',
    authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit'],
    sourceId: 'vaswani_attention_2017',
    abstract: 'The dominant sequence transduction models are based on complex recurrent or convolutional neural networks. We propose the Transformer.',
    keywords: ['attention', 'transformers'],
    venue: 'Advances in Neural Information Processing Systems',
    year: 2017,
    urls: { pdf: 'https://proceedings.neurips.cc/paper/2017/file/3f5ee243547dee91fbd053c1c4a845aa-Paper.pdf' },
    ids: { arxiv: '1706.03762' },
  });
  assert.equal(muller.title, 'Über die Schätzung von α-Divergenzen & mehr');
  assert.deepEqual(muller.authors, ['Jörg Müller', 'María García', 'Jan van der Berg']);
  assert.equal(muller.venue, 'Journal of Machine Learning Research');
  assert.deepEqual(muller.ids, { doi: '10.5555/abc.2021.001' });
  assert.equal(smith.title, 'Robust Learning with 50% Noisy Labels');
  assert.deepEqual(smith.authors, ['John Smith Jr.', 'Jane Doe']);
  assert.equal(smith.venue, 'International Conference on Machine Learning (ICML)', '@string concatenated with #');
  assert.equal(smith.year, 2020);
  assert.equal(lee.venue, 'arXiv');
  assert.deepEqual(lee.ids, { arxiv: '2305.01234' });
  assert.deepEqual(ghost.authors, ['The Ghost Collective', 'Casper Friendly']);
  assert.equal(ghost.year, 2019, 'BibLaTeX date');
  assert.equal(ghost.venue, undefined);
  assert.deepEqual(ghost.urls, { site: 'https://arxiv.org/abs/1905.00001v2' });
  assert.deepEqual(ghost.ids, { arxiv: '1905.00001' });
  assert.equal(dblp.venue, 'The Twelfth International Conference on Learning Representations, ICLR 2024', 'booktitle from the crossref');
  assert.equal(dblp.year, 2024);
  assert.deepEqual(dblp.ids, { doi: '10.48550/arxiv.2401.05566', arxiv: '2401.05566' });
});

test('unknown commands are dropped, their arguments kept; recovered problems come back as warnings', () => {
  const listing = bibtexImporter.parse(
    '@article{a, title = {On \\foo{X} Spaces}, author = {A, B, C, D}, journal = UNDEFINED, year = 2020}',
    'a.bib',
  );
  assert.equal(listing.papers[0].title, 'On X Spaces');
  assert.deepEqual(listing.warnings, [
    'Unresolved @string reference "UNDEFINED"',
    '@a: unexpected 4-part name "A, B, C, D", dropping "D"',
  ]);
});

test('one broken entry is skipped and named with its key and line; the rest of the file is read', () => {
  const listing = bibtexImporter.parse(fixture('broken-entry.bib'), 'broken-entry.bib');
  assert.deepEqual(listing.papers.map((paper) => paper.sourceId), ['first_ok_2020', 'third_ok_2022']);
  assert.equal(listing.skipped?.length, 1);
  assert.deepEqual({ ...listing.skipped![0], reason: listing.skipped![0].reason.slice(0, 46) }, {
    entry: 2,
    key: 'second_broken_2021',
    line: 7,
    reason: 'broken BibTeX entry: Unterminated brace-value ',
  });
});

test('an entry without a title or abstract is skipped', () => {
  const listing = bibtexImporter.parse(fixture('untitled-entry.bib'), 'untitled-entry.bib');
  assert.deepEqual(listing.papers.map((paper) => paper.sourceId), ['titled_2020']);
  assert.deepEqual(listing.skipped, [{ entry: 2, key: 'untitled_2021', line: 5, reason: '@misc entry has no title and no abstract', placeholder: true }]);
});

test('a file without entries is an error', () => {
  assert.throws(() => bibtexImporter.parse('@string{x = "y"}\n% nothing else\n', 'strings.bib'), {
    message: 'no BibTeX entries in file (only @string, @comment or @preamble, or nothing)',
  });
  assert.throws(() => bibtexImporter.parse('', 'empty.bib'), { name: 'ImportError' });
});

test('a hand-kept file as it comes: long prologue, macro titles, lone $, ?? keys, a set, one broken brace', () => {
  const text = fixture('hand-kept.bib');
  assert.ok(text.indexOf('\n@') > 5000, 'the first entry starts after a prologue of over 5,000 characters');
  assert.equal(parseListing(text, 'hand-kept.bib').format, 'bibtex', 'detected past the prologue');
  assert.equal(parseListing(text, 'hand-kept.txt').format, 'bibtex', 'without the .bib name too');
  const listing = bibtexImporter.parse(text, 'hand-kept.bib');
  assert.deepEqual(
    listing.papers.map((paper) => [paper.sourceId, paper.title, paper.titleDerived ?? false]),
    [
      ['tug-annual', 'TeX Users Group', false],
      ['tub-history', 'TUB', false],
      ['pricing', 'Typesetting on a Budget', false],
      ['DBLP:conf/tex/Smith??', 'Macros & Margins: AC^0 Circuits for Line Breaking – A Survey', false],
      ['untitled-talk', 'We report on a hyphenation experiment', true],
      ['after-the-break', 'Still Read After the Broken Entry', false],
    ],
  );
  const [, , pricing, smith, untitled] = listing.papers;
  assert.equal(pricing.abstract, 'Fonts used to cost $5 per family; we show what that bought.');
  assert.deepEqual(smith.authors, ['John Smith']);
  assert.equal(smith.venue, 'Proceedings of the TeX Conference');
  assert.deepEqual(untitled.authors, ['Jörg Müller', 'María García']);
  assert.deepEqual(listing.warnings, ['entry 2 (tub-history), line 78: the title is the TeX macro \\TUB, which the file does not define; kept as its name']);
  assert.deepEqual(listing.skipped?.map(({ reason, ...where }) => ({ ...where, reason: reason.slice(0, 46) })), [
    { entry: 6, key: 'talks-1995', line: 104, reason: '@set entry has no title and no abstract', placeholder: true },
    { entry: 7, key: 'exporter-broken', line: 108, reason: 'broken BibTeX entry: Unterminated brace-value ' },
  ]);
});

test('TeX escapes read as the characters they stand for and survive a BibTeX export', () => {
  const text = '@article{e, title = {{\\^{}} and {\\~{}}, \\& and 50\\%, 1--2 and 1---2, na{\\"\\i}ve {\\c{c}}a}, author = {Doe, J}}';
  const [paper] = bibtexImporter.parse(text, 'e.bib').papers;
  assert.equal(paper.title, '^ and ~, & and 50%, 1–2 and 1—2, naïve ça');
  const again = bibtexImporter.parse(exportBibtex([{ ...asLibraryPaper(paper), id: 1 }]), 'again.bib').papers[0];
  assert.equal(again.title, paper.title);
});
