// Search from file:// with the network blocked: real queries per language and the page each
// must put first, keyboard use, and right-to-left results.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, offlinePage, siteUrl } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function topResults(page, lang, query) {
  await page.goto(siteUrl(`${lang}/index.html`));
  await page.fill('#search-input', query);
  await page.waitForFunction(() => {
    const s = document.getElementById('search-status').textContent;
    return s && !s.includes('…');
  });
  return page.$$eval('#search-results li a', (as) => as.map((a) => a.getAttribute('href')));
}

// [language, query, expected first result (path from the language root)]
const cases = [
  ['en', '2.1.3', '2.1.3.html'],
  ['en', '2.1', '2.1.html'],
  ['en', 'over-indebtedness', 'over-indebtedness.html'],
  ['en', 'prevention of over-indebtedness', '2.html'],
  ['en', 'complaints mechanism', 'complaints-mechanism.html'],
  ['en', 'repayment capac', 'repayment-capacity.html'],
  ['en', 'COOLING-OFF', 'cooling-off-period.html'],
  ['fr', 'surendettement', 'over-indebtedness.html'],
  ['fr', 'prevention du surendettement', '2.html'],
  ['fr', 'capacité de remboursement', 'repayment-capacity.html'],
  ['es', 'sobreendeudamiento', 'over-indebtedness.html'],
  ['es', 'prevencion', '2.html'],
  ['pt', 'superendividamento', 'over-indebtedness.html'],
  ['pt', 'prevenção do superendividamento', '2.html'],
  ['pt', 'principios de protecao', 'client-protection-principles.html'],
  ['ru', 'жалоб', '7.html'],
  ['ru', 'ЧРЕЗМЕРНАЯ ЗАДОЛЖЕННОСТЬ', 'over-indebtedness.html'],
  ['ru', 'приема жалоб', '7.1.html'],
  ['ar', 'الشكاوى', 'complaints-mechanism.html'],
  ['ar', 'آليات معالجة الشكاوى', '7.html'],
  ['ar', 'المديونية المفرطة', 'over-indebtedness.html'],
  ['ar', 'الشكاوي', 'complaints-mechanism.html'],
  ['ar', '6.1', '6.1.html'],
];

for (const [lang, query, expected] of cases) {
  test(`${lang}: "${query}" finds ${expected} first`, async () => {
    const { page, problems, context } = await offlinePage(browser);
    const hrefs = await topResults(page, lang, query);
    await context.close();
    assert.ok(hrefs.length > 0, 'no results');
    assert.equal(hrefs[0].replace(/^(\.\.\/)+[a-z]{2}\//, '').replace(/^\.\.\//, ''), expected, `results: ${hrefs.slice(0, 5)}`);
    assert.deepEqual(problems, []);
  });
}

test('keyboard: Enter opens the first result, arrows move through results', async () => {
  const { page, problems, context } = await offlinePage(browser);
  await topResults(page, 'en', 'pricing');
  await page.focus('#search-input');
  await page.keyboard.press('ArrowDown');
  const focused = await page.evaluate(() => document.activeElement.closest('#search-results') !== null);
  assert.ok(focused, 'ArrowDown moves into the results');
  await page.keyboard.press('Escape');
  assert.equal(await page.$eval('#search-results', (e) => e.hidden), true);
  await page.fill('#search-input', '4.2');
  await page.waitForSelector('#search-results li a');
  await page.press('#search-input', 'Enter');
  await page.waitForURL(/\/en\/4\.2\.html$/);
  await context.close();
  assert.deepEqual(problems, []);
});

test('results show a snippet with the match marked, right to left in Arabic', async () => {
  const { page, problems, context } = await offlinePage(browser);
  await topResults(page, 'ar', 'الشكاوى');
  const marked = await page.$$eval('#search-results mark', (ms) => ms.length);
  assert.ok(marked > 0, 'no marked match');
  const direction = await page.$eval('#search-results', (e) => getComputedStyle(e).direction);
  assert.equal(direction, 'rtl');
  await context.close();
  assert.deepEqual(problems, []);
});
