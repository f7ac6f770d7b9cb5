// Where the built web app is. From a checkout it is rebuilt when its sources are newer than
// the build, so `npm start` never serves a stale app and needs no separate build step.
import fs from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
export const webSources = path.join(repoRoot, 'src', 'web');
export const defaultWebRoot = path.join(repoRoot, 'web-dist');

function newestModification(dir: string): number {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((newest, entry) => Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs), 0);
}

function builtAt(webRoot: string): number {
  try {
    return fs.statSync(path.join(webRoot, 'app.js')).mtimeMs;
  } catch {
    return 0;
  }
}

/** The web app's folder, built first when the sources are at hand and newer; undefined when there is none. */
export async function ensureWebApp(webRoot = defaultWebRoot): Promise<string | undefined> {
  const sourcesAtHand = fs.existsSync(path.join(webSources, 'main.ts'));
  if (sourcesAtHand && newestModification(webSources) > builtAt(webRoot)) {
    const { buildWeb } = await import('../web/build.ts');
    await buildWeb(webRoot);
  }
  return builtAt(webRoot) > 0 ? webRoot : undefined;
}
