import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paperlistsJsonImporter } from '../../src/importers/paperlists-json.ts';
import { fixture, shared } from './files.ts';
import { needsShared } from '../requirements.ts';

const skip = needsShared('corpora/paperlists');

function parseVenue(path: string) {
  return paperlistsJsonImporter.parse(shared(`corpora/paperlists/${path}`), path.split('/')[1]);
}

test('iclr2018: every paper, OpenReview ids, keywords, no "Anonymous" author; "Withdrawn" placeholders skipped', { skip }, () => {
  const listing = parseVenue('iclr/iclr2018.json');
  assert.equal(listing.format, 'paperlists-json');
  assert.deepEqual(listing.meta, { venue: 'ICLR', year: 2018 });
  assert.equal(listing.papers.length, 992);
  assert.equal(listing.warnings, undefined);
  assert.deepEqual(listing.skipped?.map((skip) => skip.reason), [
    'placeholder record (title "withdrawn"), not a paper',
    'placeholder record (title "Withdrawn"), not a paper',
    'placeholder record (title "Withdrawn"), not a paper',
  ]);
  assert.equal(listing.papers.filter((p) => p.ids?.openreview).length, 992);
  assert.deepEqual({ ...listing.papers[0], abstract: listing.papers[0].abstract?.slice(0, 40) }, {
    title: 'Robust Task Clustering for Deep and Diverse Multi-Task and Few-Shot Learning',
    authors: ['Mo Yu', 'Xiaoxiao Guo', 'Jinfeng Yi', 'Shiyu Chang', 'Saloni Potdar', 'Gerald Tesauro', 'Haoyu Wang', 'Bowen Zhou'],
    abstract: 'We investigate task clustering for deep ',
    keywords: ['task clustering', 'matrix completion', 'multi-task learning', 'few-shot learning'],
    venue: 'ICLR',
    year: 2018,
    track: 'main',
    status: 'Withdraw',
    urls: { site: 'https://openreview.net/forum?id=B11bwYgfM' },
    ids: { openreview: 'B11bwYgfM' },
    sourceId: 'B11bwYgfM',
  });
  const anonymous = listing.papers.find((paper) => paper.title === 'Pseudo sequence based deep neural network compression')!;
  assert.deepEqual(anonymous.authors, []);
});

test('icra2000: the doubled author lists of the source are listed once; ids are not OpenReview ids', { skip }, () => {
  const listing = parseVenue('icra/icra2000.json');
  assert.deepEqual(listing.meta, { venue: 'ICRA', year: 2000 });
  assert.equal(listing.papers.length, 167);
  assert.equal(listing.papers.filter((p) => p.abstract).length, 167);
  const last = listing.papers[166];
  assert.equal(last.title, 'Variable structure systems approach to friction estimation and compensation');
  assert.deepEqual(last.authors, ['Q.P. Ha', 'A. Bonchis', 'D.C. Rye', 'H.F. Durrant-Whyte']);
  assert.deepEqual(last.urls, { site: 'https://ieeexplore.ieee.org/document/845283/' });
  assert.equal(last.ids, undefined);
  assert.equal(last.sourceId, '845283');
});

test('siggraph2010: no abstracts, comma-separated authors, sessions, DOIs from doi.org URLs', { skip }, () => {
  const listing = parseVenue('siggraph/siggraph2010.json');
  assert.equal(listing.papers.length, 133);
  assert.equal(listing.papers.filter((p) => p.abstract).length, 0);
  assert.equal(listing.papers.filter((p) => p.session).length, 133);
  assert.equal(listing.papers.filter((p) => p.ids?.doi).length, 114);
  assert.deepEqual(listing.papers[0], {
    title: '2.5D Cartoon Models',
    authors: ['Alec Rivers', 'Takeo Igarashi', 'Frédo Durand'],
    venue: 'SIGGRAPH',
    year: 2010,
    session: 'Expressive Rendering & Illustrations',
    track: 'main',
    status: 'Technical Paper',
    ids: { doi: '10.1145/1778765.1778796' },
  });
});

test('www2024: keywords split on ";" with or without spaces, no links', { skip }, () => {
  const listing = parseVenue('www/www2024.json');
  assert.deepEqual(listing.meta, { venue: 'WWW', year: 2024 });
  assert.equal(listing.papers.length, 405);
  assert.equal(listing.papers.filter((p) => p.abstract).length, 0);
  const [first] = listing.papers;
  assert.equal(first.title, 'ESCNet: Entity-enhanced and Stance Checking Network for Multi-modal Fact-Checking');
  assert.deepEqual(first.keywords, ['Multi-modal fact-checking', 'Datasets', 'Knowledge graph']);
  assert.equal(first.sourceId, '04DbUMZGMD');
  assert.equal(first.ids, undefined, 'an id without an OpenReview link is not taken for an OpenReview id');
});

test('cvpr2017: sessions from "session", arXiv ids without version', { skip }, () => {
  const listing = parseVenue('cvpr/cvpr2017.json');
  assert.equal(listing.papers.length, 783);
  assert.equal(listing.papers.filter((p) => p.ids?.arxiv).length, 441);
  assert.equal(listing.papers[0].session, '3D Computer Vision');
  assert.deepEqual(listing.papers[0].ids, { arxiv: '1612.00496' });
});

