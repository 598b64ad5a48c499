// `guidesite serve` end to end in Chromium: an edit shows without a manual reload, broken
// front matter shows an overlay with file and line, fixing it removes the overlay.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const binary = resolve(process.env.GUIDESITE ?? resolve(here, '../../target/release/guidesite'));
let browser, server, site, base;

before(async () => {
  site = mkdtempSync(join(tmpdir(), 'guidesite-serve-'));
  cpSync(resolve(here, '../fixtures/basic'), site, { recursive: true });
  server = spawn(binary, ['serve', '--port', '0'], { cwd: site });
  base = await new Promise((ok, fail) => {
    let seen = '';
    server.stderr.on('data', (chunk) => {
      seen += chunk;
      const m = seen.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) ok(`http://127.0.0.1:${m[1]}`);
    });
    server.on('exit', () => fail(new Error(`serve exited: ${seen}`)));
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (site) rmSync(site, { recursive: true, force: true });
});

test('edit, break and fix a page while it is open', async () => {
  const page = await browser.newPage();
  const file = join(site, 'content/framework/1/1.1.1.md');
  const original = readFileSync(file, 'utf8');
  await page.goto(`${base}/en/1.1.1.html`);
  await page.evaluate(() => { window.scrollTo(0, 200); window.__stillHere = true; });

  writeFileSync(file, original.replace('Reports.', 'Reports from the live edit.'));
  await page.waitForFunction(() => document.body.textContent.includes('Reports from the live edit.'), null, { timeout: 10000 });
  assert.equal(await page.evaluate(() => window.__stillHere), undefined, 'the page reloaded by itself');

  writeFileSync(file, original.replace('title: The FI researches client needs.', 'title: "unclosed'));
  const overlay = await page.waitForSelector('#guidesite-errors', { timeout: 10000 });
  const text = await overlay.textContent();
  assert.match(text, /content\/framework\/1\/1\.1\.1\.md:\d+/);
  assert.match(text, /invalid YAML/);
  assert.ok(await page.$('h1'), 'the last good page is still there under the overlay');

  writeFileSync(file, original);
  await page.waitForFunction(() => !document.getElementById('guidesite-errors') && document.body.textContent.includes('Reports.'), null, { timeout: 10000 });
  await page.close();
});
