// Web of Science plain text and MEDLINE (.nbib): the tagged line formats of the bibliographic databases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { webOfScienceImporter } from '../../src/importers/web-of-science.ts';
import { medlineImporter } from '../../src/importers/medline.ts';
import { parseListing } from '../../src/importers/index.ts';
import { fixture } from './files.ts';

test('Web of Science: continuation lines, one author per line, keywords over two lines, conference and early-access records', () => {
  const listing = webOfScienceImporter.parse(fixture('wos-savedrecs.txt'), 'savedrecs.txt');
  assert.equal(listing.format, 'web-of-science');
  assert.deepEqual(listing.papers, [
    {
      title: 'Sparse mixtures of experts for tabular data: closing the gap with gradient-boosted trees',
      authors: ['Ana Lima', 'Bo Chen', 'Chidi Okafor'],
      abstract: 'Gradient-boosted trees still beat deep networks on most tabular benchmarks. We show that a sparse mixture of small experts closes the gap on 31 of 40 datasets.',
      keywords: ['tabular data', 'mixture of experts', 'gradient boosting', 'sparse routing'],
      venue: 'JOURNAL OF MACHINE LEARNING RESEARCH',
      year: 2023,
      ids: { doi: '10.5555/jmlr.2023.112' },
      sourceId: 'WOS:000987654300001',
    },
    {
      title: 'Weighting demonstrations by critic estimates',
      authors: ['Dana Ivanova'],
      abstract: 'We revisit behaviour cloning and weight each demonstration by a critic.',
      venue: '2022 IEEE INTERNATIONAL CONFERENCE ON ROBOTICS AND AUTOMATION (ICRA 2022)',
      year: 2022,
      sourceId: 'WOS:000811122200042',
    },
  ]);
  assert.deepEqual(listing.skipped, [{ entry: 3, key: 'WOS:000700000000009', line: 41, reason: 'record has no title (TI) and no abstract', placeholder: true }]);
});

test('Web of Science: short names without AF, a record cut off by the next PT, a truncated file', () => {
  const text = ['FN Clarivate Analytics Web of Science', 'VR 1.0', 'PT J', 'AU Smith, J', 'TI First', 'ER', 'PT J', 'TI Cut off', 'PT J', 'TI Third', 'ER', 'PT J', 'TI Fourth', 'ER', 'PT J', 'TI Trunc'].join('\n');
  const listing = webOfScienceImporter.parse(text, 'x.txt');
  assert.deepEqual(listing.papers.map((paper) => [paper.title, paper.authors]), [['First', ['J Smith']], ['Third', []], ['Fourth', []]]);
  assert.deepEqual(listing.skipped, [
    { entry: 2, line: 7, reason: 'record has no ER line before the next PT' },
    { entry: 5, line: 15, reason: 'the file ends inside the record (no ER line; truncated?)' },
  ]);
  assert.throws(() => webOfScienceImporter.parse('FN Clarivate Analytics Web of Science\nVR 1.0\nEF\n', 'x.txt'), { message: 'no Web of Science records (PT … ER) in file' });
});

test('MEDLINE: wrapped fields, full names, DOIs among the article ids, titles without MEDLINE\'s full stop or translation brackets', () => {
  const listing = medlineImporter.parse(fixture('pubmed-citations.nbib'), 'citations.nbib');
  assert.equal(listing.format, 'medline');
  assert.deepEqual(listing.papers, [
    {
      title: 'Gut microbes shape host circadian rhythms through short-chain fatty acids',
      authors: ['Chidi A Okafor', 'María García'],
      abstract: 'Circadian rhythms in the host are set by light, but also by food. We show that short-chain fatty acids made by gut microbes shift the phase of the liver clock in mice.',
      keywords: ['circadian clock', 'microbiome'],
      venue: 'Nature',
      year: 2020,
      ids: { doi: '10.1038/s41586-019-1234-5' },
      sourceId: '31234567',
      urls: { site: 'https://pubmed.ncbi.nlm.nih.gov/31234567/' },
    },
    {
      title: 'Treatment of chronic fatigue in primary care',
      authors: ['Hans Müller', 'Primary Care Study Group'],
      venue: 'Deutsche medizinische Wochenschrift (1946)',
      year: 2019,
      ids: { doi: '10.1055/a-0800-1234' },
      sourceId: '30987654',
      urls: { site: 'https://pubmed.ncbi.nlm.nih.gov/30987654/' },
    },
  ]);
  assert.deepEqual(listing.skipped, [{ entry: 3, key: '29876543', line: 52, reason: 'record has no title (TI) and no abstract', placeholder: true }]);
});

test('MEDLINE: CRLF line ends, short names without FAU, an abbreviation ending a title, no records', () => {
  const text = 'PMID- 1\r\nTI  - Growth in E. coli.\r\nAU  - Smith J\r\n\r\nPMID- 2\r\nTI  - Second\r\n      part.\r\n';
  const listing = medlineImporter.parse(text, 'x.nbib');
  assert.deepEqual(listing.papers.map((paper) => [paper.title, paper.authors]), [['Growth in E. coli', ['Smith J']], ['Second part', []]]);
  assert.throws(() => medlineImporter.parse('\n\n', 'x.nbib'), { message: 'no MEDLINE records (PMID- …) in file' });
});

test('the tagged formats are detected as themselves: not RIS, not a trending feed (which stored a WoS export as junk)', () => {
  assert.equal(parseListing(fixture('wos-savedrecs.txt'), 'savedrecs.txt').format, 'web-of-science');
  assert.equal(parseListing(fixture('pubmed-citations.nbib'), 'pubmed-set.nbib').format, 'medline');
  assert.equal(parseListing(fixture('mendeley-crlf.ris'), 'x.ris').format, 'ris');
  const headerless = fixture('wos-savedrecs.txt').split('\n').slice(2).join('\n');
  assert.equal(webOfScienceImporter.detect(headerless, 'x.txt'), 0.9);
  assert.equal(medlineImporter.detect(fixture('pubmed-citations.nbib').replace('PMID- 31234567\n', 'OWN - NLM\n'), 'x.txt'), 0.9);
});
