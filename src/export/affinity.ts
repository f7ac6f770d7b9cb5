// Reviewer-paper expertise scores in OpenReview's output formats.
import { stringify } from 'csv-stringify/sync';
import type { AffinityScores } from '../engine/affinity.ts';

/** CSV `paperId,reviewerId,score` lines (OpenReview's output, no header) or JSON `{reviewerId: {paperId: score}}`. */
export function formatAffinity(scores: AffinityScores, format: 'csv' | 'json'): string {
  if (format === 'json') {
    const nested = Object.fromEntries([...scores].map(([reviewer, byPaper]) => [reviewer, Object.fromEntries(byPaper)]));
    return `${JSON.stringify(nested, null, 1)}\n`;
  }
  const rows: (string | number)[][] = [];
  for (const [reviewer, byPaper] of scores) for (const [paper, score] of byPaper) rows.push([paper, reviewer, score]);
  return stringify(rows);
}
