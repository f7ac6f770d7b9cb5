import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sessionPageImporter } from '../../src/importers/session-page.ts';
import { ImportError } from '../../src/importers/importer.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/pages/${name}`, import.meta.url), 'utf8');
const parse = (text: string) => sessionPageImporter.parse(text, 'page.txt');

/** Asserts that parsing throws an ImportError at the given location. */
function assertImportError(text: string, message: RegExp, location: string) {
  assert.throws(() => parse(text), (error: unknown) => {
    assert.ok(error instanceof ImportError, String(error));
    assert.match(error.message, message);
    assert.equal(error.location, location);
    return true;
  });
}

const compactSession = { venue: 'ICML', year: 2025, session: 'Spotlight Poster Session 2' };

test('compact page (no blank lines): header becomes metadata, every field exact', () => {
  const listing = parse(fixture('session-compact.txt'));
  assert.equal(listing.format, 'session-page');
  assert.deepEqual(listing.meta, { ...compactSession, room: 'West Exhibition Hall B2-B3' });
  assert.deepEqual(listing.papers, [
    {
      title: 'Sparse Mixtures of Experts for Tabular Data',
      authors: ['Ana Lima', 'Bo Chen', 'Chidi Okafor'],
      abstract:
        'Gradient-boosted trees still beat deep networks on most tabular benchmarks. We show that a sparse mixture of small experts, routed by a learned gate over feature groups, closes the gap on 31 of 40 datasets while training in minutes on a single GPU. Code is available at https://example.org/smet.',
      ...compactSession,
    },
    {
      // A name-shaped title; its abstract is broken over three lines, the later two starting upper-case.
      title: 'Behaviour Cloning',
      authors: ['Dana Ivanova', 'Eitan Cohen'],
      abstract:
        'We revisit behaviour cloning for robot manipulation and weight each demonstration by Q-value estimates from a critic trained offline on the same data, which costs little and helps on Meta-World and RLBench, where it improves success rates by 12 points on average.',
      ...compactSession,
    },
    {
      title: 'Grokking Modular Arithmetic, Revisited',
      authors: ['Zoë Ødegård'],
      abstract:
        'Small transformers trained on modular addition first memorise and later generalise. We trace the transition to a single Fourier feature that emerges long before test accuracy moves, and show how weight decay sets its timing.',
      ...compactSession,
    },
    {
      title: "<script>alert('x')</script> Injection Attacks on LLM Agents",
      authors: ["Mallory O'Brien", 'Trent Nakamura'],
      abstract:
        'Prompt injection lets text in a web page steer an agent that reads it. We collect 1,200 attacks, including ones hidden in <img> alt text, and show that a simple provenance filter blocks most of them without hurting task success.',
      ...compactSession,
    },
    { title: 'A Poster Without an Abstract', authors: ['Ines Duarte', 'Jun Park'], abstract: undefined, ...compactSession },
    {
      title: 'iTransformer-Lite: Inverted Attention for Forecasting',
      authors: ['Kofi Mensah', 'Lena Vogel', 'Mei Tanaka'],
      abstract:
        'Long-horizon forecasting models spend most of their compute on attention across time steps. We invert the axes and attend across variables instead, which cuts memory by half and improves accuracy on seven…',
      ...compactSession,
    },
    { title: 'Closing Remarks on Calibration', authors: ['Nadia Rahman', 'Omar Haddad'], abstract: undefined, ...compactSession },
  ]);
});

const blankSession = { venue: 'NeurIPS', year: 2023, session: 'Oral Session 4A: Theory' };

test('blank-line page with CRLF, trailing whitespace, navigation and a badge', () => {
  const listing = parse(fixture('session-blank-crlf.txt'));
  assert.deepEqual(listing.meta, { ...blankSession, room: 'Hall E' });
  assert.deepEqual(
    listing.papers.map((paper) => [paper.title, paper.authors]),
    [
      ['On the Edge of Stability in Deep Nets', ['Alice Martin', 'Bruno Díaz']],
      ['Kernel Methods Rediscovered', ['Chen Wei']],
      ['Reward Model Drift Under Optimisation Pressure', ['Priya Natarajan', 'Quentin Leroy', 'Rosa Méndez']],
      ['Benchmarks That Age Well', ['Sven Larsen', 'Tomás Herrera']],
    ],
  );
  const [edge, kernel, drift, last] = listing.papers;
  assert.ok(edge.abstract?.startsWith('Sharpness keeps rising during training'));
  assert.ok(kernel.abstract?.endsWith('accuracy on image benchmarks...'), 'truncated abstract kept as is');
  // Two abstract paragraphs stay one abstract, separated by a line break.
  assert.match(drift.abstract ?? '', /in behaviour\.\nWe propose periodic re-labelling .* annotation cost\.$/);
  assert.equal(last.abstract, undefined);
  assert.equal(last.session, blankSession.session);
});

