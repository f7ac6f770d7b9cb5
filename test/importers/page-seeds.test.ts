// The seed listings the project starts from (../shared/seeds), read by the page importers.
import { asTypeset } from '../../src/importers/derived-title.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Importer } from '../../src/importers/importer.ts';
import { sessionPageImporter } from '../../src/importers/session-page.ts';
import { trendingFeedImporter } from '../../src/importers/trending-feed.ts';
import { abstractListImporter } from '../../src/importers/abstract-list.ts';
import { needsShared } from '../requirements.ts';

const seedsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'seeds');
const skip = needsShared('seeds');
const seed = (prefix: string) => {
  const name = readdirSync(seedsDir).find((file) => file.startsWith(prefix));
  assert.ok(name, `seed ${prefix} missing`);
  return { name, text: readFileSync(path.join(seedsDir, name), 'utf8') };
};
const parseSeed = (prefix: string, importer: Importer) => {
  const { name, text } = seed(prefix);
  return importer.parse(text, name);
};

test('002 (ICLR 2024 Poster Session 6, no blank lines): 281 papers, 2 without abstract', { skip }, () => {
  const { meta, papers } = parseSeed('002_', sessionPageImporter);
  assert.deepEqual(meta, { session: 'Poster Session 6', room: 'Halle B' });
  assert.equal(papers.length, 281);
  assert.deepEqual(
    papers.filter((paper) => !paper.abstract).map((paper) => paper.title),
    ['Pathologies of Predictive Diversity in Deep Ensembles', 'On the Sample Complexity of Lipschitz Constant Estimation'],
  );
  const first = papers[0];
  assert.equal(first.title, 'Real3D-Portrait: One-shot Realistic 3D Talking Portrait Synthesis');
  assert.deepEqual(first.authors, [
    'Zhenhui Ye', 'Tianyun Zhong', 'Yi Ren', 'Jiaqi Yang', 'Weichuang Li', 'Jiawei Huang', 'Ziyue Jiang',
    'Jinzheng He', 'Rongjie Huang', 'Jinglin Liu', 'Chen Zhang', 'Xiang Yin', 'Zejun MA', 'Zhou Zhao',
  ]);
  assert.ok(first.abstract?.startsWith('One-shot 3D talking portrait generation aims to reconstruct'));
  assert.ok(first.abstract?.endsWith('are available at https://real3dportrait.github.io.'));
  assert.equal(first.session, 'Poster Session 6');
  const last = papers.at(-1)!;
  assert.equal(last.title, 'Language-Interfaced Tabular Oversampling via Progressive Imputation and Self-Authentication');
  assert.deepEqual(last.authors, ['June Yong Yang', 'Geondo Park', 'Joowon Kim', 'Hyeongwon Jang', 'Eunho Yang']);
  assert.ok(last.abstract?.startsWith('Tabular data in the wild are frequently afflicted with class-imbalance'));
  assert.ok(last.abstract?.endsWith('even under heavy imbalance ratios.'));

  const byTitle = (title: string) => papers.find((paper) => paper.title === title);
  // The one poster whose single author has no " · ".
  assert.deepEqual(papers.filter((paper) => paper.authors.length === 1).map((paper) => [paper.title, paper.authors]), [
    ['Learning the greatest common divisor: explaining transformer predictions', ['François Charton']],
  ]);
  // An abstract the page broke over two lines, mid-sentence.
  assert.ok(
    byTitle('HyperAttention: Long-context Attention in Near-Linear Time')?.abstract?.startsWith(
      'We present an approximate attention mechanism named HyperAttention to address the computational challenges',
    ),
  );
  // A title right under an author line (the poster before has no abstract).
  assert.deepEqual(byTitle('MuSc: Zero-Shot Industrial Anomaly Classification and Segmentation with Mutual Scoring of the Unlabeled Images')?.authors, [
    'Xurui Li', 'Ziming Huang', 'Feng Xue', 'Yu Zhou',
  ]);
  // Four abstracts are followed on the page by a second abstract paragraph with no title of its own.
  assert.deepEqual(
    papers.filter((paper) => paper.abstract?.includes('\n')).map((paper) => paper.title),
    [
      'Decision ConvFormer: Local Filtering in MetaFormer is Sufficient for Decision Making',
      'Faster Approximation of Probabilistic and Distributional Values via Least Squares',
      'FairTune: Optimizing Parameter Efficient Fine Tuning for Fairness in Medical Image Analysis',
      'A Framework for Inference Inspired by Human Memory Mechanisms',
    ],
  );
  for (const paper of papers) {
    assert.ok(paper.authors.length > 0 && paper.title.length < 160 && !paper.title.endsWith('.'), paper.title);
  }
});

