// Where benchmarks find the shared data and keep what they build (git-ignored).
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..');
export const sharedRoot = path.resolve(repoRoot, '..', 'shared');
export const paperlistsDir = path.join(sharedRoot, 'corpora', 'paperlists');
export const artifactsDir = path.join(repoRoot, 'artifacts', 'bench');
/** The library of all paperlists papers that bench:ingest builds and the other benchmarks reuse. */
export const paperlistsLibrary = path.join(artifactsDir, 'paperlists.db');