test('navigation text never ends up in a paper field', () => {
  for (const name of ['session-compact.txt', 'session-blank-crlf.txt']) {
    for (const paper of parse(fixture(name)).papers) {
      const fields = [paper.title, ...paper.authors, paper.abstract ?? ''].join('\n');
      assert.doesNotMatch(fields, /Skip to|Chat is not available|Outstanding Paper|^Abstract:|^Session$|PDT/m, paper.title);
    }
  }
});

test('the same page parses the same with or without blank lines, CRLF and trailing spaces', () => {
  const compact = fixture('session-compact.txt');
  const expected = parse(compact);
  const spaced = compact.split('\n').join('  \r\n\r\n');
  assert.deepEqual(parse(spaced), expected);
  const blank = fixture('session-blank-crlf.txt');
  const squeezed = blank.split(/\r\n/).filter((line) => line.trim()).join('\n');
  assert.deepEqual(parse(squeezed), parse(blank));
});

test('a poster without abstract followed by a one-author poster, and a title wrapped over two lines', () => {
  const listing = parse(
    [
      'Poster Session 3',
      'Room 220 - 222',
      'Deep Residual Learning for',
      'Image Recognition',
      'Kaiming He · Xiangyu Zhang · Shaoqing Ren · Jian Sun',
      'Behaviour Distillation',
      'Andrei Lupu',
      'We distil expert behaviour into a handful of synthetic state-action pairs, and show that policies trained on them alone reach most of the expert return.',
      'Memory Networks',
      'Jason Weston · Sumit Chopra',
    ].join('\n'),
  );
  assert.deepEqual(listing.meta, { session: 'Poster Session 3', room: 'Room 220 - 222' });
  assert.deepEqual(
    listing.papers.map((paper) => [paper.title, paper.authors, paper.abstract?.slice(0, 26)]),
    [
      ['Deep Residual Learning for Image Recognition', ['Kaiming He', 'Xiangyu Zhang', 'Shaoqing Ren', 'Jian Sun'], undefined],
      ['Behaviour Distillation', ['Andrei Lupu'], 'We distil expert behaviour'],
      ['Memory Networks', ['Jason Weston', 'Sumit Chopra'], undefined],
    ],
  );
});

test('an "Abstract:" label glued to the text is dropped', () => {
  const listing = parse('Sparse Attention Revisited\nAna Lima · Bo Chen\nAbstract: We prune attention heads with a learned gate and keep accuracy on every benchmark we try.\n');
  assert.equal(listing.papers[0].abstract, 'We prune attention heads with a learned gate and keep accuracy on every benchmark we try.');
});

test('broken pages raise ImportError with the line at fault', () => {
  assertImportError('Skip to yearly menu bar Skip to main content\nChat is not available.\n', /no text besides navigation/, 'line 1');
  assertImportError(
    'Poster Session 1\n\nA Title With No Authors\n\nWe propose a method that does things well and show that it works on many benchmarks.\n',
    /no author line under any title/,
    'line 3',
  );
  const longAbstract = 'We study a problem. '.repeat(20).trim();
  assertImportError(`Poster Session 1\n${longAbstract}\nAna Lima · Bo Chen\n`, /author line has no title/, 'line 3');
  assertImportError(
    `Good Title\nAna Lima · Bo Chen\n${longAbstract}\n${longAbstract}\nCarla Diaz · Dan Eto\n`,
    /author line has no title/,
    'line 5',
  );
});

test('detect scores session pages high and other text near 0', () => {
  assert.ok(sessionPageImporter.detect(fixture('session-compact.txt'), 'a.txt') >= 0.9);
  assert.ok(sessionPageImporter.detect(fixture('session-blank-crlf.txt'), 'a.txt') >= 0.9);
  assert.ok(sessionPageImporter.detect(fixture('trending-feed.txt'), 'a.txt') < 0.1);
  assert.ok(sessionPageImporter.detect(fixture('abstract-list.txt'), 'a.txt') < 0.1);
});