test('004 (ICLR 2022 Poster Session 9, blank-line separated, navigation text): 78 papers', { skip }, () => {
  const { meta, papers } = parseSeed('004_', sessionPageImporter);
  assert.deepEqual(meta, { session: 'Poster Session 9' });
  assert.equal(papers.length, 78);
  assert.equal(papers.filter((paper) => !paper.abstract).length, 0);
  const first = papers[0];
  assert.equal(first.title, 'Know Thyself: Transferable Visual Control Policies Through Robot-Awareness');
  assert.deepEqual(first.authors, ['Edward Hu', 'Kun Huang', 'Oleh Rybkin', 'Dinesh Jayaraman']);
  assert.ok(first.abstract?.startsWith('Training visual control policies from scratch on a new robot typically requires'));
  assert.ok(first.abstract?.endsWith('Project website: https://edwardshu.com/rac'));
  const last = papers.at(-1)!;
  assert.equal(last.title, 'Toward Efficient Low-Precision Training: Data Format Optimization and Hysteresis Quantization');
  assert.deepEqual(last.authors, ['SunWoo Lee', 'Jeongwoo Park', 'Dongsuk Jeon']);
  assert.ok(last.abstract?.startsWith('As the complexity and size of deep neural networks continue'));
  assert.ok(last.abstract?.endsWith('only 0.2% degradation for ResNet-18 trained on ImageNet.'));
  // The "Outstanding Paper" badge above this title is not part of it.
  const collapse = papers.find((paper) => paper.title.startsWith('Neural Collapse'));
  assert.equal(collapse?.title, 'Neural Collapse Under MSE Loss: Proximity to and Dynamics on the Central Path');
  assert.deepEqual(collapse?.authors, ['X.Y. Han', 'Vardan Papyan', 'David Donoho']);
  assert.deepEqual(
    papers.filter((paper) => paper.authors.length === 1).map((paper) => [paper.title, paper.authors]),
    [
      ['LEARNING GUARANTEES FOR GRAPH CONVOLUTIONAL NETWORKS ON THE STOCHASTIC BLOCK MODEL', ['Wei Lu']],
      ['Benchmarking the Spectrum of Agent Capabilities', ['Danijar Hafner']],
    ],
  );
  const fields = papers.flatMap((paper) => [paper.title, ...paper.authors, paper.abstract ?? '']).join('\n');
  assert.doesNotMatch(fields, /Skip to|Chat is not available|Outstanding Paper|^Abstract:?$|^Session$/m);
});

test('003 (trending feed): 335 papers, chrome and the glued "Subscribe" gone', { skip }, () => {
  const { papers } = parseSeed('003_', trendingFeedImporter);
  assert.equal(papers.length, 335);
  assert.equal(papers.filter((paper) => !paper.abstract).length, 0);
  assert.equal(papers[0].title, 'Categorical Foundations of Gradient-Based Learning');
  assert.ok(papers[0].abstract?.startsWith('We propose a categorical semantics of gradient-based machine learning algorithms'));
  assert.ok(papers[0].abstract?.endsWith('with an implementation in Python.'));
  assert.equal(papers[1].title, 'Few-Shot Bot: Prompt-Based Learning for Dialogue Systems');
  const last = papers.at(-1)!;
  assert.equal(last.title, 'When, Why and How Much? Adaptive Learning Rate Scheduling by Refinement');
  assert.ok(last.abstract?.startsWith('Learning rate schedules used in practice bear little resemblance'));
  assert.ok(last.abstract?.endsWith('our schedule refinement method gives further improvements.'));
  assert.ok(papers.some((paper) => paper.title === 'miCSE: Mutual Information Contrastive Learning for Low-shot Sentence Embeddings'));
  assert.ok(papers.every((paper) => paper.authors.length === 0 && !/trending papers|^Subscribe/i.test(paper.title)));
});

test('000 and 001 (abstract lists): 10 papers each, titles derived from the abstracts', { skip }, () => {
  const expected = {
    '000_': {
      first: ['The eXtreme Multi-label Classification (XMC) problem seeks to find relevant labels…', 'Our implementation is publicly available.'],
      last: ['Pretrained large language models (LLMs) are strong in-context learners that are able…', 'better out-of-domain generalization performance.'],
    },
    '001_': {
      first: ['Partition-based methods are increasingly-used in extreme multi-label classification (XMC)…', 'results on four XMC benchmarks.'],
      last: ['Recently, the vulnerability of deep image classification models to adversarial attacks has…', 'the robustness of the image-to-image models.'],
    },
  };
  for (const [prefix, { first, last }] of Object.entries(expected)) {
    const { papers } = parseSeed(prefix, abstractListImporter);
    assert.equal(papers.length, 10, prefix);
    assert.ok(papers.every((paper) => paper.titleDerived === true && paper.authors.length === 0 && paper.title.length <= 91));
    assert.ok(papers.every((paper) => !paper.abstract?.startsWith('Abstract')));
    for (const [paper, [title, ending]] of [[papers[0], first], [papers[9], last]] as const) {
      assert.equal(paper.title, title);
      assert.ok(asTypeset(paper.abstract!).startsWith(title.slice(0, -1)), prefix);
      assert.ok(paper.abstract?.endsWith(ending), prefix);
    }
  }
  const { papers } = parseSeed('000_', abstractListImporter);
  assert.ok(papers[9].abstract?.startsWith('Pretrained large language models (LLMs) are strong in-context learners'));
  // The title as typeset, the abstract as written.
  assert.ok(papers[1].title.startsWith('In this paper, we define, evaluate, and improve the “relay-generalization”'));
  assert.ok(papers[1].abstract!.includes("``relay-generalization''"));
});
