// RSS feeds (2.0 and 1.0): arXiv's daily listings, journals' tables of contents, blogs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseListing, EmptyListingError, ImportError } from '../../src/importers/index.ts';
import { rssFeedImporter } from '../../src/importers/rss-feed.ts';

const http = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'http', name), 'utf8');

const rss = (items: string) => `<?xml version="1.0"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>\n${items}\n</channel></rss>\n`;

test("arXiv's daily listing: ids from the links, the abstract without the announcement, authors split", () => {
  const listing = parseListing(http('arxiv-rss/cs.LG.rss'), 'cs.LG');
  assert.equal(listing.format, 'rss-feed');
  assert.equal(listing.papers.length, 3);
  assert.deepEqual(listing.papers[0], {
    title: 'Diffusion Policies with Contact Constraints',
    authors: ['Gao Wei', 'Hana Sato', 'Ivan Petrov'],
    abstract: 'A diffusion policy for manipulation that projects each denoising step onto the set of contact-consistent trajectories, improving success on insertion tasks with tight tolerances.',
    year: 2025,
    keywords: ['cs.LG', 'cs.AI'],
    urls: { site: 'https://arxiv.org/abs/2501.00004', pdf: 'https://arxiv.org/pdf/2501.00004' },
    ids: { arxiv: '2501.00004' },
    venue: 'arXiv',
    sourceId: 'oai:arXiv.org:2501.00004v1',
  });
});

test('a journal table of contents in RSS 1.0: DOIs, the journal, HTML descriptions as text', () => {
  const listing = parseListing(http('feed/journal-toc.rdf'), 'toc.rdf');
  assert.equal(listing.format, 'rss-feed');
  assert.deepEqual(
    listing.papers.map((paper) => [paper.title, paper.authors, paper.ids, paper.venue, paper.year]),
    [
      ['Kernel Methods for Streaming Time Series', ['Quinn Harper', 'Rosa Ibarra'], { doi: '10.5555/jel.2025.001' }, 'Journal of Example Learning', 2025],
      ['Causal Discovery from Interventional Mixtures', ['Sven Berg'], { doi: '10.5555/jel.2025.002' }, 'Journal of Example Learning', 2025],
    ],
  );
  assert.equal(listing.papers[0].abstract, 'We give an online kernel regression whose memory stays constant on unbounded streams, with regret bounds matching the batch setting.');
});

test("authors as feeds write them: RSS's author e-mail with a name, an inverted name, one list", () => {
  const listing = rssFeedImporter.parse(
    rss(`<item><title>One</title><author>jo@example.org (Jo Park)</author></item>
<item><title>Two</title><dc:creator>Smith, John</dc:creator></item>
<item><title>Three</title><dc:creator>Ana Lima and Bo Chen</dc:creator></item>`),
    'feed.xml',
  );
  assert.deepEqual(listing.papers.map((paper) => paper.authors), [['Jo Park'], ['John Smith'], ['Ana Lima', 'Bo Chen']]);
});

test('an item without title or description is skipped with its place; a feed without items is empty, not broken', () => {
  const listing = rssFeedImporter.parse(rss('<item><title>Kept</title></item>\n<item><guid>g-2</guid></item>\n<item><title>Also kept</title></item>'), 'feed.xml');
  assert.deepEqual(listing.papers.map((paper) => paper.title), ['Kept', 'Also kept']);
  assert.deepEqual(listing.skipped, [{ entry: 2, key: 'g-2', line: 4, reason: 'item has no title and no abstract', placeholder: true }]);
  assert.throws(() => rssFeedImporter.parse(http('arxiv-rss/cs.LG-weekend.rss'), 'cs.LG'), (error: unknown) => error instanceof EmptyListingError && error.message === 'RSS feed has no items');
});

test('broken XML says where; an XML document that is no feed says so', () => {
  assert.throws(() => parseListing(http('errors/broken.rss'), 'broken.rss'), (error: unknown) => error instanceof ImportError && error.message === "invalid XML: char '&' is not expected." && error.location === 'line 3, column 22');
  assert.throws(() => rssFeedImporter.parse('<?xml version="1.0"?><catalog><book/></catalog>', 'x.xml'), { message: 'not an RSS feed (no <rss> or <rdf:RDF> element)' });
});

test('detection: RSS 2.0 and 1.0 are claimed, Atom is left to arxiv-atom', () => {
  assert.equal(rssFeedImporter.detect(http('arxiv-rss/cs.LG.rss'), 'cs.LG'), 0.95);
  assert.equal(rssFeedImporter.detect(http('feed/journal-toc.rdf'), 'toc.rdf'), 0.95);
  assert.equal(rssFeedImporter.detect(http('feed/lab-blog.atom'), 'blog.atom'), 0);
  assert.equal(parseListing(http('feed/lab-blog.atom'), 'blog.atom').format, 'arxiv-atom');
});
