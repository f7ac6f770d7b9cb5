import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanLine, isNavigation, joinBrokenLines, joinPieces, pageLines } from '../../src/importers/page-text.ts';
import { authorListNames, looksLikeAbstract, looksLikeName, looksStructured } from '../../src/importers/line-shapes.ts';
import { titleFromAbstract } from '../../src/importers/derived-title.ts';

test('cleanLine drops invisible characters, folds odd spaces and composes accents', () => {
  assert.equal(cleanLine('\uFEFF Prompt\u200b injection\u00a0\u00a0lets\tagents\u2009fail\u00ad  '), 'Prompt injection lets agents fail');
  assert.equal(cleanLine('Zoe\u0308 \u00d8dega\u030ard'), 'Zoë Ødegård');
  assert.equal(cleanLine("<script>alert('x')</script>"), "<script>alert('x')</script>");
});

test('pageLines numbers lines across LF, CRLF and CR endings', () => {
  assert.deepEqual(pageLines('a\r\nb \r\n\r\nc\rd\n'), [
    { text: 'a', line: 1 },
    { text: 'b', line: 2 },
    { text: '', line: 3 },
    { text: 'c', line: 4 },
    { text: 'd', line: 5 },
    { text: '', line: 6 },
  ]);
});

test('isNavigation knows site chrome, labels and badges but not content', () => {
  for (const chrome of ['Skip to yearly menu bar Skip to main content', 'Chat is not available.', 'Abstract:', 'Poster', 'Session', 'Outstanding Paper', 'Best Paper Honorable Mention', '★ 1,204', '—', 'Successful Page Load']) {
    assert.equal(isNavigation(chrome), true, chrome);
  }
  for (const content of ['Poster Session 6', 'Halle B', 'Abstract: We study things.', 'Memory Networks', 'Session-based Recommendation']) {
    assert.equal(isNavigation(content), false, content);
  }
});

test('joinPieces continues broken sentences and starts paragraphs after finished ones', () => {
  assert.equal(joinPieces(['We study', 'Meta-World tasks.', 'Results follow.']), 'We study Meta-World tasks.\nResults follow.');
  assert.equal(joinPieces(['a data-', 'driven method']), 'a data-driven method');
  assert.equal(joinPieces([]), '');
});

test('joinBrokenLines joins lines broken mid-sentence, not names, author lists or titles', () => {
  const lines = [
    'We present HyperAttention',
    'to address long contexts.',
    'iGraphMix: Graph Mixup',
    'Ana Lima · Bo Chen',
    'mRNA folding models',
    'Deep Residual Learning for',
    'Image Recognition',
    'Kaiming He · Jian Sun',
    'lower-case line under an author list',
  ];
  const joined = joinBrokenLines(lines.map((text, index) => ({ text, line: index + 1 })));
  assert.deepEqual(joined, [
    { text: 'We present HyperAttention to address long contexts.', line: 1 },
    { text: 'iGraphMix: Graph Mixup', line: 3 },
    { text: 'Ana Lima · Bo Chen', line: 4 },
    { text: 'mRNA folding models', line: 5 },
    { text: 'Deep Residual Learning for Image Recognition', line: 6 },
    { text: 'Kaiming He · Jian Sun', line: 8 },
    { text: 'lower-case line under an author list', line: 9 },
  ]);
});

test('authorListNames splits spaced interpunct lists only', () => {
  assert.deepEqual(authorListNames('E. Kelly Buchanan · fengwei yu · X.Y. Han'), ['E. Kelly Buchanan', 'fengwei yu', 'X.Y. Han']);
  assert.deepEqual(authorListNames('Wei Lu ·'), ['Wei Lu']);
  assert.equal(authorListNames('A·B Testing at Scale'), undefined);
  assert.equal(authorListNames('Danijar Hafner'), undefined);
  assert.equal(authorListNames('We compare · and find: nothing works.'), undefined);
});

test('looksLikeName accepts single-author lines and rejects name-shaped titles', () => {
  for (const name of ['François Charton', 'Danijar Hafner', 'Zoë Ødegård', 'Christopher De Sa', 'Ludwig van Beethoven', 'Joey T Zhou', '王小明']) {
    assert.equal(looksLikeName(name), true, name);
  }
  for (const title of ['Behaviour Distillation', 'Memory Networks', 'Wasserstein GAN', 'Halle B 2', 'Poster Session 6', 'Context-Aware Meta-Learning', 'Grokking Modular Arithmetic, Revisited', 'danah boyd']) {
    assert.equal(looksLikeName(title), false, title);
  }
});

test('looksLikeAbstract separates abstract text from titles', () => {
  for (const title of ['Can Large Language Models Infer Causation from Correlation?', 'Is Fairness Only Metric Deep? Evaluating and Addressing Subgroup Gaps in Deep Metric Learning', 'Zero Bubble (Almost) Pipeline Parallelism', 'miCSE: Mutual Information Contrastive Learning for Low-shot Sentence Embeddings']) {
    assert.equal(looksLikeAbstract(title), false, title);
  }
  for (const text of ['x'.repeat(200), 'We invert the axes and attend across variables instead…', 'Optimization is ubiquitous. While derivative-based algorithms work', 'We collect attacks and show that a filter blocks them.', 'to address the computational challenges of long contexts']) {
    assert.equal(looksLikeAbstract(text), true, text);
  }
});

test('looksStructured flags records of structured formats, not prose', () => {
  for (const line of ['{"id": 1}', '@article{smith2020,', 'TY  - JOUR', 'ER -', 'title = {A},', '"title": "x",', 'Title,Authors,Year', '<entry>']) {
    assert.equal(looksStructured(line), true, line);
  }
  assert.equal(looksStructured('We collect 1,200 attacks, including some, and show results.'), false);
});

test("a derived title reads as typeset: no 'Abstract:' label, LaTeX quotes, ties, math and commands as the characters they stand for", () => {
  assert.equal(titleFromAbstract("``Effective robustness'' measures the extra robustness. More."), '“Effective robustness” measures the extra robustness');
  assert.equal(titleFromAbstract('Abstract: The eXtreme Multi-label Classification~(XMC) problem is hard. More.'), 'The eXtreme Multi-label Classification (XMC) problem is hard');
  assert.equal(titleFromAbstract('We study $k$-means on \\emph{sparse} data--fast, 50\\% of the time. More.'), 'We study k-means on sparse data–fast, 50% of the time');
});

test('titleFromAbstract keeps a short first sentence and cuts a long one on a word boundary', () => {
  assert.equal(titleFromAbstract('Attention is sparse in vision transformers. We show why.'), 'Attention is sparse in vision transformers');
  assert.equal(titleFromAbstract('We compare tokenizers, e.g. BPE and bytes. More text.'), 'We compare tokenizers, e.g. BPE and bytes');
  assert.equal(
    titleFromAbstract('The eXtreme Multi-label Classification~(XMC) problem seeks to find relevant labels from an exceptionally large label space. Most work differs.'),
    'The eXtreme Multi-label Classification (XMC) problem seeks to find relevant labels…',
  );
  assert.equal(titleFromAbstract(`${'a'.repeat(120)} end`), `${'a'.repeat(90)}…`);
  const title = titleFromAbstract('Graph neural networks struggle with long-range dependencies because messages (which fade over hops) are weak.');
  assert.ok(title.length <= 91 && title.endsWith('…') && !/\s(?:of|the|and|over)…$/.test(title), title);
});
