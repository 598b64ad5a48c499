// Shared helpers for the browser and validator suites: where the built site is, and a
// headless Chromium launched the way our machines need it.
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The built site (`public/` of the repository unless SITE_DIR says otherwise). */
export const siteDir = resolve(process.env.SITE_DIR ?? resolve(here, '../../public'));

if (!existsSync(resolve(siteDir, 'index.html'))) {
  throw new Error(`no built site at ${siteDir}: run \`cargo run --release -- build\` first`);
}

/** file:// URL of a path inside the built site. */
export function siteUrl(path) {
  return pathToFileURL(resolve(siteDir, path)).href;
}

/** Headless Debian Chromium with the flags our closed network needs. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'],
  });
}

/**
 * A page that records console errors and every request that is not a file:// one (and
 * blocks it), so tests can assert that nothing leaves the site.
 */
export async function offlinePage(browser) {
  const context = await browser.newContext();
  const problems = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file://')) return route.continue();
    problems.push(`request left the site: ${url}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`failed: ${req.url()}`));
  return { page, problems, context };
}
