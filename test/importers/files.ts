// Reading test inputs: fixtures written for these tests, and real data from ../shared (read in
// place, never copied into the repository).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURES = new URL('../fixtures/formats/', import.meta.url);
const SHARED = new URL('../../../shared/', import.meta.url);

export function fixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

export function fixtureNames(): string[] {
  return readdirSync(fileURLToPath(FIXTURES)).sort();
}

/** A file under /work/shared, e.g. `corpora/paperlists/iclr/iclr2018.json`. */
export function shared(path: string): string {
  return readFileSync(new URL(path, SHARED), 'utf8');
}
