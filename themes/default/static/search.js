/* guidesite search: works from file:// (the index is a classic script, loaded on first use),
   needs no server and no network. Matching folds text exactly as src/words.rs does. */
(function () {
  'use strict';
  var form = document.querySelector('form.search');
  if (!form) return;
  var input = form.querySelector('input');
  var box = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  var list = box.querySelector('ol');
  var lang = form.getAttribute('data-lang');
  var root = form.getAttribute('data-root');
  var index = null;
  var requested = false;
  var MAX_RESULTS = 12;
  form.hidden = false;

  function fold(text) {
    return text.normalize('NFKD').replace(/[\p{M}\u0640]/gu, '').toLowerCase()
      .replace(/\u0671/g, '\u0627').replace(/\u0629/g, '\u0647').replace(/\u0649/g, '\u064A');
  }
  function words(folded) { return folded.match(/[\p{L}\p{N}]+/gu) || []; }

  function load() {
    if (requested) return;
    requested = true;
    status.textContent = form.getAttribute('data-loading');
    var script = document.createElement('script');
    script.src = form.getAttribute('data-index');
    script.onload = function () {
      index = (window.GUIDESITE_SEARCH || {})[lang];
      run();
    };
    document.head.appendChild(script);
  }

  /* Index of the first term >= prefix, by binary search over the sorted terms. */
  function lowerBound(terms, prefix) {
    var lo = 0, hi = terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (terms[mid] < prefix) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /* Score of each document that has a word starting with `prefix`. */
  function scoresFor(prefix) {
    var scores = new Map();
    for (var t = lowerBound(index.terms, prefix); t < index.terms.length && index.terms[t].startsWith(prefix); t++) {
      var exact = index.terms[t] === prefix ? 2 : 0;
      var postings = index.postings[t];
      for (var i = 0; i < postings.length; i++) {
        var doc = postings[i] >> 1, inTitle = postings[i] & 1;
        var score = (inTitle ? 10 : 1) + exact;
        if ((scores.get(doc) || 0) < score) scores.set(doc, score);
      }
    }
    return scores;
  }

  /* Titles that are the query (a glossary term, a principle's name) come first; shorter
     titles that hold every query word come before longer ones. */
  function titleBonus(title, terms) {
    var titleWords = words(fold(title));
    var covered = terms.every(function (t) { return titleWords.some(function (w) { return w.startsWith(t); }); });
    if (!covered) return 0;
    var exact = titleWords.length === terms.length;
    return (exact ? 40 : 0) + 20 / titleWords.length;
  }

  function search(query) {
    var trimmed = query.trim().replace(/\.$/, '');
    var results = new Map();
    if (/^\d+(\.\d+){0,2}$/.test(trimmed)) {
      /* A framework number goes straight to that item, then its children. */
      index.docs.forEach(function (d, i) {
        if (d[0] === trimmed) results.set(i, 1000);
        else if (d[0].startsWith(trimmed + '.')) results.set(i, 500 - d[0].split('.').length);
      });
      if (results.size) return Array.from(results.keys()).sort(function (a, b) { return results.get(b) - results.get(a) || a - b; }).slice(0, MAX_RESULTS);
    }
    var terms = words(fold(trimmed));
    if (terms.length) {
      var combined = null;
      terms.forEach(function (term) {
        var scores = scoresFor(term);
        if (combined === null) { combined = scores; return; }
        var next = new Map();
        combined.forEach(function (s, doc) { if (scores.has(doc)) next.set(doc, s + scores.get(doc)); });
        combined = next;
      });
      combined.forEach(function (s, doc) { if (!results.has(doc)) results.set(doc, s + titleBonus(index.docs[doc][1], terms)); });
    }
    return Array.from(results.entries())
      .sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; })
      .slice(0, MAX_RESULTS)
      .map(function (e) { return e[0]; });
  }

  /* A short excerpt around the first query word, with the match marked. */
  function snippet(text, terms, item) {
    var folded = '', map = [];
    for (var i = 0; i < text.length; i++) {
      var f = fold(text[i]);
      for (var j = 0; j < f.length; j++) { folded += f[j]; map.push(i); }
    }
    var at = -1, len = 0;
    for (var k = 0; k < terms.length && at < 0; k++) { at = folded.indexOf(terms[k]); len = terms[k].length; }
    if (at < 0) { item.appendChild(document.createTextNode(text.slice(0, 140) + (text.length > 140 ? '…' : ''))); return; }
    var start = map[at], end = at + len < map.length ? map[at + len] : text.length;
    var from = Math.max(0, start - 60), to = Math.min(text.length, end + 80);
    item.appendChild(document.createTextNode((from > 0 ? '…' : '') + text.slice(from, start)));
    var mark = document.createElement('mark');
    mark.textContent = text.slice(start, end);
    item.appendChild(mark);
    item.appendChild(document.createTextNode(text.slice(end, to) + (to < text.length ? '…' : '')));
  }

  function run() {
    var query = input.value;
    list.textContent = '';
    if (!query.trim()) { box.hidden = true; status.textContent = ''; return; }
    box.hidden = false;
    if (!index) { load(); return; }
    var terms = words(fold(query));
    var found = search(query);
    status.textContent = found.length ? form.getAttribute('data-results') + ': ' + found.length : form.getAttribute('data-none');
    found.forEach(function (doc) {
      var d = index.docs[doc];
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = root + d[2];
      if (d[0]) {
        var num = document.createElement('bdi');
        num.className = 'num';
        num.textContent = d[0];
        a.appendChild(num);
        a.appendChild(document.createTextNode(' '));
      }
      a.appendChild(document.createTextNode(d[1]));
      li.appendChild(a);
      var p = document.createElement('p');
      p.className = 'snippet';
      snippet(d[3], terms, p);
      li.appendChild(p);
      list.appendChild(li);
    });
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll('a')); }

  input.addEventListener('input', run);
  input.addEventListener('focus', load);
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var first = links()[0];
    if (first) window.location.href = first.href;
  });
  form.addEventListener('keydown', function (e) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (e.key === 'ArrowDown' && all.length) {
      e.preventDefault();
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (e.key === 'ArrowUp' && all.length) {
      e.preventDefault();
      if (at <= 0) input.focus(); else all[at - 1].focus();
    } else if (e.key === 'Escape') {
      box.hidden = true;
      input.focus();
    }
  });
})();
