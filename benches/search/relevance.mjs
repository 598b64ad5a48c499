// Search relevance benchmark. For every query in queries/<lang>.json (written by reading the
// content, before any engine ran), asks guidesite's search in Chromium from file:// (the
// page's own search box, as a reader types) and Pagefind over HTTP (indexing a copy of the same
// built pages), and reports per language: recall@10, best page in the top three, mean
// reciprocal rank of the first relevant page, and queries with no result. Pagefind indexes
// each page's <main> (data-pagefind-body, its recommended setup), as guidesite does.
//
//   cargo run --release -- build          # the site to measure, in public/
//   cd benches/search && npm ci && node relevance.mjs [--engine guidesite|pagefind|both] [--show]
//
// SITE_DIR chooses another built site. --show prints every query's top five.
import { chromium } from 'playwright-core';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const siteDir = resolve(process.env.SITE_DIR ?? resolve(here, '../../public'));
const args = process.argv.slice(2);
const engine = args.includes('--engine') ? args[args.indexOf('--engine') + 1] : 'both';
const show = args.includes('--show');
if (!existsSync(join(siteDir, 'index.html'))) throw new Error(`no built site at ${siteDir}`);

const langs = readdirSync(join(here, 'queries')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
const order = ['en', 'fr', 'es', 'ru', 'ar', 'pt'];
langs.sort((a, b) => order.indexOf(a) - order.indexOf(b));
const sets = Object.fromEntries(langs.map((l) => [l, JSON.parse(readFileSync(join(here, 'queries', `${l}.json`), 'utf8'))]));

/** The page id of a result URL: `.../fr/2.1.3.html` → `2.1.3`, a language's index → `home`. */
function idOf(url) {
  const path = decodeURIComponent(new URL(url, 'http://x/').pathname).replace(/\/$/, '/index.html');
  const name = path.split('/').pop().replace(/\.html$/, '');
  return name === 'index' ? 'home' : name;
}

function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'],
  });
}

/** Milliseconds from the first keystroke in a freshly opened page to the first result on
    screen. The page loads its index when the box gets the focus; `typingAfter` is how long
    after the focus the keystroke comes (0: at the same instant, the worst case). */
async function firstResults(browser, lang, query, typingAfter) {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(join(siteDir, lang, 'index.html')).href);
  const ms = await page.evaluate(async ([q, wait]) => {
    const input = document.getElementById('search-input');
    input.focus();
    await new Promise((done) => setTimeout(done, wait));
    const started = performance.now();
    input.value = q;
    input.dispatchEvent(new Event('input'));
    await new Promise((done) => {
      const check = () => (document.querySelector('#search-results li') ? done() : setTimeout(check, 1));
      check();
    });
    return performance.now() - started;
  }, [query, typingAfter]);
  await page.close();
  return ms;
}

/** guidesite: type each query into the page's search box, from file://. */
async function guidesite(browser, lang, queries) {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(join(siteDir, lang, 'index.html')).href);
  const out = [];
  for (const q of queries) {
    await page.fill('#search-input', '');
    await page.fill('#search-input', q.query);
    await page.waitForFunction(() => {
      const s = document.getElementById('search-status').textContent;
      return s && !s.includes('…');
    });
    const hrefs = await page.$$eval('#search-results li > a', (as) => as.map((a) => a.href));
    out.push({ ids: hrefs.map(idOf) });
  }
  await page.close();
  return out;
}

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };

/** Pagefind: index a copy of the site, serve it on loopback, query through its JS API. */
async function pagefind(browser, lang, queries, base) {
  const page = await browser.newPage();
  await page.goto(`${base}/${lang}/index.html`);
  const out = [];
  for (const q of queries) {
    const urls = await page.evaluate(async (query) => {
      window.pf = window.pf || await import('/pagefind/pagefind.js');
      await window.pf.init();
      const r = await window.pf.search(query);
      const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
      return data.map((d) => d.url);
    }, q.query);
    out.push({ ids: urls.map(idOf) });
  }
  await page.close();
  return out;
}

