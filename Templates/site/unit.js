// passport — unit codes on a plain static host. A unit's page (…/21/<serial>/) loads this script and
// goes on to its batch page with the serial and signature; the 404 page does the same for unit
// codes that have no page of their own.
(function () {
  'use strict';
  function go(batchPage, serial) {
    var signature = new URLSearchParams(location.search).get('s');
    location.replace(batchPage + '?serial=' + encodeURIComponent(serial)
      + (signature ? '&s=' + encodeURIComponent(signature) : ''));
  }
  var me = document.currentScript;
  if (me && me.dataset.serial) { go(me.dataset.batch, me.dataset.serial); return; }
  var marker = document.getElementById('unit-redirect');
  if (!marker) return;
  var root = marker.dataset.root || '/', path = location.pathname;
  if (path.indexOf(root) !== 0) return;
  var match = /^01\/([0-9]{14})\/10\/([^\/]+)\/21\/([^\/]+)\/?$/.exec(path.slice(root.length));
  if (!match) return;
  try {
    go(root + '01/' + match[1] + '/10/' + match[2] + '/index.html', decodeURIComponent(match[3]));
  } catch (e) { /* malformed code: stay on the 404 page */ }
})();
