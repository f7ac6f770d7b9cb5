// API responses researchers save: Semantic Scholar, OpenReview notes, Hugging Face papers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { semanticScholarImporter } from '../../src/importers/semantic-scholar.ts';
import { openreviewNotesImporter } from '../../src/importers/openreview-notes.ts';
import { hfDailyPapersImporter } from '../../src/importers/hf-daily-papers.ts';
import { parseListing } from '../../src/importers/index.ts';
import { fixture } from './files.ts';

test('Semantic Scholar: one paper with its external ids and open-access PDF', () => {
  const listing = semanticScholarImporter.parse(fixture('s2-paper.json'), 'paper.json');
  assert.equal(listing.format, 'semantic-scholar');
  assert.deepEqual(listing.papers, [
    {
      title: 'Sparse Mixtures of Experts for Tabular Data',
      authors: ['Ana Lima', 'Bo Chen'],
      abstract: 'Gradient-boosted trees still beat deep networks on most tabular benchmarks.',
      venue: 'International Conference on Machine Learning',
      year: 2025,
      urls: { site: 'https://www.semanticscholar.org/paper/0a1b2c3d4e5f60718293a4b5c6d7e8f901234567', pdf: 'https://arxiv.org/pdf/2502.01234' },
      ids: { doi: '10.5555/icml.2025.1201', arxiv: '2502.01234' },
      sourceId: '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567',
    },
  ]);
});

test('Semantic Scholar: a search page with nulls and empty strings, and a batch answer with null for an unknown id', () => {
  const page = semanticScholarImporter.parse(fixture('s2-search-page.json'), 'search.json');
  assert.deepEqual(page.papers, [
    { title: 'Behaviour Cloning with Critic Weights', authors: ['Dana Ivanova'], venue: 'Robotics Letters', year: 2022, sourceId: '1111111111111111111111111111111111111111' },
    { title: 'Grokking Modular Arithmetic, Revisited', authors: [], ids: { arxiv: '2405.01234' }, sourceId: '2222222222222222222222222222222222222222' },
  ]);
  assert.deepEqual(page.skipped, [{ entry: 3, key: '3333333333333333333333333333333333333333', reason: 'paper has no "title" and no abstract', placeholder: true }]);
  const batch = semanticScholarImporter.parse(fixture('s2-batch.json'), 'batch.json');
  assert.deepEqual(batch.papers.map((paper) => paper.title), ['Closing Remarks on Calibration', 'Tokenizer Choice Matters for Code Models']);
  assert.deepEqual(batch.skipped, [{ entry: 2, line: 3, reason: 'no paper (null: the API did not know the id asked for)' }]);
});

test('Semantic Scholar: citations unwrap citingPaper and citedPaper; API errors and empty pages fail', () => {
  const citations = '{"offset": 0, "data": [{"citingPaper": {"paperId": "a1", "title": "Cites"}}, {"citedPaper": {"paperId": "b2", "title": "Cited"}}]}';
  assert.deepEqual(semanticScholarImporter.parse(citations, 'c.json').papers.map((paper) => [paper.title, paper.sourceId]), [['Cites', 'a1'], ['Cited', 'b2']]);
  assert.throws(() => semanticScholarImporter.parse('{"error": "Paper with id 123 not found"}', 'x.json'), { message: 'Semantic Scholar API error: Paper with id 123 not found' });
  assert.throws(() => semanticScholarImporter.parse('{"total": 0, "offset": 0, "data": []}', 'x.json'), { message: 'the response lists no papers' });
  assert.throws(() => semanticScholarImporter.parse('{"data": [', 'x.json'), { message: 'truncated JSON (input ends inside a value)' });
});

test('OpenReview API v2 notes: {value} fields, forum links, site PDF paths, replies left out, placeholders skipped', () => {
  const listing = openreviewNotesImporter.parse(fixture('openreview-notes-v2.json'), 'notes.json');
  assert.equal(listing.format, 'openreview-notes');
  assert.deepEqual(listing.papers, [
    {
      title: 'Self-Rewarding Agents for Web Navigation',
      authors: ['Ana Lima', 'Bo Chen'],
      abstract: 'We train web agents that score their own trajectories with a learned judge.',
      keywords: ['web agents', 'self-training'],
      venue: 'ICLR 2024 poster',
      year: 2024,
      urls: { site: 'https://openreview.net/forum?id=aB3dE5fG7h', pdf: 'https://openreview.net/pdf/0123456789abcdef0123456789abcdef01234567.pdf' },
      ids: { openreview: 'aB3dE5fG7h' },
      sourceId: 'aB3dE5fG7h',
    },
    {
      title: 'Diffusion Policies at Scale',
      authors: ['Chidi Okafor'],
      abstract: 'We scale diffusion policies to a thousand hours of teleoperated data.',
      venue: 'Submitted to ICLR 2024',
      year: 2024,
      urls: { site: 'https://openreview.net/forum?id=Xy9Zw8Vu7t' },
      ids: { openreview: 'Xy9Zw8Vu7t' },
      sourceId: 'Xy9Zw8Vu7t',
    },
  ]);
  assert.deepEqual(listing.warnings, ['left out 1 reply (reviews, comments, decisions): not papers']);
  assert.deepEqual(listing.skipped, [{ entry: 4, key: 'Wd0Nt1tL3d', reason: 'placeholder record (title "NA"), not a paper', placeholder: true }]);
});

