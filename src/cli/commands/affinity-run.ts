// Reading, scoring and writing for `paperscout affinity` (kept apart so other commands start
// without loading the engine): reviewer-paper expertise scores in OpenReview's formats, from a
// submissions.json and a folder of reviewer archives (~Reviewer.jsonl).
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { ImportedPaper, TextDoc } from '../../types.ts';
import { openreviewArchiveImporter, openreviewSubmissionsImporter } from '../../importers/openreview.ts';
import { ImportError, type Importer } from '../../importers/importer.ts';
import { computeAffinity, type AffinityScores, type Reviewer } from '../../engine/affinity.ts';
import type { RelevanceModel } from '../../engine/model.ts';
import { UserError } from '../context.ts';

export interface ExpertiseInputs {
  submissions: TextDoc[];
  reviewers: Reviewer[];
}

function asTextDoc(paper: ImportedPaper): TextDoc {
  // The OpenReview importer always sets sourceId (the note id) or throws.
  return { id: paper.sourceId as string, title: paper.title, abstract: paper.abstract, keywords: paper.keywords };
}

/** The notes of one file; a blank archive is a reviewer without publications. */
function readNotes(file: string, importer: Importer): TextDoc[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (!text.trim() && importer === openreviewArchiveImporter) return [];
  try {
    return importer.parse(text, path.basename(file)).papers.map(asTextDoc);
  } catch (error) {
    if (error instanceof ImportError) throw new UserError(`${file}${error.location ? `:${error.location}` : ''}: ${error.message}`);
    throw error;
  }
}

/**
 * Reads OpenReview's expertise inputs. A reviewer's id is the archive's file name without
 * `.jsonl` (keeping the leading `~`); an empty archive is a reviewer without publications.
 */
export function readExpertiseInputs(submissionsFile: string, archivesDir: string): ExpertiseInputs {
  const submissions = readNotes(submissionsFile, openreviewSubmissionsImporter);
  let files: string[];
  try {
    files = fs.readdirSync(archivesDir).filter((name) => name.endsWith('.jsonl')).sort();
  } catch (error) {
    throw new UserError(`cannot read archives folder ${archivesDir}: ${(error as Error).message}`);
  }
  if (files.length === 0) throw new UserError(`no reviewer archives (*.jsonl) in ${archivesDir}`);
  const reviewers = files.map((name) => ({
    id: name.slice(0, -'.jsonl'.length),
    publications: readNotes(path.join(archivesDir, name), openreviewArchiveImporter),
  }));
  return { submissions, reviewers };
}

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

export interface AffinityRun {
  submissions: string;
  archives: string;
  out: string;
  model?: RelevanceModel;
}

/** Reads the inputs, scores every pair and writes the output; returns the number of pairs. */
export function runAffinity(run: AffinityRun): number {
  const { submissions, reviewers } = readExpertiseInputs(run.submissions, run.archives);
  const scores = computeAffinity(submissions, reviewers, run.model);
  fs.mkdirSync(path.dirname(path.resolve(run.out)), { recursive: true });
  fs.writeFileSync(run.out, formatAffinity(scores, run.out.endsWith('.json') ? 'json' : 'csv'));
  return submissions.length * reviewers.length;
}
