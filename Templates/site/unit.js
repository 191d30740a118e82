// passport — unit codes on a plain static host. A unit's page (…/21/<serial>/) loads this script and
// goes on to its batch page with the serial and signature; the 404 page does the same for unit
// codes that have no page of their own, and shows its message in the reader's language.
(function () {
  'use strict';
  function go(batchPage, serial) {
    var signature = new URLSearchParams(location.search).get('s');
    location.replace(batchPage + '?serial=' + encodeURIComponent(serial)
      + (signature ? '&s=' + encodeURIComponent(signature) : ''));
  }
  // The page in the reader's language when the passport has it (`data-languages`, default first).
  function pageFor(languages) {
    var offered = (languages || '').split(' ').filter(Boolean), wanted = navigator.languages || [navigator.language];
    var lower = offered.map(function (code) { return code.toLowerCase(); });
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i] || '').toLowerCase(), base = code.split('-')[0];
      var at = lower.indexOf(code) >= 0 ? lower.indexOf(code) : lower.indexOf(base);
      if (at >= 0) return at === 0 ? 'index.html' : 'index.' + offered[at] + '.html';
    }
    return 'index.html';
  }
  var me = document.currentScript;
  if (me && me.dataset.serial) { go(me.dataset.batch + pageFor(me.dataset.languages), me.dataset.serial); return; }
  var marker = document.getElementById('unit-redirect');
  if (!marker) return;
  // The 404 page says it in every language: keep the reader's, when the site has it.
  var blocks = Array.prototype.slice.call(marker.querySelectorAll('[lang]'));
  var own = pageFor(blocks.map(function (b) { return b.lang; }).join(' '));
  var index = own === 'index.html' ? 0 : blocks.map(function (b) { return 'index.' + b.lang + '.html'; }).indexOf(own);
  if (index >= 0 && blocks.length > 1) {
    blocks.forEach(function (b, i) { b.hidden = i !== index; });
    document.documentElement.lang = blocks[index].lang;
  }
  var root = marker.dataset.root || '/', path = location.pathname;
  if (path.indexOf(root) !== 0) return;
  var match = /^01\/([0-9]{14})\/10\/([^\/]+)\/21\/([^\/]+)\/?$/.exec(path.slice(root.length));
  if (!match) return;
  try {
    go(root + '01/' + match[1] + '/10/' + match[2] + '/index.html', decodeURIComponent(match[3]));
  } catch (e) { /* malformed code: stay on the 404 page */ }
})();
