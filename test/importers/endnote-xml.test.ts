import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endnoteXmlImporter } from '../../src/importers/endnote-xml.ts';
import { parseListing } from '../../src/importers/index.ts';
import { fixture } from './files.ts';

const parse = (text: string) => endnoteXmlImporter.parse(text, 'library.xml');

test('EndNote XML: styled text runs joined in order, names inverted, DOI from a doi.org URL, internal PDFs left out', () => {
  const listing = parse(fixture('endnote-library.xml'));
  assert.equal(listing.format, 'endnote-xml');
  assert.deepEqual(listing.papers, [
    {
      title: 'Growth of E. coli on Minimal Media & Glucose',
      authors: ['Lena Vogel', 'Mei Tanaka'],
      abstract: 'We grow E. coli on minimal media. Growth is slower but steadier than on rich media.',
      keywords: ['bacterial growth', 'minimal media'],
      venue: 'Journal of Microbial Methods',
      year: 2021,
      urls: { site: 'https://example.org/jmm/12/101' },
      ids: { doi: '10.1016/j.mimet.2021.0101' },
      sourceId: '17',
    },
    {
      title: 'Inverted Attention for Forecasting',
      authors: ['Kofi Mensah'],
      venue: 'Proceedings of the Forecasting Workshop',
      year: 2022,
      urls: { site: 'https://arxiv.org/abs/2203.04567' },
      ids: { arxiv: '2203.04567' },
      sourceId: '18',
    },
  ]);
  assert.deepEqual(listing.skipped, [{ entry: 3, key: '19', line: 1, reason: 'record has no <title> and no abstract', placeholder: true }]);
});

test('EndNote XML: a record without a title is skipped at its line; pretty-printed files keep the spaces between runs', () => {
  const text = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<xml><records>',
    '<record><rec-number>1</rec-number><titles><title><style face="normal">Deep </style><style face="bold">and</style><style face="normal"> Wide</style></title></titles></record>',
    '<record><rec-number>2</rec-number><titles>',
    '  <title>',
    '    <style face="normal">Second</style>',
    '  </title>',
    '</titles><pdf-urls><url>https://x.org/2.pdf</url></pdf-urls></record>',
    '<record><rec-number>3</rec-number><contributors><authors><author>Doe, Jane</author></authors></contributors><abstract>-</abstract></record>',
    '</records></xml>',
  ].join('\n');
  const listing = parse(text);
  assert.deepEqual(listing.papers.map((paper) => paper.title), ['Deep and Wide', 'Second']);
  assert.deepEqual(listing.skipped, [{ entry: 3, key: '3', line: 9, reason: 'record has no <title> and no abstract', placeholder: true }]);
});

test('EndNote XML errors: truncated file, no records, broken markup at its line', () => {
  assert.throws(() => parse('<?xml version="1.0"?><xml><records><record><titles><title>Cut'), {
    message: 'truncated XML: the file ends inside <xml>, <records>, <record>, <titles>, <title>',
  });
  assert.throws(() => parse('<xml><records></records></xml>'), { message: 'no <record> elements under <xml><records>' });
  assert.throws(() => parse('<xml><records>\n<record><title>A</titel></record></records></xml>'), { name: 'ImportError', message: "invalid XML: Expected closing tag 'title' (opened in line 2, col 9) instead of closing tag 'titel'.", location: 'line 2, column 17' });
});

test('an EndNote export is detected as EndNote XML, not left unknown', () => {
  assert.equal(parseListing(fixture('endnote-library.xml'), 'My EndNote Library.xml').format, 'endnote-xml');
});
