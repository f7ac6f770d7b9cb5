// What some tests need from outside the repository: the project's data folder ../shared beside
// the checkout (real listings, corpora and benchmarks, never copied into the repository) and a
// chromium for the browser tests. A test declares what it needs, `test(name, { skip: needsShared('seeds') }, ...)`,
// and without it is skipped with one line saying what is missing, instead of failing on a missing
// file. test/project/requirements.test.ts checks that every test file reading ../shared declares it.
// CI sets PAPERSCOUT_NO_SKIP=1, so a machine missing either fails at once rather than skipping.
import fs from 'node:fs';
import path from 'node:path';

export const SHARED = path.resolve(import.meta.dirname, '..', '..', 'shared');

/** Debian's path by default; PAPERSCOUT_CHROMIUM names another chromium or chrome binary. */
export const CHROMIUM = process.env.PAPERSCOUT_CHROMIUM || '/usr/bin/chromium';

function requirement(missing: string): string {
  if (process.env.PAPERSCOUT_NO_SKIP) throw new Error(`${missing} (PAPERSCOUT_NO_SKIP is set, so tests may not skip)`);
  return missing;
}

/** false when every folder (relative to ../shared) is there, else the reason to skip. */
export function needsShared(...folders: string[]): string | false {
  const missing = folders.filter((folder) => !fs.existsSync(path.join(SHARED, folder)));
  if (missing.length === 0) return false;
  return requirement(
    `needs ${missing.map((folder) => `../shared/${folder}`).join(' and ')}: the project's data folder, checked out beside this one (README, "Tests")`,
  );
}

/** false when there is a chromium at `binary`, else the reason to skip. */
export function needsChromiumAt(binary: string): string | false {
  if (fs.existsSync(binary)) return false;
  return requirement(`needs chromium at ${binary}: apt-get install chromium, or set PAPERSCOUT_CHROMIUM to a chromium binary (README, "Tests")`);
}

export const needsChromium = needsChromiumAt(CHROMIUM);
