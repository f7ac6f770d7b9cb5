// bench:ratings — do ratings help in proportion? A task made from the reviewer-expertise
// benchmark's own judgments: for each researcher, k of the papers they rated are revealed as
// ratings (expertise 4 or 5 as "up", 1 or 2 as "down"), and the rest are scored from their
// publications and those ratings. Printed: the referee's loss over the pairs of unrevealed
// papers, for k = 0, 1, 2, 4, averaged over the ten splits and seeded reveals, for today's rule
// (ratings as a learned preference: a correction of the profile's score fitted to the ratings,
// engine/rating-preference.ts), the rule of engine v2 before it (a liked paper joined the profile
// as one more paper of the researcher's, disliked papers made a second profile taken off in
// proportion to their number) and engine v1's (liked and disliked papers as profile papers of
// weight +1 and -1 in the mean of the closest five). Each step from one k to the next is also printed as its mean change over the
// draws (the same papers are hidden for every k of a draw, so the changes are paired) and twice
// its standard error: a step smaller than that is not told apart from the luck of the draw.
//
//   tsx bench/ratings.ts [--seeds=50]
//
// The referee (tools/score-expertise.mjs) scores every rated pair, revealed ones included, so the
// loss here is its formula taken over the pairs of papers never revealed: a pair ordered wrongly
// costs the gap in expertise, a tie half of it, over the sum of the gaps. Each draw sets aside up
// to four papers and reveals the first k of them, so every k is scored on the same pairs (the
// papers set aside are the clearly rated ones, so these pairs are harder than the referee's).
import fs from 'node:fs';
import path from 'node:path';
import type { NoteText } from '../src/types.ts';
import { readExpertiseInputs } from '../src/actions/affinity.ts';
import { backgroundWithEvidence, loadBackground, seededSample, stemCounts } from '../src/engine/background.ts';
import { seededRandom } from '../src/engine/linalg.ts';
import { FeatureIndex } from '../src/engine/feature-index.ts';
import { docFeatures } from '../src/engine/language-model.ts';
import { LibraryRanker } from '../src/engine/library-ranking.ts';
import { buildRelevanceModel } from '../src/engine/model.ts';
import { indexDocuments } from '../src/engine/doc-index.ts';
import { scoreCandidates } from '../src/engine/score.ts';
import { table } from '../src/cli/format.ts';
import { sharedRoot } from './paths.ts';

const benchDir = path.join(sharedRoot, 'benchmarks', 'reviewer-expertise');
const splits = Array.from({ length: 10 }, (_, i) => `d_20_${i + 1}`);
const KS = [0, 1, 2, 4];
const MAX_K = Math.max(...KS);
// Enough draws that a step between two k is told from the draws' spread (printed as ±2 standard errors).
const SEEDS = Number(process.argv.find((a) => a.startsWith('--seeds='))?.slice(8) ?? 50);

/** researcher id (no ~) -> paper id -> expertise 1..5. */
function readEvaluations(): Map<string, Map<string, number>> {
  const [header, ...lines] = fs.readFileSync(path.join(benchDir, 'evaluations.tsv'), 'utf8').trim().split('\n');
  const columns = header.split('\t');
  const ratings = new Map<string, Map<string, number>>();
  for (const line of lines) {
    const cell = Object.fromEntries(line.split('\t').map((value, i) => [columns[i], value]));
    const rated = new Map<string, number>();
    for (let i = 1; i <= 10; i++) if (cell[`Paper${i}`]) rated.set(cell[`Paper${i}`], Number(cell[`Expertise${i}`]));
    ratings.set(cell.ParticipantID, rated);
  }
  return ratings;
}

/** The referee's loss terms over the pairs of `papers`: cost of wrong and tied orders, and the sum of the gaps. */
function lossTerms(papers: readonly string[], truth: Map<string, number>, score: Map<string, number>): { loss: number; max: number } {
  let loss = 0;
  let max = 0;
  for (let i = 0; i < papers.length; i++) {
    for (let j = i + 1; j < papers.length; j++) {
      const t = truth.get(papers[i])! - truth.get(papers[j])!;
      const p = score.get(papers[i])! - score.get(papers[j])!;
      max += Math.abs(t);
      if (p * t === 0) loss += Math.abs(t) / 2;
      else if (p * t < 0) loss += Math.abs(t);
    }
  }
  return { loss, max };
}

