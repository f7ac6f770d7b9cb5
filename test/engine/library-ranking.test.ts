import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PAPERS, id, nameOf, paper } from '../fixtures/engine-papers.ts';
import { backgroundWithEvidence, loadBackground, TermCounts } from '../../src/engine/background.ts';
import { FeatureIndex } from '../../src/engine/feature-index.ts';
import { docFeatures } from '../../src/engine/language-model.ts';
import { LibraryRanker, type RankingProfile } from '../../src/engine/library-ranking.ts';

const background = loadBackground();
const space = background.dense;
const reference = background.referenceDocs.map((doc) => docFeatures(doc, space));

function indexOf(docs = PAPERS): FeatureIndex {
  const index = new FeatureIndex(space);
  index.add(docs);
  return index;
}

const index = indexOf();
const features = (name: string) => index.features(index.rowOf(id(name))!);
const profileOf = (papers: string[], disliked: string[] = [], liked: string[] = []): RankingProfile => ({
  papers: papers.map(features),
  rated: [...liked.map((name) => ({ features: features(name), up: true })), ...disliked.map((name) => ({ features: features(name), up: false }))],
});

/** The other fixture papers' names, best first. */
function ranking(papers: string[], disliked: string[] = [], ranked = index): string[] {
  const ranker = new LibraryRanker(ranked, backgroundWithEvidence(background, [ranked]), reference, profileOf(papers, disliked));
  const skip = new Set([...papers, ...disliked].map(id));
  const rows = ranked.liveRows().filter((row) => !skip.has(ranked.ids[row]));
  return ranker.rank(rows, PAPERS.length).map((r) => nameOf(r.id));
}

test('a graph profile ranks the other graph papers first, robotics and translation after', () => {
  const ranked = ranking(['gnn-1', 'gnn-2']);
  assert.deepEqual(ranked.slice(0, 2).sort(), ['gnn-3', 'gnn-4']);
  assert.ok(ranked.indexOf('robot-1') > 1 && ranked.indexOf('mt-1') > 1);
});

/** Each fixture paper's score (by name) for a profile, its papers and rated papers aside. */
function scoresFor(profile: { papers: string[]; disliked?: string[]; liked?: string[] }): Map<string, number> {
  const ranker = new LibraryRanker(index, backgroundWithEvidence(background, [index]), reference, profileOf(profile.papers, profile.disliked, profile.liked));
  const rows = index.liveRows();
  const scores = ranker.scores(rows);
  return new Map(Array.from(rows, (row, i) => [nameOf(index.ids[row]), scores[i]]));
}

test('a disliked paper pushes the papers like it down and leaves every other score exactly as it was', () => {
  const papers = ['gnn-1', 'robot-1', 'mt-1'];
  const before = scoresFor({ papers });
  const after = scoresFor({ papers, disliked: ['robot-2'] });
  assert.ok(after.get('robot-3')! < before.get('robot-3')!, `robot-3 ${before.get('robot-3')} -> ${after.get('robot-3')}`);
  // Papers no closer to robot-2 than a random paper of the field is have no kinship to it.
  for (const name of ['gnn-2', 'gnn-3', 'mt-2']) assert.equal(after.get(name), before.get(name), name);
  // A dislike never pulls a paper up.
  for (const [name, score] of after) assert.ok(score <= before.get(name)! + 1e-12, name);
});

test('one rating moves no paper by more than half the gap between a random paper and your own; agreeing ratings add up', () => {
  const papers = ['gnn-1', 'mt-1'];
  const ranker = new LibraryRanker(index, backgroundWithEvidence(background, [index]), reference, profileOf(papers));
  const ownScore = papers.reduce((sum, name) => sum + ranker.scorer.score(features(name)).score, 0) / papers.length;
  const before = scoresFor({ papers });
  const one = scoresFor({ papers, liked: ['robot-1'] });
  const moves = [...one].map(([name, score]) => score - before.get(name)!);
  assert.ok(Math.max(...moves) <= ownScore / 2 + 1e-9, `largest move ${Math.max(...moves)}, half the gap ${ownScore / 2}`);
  assert.ok(Math.min(...moves) >= 0, 'a like never pushes a paper down');
  assert.ok(one.get('robot-3')! > before.get('robot-3')!);
  const two = scoresFor({ papers, liked: ['robot-1', 'robot-2'] });
  assert.ok(two.get('robot-3')! > one.get('robot-3')!, `robot-3 ${one.get('robot-3')} -> ${two.get('robot-3')}`);
  // Liking a paper the profile already scores above its own papers asks nothing.
  const top = [...before].filter(([name]) => !papers.includes(name)).sort((a, b) => b[1] - a[1])[0];
  if (top[1] >= ownScore) assert.deepEqual(scoresFor({ papers, liked: [top[0]] }), before);
});

