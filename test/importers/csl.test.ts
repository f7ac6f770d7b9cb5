import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cslJsonImporter, cslYamlImporter } from '../../src/importers/csl.ts';
import { parseListing } from '../../src/importers/index.ts';
import { fixture } from './files.ts';

test('CSL-JSON from Zotero: names with particles, suffixes and literals, date-parts and raw dates, rich text, arXiv number', () => {
  const listing = cslJsonImporter.parse(fixture('zotero-items.csl.json'), 'items.json');
  assert.equal(listing.format, 'csl-json');
  assert.deepEqual(listing.papers, [
    {
      title: 'Sparse Mixtures of Experts for Tabular Data',
      authors: ['Ana Lima', 'Jan van der Berg', 'John Smith Jr.'],
      abstract: 'Gradient-boosted trees still beat deep networks on most tabular benchmarks. We close the gap with a sparse mixture of small experts.',
      keywords: ['tabular data', 'mixture of experts'],
      venue: 'Proceedings of the 42nd International Conference on Machine Learning',
      year: 2025,
      urls: { site: 'https://proceedings.example.org/v242/lima25a.html' },
      ids: { doi: '10.5555/icml.2025.1201' },
      sourceId: 'http://zotero.org/users/1234567/items/ABCD2345',
    },
    {
      title: 'Grokking Modular Arithmetic, Revisited',
      authors: ['Chidi Okafor', 'The Grokking Consortium'],
      abstract: 'Small transformers trained on modular addition first memorise and later generalise.',
      year: 2024,
      urls: { site: 'http://arxiv.org/abs/2405.01234' },
      ids: { arxiv: '2405.01234' },
      sourceId: 'okafor2024grokking',
    },
    {
      title: 'We measure how often reviewers agree on borderline papers',
      titleDerived: true,
      authors: ['Dana Ivanova'],
      abstract: 'We measure how often reviewers agree on borderline papers. They rarely do.',
      venue: 'Journal of Peer Review',
      year: 2023,
      sourceId: 'untitled-note',
    },
  ]);
  assert.deepEqual(listing.skipped, [{ entry: 4, key: 'empty-record', line: 38, reason: 'item has no "title" and no abstract', placeholder: true }]);
});

test('CSL-JSON: one item (a DOI resolved as CSL), Zotero API pages of items, and items that are not objects', () => {
  const one = cslJsonImporter.parse('{"type": "article-journal", "title": "One", "DOI": "10.1000/X", "issued": {"date-parts": [[1999]]}}', 'doi.json');
  assert.deepEqual(one.papers, [{ title: 'One', authors: [], year: 1999, ids: { doi: '10.1000/x' } }]);
  const page = cslJsonImporter.parse('{"items": [{"id": "a", "title": "A"}, {"id": "b", "title": "B", "author": [{"family": "Mausam"}]}]}', 'page.json');
  assert.deepEqual(page.papers.map((p) => [p.title, p.authors, p.sourceId]), [['A', [], 'a'], ['B', ['Mausam'], 'b']]);
  const mixed = cslJsonImporter.parse('[\n{"title": "Kept"},\n{"title": "Also"},\n"a string"\n]', 'mixed.json');
  assert.deepEqual(mixed.skipped, [{ entry: 3, line: 4, reason: 'expected a CSL item (an object), found "a string"' }]);
});

test('CSL-JSON errors: broken JSON, no items, and a file of items that cannot be papers', () => {
  assert.throws(() => cslJsonImporter.parse('[{"title": "A",\n "author": [}]', 'x.json'), { name: 'ImportError', location: 'line 2, column 13' });
  assert.throws(() => cslJsonImporter.parse('[]', 'x.json'), { message: 'the file lists no items' });
  assert.throws(() => cslJsonImporter.parse('[1, 2, {"title": "A"}]', 'x.json'), {
    message: 'expected a CSL item (an object), found 1 (1 more of the 3 entries cannot become papers either)',
    location: 'entry 1, line 1',
  });
});

test('CSL-YAML in a Markdown file\'s metadata block: Pandoc dates, numbers as titles, placeholders skipped with their line', () => {
  const listing = cslYamlImporter.parse(fixture('pandoc-references.md'), 'notes.md');
  assert.equal(listing.format, 'csl-yaml');
  assert.deepEqual(listing.papers, [
    {
      title: 'Inverted Attention: Forecasting Across Variables',
      authors: ['Bo Chen', 'Zoë Ødegård'],
      abstract: 'Long-horizon forecasting models spend most of their compute on attention across time steps.',
      venue: 'Journal of Forecasting Research',
      year: 2022,
      ids: { doi: '10.1000/jfr.2022.77' },
      sourceId: 'chen2022forecasting',
    },
    { title: '1984', authors: ['Trent Nakamura'], venue: 'Workshop on Short Titles', year: 2021, urls: { pdf: 'https://example.org/papers/1984.pdf' }, sourceId: 'nakamura1984' },
  ]);
  assert.deepEqual(listing.skipped, [{ entry: 3, key: 'placeholder', line: 29, reason: 'placeholder record (title "N/A"), not a paper', placeholder: true }]);
});

test('CSL-YAML as a bare list of items, keywords as a YAML list', () => {
  assert.deepEqual(cslYamlImporter.parse(fixture('references.yaml'), 'references.yaml').papers, [
    {
      title: 'Closing Remarks on Calibration',
      authors: ['Nadia Rahman', 'Omar Haddad'],
      keywords: ['calibration', 'uncertainty'],
      venue: 'Transactions on Machine Learning Research',
      year: 2023,
      sourceId: 'rahman2023calibration',
    },
  ]);
});

test('CSL-YAML errors: broken YAML at its line (counted in the Markdown file), no item list, aliases to nothing', () => {
  assert.throws(() => cslYamlImporter.parse('---\nreferences:\n- id: a\n  title: [unclosed\n...\n', 'x.md'), {
    message: 'invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    location: 'line 5, column 1',
  });
  assert.throws(() => cslYamlImporter.parse('references: none\n', 'x.yaml'), { message: 'expected a list of CSL items, or one under "references:"', location: 'line 1' });
  assert.throws(() => cslYamlImporter.parse('- id: a\n  title: *missing\n', 'x.yaml'), { message: /^invalid YAML: .*missing/ });
  assert.throws(() => cslYamlImporter.parse('references: []\n', 'x.yaml'), { message: 'the file lists no items' });
});

test('CSL-YAML: a "billion laughs" file of nested aliases is refused, not expanded', () => {
  const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
  for (let level = 1; level < 9; level++) {
    const [name, previous] = [String.fromCharCode(97 + level), String.fromCharCode(96 + level)];
    lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
  }
  lines.push('references:', '- title: *i');
  assert.throws(() => cslYamlImporter.parse(lines.join('\n'), 'x.yaml'), { message: 'invalid YAML: Excessive alias count indicates a resource exhaustion attack' });
});

test('CSL files are detected as CSL, not as paperlists JSON or a trending feed (which read them as junk)', () => {
  assert.equal(parseListing(fixture('zotero-items.csl.json'), 'My Library.json').format, 'csl-json');
  assert.equal(parseListing(fixture('pandoc-references.md'), 'notes.md').format, 'csl-yaml');
  assert.equal(parseListing(fixture('references.yaml'), 'references.yaml').format, 'csl-yaml');
});
