// What the browser tests share: the built web app served over the fixture library, Debian's
// chromium through playwright-core, and pages opened in fresh browser profiles that must run no
// injected script, open no dialog and load nothing from elsewhere.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildWeb } from '../../src/web/build.ts';
import { startFixtureServer, repoRoot, type FixtureServer } from '../server/fixture-server.ts';
import { CHROMIUM } from '../requirements.ts';

export const SCREENSHOTS = path.join(repoRoot, 'artifacts', 'screenshots');
export const LAPTOP = { width: 1280, height: 860 };
export const PHONE = { width: 390, height: 844 };

export interface WebApp {
  server: FixtureServer;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Headless chromium draws WebGL (the map page) only on its software renderer, SwiftShader,
 * which it no longer picks on its own; other pages need no GPU at all.
 */
export const WEBGL_ARGS = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

export async function startWebApp(options: { webgl?: boolean } = {}): Promise<WebApp> {
  const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-web-'));
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await buildWeb(webRoot);
  const server = await startFixtureServer({ webRoot });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', ...(options.webgl ? WEBGL_ARGS : ['--disable-gpu'])],
  });
  return {
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
      fs.rmSync(webRoot, { recursive: true, force: true });
    },
  };
}

export interface Session {
  page: Page;
  context: BrowserContext;
  /** Script errors, failed requests to other hosts and dialogs: all must stay empty. */
  problems: string[];
}

/** `hash` in a fresh browser profile (or in `context`, when given). */
export async function openSession(app: WebApp, hash: string, viewport = LAPTOP, context?: BrowserContext): Promise<Session> {
  const ownContext = context ?? (await app.browser.newContext({ viewport, acceptDownloads: true }));
  const page = await ownContext.newPage();
  page.setDefaultTimeout(5000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(app.server.url)) problems.push(`request to ${request.url()}`);
  });
  await page.goto(`${app.server.url}/${hash}`);
  return { page, context: ownContext, problems };
}

export async function finishSession(session: Session): Promise<void> {
  assert.equal(await session.page.evaluate(() => (window as unknown as { __xss?: string }).__xss), undefined, 'an injected script ran');
  assert.deepEqual(session.problems, []);
  await session.context.close();
}
