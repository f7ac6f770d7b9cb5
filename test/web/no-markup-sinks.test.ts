// The web app never turns data into markup: no innerHTML and friends anywhere in its source,
// so every piece of listing text reaches the page as a text node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const webSources = path.resolve(import.meta.dirname, '..', '..', 'src', 'web');

test('no HTML-parsing DOM sinks in src/web', () => {
  const files = fs.readdirSync(webSources, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  assert.ok(files.length >= 8);
  for (const file of files) {
    const source = fs.readFileSync(path.join(webSources, file), 'utf8');
    assert.doesNotMatch(source, /\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser|\beval\(|new Function\(/, file);
  }
});
