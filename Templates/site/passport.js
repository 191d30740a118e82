// passport — checks made in the browser when the page is viewed. Progressive enhancement: the page
// is complete without this file. No library, nothing loaded from other hosts; record text is only
// ever set with textContent.
(function () {
  'use strict';
  var doc = document;

  function fill(text, values) {
    return String(text || '').replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }
  function isoToday() { return new Date().toISOString().slice(0, 10); }
  function daysBetween(a, b) {
    return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / 86400000);
  }
  function say(el, text, state) {
    el.textContent = text;
    el.classList.remove('ok', 'warn', 'bad');
    if (state) el.classList.add(state);
  }

  // Certificate status on the day the page is read (the page shows the build day's).
  function certificates() {
    var section = doc.getElementById('certifications');
    var t = section ? section.dataset : {};
    var today = isoToday();
    doc.querySelectorAll('[data-valid-until]').forEach(function (el) {
      var from = el.dataset.validFrom, until = el.dataset.validUntil, state, text;
      if (today < from) {
        state = 'warn'; text = fill(t.tNotYet, { n: daysBetween(today, from) });
      } else if (today > until) {
        state = 'bad'; text = t.tExpired;
      } else {
        var left = daysBetween(today, until);
        state = left <= 90 ? 'warn' : 'ok';
        text = left > 90 ? t.tValid : left === 0 ? t.tExpiresToday : left === 1 ? t.tExpiresInOne
          : fill(t.tExpiresIn, { n: left });
      }
      el.classList.remove('ok', 'warn', 'bad');
      el.classList.add(state);
      if (el.classList.contains('status') && text) el.textContent = text;
    });
  }

  function bytes64(text) {
    var s = String(text).replace(/-/g, '+').replace(/_/g, '/');
    while (s.length % 4) s += '=';
    var bin = atob(s), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  function keys() {
    return Array.prototype.map.call(doc.querySelectorAll('#proof [data-key]'), function (el) {
      return { kid: el.dataset.kid, raw: el.dataset.key };
    });
  }
  // True when any of `candidates` verifies `signature` over `message` (bytes).
  function verifyWithAny(candidates, signature, message) {
    return candidates.reduce(function (done, key) {
      return done.then(function (ok) {
        if (ok) return true;
        return crypto.subtle.importKey('raw', bytes64(key.raw), { name: 'Ed25519' }, false, ['verify'])
          .then(function (k) { return crypto.subtle.verify({ name: 'Ed25519' }, k, signature, message); });
      });
    }, Promise.resolve(false));
  }
  function ed25519Supported() {
    var list = keys();
    if (!window.crypto || !crypto.subtle || !list.length) return Promise.resolve(false);
    return crypto.subtle.importKey('raw', bytes64(list[0].raw), { name: 'Ed25519' }, false, ['verify'])
      .then(function () { return true; }, function () { return false; });
  }

  // The passport's compact JWS (the published dpp.jwt, same origin): header.payload signed with one
  // of the producer's keys.
  function checkPassport(supported) {
    var proof = doc.getElementById('proof'), out = doc.getElementById('sig-status');
    if (!proof || !out) return;
    var t = proof.dataset;
    if (!supported) { say(out, t.tUnsupported, 'warn'); return; }
    say(out, t.tChecking, '');
    var load = fetch(t.jwt, { cache: 'no-cache' }).then(function (r) {
      if (!r.ok) throw new Error('unavailable');
      return r.text();
    });
    load.then(function (jws) {
      var parts = jws.trim().split('.');
      if (parts.length !== 3) return false;
      var header = JSON.parse(new TextDecoder().decode(bytes64(parts[0])));
      if (header.alg !== 'EdDSA' && header.alg !== 'Ed25519') return false;
      var list = keys(), named = list.filter(function (k) {
        return header.kid && (k.kid === header.kid || (header.kid.charAt(0) === '#' && k.kid.slice(-header.kid.length) === header.kid));
      });
      var message = new TextEncoder().encode(parts[0] + '.' + parts[1]);
      return verifyWithAny(named.length ? named : list, bytes64(parts[2]), message);
    }).then(function (ok) {
      say(out, ok ? fill(t.tValid, { issuer: t.issuer }) : t.tInvalid, ok ? 'ok' : 'bad');
      doc.documentElement.dataset.signature = ok ? 'valid' : 'invalid';
      var seal = doc.getElementById('seal');
      if (seal) {
        seal.classList.add(ok ? 'ok' : 'bad');
        var text = seal.querySelector('.seal-text'), mark = seal.querySelector('.seal-mark');
        if (text) text.textContent = ok ? seal.dataset.tChecked : seal.dataset.tBad;
        if (mark && !ok) mark.textContent = '!';
      }
    }, function (error) {
      var unavailable = error && error.message === 'unavailable';
      say(out, unavailable ? t.tUnavailable : t.tInvalid, unavailable ? 'warn' : 'bad');
      doc.documentElement.dataset.signature = unavailable ? 'unavailable' : 'invalid';
    });
  }

  // RFC 3986: keep only unreserved characters.
  function encode(text) {
    return encodeURIComponent(text).replace(/[!'()*]/g, function (c) {
      return '%' + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  // A unit code lands here as ?serial=…&s=…: show the serial and check its signature.
  function checkUnit(supported) {
    var el = doc.getElementById('unit');
    var query = new URLSearchParams(location.search), serial = query.get('serial');
    if (!el || !serial) return;
    var d = el.dataset, signature = query.get('s');
    el.hidden = false;
    var digits = serial.slice(d.prefix.length), number = parseInt(digits, 10);
    var inRange = serial.indexOf(d.prefix) === 0 && /^[0-9]+$/.test(digits)
      && digits.length === Math.max(+d.digits, String(number).length)
      && number >= +d.first && number < +d.first + +d.count;
    if (!inRange) { say(el, fill(d.tOutside, { serial: serial }), 'bad'); return; }
    if (!signature) { say(el, fill(d.tUnsigned, { serial: serial }), ''); return; }
    say(el, fill(d.tUnit, { serial: serial }), '');
    if (!supported) return;
    var message = new TextEncoder().encode(d.base + encode(serial));
    var sig;
    try { sig = bytes64(signature); } catch (e) { sig = new Uint8Array(0); }
    verifyWithAny(keys(), sig, message).then(function (ok) {
      say(el, fill(ok ? d.tSigned : d.tBad, { serial: serial }), ok ? 'ok' : 'bad');
      doc.documentElement.dataset.unit = ok ? 'valid' : 'invalid';
    }, function () {
      say(el, fill(d.tBad, { serial: serial }), 'bad');
      doc.documentElement.dataset.unit = 'invalid';
    });
  }

  function start() {
    certificates();
    ed25519Supported().then(function (supported) {
      checkUnit(supported);
      checkPassport(supported);
    });
  }
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start); else start();
})();
