// The reader's site (issue 16) in Chromium from file://: phones first (no sideways scrolling
// at 360 px in any language, a compact header, 44 px touch targets, a menu that works without
// JavaScript, the search panel inside the screen), the sidebar tree, the overview's sticky
// header and filter, dark mode checked by axe, the landing page's language choice, and the
// printed guide as a PDF. Screenshots of every page kind at 390 and 1366 px, in English and
// Arabic, go to screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, siteUrl } from './lib.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const LANGS = ['en', 'fr', 'es', 'ru', 'ar', 'pt'];
const kinds = {
  home: (l) => `${l}/index.html`,
  principle: (l) => `${l}/2.html`,
  standard: (l) => `${l}/2.1.html`,
  indicator: (l) => `${l}/2.1.3.html`,
  term: (l) => `${l}/over-indebtedness.html`,
  guide: (l) => `${l}/guide-2.html`,
  overview: (l) => `${l}/overview.html`,
  glossary: (l) => `${l}/glossary.html`,
  print: (l) => `${l}/print.html`,
  translations: (l) => `${l}/translations.html`,
  about: (l) => `${l}/about.html`,
};

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A page in a fresh context: viewport, colour scheme, locale, JavaScript on or off. */
async function open(path, { width = 390, height = 844, colorScheme = 'light', locale = 'en-US', javaScriptEnabled = true } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme, locale, javaScriptEnabled });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(siteUrl(path));
  return { page, context, errors };
}

for (const lang of LANGS) {
  test(`${lang}: no page kind scrolls sideways at 360 px`, async () => {
    const wide = [];
    for (const [kind, path] of Object.entries(kinds)) {
      const { page, context } = await open(path(lang), { width: 360, height: 740 });
      const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      if (scroll > inner) wide.push(`${kind}: ${scroll} > ${inner}`);
      await context.close();
    }
    assert.deepEqual(wide, []);
  });
}

for (const lang of ['en', 'ar']) {
  test(`${lang} phone: a compact header, a menu and 44 px touch targets`, async () => {
    const { page, context, errors } = await open(kinds.indicator(lang));
    const header = await page.$eval('.site-header', (e) => e.getBoundingClientRect().height);
    assert.ok(header <= 130, `the header takes ${header} px`);
    const languageLinks = await page.$$eval('.lang-switch a', (as) => as.map((a) => a.checkVisibility()));
    assert.ok(languageLinks.every((v) => !v), 'languages wait behind the menu');
    await page.click('.menu > summary');
    const targets = await page.$$eval('.menu > summary, #search-input, .site-nav a, .lang-switch a, .sidebar-panel > summary, .pager a', (els) =>
      els.map((e) => ({ what: e.textContent.trim().slice(0, 20) || e.id, h: e.getBoundingClientRect().height })));
    const small = targets.filter((t) => t.h < 44);
    assert.deepEqual(small, [], 'touch targets under 44 px');
    assert.ok(targets.filter((t) => t.h > 0).length >= 12);
    await page.click('.menu > summary');
    // The contents of the guide sit above the text, one tap away, open on the current page.
    const contents = await page.$eval('.sidebar-panel > summary', (e) => e.getBoundingClientRect().top);
    const heading = await page.$eval('main h1', (e) => e.getBoundingClientRect().top);
    assert.ok(contents < heading, 'contents above the page');
    await page.click('.sidebar-panel > summary');
    assert.equal(await page.$eval('.sidebar a[aria-current="page"]', (a) => a.getAttribute('href')), '2.1.3.html');
    assert.ok(await page.$eval('.sidebar a[aria-current="page"]', (a) => a.getBoundingClientRect().height >= 44));
    await context.close();
    assert.deepEqual(errors, []);
  });

  test(`${lang} phone: the search panel stays inside the screen`, async () => {
    const { page, context, errors } = await open(kinds.home(lang), { width: 360, height: 740 });
    await page.fill('#search-input', lang === 'ar' ? 'الشكاوى' : 'complaints');
    await page.waitForSelector('#search-results li a');
    const [left, right, inner] = await page.$eval('#search-results', (e) => {
      const r = e.getBoundingClientRect();
      return [r.left, r.right, window.innerWidth];
    });
    assert.ok(left >= 0 && right <= inner, `panel from ${left} to ${right} in ${inner}`);
    await context.close();
    assert.deepEqual(errors, []);
  });
}

