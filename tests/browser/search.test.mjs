// Search from file:// with the network blocked: real queries per language and the page each
// must put first (other forms of a word, typos, Arabic particles and digits), paging through
// every result, keyboard and mouse use, right-to-left results, and the page's script mapping
// words to the same stems as the build's Snowball stemmer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

// [language, query, expected result (path from the language root), in the top N (1: first)]
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
  // Other forms of the words than the page's name uses (the index's stems).
  ['en', 'rescheduled loans', 'loan-rescheduling.html'],
  ['en', 'guarantors', 'guarantor.html'],
  ['en', 'overindebtedness', 'over-indebtedness.html'],
  ['fr', 'garants', 'guarantor.html'],
  ['es', 'sobreendeudados', 'over-indebtedness.html'],
  ['ru', 'поручителей', 'guarantor.html'],
  ['pt', 'fiadores', 'guarantor.html'],
  // One wrong, missing or swapped letter.
  ['en', 'collateal', 'collateral.html'],
  ['fr', 'surendetement', 'over-indebtedness.html'],
  ['ru', 'платёжеспосбность', 'repayment-capacity.html', 2],
  ['pt', 'superendividamneto', 'over-indebtedness.html'],
  // Arabic: article and attached particles, Arabic-Indic digits.
  ['ar', 'بالشكاوى', 'complaints-mechanism.html'],
  ['ar', 'والمديونية المفرطة', 'over-indebtedness.html'],
  ['ar', '٦٫١', '6.1.html'],
  ['ar', 'المعيار ٦٫١', '6.1.html'],
];

for (const [lang, query, expected, within = 1] of cases) {
  test(`${lang}: "${query}" finds ${expected} ${within === 1 ? 'first' : `in the top ${within}`}`, async () => {
    const { page, problems, context } = await offlinePage(browser);
    const hrefs = await topResults(page, lang, query);
    await context.close();
    assert.ok(hrefs.length > 0, 'no results');
    const paths = hrefs.map((h) => h.replace(/^(\.\.\/)+[a-z]{2}\//, '').replace(/^\.\.\//, ''));
    assert.ok(paths.slice(0, within).includes(expected), `results: ${paths.slice(0, 5)}`);
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

test('a corrected query says what it searched for', async () => {
  const { page, problems, context } = await offlinePage(browser);
  const hrefs = await topResults(page, 'en', 'collateal');
  assert.ok(hrefs.length > 0);
  const status = await page.$eval('#search-status', (e) => e.textContent);
  assert.match(status, /Showing results for «collateral»/);
  const exact = await topResults(page, 'en', 'collateral');
  assert.ok(exact.length > 0);
  assert.doesNotMatch(await page.$eval('#search-status', (e) => e.textContent), /Showing/);
  await context.close();
  assert.deepEqual(problems, []);
});

test('the count is the true count and every result can be reached', async () => {
  const { page, problems, context } = await offlinePage(browser);
  await topResults(page, 'en', 'client');
  const status = await page.$eval('#search-status', (e) => e.textContent);
  const total = Number(status.match(/(\d+)$/)[1]);
  assert.ok(total > 100, status);
  assert.equal(await page.$$eval('#search-results li', (li) => li.length), 10);
  while (await page.$eval('.search-more', (b) => !b.hidden)) {
    const before = await page.$$eval('#search-results li', (li) => li.length);
    await page.click('.search-more');
    const after = await page.$$eval('#search-results li', (li) => li.length);
    assert.equal(after, Math.min(total, before + 10));
    assert.equal(await page.evaluate(() => document.activeElement.closest('li') !== null), true, 'focus moves to the first new result');
  }
  const hrefs = await page.$$eval('#search-results li > a', (as) => as.map((a) => a.getAttribute('href')));
  assert.equal(hrefs.length, total);
  assert.equal(new Set(hrefs).size, total, 'no result twice');
  await context.close();
  assert.deepEqual(problems, []);
});

test('a click outside closes the results; "/" focuses the search box', async () => {
  const { page, problems, context } = await offlinePage(browser);
  await topResults(page, 'en', 'pricing');
  assert.equal(await page.$eval('#search-results', (e) => e.hidden), false);
  await page.click('.site-footer p');
  assert.equal(await page.$eval('#search-results', (e) => e.hidden), true);
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-input');
  assert.equal(await page.$eval('#search-input', (e) => e.value), 'pricing', 'the slash is not typed');
  await context.close();
  assert.deepEqual(problems, []);
});

// The word list's stems are the Snowball stemmer's (src/words.rs checks the same file): the
// page's script, which never stems, must map each word to that stem whenever the index holds it.
const stemList = JSON.parse(readFileSync(new URL('./fixtures/stems.json', import.meta.url), 'utf8'));
for (const [lang, list] of Object.entries(stemList)) {
  test(`${lang}: the page maps words to the build's stems`, async () => {
    const { page, problems, context } = await offlinePage(browser);
    await topResults(page, lang, 'a');
    const answers = await page.evaluate(({ lang, words }) => {
      const engine = window.GUIDESITE_SEARCH_ENGINE;
      const ix = engine.prepare(window.GUIDESITE_SEARCH[lang]);
      return words.map((w) => {
        const e = engine.expand(ix, engine.fold(w), false);
        let best = null, weight = 0;
        e.stems.forEach((v, stem) => { if (v > weight) { weight = v; best = ix.raw.stems[stem]; } });
        return { best, weight };
      });
    }, { lang, words: Object.keys(list) });
    const indexed = await page.evaluate(({ lang, stems }) => {
      const held = new Set(window.GUIDESITE_SEARCH[lang].stems);
      return stems.map((s) => held.has(s));
    }, { lang, stems: Object.values(list) });
    const checked = Object.entries(list).filter((_, i) => indexed[i]);
    assert.ok(checked.length >= 8, `only ${checked.length} of the list's stems are in the index: choose words the site uses`);
    Object.entries(list).forEach(([word, stem], i) => {
      if (!indexed[i]) return;
      assert.equal(answers[i].best, stem, `${word}`);
      assert.ok(answers[i].weight >= 0.9, `${word} matched only as a prefix or typo`);
    });
    await context.close();
    assert.deepEqual(problems, []);
  });
}