test("the profile papers' and rated papers' shares of a score add up to the score", () => {
  const ranker = new LibraryRanker(index, backgroundWithEvidence(background, [index]), reference, profileOf(['gnn-1', 'robot-1'], ['mt-1']));
  const rows = index.liveRows().filter((row) => ![id('gnn-1'), id('robot-1'), id('mt-1')].includes(index.ids[row]));
  const ranked = ranker.rank(rows, rows.length);
  for (const r of ranked) {
    const sum = ranker.shares(index.features(r.row)).reduce((total, s) => total + s.share, 0);
    assert.ok(Math.abs(sum - r.score) < 1e-4, `${nameOf(r.id)}: shares ${sum}, score ${r.score}`);
  }
  // The disliked paper's share of a paper like it is negative, and names the words they share.
  const shares = ranker.shares(features('mt-2'));
  const rated = shares.find((s) => s.side === 'rated')!;
  assert.ok(rated.share < 0);
  assert.ok(rated.terms.length > 0);
  assert.ok(shares.every((s, i) => i === 0 || Math.abs(s.share) <= Math.abs(shares[i - 1].share)));
});

test('the terms named in a share are the ones that carry it: their contributions add up to its language-model part', () => {
  const ranker = new LibraryRanker(index, backgroundWithEvidence(background, [index]), reference, profileOf(['robot-1']));
  const [share] = ranker.shares(features('robot-3'));
  // Rare words the two papers share weigh most: "gripper" is rarer in the background than "robot".
  assert.deepEqual(share.terms.slice(0, 3).map((t) => t.stem), ['grasp', 'gripper', 'polici']);
  assert.ok(share.terms.every((t, i) => i === 0 || t.contribution <= share.terms[i - 1].contribution));
  // Without the dense part (no term vectors) the share is exactly the sum of its terms.
  const lexical = new FeatureIndex(undefined);
  lexical.add(PAPERS);
  const lexicalRanker = new LibraryRanker(lexical, backgroundWithEvidence(background, [lexical]), background.referenceDocs.map((doc) => docFeatures(doc, undefined)), {
    papers: [lexical.features(lexical.rowOf(id('robot-1'))!)],
    rated: [],
  });
  // Without the dense part (no term vectors) a share is its terms' sum less an equal part of the
  // reference's mean: the same for every candidate.
  const offset = (name: string) => {
    const [share] = lexicalRanker.shares(lexical.features(lexical.rowOf(id(name))!));
    return share.terms.reduce((total, t) => total + t.contribution, 0) - share.share;
  };
  assert.ok(Math.abs(offset('robot-3') - offset('robot-2')) < 1e-12);
  assert.ok(offset('robot-3') > 0);
});

test('the shipped background decides p(t) for a tiny library, and a large library outweighs it', () => {
  const term = 'grasp';
  const shipped = background.termCounts.get(term)! / background.tokenCount;
  const tiny = backgroundWithEvidence(background, [index]);
  assert.ok(Math.abs(tiny.probability(term) - shipped) / shipped < 0.01, `${tiny.probability(term)} against ${shipped}`);
  // A library ten times the background's size in which one token in ten is "grasp".
  const large = new TermCounts(new Map([[term, background.tokenCount]]), 10 * background.tokenCount);
  const blended = backgroundWithEvidence(background, [large]);
  assert.ok(Math.abs(blended.probability(term) - 1 / 11) < 0.001);
});

test('a paper indexed in two batches, or reworded and indexed again, ranks as if indexed once', () => {
  const split = new FeatureIndex(space);
  split.add(PAPERS.slice(0, 5));
  split.add(PAPERS.slice(5));
  assert.deepEqual(ranking(['gnn-1', 'robot-1'], [], split), ranking(['gnn-1', 'robot-1']));
  // gnn-4 reworded as a translation paper: indexed again, its old row no longer counts.
  const reworded = indexOf();
  reworded.add([{ ...paper('mt-2'), id: id('gnn-4') }]);
  assert.equal(reworded.liveCount, PAPERS.length);
  assert.equal(reworded.tokenCount, index.tokenCount - index.features(index.rowOf(id('gnn-4'))!).length + index.features(index.rowOf(id('mt-2'))!).length);
  const ranked = ranking(['mt-1'], [], reworded);
  assert.ok(ranked.indexOf('gnn-4') < 3, ranked.join(' '));
  reworded.remove(id('gnn-4'));
  assert.ok(!ranking(['mt-1'], [], reworded).includes('gnn-4'));
});

test('the stored index gives back the same rows, counts and scores; another layout or space is not read', () => {
  const copy = FeatureIndex.decode(index.encode(), space)!;
  assert.equal(copy.liveCount, index.liveCount);
  assert.equal(copy.tokenCount, index.tokenCount);
  assert.deepEqual(copy.features(copy.rowOf(id('gnn-2'))!), features('gnn-2'));
  assert.deepEqual(ranking(['gnn-1', 'mt-1'], ['robot-1'], copy), ranking(['gnn-1', 'mt-1'], ['robot-1']));
  assert.equal(FeatureIndex.decode(index.encode(), undefined), undefined);
  assert.throws(() => FeatureIndex.decode(Buffer.from('PSFIxx'), space), /cut short/);
  assert.throws(() => FeatureIndex.decode(Buffer.from('hello'), space), /not a paperscout feature index/);
});

test("a pasted text scores as the same paper indexed, within the int8 vectors' rounding", () => {
  const pasted = docFeatures(paper('gnn-2'), space);
  const indexed = features('gnn-2');
  assert.deepEqual(pasted.counts, indexed.counts);
  const cosine = pasted.dense!.reduce((sum, x, k) => sum + x * indexed.dense![k], 0);
  assert.ok(cosine > 0.9999, `cosine ${cosine}`);
});
