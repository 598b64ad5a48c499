// The offline bundle from `guidesite pack`, unpacked and opened from file:// with every
// network request blocked: navigation in French and Arabic, searches, the print page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, offlinePage } from './lib.mjs';

// The zip holds one folder (the guide's name and date); .ci/run unpacks its content here.
const bundle = resolve(process.env.BUNDLE_DIR ?? '../../target/bundle');
const url = (path) => pathToFileURL(resolve(bundle, path)).href;

let browser;
before(async () => {
  assert.ok(existsSync(resolve(bundle, 'index.html')), `no unpacked bundle at ${bundle} (run guidesite pack and unzip it)`);
  browser = await launch();
});
after(async () => { await browser?.close(); });

async function walkToIndicator(page, lang) {
  await page.goto(url('index.html'));
  await page.click(`.languages a[hreflang="${lang}"]`);
  await page.click('main a[href="2.html"]');
  await page.click('.children .standards > li:first-child > a');
  await page.click('.children .indicators a >> nth=0');
  return page.url();
}

test('French: landing -> principle -> standard -> indicator, all offline', async () => {
  const { page, problems, context } = await offlinePage(browser);
  const reached = await walkToIndicator(page, 'fr');
  assert.match(reached, /\/fr\/2\.1\.1\.html$/);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.ok((await page.textContent('h1')).length > 10);
  const css = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).display);
  assert.equal(css, 'grid', 'the stylesheet loaded');
  await context.close();
  assert.deepEqual(problems, []);
});

test('Arabic: the same walk, right to left', async () => {
  const { page, problems, context } = await offlinePage(browser);
  const reached = await walkToIndicator(page, 'ar');
  assert.match(reached, /\/ar\/2\.1\.1\.html$/);
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).direction), 'rtl');
  await context.close();
  assert.deepEqual(problems, []);
});

for (const [lang, query] of [['ar', 'المديونية'], ['ru', 'жалоб']]) {
  test(`${lang} search works offline`, async () => {
    const { page, problems, context } = await offlinePage(browser);
    await page.goto(url(`${lang}/index.html`));
    await page.fill('#search-input', query);
    await page.waitForSelector('#search-results li a');
    const first = await page.$eval('#search-results li a', (a) => a.href);
    await page.goto(first);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    await context.close();
    assert.deepEqual(problems, []);
  });
}

test('the print page holds the whole framework with in-page links', async () => {
  const { page, problems, context } = await offlinePage(browser);
  await page.goto(url('fr/print.html'));
  const items = await page.$$eval('.print-item', (s) => s.length);
  assert.ok(items >= 137, `only ${items} items`);
  const internal = await page.$$eval('.print-body a[href^="#p-"]', (as) => as.map((a) => a.getAttribute('href').slice(1)));
  assert.ok(internal.length > 50, 'references became in-page anchors');
  for (const id of internal) {
    assert.ok(await page.$(`[id="${id}"]`), `no target for #${id}`);
  }
  await context.close();
  assert.deepEqual(problems, []);
});

test('the bundle has a read-me per language', () => {
  for (const lang of ['en', 'fr', 'es', 'ru', 'ar', 'pt']) {
    assert.ok(existsSync(resolve(bundle, `README-${lang}.txt`)), `README-${lang}.txt`);
  }
});