function markMainContent(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) markMainContent(path);
    else if (entry.name.endsWith('.html')) {
      const html = readFileSync(path, 'utf8');
      if (html.includes('<main')) writeFileSync(path, html.replace('<main', '<main data-pagefind-body'));
    }
  }
}

function servePagefindCopy() {
  const copy = mkdtempSync(join(tmpdir(), 'guidesite-pagefind-'));
  cpSync(siteDir, copy, { recursive: true });
  // Pagefind's recommended setup: index each page's main content, not its navigation.
  markMainContent(copy);
  execFileSync(join(here, 'node_modules/.bin/pagefind'), ['--site', copy], { stdio: 'ignore' });
  const server = createServer((req, res) => {
    let path = join(copy, decodeURIComponent(new URL(req.url, 'http://x/').pathname));
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
    if (!path.startsWith(copy) || !existsSync(path)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
    res.end(readFileSync(path));
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({
    base: `http://127.0.0.1:${server.address().port}`,
    close: () => { server.close(); rmSync(copy, { recursive: true, force: true }); },
  })));
}

/** recall@10, best page in the top three, reciprocal rank of the first relevant page. */
function measure(q, ids) {
  const top = ids.slice(0, 10);
  const relevant = new Set(q.relevant);
  const recall = q.relevant.filter((id) => top.includes(id)).length / q.relevant.length;
  const best = q.best.some((id) => ids.slice(0, 3).includes(id)) ? 1 : 0;
  const first = ids.findIndex((id) => relevant.has(id));
  return { recall, best, rr: first < 0 ? 0 : 1 / (first + 1), empty: ids.length === 0 ? 1 : 0 };
}

function summary(rows) {
  const n = rows.length;
  const sum = (k) => rows.reduce((s, r) => s + r[k], 0);
  return { n, recall: sum('recall') / n, best: sum('best') / n, mrr: sum('rr') / n, empty: sum('empty') };
}

const browser = await launch();
const engines = engine === 'both' ? ['guidesite', 'pagefind'] : [engine];
const server = engines.includes('pagefind') ? await servePagefindCopy() : null;
const table = [];
const firsts = [];
const all = Object.fromEntries(engines.map((e) => [e, []]));
for (const lang of langs) {
  for (const e of engines) {
    const answers = e === 'guidesite' ? await guidesite(browser, lang, sets[lang]) : await pagefind(browser, lang, sets[lang], server.base);
    const rows = sets[lang].map((q, i) => measure(q, answers[i].ids));
    if (show) {
      sets[lang].forEach((q, i) => {
        const r = rows[i];
        console.log(`${e} ${lang} ${r.best ? ' ' : '✗'} ${q.query} → ${answers[i].ids.slice(0, 5).join(', ')} (best ${q.best.join('/')}; recall ${r.recall.toFixed(2)})`);
      });
    }
    all[e].push(...rows);
    table.push({ lang, engine: e, ...summary(rows) });
  }
  if (engines.includes('guidesite')) {
    const query = sets[lang][0].query;
    firsts.push([lang, await firstResults(browser, lang, query, 0), await firstResults(browser, lang, query, 150)]);
  }
}
for (const e of engines) table.push({ lang: 'all', engine: e, ...summary(all[e]) });
await browser.close();
server?.close();

console.log('| language | engine | queries | recall@10 | best in top 3 | MRR | empty |');
console.log('|---|---|---|---|---|---|---|');
for (const r of table) {
  console.log(`| ${r.lang} | ${r.engine} | ${r.n} | ${r.recall.toFixed(2)} | ${(r.best * 100).toFixed(0)} % | ${r.mrr.toFixed(2)} | ${r.empty} |`);
}
if (firsts.length) {
  console.log('\nguidesite, first keystroke in a fresh page to first result, typed with the focus / 150 ms after it:');
  console.log(firsts.map(([l, now, later]) => `${l} ${now.toFixed(0)} / ${later.toFixed(0)} ms`).join(', '));
}
