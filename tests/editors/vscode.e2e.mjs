// The VS Code extension in VS Code: code-server (VS Code 1.100 from the npm registry, served to
// Chromium) with editors/vscode installed as a .vsix, a copy of the `basic` fixture open as
// the workspace, `guidesite` on PATH. Opens a page, waits for the extension to start the
// language server, hovers a reference and reads the card, then types a wrong reference and
// waits for the error in the Problems count. Run by tests/editors/vscode.sh, which installs
// code-server and packs the extension.
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

// playwright-core is the browser suite's (tests/browser, installed by `npm ci` there).
const { chromium } = createRequire(new URL('../browser/package.json', import.meta.url))('playwright-core');
const { CODE_SERVER, EXTENSIONS, USER_DATA, SITE, GUIDESITE_BIN, PORT = '8411' } = process.env;
const url = `http://127.0.0.1:${PORT}/?folder=${encodeURIComponent(SITE)}`;

function fail(why) {
  console.error(`VS Code session failed: ${why}`);
  process.exitCode = 1;
}

// The extension's setting names the program (the extension host does not see this PATH);
// no welcome page, no trust prompt.
mkdirSync(join(USER_DATA, 'User'), { recursive: true });
writeFileSync(join(USER_DATA, 'User', 'settings.json'), JSON.stringify({
  'guidesite.path': GUIDESITE_BIN,
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
}));

const server = spawn(
  CODE_SERVER,
  ['--auth', 'none', '--bind-addr', `127.0.0.1:${PORT}`, '--extensions-dir', EXTENSIONS,
    '--user-data-dir', USER_DATA, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust'],
  { stdio: ['ignore', 'pipe', 'pipe'] },
);
let serverLog = '';
server.stdout.on('data', (d) => { serverLog += d; });
server.stderr.on('data', (d) => { serverLog += d; });

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run'],
});
let page;
try {
  for (let i = 0; i < 100 && !serverLog.includes('HTTP server listening'); i++) await sleep(200);
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  // Open the page with Quick Open.
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { timeout: 20000 });
  await page.keyboard.type('1.1.2.md');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: '1.1.2.md' }).first().click({ timeout: 20000 });
  const line = page.locator('.view-line', { hasText: '[[1.1.1#how-to-comply]]' });
  await line.waitFor({ timeout: 30000 });
  // The extension starts `guidesite lsp`; hover the reference until the card shows.
  const reference = line.locator('span', { hasText: 'how-to-comply' }).first();
  // The cursor on the reference, then "Show Hover" (Ctrl+K Ctrl+I): the card the server sends.
  let card = '';
  for (let attempt = 0; attempt < 10 && !card.includes('Part of 1.1'); attempt++) {
    await reference.click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    for (let i = 0; i < 12 && !card.includes('Part of 1.1'); i++) {
      await sleep(250);
      card = (await page.locator('.monaco-hover').allInnerTexts()).join('\n');
    }
  }
  if (!card.includes('1.1.1 The FI researches client needs')) {
    await page.screenshot({ path: process.env.SCREENSHOT ?? 'vscode-failure.png' });
    fail(`no hover card: ${JSON.stringify(card)}`);
  }
  // Type a wrong reference on a new line at the end: the error shows in the status bar.
  await page.mouse.move(0, 0);
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('See [[9.9.9]] here.');
  let problems = '';
  for (let i = 0; i < 40 && !/[1-9]\d*\s*$/.test(problems.split('\n')[0] ?? ''); i++) {
    await sleep(500);
    problems = await page.locator('#status\\.problems').innerText().catch(() => '');
  }
  const errors = Number((problems.match(/\d+/) ?? ['0'])[0]);
  if (errors < 1) fail(`no error in the Problems count after typing [[9.9.9]]: ${JSON.stringify(problems)}`);
  if (!process.exitCode) console.log(`VS Code (code-server): hover ${JSON.stringify(card.trim().split('\n')[0])}; problems (errors, warnings) "${problems.trim().replace(/\s+/g, ' ')}"`);
} catch (e) {
  if (page) await page.screenshot({ path: process.env.SCREENSHOT ?? 'vscode-failure.png' }).catch(() => {});
  fail(`${e.message}\n--- code-server log ---\n${serverLog.slice(-3000)}`);
} finally {
  await browser.close();
  server.kill();
}