test('OpenReview notes: API v1 notes without {value}, the year from pdate, and the errors', () => {
  const v1 = '[{"id": "n1", "forum": "n1", "pdate": 1577836800000, "content": {"title": "Old API", "authors": ["A B"], "pdf": "javascript:alert(1)"}}]';
  assert.deepEqual(openreviewNotesImporter.parse(v1, 'v1.json').papers, [
    { title: 'Old API', authors: ['A B'], year: 2020, urls: { site: 'https://openreview.net/forum?id=n1' }, ids: { openreview: 'n1' }, sourceId: 'n1' },
  ]);
  assert.throws(() => openreviewNotesImporter.parse('{"count": 0}', 'x.json'), { message: 'expected {"notes": [...]} or a list of notes', location: 'line 1' });
  assert.throws(() => openreviewNotesImporter.parse('{"notes": []}', 'x.json'), { message: 'the response lists no notes' });
  const reviews = '{"notes": [{"id": "r1", "forum": "p1", "content": {"review": {"value": "ok"}}}]}';
  assert.throws(() => openreviewNotesImporter.parse(reviews, 'x.json'), { message: 'the 1 notes are all replies (reviews, comments), none a paper' });
});

test('Hugging Face daily papers: the paper under "paper", arXiv links, GitHub and project pages, titles unwrapped', () => {
  const listing = hfDailyPapersImporter.parse(fixture('hf-daily-papers.json'), 'daily_papers.json');
  assert.equal(listing.format, 'hf-daily-papers');
  assert.deepEqual(listing.papers, [
    {
      title: 'Self-Rewarding Agents for Web Navigation',
      authors: ['Ana Lima', 'Bo Chen'],
      abstract: 'We train web agents that score their own trajectories with a learned judge and fine-tune on the best ones.',
      year: 2025,
      venue: 'arXiv',
      ids: { arxiv: '2501.01234' },
      urls: { site: 'https://huggingface.co/papers/2501.01234', pdf: 'https://arxiv.org/pdf/2501.01234', github: 'https://github.com/example/self-rewarding-agents' },
      sourceId: '2501.01234',
    },
    {
      title: 'Diffusion Policies at Scale: Lessons from a Thousand Robot Hours',
      authors: ['Chidi Okafor'],
      abstract: 'We scale diffusion policies to a thousand hours of teleoperated data across 12 robots.',
      year: 2025,
      venue: 'arXiv',
      ids: { arxiv: '2501.05678' },
      urls: { site: 'https://huggingface.co/papers/2501.05678', pdf: 'https://arxiv.org/pdf/2501.05678', project: 'https://example.org/diffusion-at-scale' },
      sourceId: '2501.05678',
    },
  ]);
});

test('Hugging Face: one paper object (/api/papers/{id}), items that are not papers, an empty list', () => {
  const one = '{"id": "2401.00001", "title": "One", "summary": "S.", "authors": [{"name": "A B"}, {"name": ""}], "publishedAt": "2024-01-01T00:00:00.000Z", "upvotes": 3}';
  assert.deepEqual(hfDailyPapersImporter.parse(one, 'paper.json').papers.map((paper) => [paper.title, paper.authors, paper.ids]), [['One', ['A B'], { arxiv: '2401.00001' }]]);
  const mixed = '[\n{"paper": {"id": "2401.00002", "title": "Two"}},\n{"paper": {"id": "2401.00003", "title": "Three"}},\n42\n]';
  assert.deepEqual(hfDailyPapersImporter.parse(mixed, 'x.json').skipped, [{ entry: 3, line: 4, reason: 'expected a paper (an object), found 42' }]);
  assert.throws(() => hfDailyPapersImporter.parse('[]', 'x.json'), { message: 'the response lists no papers' });
});

test('API responses are detected as their own format: not our JSON Lines, not paperlists JSON', () => {
  for (const [name, format] of [
    ['s2-paper.json', 'semantic-scholar'], ['s2-search-page.json', 'semantic-scholar'], ['s2-batch.json', 'semantic-scholar'],
    ['openreview-notes-v2.json', 'openreview-notes'], ['hf-daily-papers.json', 'hf-daily-papers'],
  ] as const) {
    assert.equal(parseListing(fixture(name), 'response.json').format, format, name);
  }
});
