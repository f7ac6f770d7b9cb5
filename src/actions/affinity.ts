// Reviewer-paper expertise, as a program chair runs it: OpenReview's `submissions.json` and a
// folder of reviewer archives (`~Reviewer.jsonl`) in, every pair's score out, as CSV or JSON.
import fs from 'node:fs';
import path from 'node:path';
import type { ExpertiseInputs } from '../types.ts';
import { FileError, readListingFile } from '../library/files.ts';
import { ImportError } from '../importers/importer.ts';
import { parseExpertiseSubmissions, parseReviewerArchive } from '../importers/openreview.ts';
import { computeAffinity } from '../engine/affinity.ts';
import type { RelevanceModel } from '../engine/model.ts';
import { computeAffinityV2, type LibraryEvidence } from '../engine/affinity-v2.ts';
import { loadBackground, type BackgroundModel } from '../engine/background.ts';
import { formatAffinity } from '../export/affinity.ts';
import { InputError } from './errors.ts';

/** Reads and parses one input file; its failures name it and the place in it. */
function parseFile<T>(file: string, parse: (text: string, fileName: string) => T): T {
  try {
    return parse(readListingFile(file).text, path.basename(file));
  } catch (error) {
    if (error instanceof ImportError) throw new InputError(`${file}${error.location ? `:${error.location}` : ''}: ${error.message}`);
    if (error instanceof FileError) throw new InputError(`cannot read ${file}: ${error.message}`);
    throw error;
  }
}

export function readExpertiseInputs(submissionsFile: string, archivesDir: string): ExpertiseInputs {
  const submissions = parseFile(submissionsFile, parseExpertiseSubmissions);
  let files: string[];
  try {
    files = fs.readdirSync(archivesDir).filter((name) => name.endsWith('.jsonl')).sort();
  } catch (error) {
    throw new InputError(`cannot read archives folder ${archivesDir}: ${(error as Error).message}`);
  }
  if (files.length === 0) throw new InputError(`no reviewer archives (*.jsonl) in ${archivesDir}`);
  return { submissions, reviewers: files.map((name) => parseFile(path.join(archivesDir, name), parseReviewerArchive)) };
}

/**
 * Which engine scores: v2 on a background model (the shipped one unless given), with a library's
 * evidence if any; or v1, kept for the benchmark table, on a model learned from a library or,
 * without one, from the inputs themselves.
 */
export type AffinityEngine =
  | { name: 'v2'; background?: BackgroundModel; library?: LibraryEvidence }
  | { name: 'v1'; model?: RelevanceModel };

export interface AffinityRun {
  submissions: string;
  archives: string;
  /** CSV, or JSON when the name ends in `.json`. */
  out: string;
  /** v2 on the shipped background when left out. */
  engine?: AffinityEngine;
}

/** Reads the inputs, scores every pair and writes the output; returns the number of pairs. */
export function runAffinity(run: AffinityRun): number {
  const { submissions, reviewers } = readExpertiseInputs(run.submissions, run.archives);
  const engine = run.engine ?? { name: 'v2' };
  const scores =
    engine.name === 'v1'
      ? computeAffinity(submissions, reviewers, engine.model)
      : computeAffinityV2(submissions, reviewers, engine.background ?? loadBackground(), engine.library);
  fs.mkdirSync(path.dirname(path.resolve(run.out)), { recursive: true });
  fs.writeFileSync(run.out, formatAffinity(scores, run.out.endsWith('.json') ? 'json' : 'csv'));
  return submissions.length * reviewers.length;
}
