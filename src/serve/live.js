/* guidesite preview: reloads the page when its own file changes, keeps the reader's place,
   and shows build errors over the page until they are fixed. Injected only by `serve`. */
(function () {
  'use strict';
  var key = 'guidesite-scroll:' + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    window.addEventListener('load', function () { window.scrollTo(0, Number(saved)); });
  }

  function show(errors) {
    var old = document.getElementById('guidesite-errors');
    if (old) old.remove();
    if (!errors.length) return;
    var box = document.createElement('section');
    box.id = 'guidesite-errors';
    box.setAttribute('role', 'alert');
    box.style.cssText = 'position:fixed;inset:1rem;z-index:2147483647;overflow:auto;background:#1f1f1f;color:#f5f5f5;' +
      'font:14px/1.5 ui-monospace,monospace;padding:1rem 1.25rem;border:3px solid #e5484d;border-radius:8px;direction:ltr;text-align:left';
    var title = document.createElement('h2');
    title.textContent = errors.length + (errors.length === 1 ? ' error' : ' errors') + ': the preview shows the last good build';
    title.style.cssText = 'margin:0 0 .75rem;font-size:16px;color:#ff9592';
    box.appendChild(title);
    errors.forEach(function (e) {
      var item = document.createElement('pre');
      item.className = 'guidesite-error';
      item.style.cssText = 'white-space:pre-wrap;margin:0 0 1rem';
      var where = e.path + (e.line ? ':' + e.line + (e.column ? ':' + e.column : '') : '');
      item.textContent = where + '\n' + e.severity + ': ' + e.message + (e.snippet ? '\n  | ' + e.snippet : '') + (e.help ? '\n  = help: ' + e.help : '');
      box.appendChild(item);
    });
    document.body.appendChild(box);
  }

  function check() {
    fetch('/__guidesite/errors', { cache: 'no-store' }).then(function (r) { return r.json(); }).then(show, function () {});
  }

  /* The site file this page is, as the server names it: "/" is index.html, "/en/" en/index.html. */
  function ownPath() {
    var path = decodeURIComponent(location.pathname).replace(/^\/+/, '');
    return path === '' || path.charAt(path.length - 1) === '/' ? path + 'index.html' : path;
  }

  var source = new EventSource('/__guidesite/events');
  source.addEventListener('changed', function (e) {
    if (JSON.parse(e.data).indexOf(ownPath()) < 0) return;
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  });
  source.addEventListener('errors', function (e) { show(JSON.parse(e.data)); });
  check();
})();
