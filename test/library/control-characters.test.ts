// A control character in a listing is not stored: the importers drop it before the library
// stores the title (U+0002 and U+0003 once marked search matches inside the text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Library } from '../../src/library/library.ts';
import { parseListing } from '../../src/importers/index.ts';

test('a title holding U+0002/U+0003 is stored without them and marked only where it matches', () => {
  const library = Library.open(':memory:');
  try {
    const text = '{"title": "Graph \\u0002networks\\u0003 for \\u0002everything", "authors": ["Ann Author"]}\n';
    library.addListing({ parsed: parseListing(text, 'forged.jsonl'), fileName: 'forged.jsonl', text });
    const { hits } = library.search('graph');
    assert.equal(hits.length, 1);
    assert.equal(hits[0].paper.title, 'Graph networks for everything');
    assert.deepEqual(hits[0].title, [{ text: 'Graph', match: true }, { text: ' networks for everything', match: false }]);
  } finally {
    library.close();
  }
});
