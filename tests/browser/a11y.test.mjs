// axe-core (WCAG 2 A and AA) on every page kind in English, French and Arabic.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launch, offlinePage, siteUrl } from './lib.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const kinds = {
  landing: () => 'index.html',
  home: (l) => `${l}/index.html`,
  principle: (l) => `${l}/2.html`,
  standard: (l) => `${l}/2.1.html`,
  indicator: (l) => `${l}/2.1.1.html`,
  'indicator (title only or fallback)': (l) => `${l}/5.3.2.html`,
  overview: (l) => `${l}/overview.html`,
  glossary: (l) => `${l}/glossary.html`,
  term: (l) => `${l}/over-indebtedness.html`,
  guide: (l) => `${l}/guide-2.html`,
  'translation status': (l) => `${l}/translations.html`,
};

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const lang of ['en', 'fr', 'ar']) {
  for (const [kind, path] of Object.entries(kinds)) {
    if (kind === 'landing' && lang !== 'en') continue;
    test(`${lang} ${kind}: no WCAG 2 A/AA violations`, async () => {
      const { page, problems, context } = await offlinePage(browser);
      await page.goto(siteUrl(path(lang)));
      // axe reads stylesheets by XHR, which file:// refuses; only the page's own loading counts.
      const pageProblems = [...problems];
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
      await context.close();
      const violations = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) e.g. ${v.nodes[0]?.html}`);
      assert.deepEqual(violations, []);
      assert.deepEqual(pageProblems, []);
    });
  }
}

for (const lang of ['en', 'fr', 'ar']) {
  test(`${lang} search results open: no WCAG 2 A/AA violations`, async () => {
    const { page, problems, context } = await offlinePage(browser);
    await page.goto(siteUrl(`${lang}/index.html`));
    await page.fill('#search-input', '2');
    await page.waitForSelector('#search-results li a');
    const pageProblems = [...problems];
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
    await context.close();
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.help} e.g. ${v.nodes[0]?.html}`), []);
    assert.deepEqual(pageProblems, []);
  });
}