test('siggraphasia2021: records without a title are skipped and reported', { skip }, () => {
  const listing = parseVenue('siggraphasia/siggraphasia2021.json');
  assert.deepEqual(listing.meta, { venue: 'SIGGRAPH Asia', year: 2021 });
  assert.equal(listing.papers.length, 5);
  assert.equal(listing.warnings, undefined);
  assert.equal(listing.skipped?.length, 87);
  assert.deepEqual(listing.skipped?.[0], { entry: 1, line: 2, reason: 'record has no title and no abstract', placeholder: true });
});

test('fixture: entities decoded, LaTeX kept, whitespace folded, ids and links mapped', () => {
  const listing = paperlistsJsonImporter.parse(fixture('testconf2021.json'), 'corpora/testconf/testconf2021.json');
  assert.deepEqual(listing.meta, { venue: 'TESTCONF', year: 2021 });
  assert.equal(listing.warnings, undefined);
  assert.deepEqual(listing.skipped, [{ entry: 3, line: 4, reason: 'record has no title and no abstract', placeholder: true }]);
  assert.deepEqual(listing.papers.map((p) => p.title), [
    'Graph Nets & Friends: Message Passing for $\\mathcal{O}(n)$ Inference',
    'Rendering Cloth at Scale',
    'Versioned arXiv Ids',
  ]);
  const [graph, cloth, versioned] = listing.papers;
  assert.deepEqual(graph.authors, ['Ada Lovelace', 'Alan Turing', 'Grace Hopper']);
  assert.equal(graph.abstract, 'We study message passing with <care>.');
  assert.deepEqual(graph.keywords, ['graphs', 'message passing']);
  assert.equal(graph.session, 'Poster Session 3');
  assert.deepEqual(graph.urls, {
    site: 'https://openreview.net/forum?id=AbCdEf123',
    pdf: 'https://openreview.net/pdf?id=AbCdEf123',
    github: 'https://github.com/example/graphnets',
  });
  assert.deepEqual(graph.ids, { openreview: 'AbCdEf123' });
  assert.deepEqual(cloth.authors, ['Pierre Ecormier-Nocca', 'Guillaume Cordonnier', 'Marie-Paule Cani']);
  assert.equal(cloth.session, 'Cloth Animation');
  assert.deepEqual(cloth.ids, { doi: '10.1007/978-3-031-20083-0_1', arxiv: '2103.00001' });
  assert.deepEqual(cloth.urls, { project: 'https://arxiv.org/abs/2103.00001' });
  assert.equal(versioned.venue, 'Workshop at TestConf', 'a record\'s own venue wins over the file name');
  assert.equal(versioned.year, 2020);
  assert.deepEqual(versioned.ids, { doi: '10.1109/cvpr.2018.00042', arxiv: '1802.09232' });
});

test('a file name without venue and year gives no listing venue', () => {
  const listing = paperlistsJsonImporter.parse('[{"title": "Only", "author": "A B"}]', 'export.json');
  assert.deepEqual(listing.meta, {});
  assert.deepEqual(listing.papers, [{ title: 'Only', authors: ['A B'] }]);
});

test('a real file cut short is truncated JSON, located where it ends', { skip }, () => {
  const iclr = shared('corpora/paperlists/iclr/iclr2018.json');
  assert.throws(() => paperlistsJsonImporter.parse(iclr.slice(0, 100_000), 'iclr2018.json'), {
    name: 'ImportError',
    message: 'truncated JSON (input ends inside a value)',
    location: `line ${iclr.slice(0, 100_000).split('\n').length}, column ${100_000 - iclr.lastIndexOf('\n', 99_999)}`,
  });
});

test('errors: invalid JSON, wrong shapes, nothing to import', () => {
  assert.throws(() => paperlistsJsonImporter.parse('[\n{"title": "A"},\n{"title": "B"} oops\n]', 'x2020.json'), {
    message: "invalid JSON: Expected ',' or ']' after array element",
    location: 'line 3, column 16',
  });
  assert.throws(() => paperlistsJsonImporter.parse('{"title": "A"}', 'x2020.json'), {
    message: 'expected a JSON array of paper records (paperlists format)',
  });
  assert.deepEqual(paperlistsJsonImporter.parse('[{"title": "A"},\n  "B"]', 'x2020.json').skipped, [
    { entry: 2, line: 2, reason: 'expected a paper record (an object), found "B"' },
  ]);
  assert.throws(() => paperlistsJsonImporter.parse('[{"title": "A"}, "B", 3]', 'x2020.json'), {
    message: 'expected a paper record (an object), found "B" (1 more of the 3 entries cannot become papers either)',
    location: 'entry 2, line 1',
  });
  assert.throws(() => paperlistsJsonImporter.parse('[]', 'x2020.json'), { message: 'the file lists no papers (empty array)' });
  assert.throws(() => paperlistsJsonImporter.parse('[{"author": "A"}, {"title": "  "}]', 'x2020.json'), {
    message: 'record has no title and no abstract (1 more of the 2 entries cannot become papers either)',
    location: 'entry 1, line 1',
  });
});

test('a revision naming the author list "authors" keeps its authors; NA placeholders are no paper and no author', () => {
  const listing = paperlistsJsonImporter.parse(fixture('revconf2024.json'), 'revconf2024.json');
  assert.deepEqual(listing.papers.map((paper) => [paper.title, paper.authors]), [
    ['Folding Widgets with Sparse Joints', ['Ada Lovelace', 'Grace Hopper']],
    ['Counting Gears', []],
    ['On Computable Widgets', ['Alan Turing']],
  ]);
  assert.deepEqual(listing.skipped, [{ entry: 2, key: 'Rv02', line: 3, reason: 'placeholder record (title "NA"), not a paper', placeholder: true }]);
});