interface Reveal {
  up: string[];
  down: string[];
}

/**
 * A seeded draw of up to MAX_K of a researcher's papers rated 4+ or 2-: the first k of them are
 * revealed, and all of them are left out of the loss for every k, so each k is scored on the same pairs.
 */
function revealPool(rated: Map<string, number>, seed: number): string[] {
  const eligible = [...rated].filter(([, e]) => e >= 4 || e <= 2).map(([id]) => id).sort();
  const picked = seededSample(eligible.length, MAX_K, seed).map((i) => eligible[i]);
  // seededSample returns indices in order; shuffle them by the same seed so the first k are a random k.
  const random = seededRandom(seed);
  for (let i = picked.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [picked[i], picked[j]] = [picked[j], picked[i]];
  }
  return picked;
}

function reveal(rated: Map<string, number>, pool: readonly string[], k: number): Reveal {
  const picked = pool.slice(0, k);
  return { up: picked.filter((id) => rated.get(id)! >= 4), down: picked.filter((id) => rated.get(id)! <= 2) };
}

type RuleName = 'preference (today)' | 'v2 pooled (before)' | 'v1 (first)';
type Rule = (reviewer: string, publications: readonly NoteText[], revealed: Reveal, candidates: readonly string[]) => Map<string, number>;

const background = loadBackground();
const reference = background.referenceDocs.map((doc) => docFeatures(doc, background.dense));
const evaluations = readEvaluations();

/** Each split's inputs, and the rules' scorers over them. */
function rulesFor(split: string): Record<RuleName, Rule> {
  const dir = path.join(benchDir, split);
  const { submissions, reviewers } = readExpertiseInputs(path.join(dir, 'submissions.json'), path.join(dir, 'archives'));
  const numbered = submissions.map((doc, i) => ({ ...doc, id: i + 1, key: doc.id }));
  const idOf = new Map(numbered.map((doc) => [doc.key, doc.id]));
  // v2: the submissions indexed as a library, p_background from the background and the inputs.
  const index = new FeatureIndex(background.dense);
  index.add(numbered);
  const statistics = backgroundWithEvidence(background, [stemCounts([...submissions, ...reviewers.flatMap((r) => r.publications)])]);
  const row = (key: string) => index.rowOf(idOf.get(key)!)!;
  const featuresOf = (key: string) => index.features(row(key));
  const scoresOf = (ranker: LibraryRanker, candidates: readonly string[]) => ranker.scores(Uint32Array.from(candidates, row));
  const preference: Rule = (_, publications, { up, down }, candidates) => {
    const papers = publications.map((doc) => docFeatures(doc, background.dense));
    const rated = [...up.map((key) => ({ features: featuresOf(key), up: true })), ...down.map((key) => ({ features: featuresOf(key), up: false }))];
    const scores = scoresOf(new LibraryRanker(index, statistics, reference, { papers, rated }), candidates);
    return new Map(candidates.map((key, i) => [key, scores[i]]));
  };
  const pooled: Rule = (_, publications, { up, down }, candidates) => {
    const papers = [...publications.map((doc) => docFeatures(doc, background.dense)), ...up.map(featuresOf)];
    const scores = scoresOf(new LibraryRanker(index, statistics, reference, { papers, rated: [] }), candidates);
    if (down.length > 0) {
      // Each disliked paper weighed as much as one of the profile's, and only pushed down what resembled it.
      const penalty = scoresOf(new LibraryRanker(index, statistics, reference, { papers: down.map(featuresOf), rated: [] }), candidates);
      const share = down.length / (papers.length + down.length);
      for (let i = 0; i < scores.length; i++) scores[i] -= share * Math.max(0, penalty[i]);
    }
    return new Map(candidates.map((key, i) => [key, scores[i]]));
  };
  // v1: submissions and publications in one index, as computeAffinity builds it.
  const publications = reviewers.flatMap((r) => r.publications.map((doc) => ({ reviewer: r.id, doc })));
  const docs = [...submissions, ...publications.map((p) => p.doc)].map((doc, id) => ({ ...doc, id }));
  const v1Index = indexDocuments(buildRelevanceModel(docs), docs);
  const firstPublication = new Map<string, number>();
  publications.forEach((p, i) => (firstPublication.has(p.reviewer) ? undefined : firstPublication.set(p.reviewer, submissions.length + i)));
  const position = new Map(submissions.map((doc, i) => [doc.id, i]));
  const v1: Rule = (reviewer, pubs, { up, down }, candidates) => {
    const first = firstPublication.get(reviewer) ?? 0;
    const profile = [
      ...pubs.map((_, i) => ({ id: first + i })),
      ...up.map((key) => ({ id: position.get(key)! })),
      ...down.map((key) => ({ id: position.get(key)!, weight: -1 })),
    ];
    const results = scoreCandidates(v1Index, profile, candidates.map((key) => position.get(key)!));
    return new Map(results.map((r) => [submissions[r.id].id, r.score]));
  };
  return { 'preference (today)': preference, 'v2 pooled (before)': pooled, 'v1 (first)': v1 };
}

