// Where the built web app is. The server only serves it: `npm run build` (run by `npm ci`)
// and `npm start` build it, so the bundler stays out of the server's way.
import fs from 'node:fs';
import path from 'node:path';

export const defaultWebRoot = path.resolve(import.meta.dirname, '..', '..', 'web-dist');

/** The web app's folder, or undefined when it has not been built there. */
export function locateWebApp(webRoot = defaultWebRoot): string | undefined {
  return fs.existsSync(path.join(webRoot, 'app.js')) ? webRoot : undefined;
}
