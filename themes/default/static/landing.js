/* The landing page: a language the reader chose before opens at once; otherwise the first of
   the browser's languages the site has is offered at the top. Without JavaScript the page is
   a plain chooser. A choice is remembered (localStorage, which also works from file://). */
(function () {
  'use strict';
  var KEY = 'guidesite-language';
  var links = Array.prototype.slice.call(document.querySelectorAll('.languages a[hreflang]'));
  function byCode(code) {
    code = (code || '').toLowerCase();
    return links.find(function (a) { return a.hreflang === code; }) ||
      links.find(function (a) { return a.hreflang === code.split('-')[0]; });
  }
  var stored = null;
  try { stored = window.localStorage.getItem(KEY); } catch (e) { /* storage refused */ }
  var chosen = byCode(stored);
  if (chosen && !/[?&]choose\b/.test(window.location.search)) {
    window.location.replace(chosen.href);
    return;
  }
  links.forEach(function (a) {
    a.addEventListener('click', function () {
      try { window.localStorage.setItem(KEY, a.hreflang); } catch (e) { /* storage refused */ }
    });
  });
  var wanted = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language]);
  for (var i = 0; i < wanted.length; i++) {
    var match = byCode(wanted[i]);
    if (!match) continue;
    var box = document.querySelector('.landing-suggested');
    var go = box.querySelector('a');
    go.setAttribute('href', match.getAttribute('href'));
    go.lang = match.lang;
    go.dir = match.dir;
    go.hreflang = match.hreflang;
    go.textContent = match.getAttribute('data-continue') + ' ' + match.querySelector('.language-name').textContent + ' →';
    go.addEventListener('click', function () {
      try { window.localStorage.setItem(KEY, match.hreflang); } catch (e) { /* storage refused */ }
    });
    box.hidden = false;
    match.parentNode.classList.add('suggested');
    return;
  }
})();
