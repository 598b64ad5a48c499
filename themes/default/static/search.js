/* guidesite search: works from file:// (the index is a classic script, loaded on first use),
   needs no server and no network.

   The index (src/render/search.rs) holds stems made at build time by the language's Snowball
   stemmer, every word it saw (sorted) with its stem, and per stem the pages with a field
   weight. This
   script never stems: a query word the index knows maps to its stem; a form it does not know
   is matched by the longest stem of the index inside it (within the index's `affix` limits), by
   the words it starts (while typing), or, failing both, by indexed words one or two edits away
   ("showing results for ..."). Pages are ranked by BM25 over the field weights; every query
   word helps, none is required; a page whose name is the query comes first.
   Folding the query (fold) follows src/words.rs `normalize`. */
(function () {
  'use strict';

  var PAGE_SIZE = 10;
  var K1 = 2, B = 0.75;
  /* A word in the page's number, short title or title (field weight 8 or more) counts this
     many times more than its field weight alone gives after BM25's saturation. */
  var NAME_BOOST = 2;
  /* How much a match of each kind counts against an exact one. */
  var AFFIX = 0.9, PREFIX = 0.6, FAMILY = 0.5, TYPO = [1, 0.5, 0.3];

  function fold(text) {
    return text.normalize('NFKD').replace(/[\p{M}\u0640]/gu, '').toLowerCase()
      .replace(/\u0671/g, '\u0627').replace(/\u0629/g, '\u0647').replace(/\u0649/g, '\u064A')
      .replace(/[\u0660-\u0669]/g, function (d) { return String(d.charCodeAt(0) - 0x0660); })
      .replace(/[\u06F0-\u06F9]/g, function (d) { return String(d.charCodeAt(0) - 0x06F0); });
  }
  function words(folded) { return folded.match(/[\p{L}\p{N}]+/gu) || []; }

  /* The index made ready for queries (its words come sorted); postings are decoded on
     first use. */
  function prepare(raw) {
    var stemIds = new Map();
    raw.stems.forEach(function (s, i) { stemIds.set(s, i); });
    var total = 0;
    raw.docs.forEach(function (d) { total += d[6]; });
    return {
      raw: raw, docs: raw.docs, words: raw.words.split(' '), wordStems: raw.word_stems, stemIds: stemIds, decoded: [],
      avgLength: total / Math.max(1, raw.docs.length)
    };
  }

  /* [[doc, field weight], ...] of a stem. */
  function postings(ix, stem) {
    var done = ix.decoded[stem];
    if (done) return done;
    var flat = ix.raw.postings[stem] || [], list = [], doc = 0;
    for (var i = 0; i < flat.length; i += 2) { doc += flat[i]; list.push([doc, flat[i + 1]]); }
    ix.decoded[stem] = list;
    return list;
  }

  /* Index of the first string of a sorted list that is >= word. */
  function lowerBound(sorted, word) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] < word) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function stemOfWord(ix, word) {
    var at = lowerBound(ix.words, word);
    return at < ix.words.length && ix.words[at] === word ? ix.wordStems[at] : -1;
  }

  /* The longest stem of the index inside a word it does not know, with at most `affix`
     letters before and after it, and at least half the letters after the ones before it. */
  function stemInside(ix, word) {
    var before = ix.raw.affix[0], after = ix.raw.affix[1], letters = Array.from(word);
    var shortest = before > 0 ? 3 : 4;
    for (var len = letters.length - 1; len >= shortest; len--) {
      for (var start = 0; start <= before && start + len <= letters.length; start++) {
        if (letters.length - start - len > after || len * 2 < letters.length - start) continue;
        var stem = ix.stemIds.get(letters.slice(start, start + len).join(''));
        if (stem !== undefined) return stem;
      }
    }
    return -1;
  }

  /* Stems of the index that start with a stem's letters. */
  function familyOf(ix, stem) {
    var prefix = ix.raw.stems[stem];
    if (!ix.stemOrder) {
      ix.stemOrder = ix.raw.stems.map(function (s, i) { return i; });
      ix.stemOrder.sort(function (a, b) { return ix.raw.stems[a] < ix.raw.stems[b] ? -1 : ix.raw.stems[a] > ix.raw.stems[b] ? 1 : 0; });
      ix.sortedStems = ix.stemOrder.map(function (i) { return ix.raw.stems[i]; });
    }
    var out = [], list = ix.sortedStems;
    for (var at = lowerBound(list, prefix); at < list.length && list[at].startsWith(prefix) && out.length < 20; at++) {
      if (ix.stemOrder[at] !== stem) out.push(ix.stemOrder[at]);
    }
    return out;
  }

  /* Optimal string alignment distance, or limit + 1 once it is over the limit. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev2 = null, prev = [], row;
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      row = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        row.push(v);
        if (v < best) best = v;
      }
      if (best > limit) return limit + 1;
      prev2 = prev; prev = row;
    }
    return prev[b.length];
  }

  /* The stems a query word stands for, each with how much it counts, and the indexed word
     it was corrected to, if it was. */
  function expand(ix, word, last) {
    var stems = new Map(), corrected = null;
    function add(stem, weight) { if ((stems.get(stem) || 0) < weight) stems.set(stem, weight); }
    var exact = stemOfWord(ix, word);
    if (exact >= 0) add(exact, 1);
    else {
      var inside = stemInside(ix, word);
      if (inside >= 0) add(inside, AFFIX);
    }
    /* Longer stems that start with the word's stem: the same root where the stemmer
       stopped short of joining them (cobr-ar, cobranç-a). */
    var root = exact >= 0 ? exact : inside;
    if (root >= 0 && Array.from(ix.raw.stems[root]).length >= 4) {
      familyOf(ix, root).forEach(function (stem) { add(stem, FAMILY); });
    }
    if (word.length >= 3 || (last && word.length >= 2)) {
      for (var at = lowerBound(ix.words, word), n = 0; at < ix.words.length && n < 100 && ix.words[at].startsWith(word); at++, n++) {
        add(ix.wordStems[at], PREFIX);
      }
    }
    var letters = Array.from(word).length;
    if (stems.size === 0 && letters >= 5 && !/\d/.test(word)) {
      var limit = letters >= 8 ? 2 : 1, bestDistance = limit + 1, bestDf = -1;
      ix.words.forEach(function (candidate, at) {
        var d = distance(word, candidate, limit);
        if (d > limit) return;
        var stem = ix.wordStems[at];
        add(stem, TYPO[d]);
        var df = postings(ix, stem).length;
        if (d < bestDistance || (d === bestDistance && df > bestDf)) { bestDistance = d; bestDf = df; corrected = candidate; }
      });
    }
    return { stems: stems, corrected: corrected };
  }

  /* A framework number in the query ("6.1", "٦٫١", "standard 6.1."). */
  function numberIn(folded) {
    var m = folded.replace(/\u066B/g, '.').match(/(^|[^\d.])(\d+(?:\.\d+){0,2})\.?(?![\d.])/);
    return m ? m[2] : null;
  }

  /* Every page that matches, best first: [[doc, score], ...], the corrected query words, and
     every stem the query matched (for marking snippets). */
  function search(ix, query) {
    var folded = fold(query).trim();
    var scores = new Map(), numbered = new Map();
    var number = numberIn(folded);
    var onlyNumber = number !== null && words(folded.replace(/\u066B/g, '.')).join('.') === number;
    /* A framework number goes straight to that item, then its children. */
    if (number !== null) {
      ix.docs.forEach(function (d, i) {
        if (d[0] === number) numbered.set(i, 1000);
        else if (d[0].startsWith(number + '.')) numbered.set(i, 500 - d[0].split('.').length);
      });
      if (onlyNumber && numbered.size) return { results: sorted(numbered), corrections: [], stems: new Set() };
    }
    var terms = words(number === null ? folded : folded.replace(/\u066B/g, '.').replace(number, ' '));
    var corrections = [];
    var expanded = terms.map(function (t, i) {
      var e = expand(ix, t, i === terms.length - 1);
      if (e.corrected) corrections.push([t, e.corrected]);
      return e;
    });
    var n = ix.docs.length;
    /* A word on most pages ("the", "de") adds to the score but is not needed for a page's
       name to count as the query. */
    var needed = expanded.map(function (e) {
      var df = 0;
      e.stems.forEach(function (w, stem) { df = Math.max(df, postings(ix, stem).length); });
      return e.stems.size > 0 && df <= n * 0.3;
    });
    if (!needed.some(Boolean)) needed = expanded.map(function (e) { return e.stems.size > 0; });
    /* Coverage: the share of the query's weight (each word's idf) a page holds. */
    var matched = new Map(), inName = new Map(), queryWeight = 0;
    expanded.forEach(function (e, t) {
      var best = new Map(), named = new Set(), wordWeight = 0;
      e.stems.forEach(function (weight, stem) {
        var list = postings(ix, stem);
        var idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
        wordWeight = Math.max(wordWeight, idf);
        list.forEach(function (p) {
          var doc = p[0], f = p[1];
          var s = weight * idf * f * (K1 + 1) / (f + K1 * (1 - B + B * ix.docs[doc][6] / ix.avgLength));
          if (f >= 8) { s *= NAME_BOOST; named.add(doc); }
          if ((best.get(doc) || 0) < s) best.set(doc, s);
        });
      });
      queryWeight += wordWeight || 1;
      best.forEach(function (s, doc) {
        scores.set(doc, (scores.get(doc) || 0) + s);
        matched.set(doc, (matched.get(doc) || 0) + wordWeight);
        if (needed[t] && named.has(doc)) inName.set(doc, (inName.get(doc) || 0) + 1);
      });
    });
    var neededCount = needed.filter(Boolean).length;
    scores.forEach(function (s, doc) {
      var coverage = (matched.get(doc) || 0) / Math.max(1, queryWeight);
      var score = s * coverage * coverage;
      if (neededCount && inName.get(doc) === neededCount) score += nameBonus(ix, doc, neededCount, terms.join(''));
      scores.set(doc, score + (numbered.get(doc) || 0));
    });
    numbered.forEach(function (s, doc) { if (!scores.has(doc)) scores.set(doc, s); });
    var stems = new Set();
    expanded.forEach(function (e) { e.stems.forEach(function (w, stem) { stems.add(stem); }); });
    return { results: sorted(scores), corrections: corrections, stems: stems };
  }

  /* A page whose name holds every needed query word: the fewer other words its name has,
     the higher; a name that is the query (written with or without hyphens and spaces:
     `joined` is the query's words run together) wins outright. */
  function nameBonus(ix, doc, needed, joined) {
    var name = words(fold(ix.docs[doc][1]));
    if (name.join('') === joined) return 100;
    var nameWords = new Set(name.map(function (w) {
      var stem = stemOfWord(ix, w);
      return stem >= 0 ? stem : w;
    }));
    return nameWords.size <= needed ? 100 : 20 / nameWords.size;
  }

  function sorted(scores) {
    return Array.from(scores.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
  }

  /* Whether a word of a snippet has one of the stems the query matched. */
  function matcher(ix, stems) {
    return function (word) {
      var stem = stemOfWord(ix, fold(word));
      return stem >= 0 && stems.has(stem);
    };
  }

  /* An excerpt around the first matched word, every matched word marked. */
  function snippet(text, isMatch, item) {
    var re = /[\p{L}\p{N}\p{M}]+/gu, m, found = [];
    while ((m = re.exec(text))) if (isMatch(m[0])) found.push([m.index, m.index + m[0].length]);
    var from = found.length ? Math.max(0, found[0][0] - 60) : 0;
    if (from > 0) { var space = text.indexOf(' ', from); if (space > 0 && space < found[0][0]) from = space + 1; }
    var to = Math.min(text.length, from + 200);
    var at = from;
    if (from > 0) item.appendChild(document.createTextNode('…'));
    found.forEach(function (f) {
      if (f[0] < at || f[1] > to) return;
      item.appendChild(document.createTextNode(text.slice(at, f[0])));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(f[0], f[1]);
      item.appendChild(mark);
      at = f[1];
    });
    item.appendChild(document.createTextNode(text.slice(at, to) + (to < text.length ? '…' : '')));
  }

  window.GUIDESITE_SEARCH_ENGINE = { fold: fold, prepare: prepare, search: search, expand: expand };
  if (typeof document === 'undefined') return;

  var form = document.querySelector('form.search');
  if (!form) return;
  var input = form.querySelector('input');
  var box = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  var list = box.querySelector('ol');
  var lang = form.getAttribute('data-lang');
  var root = form.getAttribute('data-root');
  var index = null, requested = false, shown = 0, current = null;
  var more = document.createElement('button');
  more.type = 'button';
  more.className = 'search-more';
  more.textContent = form.getAttribute('data-more');
  more.hidden = true;
  box.appendChild(more);
  form.hidden = false;

  function load() {
    if (requested) return;
    requested = true;
    status.textContent = form.getAttribute('data-loading');
    var script = document.createElement('script');
    script.src = form.getAttribute('data-index');
    script.onload = function () {
      index = prepare((window.GUIDESITE_SEARCH || {})[lang]);
      run();
    };
    document.head.appendChild(script);
  }

  function item(doc, isMatch) {
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
    var name = document.createElement(d[4] ? 'span' : 'bdi');
    name.textContent = d[1];
    if (d[4]) { name.lang = d[4]; name.dir = 'auto'; }
    a.appendChild(name);
    li.appendChild(a);
    var p = document.createElement('p');
    p.className = 'snippet';
    if (d[5]) { p.lang = d[5]; p.dir = 'auto'; }
    snippet(d[3], isMatch, p);
    li.appendChild(p);
    return li;
  }

  function showMore() {
    var isMatch = matcher(index, current.stems);
    var end = Math.min(current.results.length, shown + PAGE_SIZE);
    for (var i = shown; i < end; i++) list.appendChild(item(current.results[i][0], isMatch));
    shown = end;
    more.hidden = shown >= current.results.length;
  }

  function run() {
    var query = input.value;
    list.textContent = '';
    more.hidden = true;
    if (!query.trim()) { box.hidden = true; status.textContent = ''; return; }
    box.hidden = false;
    if (!index) { load(); return; }
    current = search(index, query);
    shown = 0;
    var count = current.results.length;
    var text = count ? form.getAttribute('data-results') + ': ' + count : form.getAttribute('data-none');
    if (count && current.corrections.length) {
      var fixed = words(fold(query)).map(function (w) {
        var c = current.corrections.find(function (pair) { return pair[0] === w; });
        return c ? c[1] : w;
      }).join(' ');
      text = form.getAttribute('data-corrected') + ' «' + fixed + '» · ' + text;
    }
    status.textContent = text;
    if (count) showMore();
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll('a')); }

  more.addEventListener('click', function () {
    var before = shown;
    showMore();
    var next = links()[before];
    if (next) next.focus();
  });
  input.addEventListener('input', run);
  input.addEventListener('focus', load);
  /* A pointer on its way to the box starts the loading a moment earlier. */
  form.addEventListener('pointerenter', load);
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var first = links()[0];
    if (first) window.location.href = first.href;
  });
  document.addEventListener('click', function (e) {
    if (!form.contains(e.target)) box.hidden = true;
  });
  input.addEventListener('click', function () { if (input.value.trim()) box.hidden = false; });
  document.addEventListener('keydown', function (e) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName) || document.activeElement.isContentEditable;
    if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      input.focus();
    }
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
