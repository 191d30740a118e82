// passport — checks made in the browser when the page is viewed. Progressive enhancement: the page
// is complete without this file. No library, nothing loaded from other hosts; record text is only
// ever set with textContent.
//
// One verdict: the recall, the passport's signature and the unit code are combined into the state
// on <html data-verdict="ok|warn|bad|pending">, and the words of the verdict box; the stylesheet
// colours the whole page from that attribute, so no check below can contradict it.
(function () {
  'use strict';
  var doc = document, root = doc.documentElement;

  function fill(text, values) {
    return String(text || '').replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }
  function isoToday() { return new Date().toISOString().slice(0, 10); }
  function daysBetween(a, b) {
    return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / 86400000);
  }

  // Certificate status on the day the page is read (the page shows the build day's).
  function certificates() {
    var section = doc.getElementById('certifications') || doc.querySelector('[data-warn-days]');
    var t = section ? section.dataset : {}, warn = +(t.warnDays || 30);
    var today = isoToday();
    doc.querySelectorAll('[data-valid-until]').forEach(function (el) {
      var from = el.dataset.validFrom, until = el.dataset.validUntil, state, text;
      if (today < from) {
        state = 'warn'; text = fill(t.tNotYet, { n: daysBetween(today, from) });
      } else if (today > until) {
        state = 'bad'; text = t.tExpired;
      } else {
        var left = daysBetween(today, until);
        state = left <= warn ? 'warn' : 'ok';
        text = left > warn ? t.tValid : left === 0 ? t.tExpiresToday : left === 1 ? t.tExpiresInOne
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
  // of the producer's keys. Resolves to 'valid', 'invalid', 'unavailable' or 'unsupported'.
  function checkPassport(supported) {
    var proof = doc.getElementById('proof');
    if (!proof || !proof.dataset.jwt) return Promise.resolve('none');
    if (!supported) return Promise.resolve('unsupported');
    return fetch(proof.dataset.jwt, { cache: 'no-cache' }).then(function (r) {
      if (!r.ok) throw new Error('unavailable');
      return r.text();
    }).then(function (jws) {
      var parts = jws.trim().split('.');
      if (parts.length !== 3) return false;
      var header = JSON.parse(new TextDecoder().decode(bytes64(parts[0])));
      if (header.alg !== 'EdDSA' && header.alg !== 'Ed25519') return false;
      var list = keys(), named = list.filter(function (k) {
        return header.kid && (k.kid === header.kid || (header.kid.charAt(0) === '#' && k.kid.slice(-header.kid.length) === header.kid));
      });
      var message = new TextEncoder().encode(parts[0] + '.' + parts[1]);
      return verifyWithAny(named.length ? named : list, bytes64(parts[2]), message);
    }).then(function (ok) { return ok ? 'valid' : 'invalid'; }, function (error) {
      return error && error.message === 'unavailable' ? 'unavailable' : 'invalid';
    });
  }

  // W3C Bitstring Status List: fetch each signed list named by the passport (same origin), check its
  // signature with the producer's keys, inflate its bits and read the passport's bit. Says nothing
  // when the browser cannot (no DecompressionStream, no Ed25519) or a list cannot be loaded.
  function readStatus(href, index, purpose) {
    return fetch(href, { cache: 'no-cache' }).then(function (r) {
      if (!r.ok) throw new Error('unavailable');
      return r.text();
    }).then(function (jws) {
      var parts = jws.trim().split('.');
      if (parts.length !== 3) throw new Error('not a list');
      var message = new TextEncoder().encode(parts[0] + '.' + parts[1]);
      return verifyWithAny(keys(), bytes64(parts[2]), message).then(function (ok) {
        if (!ok) throw new Error('not signed by the producer');
        var list = JSON.parse(new TextDecoder().decode(bytes64(parts[1])));
        var subject = list.credentialSubject || {};
        if (subject.statusPurpose !== purpose || String(subject.encodedList).charAt(0) !== 'u') throw new Error('not this list');
        var gzip = new Blob([bytes64(subject.encodedList.slice(1))]).stream().pipeThrough(new DecompressionStream('gzip'));
        return new Response(gzip).arrayBuffer().then(function (buffer) {
          var bits = new Uint8Array(buffer), i = +index;
          if (bits.length < 16384 || i >= bits.length * 8) throw new Error('too short');
          return { set: (bits[i >> 3] & (0x80 >> (i & 7))) !== 0, date: String(list.validFrom || '').slice(0, 10) };
        });
      });
    });
  }
  // Resolves to 'none' (no list, or the browser cannot check), 'clear', 'revoked' or 'suspended'.
  function checkStatus(supported) {
    var el = doc.getElementById('status-check');
    if (!el || !supported || typeof DecompressionStream === 'undefined') return Promise.resolve('none');
    var d = el.dataset, checks = [];
    if (d.revocation) checks.push(readStatus(d.revocation, d.revocationIndex, 'revocation'));
    if (d.suspension) checks.push(readStatus(d.suspension, d.suspensionIndex, 'suspension'));
    if (!checks.length) return Promise.resolve('none');
    return Promise.all(checks).then(function (results) {
      var revoked = d.revocation && results[0].set, suspended = d.suspension && results[results.length - 1].set;
      var state = revoked ? 'revoked' : suspended ? 'suspended' : 'clear';
      el.textContent = revoked ? d.tRevoked : suspended ? d.tSuspended : fill(d.tClear, { date: results[0].date });
      el.classList.add(state === 'clear' ? 'ok' : 'bad');
      el.hidden = false;
      root.dataset.status = state;
      return state;
    }, function () { return 'none'; /* degrade silently: the signature check still stands */ });
  }

  // RFC 3986: keep only unreserved characters.
  function encode(text) {
    return encodeURIComponent(text).replace(/[!'()*]/g, function (c) {
      return '%' + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  // A unit code lands here as ?serial=…&s=…. Resolves to 'none', 'outside', 'unsigned', 'valid',
  // 'invalid' or 'unchecked' (no Ed25519 in this browser).
  function checkUnit(supported) {
    var el = doc.getElementById('unit');
    var query = new URLSearchParams(location.search), serial = query.get('serial');
    if (!el || !serial) return Promise.resolve({ state: 'none' });
    var d = el.dataset, signature = query.get('s');
    var digits = serial.slice(d.prefix.length), number = parseInt(digits, 10);
    var inRange = serial.indexOf(d.prefix) === 0 && /^[0-9]+$/.test(digits)
      && digits.length === Math.max(+d.digits, String(number).length)
      && number >= +d.first && number < +d.first + +d.count;
    if (!inRange) return Promise.resolve({ state: 'outside', serial: serial });
    if (!signature) return Promise.resolve({ state: 'unsigned', serial: serial });
    if (!supported) return Promise.resolve({ state: 'unchecked', serial: serial });
    var sig;
    try { sig = bytes64(signature); } catch (e) { sig = new Uint8Array(0); }
    return verifyWithAny(keys(), sig, new TextEncoder().encode(d.base + encode(serial))).then(function (ok) {
      return { state: ok ? 'valid' : 'invalid', serial: serial };
    }, function () { return { state: 'invalid', serial: serial }; });
  }

  // The verdict from every check, worst first: [state, title key, detail key].
  function judge(recalled, signature, unit, status) {
    if (recalled) return ['bad'];
    if (status === 'revoked') return ['bad', 'revokedTitle', 'revokedDetail'];
    if (status === 'suspended') return ['bad', 'suspendedTitle', 'suspendedDetail'];
    if (unit === 'invalid') return ['bad', 'unitBadTitle', 'unitBadDetail'];
    if (unit === 'outside') return ['bad', 'unitOutsideTitle', 'unitOutsideDetail'];
    if (signature === 'invalid') return ['bad', 'sigBadTitle', 'sigBadDetail'];
    if (signature === 'valid' && unit === 'unsigned') return ['warn', 'unitUnsignedTitle', 'unitUnsignedDetail'];
    if (signature === 'valid' && unit === 'valid') return ['ok', 'unitOkTitle', 'unitOkDetail'];
    if (signature === 'valid') return ['ok', 'okTitle', 'okDetail'];
    if (signature === 'unsupported') return ['pending', null, 'unsupportedDetail'];
    if (signature === 'unavailable') return ['pending', null, 'unavailableDetail'];
    return ['pending', null, null];
  }

  function show(signature, unit, status) {
    var box = doc.getElementById('verdict');
    if (!box) return;
    var t = box.dataset, serial = { serial: unit.serial || '' };
    var verdict = judge(t.recalled === 'true', signature, unit.state, status);
    root.dataset.verdict = verdict[0];
    if (signature !== 'none') root.dataset.signature = signature;
    if (unit.state !== 'none') root.dataset.unit = unit.state;
    var title = box.querySelector('.verdict-title'), detail = doc.getElementById('verdict-detail');
    if (verdict[1] && title) title.textContent = fill(t['t' + verdict[1].charAt(0).toUpperCase() + verdict[1].slice(1)], serial);
    if (verdict[2] && detail) detail.textContent = fill(t['t' + verdict[2].charAt(0).toUpperCase() + verdict[2].slice(1)], serial);
    var label = doc.getElementById('unit');
    if (label && unit.serial) { label.hidden = false; label.textContent = fill(t.tUnitLabel, serial); }
    var state = doc.querySelector('#sig-status .sig-state');
    var words = { valid: t.tProofChecked, invalid: t.tProofBad, unsupported: t.tProofUnsupported, unavailable: t.tProofUnavailable };
    if (state && words[signature]) state.textContent = words[signature];
  }

  function start() {
    certificates();
    var box = doc.getElementById('verdict'), detail = doc.getElementById('verdict-detail');
    if (box && detail && box.dataset.recalled !== 'true') detail.textContent = box.dataset.tChecking;
    ed25519Supported().then(function (supported) {
      return Promise.all([checkPassport(supported), checkUnit(supported), checkStatus(supported)]);
    }).then(function (results) { show(results[0], results[1], results[2]); });
  }
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start); else start();
})();