test('the menu opens without JavaScript', async () => {
  const { page, context } = await open(kinds.standard('fr'), { javaScriptEnabled: false });
  await page.click('.menu > summary');
  const box = await page.$eval('.lang-switch a[hreflang="ar"]', (a) => a.getBoundingClientRect().height);
  assert.ok(box >= 44);
  await page.click('.lang-switch a[hreflang="ar"]');
  assert.match(page.url(), /\/ar\/2\.1\.html$/);
  await context.close();
});

test('wide screens show the menu, the languages and the sidebar without a tap', async () => {
  const { page, context } = await open(kinds.indicator('en'), { width: 1366, height: 900 });
  const visible = await page.$$eval('.lang-switch a, .sidebar a[aria-current]', (as) => as.filter((a) => a.checkVisibility()).length);
  assert.equal(visible, 7);
  assert.equal(await page.$eval('.menu > summary', (s) => s.checkVisibility()), false);
  await context.close();
});

test('the overview: full width, a header that stays in view, a filter by product and principle', async () => {
  const { page, context, errors } = await open(kinds.overview('en'), { width: 1366, height: 900 });
  const [tableWidth, viewport] = await page.evaluate(() => [document.querySelector('table.matrix').getBoundingClientRect().width, window.innerWidth]);
  assert.ok(tableWidth > viewport * 0.8, `table ${tableWidth} px wide`);
  await page.$eval('.table-wrap', (e) => { e.scrollTop = 2000; });
  const [head, wrap] = await page.evaluate(() => [document.querySelector('.matrix thead th').getBoundingClientRect().top, document.querySelector('.table-wrap').getBoundingClientRect().top]);
  assert.ok(Math.abs(head - wrap) <= 2, `header at ${head}, box at ${wrap}`);
  const rows = () => page.$$eval('table.matrix tr[data-products]', (trs) => trs.filter((tr) => !tr.hidden && tr.offsetParent !== null).map((tr) => tr.getAttribute('data-products')));
  const all = await rows();
  await page.selectOption('select[name="product"]', 'savings');
  const savings = await rows();
  assert.ok(savings.length > 0 && savings.length < all.length, `${savings.length} of ${all.length}`);
  assert.ok(savings.every((p) => p === '' || p.split(' ').includes('savings') || p.split(' ').includes('all')), 'only items that apply to savings');
  await page.selectOption('select[name="product"]', '');
  await page.selectOption('select[name="principle"]', '2');
  const numbers = await page.$$eval('table.matrix tbody', (bs) => bs.filter((b) => !b.hidden).map((b) => b.getAttribute('data-principle')));
  assert.deepEqual(numbers, ['2']);
  await context.close();
  assert.deepEqual(errors, []);
  const plain = await open(kinds.overview('en'), { javaScriptEnabled: false });
  assert.equal(await plain.page.$eval('form.matrix-filter', (f) => f.hidden), true);
  const shown = await plain.page.$$eval('table.matrix tr[data-products]', (trs) => trs.filter((tr) => tr.offsetParent !== null).length);
  assert.equal(shown, all.length, 'without JavaScript everything shows');
  await plain.context.close();
});

