// Right-to-left Arabic in a real browser: direction, breadcrumb order, isolated numbers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launch, offlinePage, siteUrl } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('Arabic indicator page is laid out right to left', async () => {
  const { page, problems, context } = await offlinePage(browser);
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto(siteUrl('ar/2.1.1.html'));
  const direction = await page.evaluate(() => getComputedStyle(document.body).direction);
  assert.equal(direction, 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  // The breadcrumb reads from the right: each item sits to the left of the one before it.
  const xs = await page.$$eval('.breadcrumb li', (items) => items.map((li) => li.getBoundingClientRect().right));
  assert.ok(xs.length >= 4, `breadcrumb has ${xs.length} items`);
  for (let i = 1; i < xs.length; i++) assert.ok(xs[i] < xs[i - 1], `breadcrumb item ${i} is not left of item ${i - 1}: ${xs}`);
  // The sidebar is on the right of the main text.
  const sidebar = await page.$eval('.sidebar', (e) => e.getBoundingClientRect().left);
  const main = await page.$eval('main', (e) => e.getBoundingClientRect().left);
  assert.ok(sidebar > main, 'sidebar should be right of main in RTL');
  // Numbers are isolated, so "2.1.1" is not reordered: it renders left to right.
  const numDir = await page.$eval('.breadcrumb bdi.num', (e) => getComputedStyle(e).direction);
  assert.equal(numDir, 'ltr');
  mkdirSync('screenshots', { recursive: true });
  await page.screenshot({ path: 'screenshots/ar-indicator.png' });
  await context.close();
  assert.deepEqual(problems, []);
});

test('language switcher leads to the same page in every language', async () => {
  const { page, problems, context } = await offlinePage(browser);
  await page.goto(siteUrl('fr/2.1.html'));
  const links = await page.$$eval('.lang-switch a', (as) => as.map((a) => ({ lang: a.getAttribute('hreflang'), href: a.href })));
  assert.equal(links.length, 6);
  for (const { lang, href } of links) {
    await page.goto(href);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.match(page.url(), new RegExp(`/${lang}/2\\.1\\.html$`));
  }
  await context.close();
  assert.deepEqual(problems, []);
});
