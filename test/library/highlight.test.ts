// The hand-written marks must say what FTS5's own highlight() and snippet() say: both are run
// over the same texts and queries, with the index's tokenizer, and compared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { markText, queryPhrases, snippetOf } from '../../src/library/highlight.ts';
import type { Segment } from '../../src/types.ts';

/** Runs written with FTS5's marks, to compare with what its highlight() and snippet() give. */
const marked = (runs: readonly Segment[]) => runs.map((run) => (run.match ? `<${run.text}>` : run.text)).join('');
import { parseQuery, toFtsMatch } from '../../src/library/fts-query.ts';

const texts = [
  'Graph Neural Networks for Café Recommendation: a naïve Bayes baseline',
  'We study graph neural networks. Transformers transfer well: our transformer-based model beats graph baselines on twelve benchmarks, ' +
    'while the naive approach fails. In a second experiment, the GRAPH is replaced by a hypergraph and neural message passing is kept. ' +
    'Finally, we show that Transformers and graph neural networks can be combined into one model that is neither slow nor large.',
  'Short note on ÜBER-graphs.',
  'First sentence is here. Then a long sentence where the word kernel appears and again and again and again kernel appears near the end of it.',
  'No match here at all, only words about weather and rivers and other things that go on for a while so that the text is long enough to be cut somewhere.',
];
const queries = ['kernel', 'graph', '"graph neural networks"', 'transf*', 'naive cafe', 'uber', 'graph transformers', 'neural "message passing"'];

test('titles and snippets are marked exactly as FTS5 marks them', () => {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')`);
  const insert = db.prepare('INSERT INTO t (rowid, body) VALUES (?, ?)');
  texts.forEach((text, index) => insert.run(index + 1, text));
  const marks = db.prepare<[string, string], { marked: string; snippet: string }>(
    `SELECT highlight(t, 0, '<', '>') AS marked, snippet(t, 0, '<', '>', '…', 12) AS snippet FROM t WHERE t MATCH ? AND t.rowid IN (SELECT value FROM json_each(?))`,
  );
  let compared = 0;
  for (const query of queries) {
    const phrases = queryPhrases(parseQuery(query));
    const terms = parseQuery(query);
    texts.forEach((text, index) => {
      // FTS5 only marks rows the whole query matches; for the others, compare each term alone.
      for (const match of [toFtsMatch(query)!, ...terms.map((term) => toFtsMatch(term.text + (term.prefix ? '*' : '')))]) {
        const expected = marks.get(match!, JSON.stringify([index + 1]));
        if (!expected) continue;
        const used = match === toFtsMatch(query) ? phrases : queryPhrases(parseQuery(match!.replace(/ AND /g, ' ')));
        assert.equal(marked(markText(text, used)), expected.marked, `${query} in text ${index + 1}`);
        assert.equal(marked(snippetOf(text, used, 12, '…')), expected.snippet, `${query} snippet of text ${index + 1}`);
        compared++;
      }
    });
  }
  assert.ok(compared >= 20, `only ${compared} comparisons`);
  db.close();
});

test('a text without matches gives its beginning, cut with an ellipsis', () => {
  const phrases = queryPhrases(parseQuery('quantum'));
  assert.equal(marked(snippetOf(texts[4], phrases, 5, '…')), 'No match here at all…');
  assert.equal(marked(markText('Quantum Widgets', phrases)), '<Quantum> Widgets');
  assert.deepEqual(snippetOf('', phrases, 5, '…'), []);
});