for (const lang of ['en', 'ar']) {
  for (const kind of ['home', 'indicator', 'overview', 'term']) {
    test(`${lang} ${kind} in dark mode: no WCAG 2 A/AA violations, contrast included`, async () => {
      const { page, context } = await open(kinds[kind](lang), { width: 1366, height: 900, colorScheme: 'dark' });
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.notEqual(background, 'rgb(255, 255, 255)', 'dark colours apply');
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }));
      await context.close();
      assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.length} e.g. ${v.nodes[0]?.html}`), []);
    });
  }
}

test('the landing page offers the browser language, remembers a choice, and works without JavaScript', async () => {
  const context = await browser.newContext({ locale: 'ru-RU' });
  const page = await context.newPage();
  await page.goto(siteUrl('index.html'));
  const offered = await page.$eval('.landing-continue', (a) => ({ href: a.getAttribute('href'), hidden: a.closest('[hidden]') !== null }));
  assert.deepEqual(offered, { href: 'ru/index.html', hidden: false });
  await page.click('.languages a[hreflang="pt"]');
  await page.waitForURL(/\/pt\/index\.html$/);
  await page.goto(siteUrl('index.html'));
  await page.waitForURL(/\/pt\/index\.html$/);
  await page.goto(siteUrl('index.html') + '?choose');
  assert.match(page.url(), /index\.html\?choose$/, 'a reader can still choose again');
  await context.close();
  const plain = await open('index.html', { javaScriptEnabled: false });
  assert.equal(await plain.page.$$eval('.languages a', (as) => as.length), 6);
  assert.equal(await plain.page.$eval('.landing-suggested', (p) => p.hidden), true);
  await plain.context.close();
});

for (const lang of ['en', 'ar']) {
  test(`${lang}: the printed guide has a title page, contents, every item and the glossary`, async () => {
    const { page, context } = await open(kinds.print(lang), { width: 1366, height: 900 });
    const pdf = join(tmpdir(), `guidesite-print-${lang}-${process.pid}.pdf`);
    await page.pdf({ path: pdf, format: 'A4', printBackground: false });
    const title = await page.$eval('.title-page-site', (e) => e.textContent);
    const contents = await page.$eval('#toc-heading', (e) => e.textContent);
    const glossary = await page.$eval('#print-glossary', (e) => e.textContent);
    const firstTerm = await page.$eval('.print-term h3', (e) => e.textContent.trim());
    await context.close();
    const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 }).toString().split('\f');
    // pdftotext writes Arabic with bidi controls, presentation forms and lam-alef ligatures
    // split the other way round: compare skeletons (controls, marks, alef, lam and hamza out).
    const flat = (s) => s.normalize('NFKC').replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '')
      .replace(/[\u0610-\u061A\u064B-\u065F\u0670\u0640]/g, '').replace(/[\u0621-\u0627\u0644]/g, '').replace(/\s+/g, ' ').trim();
    // Page 1 is the title page: the guide's name and the build date, nothing of the body.
    assert.ok(flat(pages[0]).includes(flat(title)), `first page: ${pages[0].slice(0, 300)}`);
    assert.match(pages[0], /\d{4}-\d{2}-\d{2}/);
    assert.ok(flat(pages[1]).includes(flat(contents)), 'the contents are printed, after the title page');
    const text = flat(pages.join(' '));
    assert.ok(text.lastIndexOf(flat(glossary)) > text.indexOf('7.4.3'), 'the glossary after the last indicator');
    assert.ok(text.includes(flat(firstTerm)));
    // No double numbering in the contents ("3. 1.1.1").
    assert.doesNotMatch(pages[1], /\b\d+\.\s+\d+\.\d+/);
  });
}

test('screenshots of every page kind at both widths, in English and Arabic', async () => {
  mkdirSync('screenshots', { recursive: true });
  let taken = 0;
  for (const lang of ['en', 'ar']) {
    for (const [kind, path] of Object.entries({ landing: () => 'index.html', ...kinds })) {
      for (const width of [390, 1366]) {
        const { page, context } = await open(path(lang), { width, height: width === 390 ? 844 : 900 });
        const file = `screenshots/${lang}-${kind}-${width}.png`;
        writeFileSync(file, await page.screenshot());
        taken++;
        await context.close();
      }
    }
  }
  assert.equal(taken, 2 * 12 * 2);
});