// loss[rule|k][seed - 1]: the mean over the splits of the referee's loss for that draw.
const losses = new Map<string, number[]>();
for (const split of splits) {
  const dir = path.join(benchDir, split);
  const { reviewers } = readExpertiseInputs(path.join(dir, 'submissions.json'), path.join(dir, 'archives'));
  const rules = rulesFor(split);
  for (const [name, rule] of Object.entries(rules)) {
    for (const k of KS) {
      const key = `${name}|${k}`;
      const perSeed = losses.get(key) ?? new Array<number>(SEEDS).fill(0);
      for (let seed = 1; seed <= SEEDS; seed++) {
        const draw = { loss: 0, max: 0 };
        for (const reviewer of reviewers) {
          const rated = evaluations.get(reviewer.id.replace(/^~/, ''));
          if (!rated || reviewer.publications.length === 0) continue;
          const pool = revealPool(rated, seed);
          const revealed = reveal(rated, pool, k);
          const hidden = [...rated.keys()].filter((id) => !pool.includes(id));
          const terms = lossTerms(hidden, rated, rule(reviewer.id, reviewer.publications, revealed, hidden));
          draw.loss += terms.loss;
          draw.max += terms.max;
        }
        perSeed[seed - 1] += draw.loss / draw.max / splits.length;
      }
      losses.set(key, perSeed);
    }
  }
}

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
/** The mean change from k to the next k over the draws, and twice its standard error (draws are paired: same papers hidden). */
function step(name: string, from: number, to: number): { change: number; spread: number } {
  const before = losses.get(`${name}|${from}`)!;
  const changes = losses.get(`${name}|${to}`)!.map((loss, i) => loss - before[i]);
  const change = mean(changes);
  const variance = changes.reduce((sum, c) => sum + (c - change) ** 2, 0) / (changes.length - 1);
  return { change, spread: 2 * Math.sqrt(variance / changes.length) };
}
const names: RuleName[] = ['preference (today)', 'v2 pooled (before)', 'v1 (first)'];
console.log(`reviewer-expertise, development half: loss over the pairs of papers never revealed (up to ${MAX_K} set aside per researcher, the first k revealed), ${SEEDS} seeded draws, ten splits (lower is better)`);
console.log(
  table(
    ['rule', ...KS.map((k) => `k = ${k}`), ...KS.slice(1).map((k, i) => `${KS[i]} → ${k} (±2 s.e.)`), 'never rises with k', 'k = 4 below k = 0'],
    names.map((name) => {
      const byK = KS.map((k) => mean(losses.get(`${name}|${k}`)!));
      const steps = KS.slice(1).map((k, i) => step(name, KS[i], k));
      const monotone = steps.every((s) => s.change <= 0);
      const fmt = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(4)}`;
      return [
        name,
        ...byK.map((loss) => loss.toFixed(3)),
        ...steps.map((s) => `${fmt(s.change)} ±${s.spread.toFixed(4)}`),
        monotone ? 'yes' : 'NO',
        byK[byK.length - 1] < byK[0] ? 'yes' : 'NO',
      ];
    }),
  ),
);
