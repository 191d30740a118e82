// passport card — drawn on a shop's own page by one tag:
//   <script src="https://<producer site>/01/<gtin>/card.js" async></script>
// The producer's site writes one card.js per product: this code wrapped around the product's data
// (`card`). It runs on the shop's page, so it keeps to what a strict Content-Security-Policy allows:
// no inline style or script, no eval, no fetch (the data is in this file), no cookies, no storage;
// styles are set through the CSSOM inside a shadow root, text only with textContent. Links and the
// image come from the producer's site, with no referrer.
  'use strict';
  var doc = document, me = doc.currentScript;
  if (!me || !card || !card.text) return;
  var base = me.src;
  function url(path) { try { return new URL(path, base).href; } catch (e) { return null; } }
  function pick() {
    var wanted = [doc.documentElement.lang].concat(navigator.languages || [navigator.language]);
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i] || '').toLowerCase();
      if (card.text[code]) return code;
      if (card.text[code.split('-')[0]]) return code.split('-')[0];
    }
    return card.languages[0];
  }
  var lang = pick(), t = card.text[lang];
  function el(tag, styles, text, parent) {
    var e = doc.createElement(tag);
    for (var k in styles) e.style.setProperty(k, styles[k]);
    if (text) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  var font = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';
  var host = doc.createElement('div');
  host.className = 'passport-card';
  host.setAttribute('data-gtin', card.gtin);
  var slot = doc.querySelector('[data-passport-card="' + card.gtin + '"]');
  if (slot) slot.appendChild(host); else me.parentNode.insertBefore(host, me.nextSibling);
  var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
  var box = el('article', { display: 'block', 'max-width': '26rem', border: '1px solid #d6d2c8', 'border-radius': '14px',
    overflow: 'hidden', background: '#ffffff', color: '#1c1f1e', font: '15px/1.45 ' + font, 'text-align': 'left' }, null, root);
  box.setAttribute('lang', lang);
  box.setAttribute('aria-label', t.label + ': ' + t.name);
  var band = el('p', { margin: '0', padding: '8px 14px', background: card.colour, color: '#ffffff', 'font-weight': '600',
    'font-size': '13px' }, t.label + ' · ' + card.producer, box);
  var body = el('div', { display: 'flex', gap: '12px', padding: '12px 14px', 'align-items': 'flex-start' }, null, box);
  if (card.image) {
    var img = el('img', { width: '64px', height: '80px', 'object-fit': 'contain', 'flex': 'none', 'border-radius': '8px',
      background: '#f4f2ec' }, null, body);
    img.alt = '';
    img.referrerPolicy = 'no-referrer';
    img.addEventListener('error', function () { img.remove(); });
    img.src = url(card.image);
  }
  var text = el('div', { 'min-width': '0' }, null, body);
  el('p', { margin: '0 0 2px', 'font-weight': '700', 'font-size': '17px', 'line-height': '1.25' }, t.name, text);
  if (t.origin) el('p', { margin: '0 0 6px' }, t.origin, text);
  var chips = [];
  if (t.certifications.length) {
    var list = el('ul', { display: 'flex', 'flex-wrap': 'wrap', gap: '4px', margin: '0 0 6px', padding: '0', 'list-style': 'none' }, null, text);
    t.certifications.forEach(function (name) {
      chips.push(el('li', { padding: '1px 8px', 'border-radius': '99px', background: '#e3f1e7', color: '#17643a',
        'font-weight': '600', 'font-size': '13px' }, name, list));
    });
  }
  var seal = el('p', { margin: '0', 'font-weight': '600', color: '#545b57' }, t.signed, text);
  var link = el('a', { display: 'block', padding: '9px 14px', 'border-top': '1px solid #d6d2c8', color: card.colour,
    'font-weight': '600', 'text-decoration': 'none' }, t.open + ' →', box);
  link.href = url(card.passport[lang] || card.passport[card.languages[0]]);
  link.target = '_blank';
  link.rel = 'noopener noreferrer';

  // The signature of the passport this card summarises, checked here with the producer's key.
  function bytes(text) {
    var s = String(text).replace(/-/g, '+').replace(/_/g, '/');
    while (s.length % 4) s += '=';
    var bin = atob(s), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  var proof = card.proof;
  if (!proof || !window.crypto || !crypto.subtle) return;
  var parts = proof.jws.split('.'), message = new TextEncoder().encode(parts[0] + '.' + parts[1]);
  proof.keys.reduce(function (done, key) {
    return done.then(function (ok) {
      return ok || crypto.subtle.importKey('raw', bytes(key), { name: 'Ed25519' }, false, ['verify'])
        .then(function (k) { return crypto.subtle.verify({ name: 'Ed25519' }, k, bytes(parts[2]), message); });
    });
  }, Promise.resolve(false)).then(function (ok) {
    seal.textContent = ok ? '✓ ' + t.checked : '! ' + t.bad;
    seal.style.setProperty('color', ok ? '#17643a' : '#a0161b');
    host.setAttribute('data-signature', ok ? 'valid' : 'invalid');
    // A failed check leaves no green on the card.
    if (!ok) chips.forEach(function (chip) { chip.style.setProperty('color', '#3d4340'); chip.style.setProperty('background', '#eceae4'); });
  }, function () { host.setAttribute('data-signature', 'unchecked'); });
