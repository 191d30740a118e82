// passport — the counter page of `passport serve`. A USB scanner types the code into the field and
// presses Enter; the page posts it to /api/verify (with this counter's token, kept in this browser)
// and shows the verdict, large. Keyboard only: the field keeps the focus; Esc clears.
(function () {
  'use strict';
  var main = document.getElementById('main');
  var t = JSON.parse(main.dataset.strings || '{}');
  var form = document.getElementById('scan'), field = document.getElementById('code');
  var result = document.getElementById('result'), recording = document.getElementById('recording');
  var title = document.getElementById('result-title'), advice = document.getElementById('result-advice');
  var reason = document.getElementById('result-reason'), checks = document.getElementById('result-checks');
  var tokenForm = document.getElementById('token-form'), tokenField = document.getElementById('token');
  var cameraButton = document.getElementById('camera'), viewfinder = document.getElementById('viewfinder');
  var storageKey = 'passport-counter-token', busy = false, stream = null, detector = null, starting = false;

  function text(key, values) {
    var value = t[key] || key;
    Object.keys(values || {}).forEach(function (name) { value = value.split('{' + name + '}').join(values[name]); });
    return value;
  }
  function token() { try { return localStorage.getItem(storageKey) || ''; } catch (e) { return ''; } }
  function setToken(value) {
    try { if (value) { localStorage.setItem(storageKey, value); } else { localStorage.removeItem(storageKey); } } catch (e) { /* private mode */ }
  }
  function show(kind, heading, adviceText, reasonText, items) {
    result.className = 'result ' + kind;
    title.textContent = heading;
    advice.textContent = adviceText || '';
    reason.textContent = reasonText || '';
    checks.textContent = '';
    (items || []).forEach(function (check) {
      var item = document.createElement('li');
      item.className = check.outcome;
      item.textContent = check.check + ': ' + check.detail;
      checks.appendChild(item);
    });
  }
  function kindOf(verdict) {
    if (verdict.verdict === 'GENUINE') return 'good';
    if (verdict.verdict === 'GENUINE_WITH_WARNINGS') return 'warn';
    if (verdict.verdict === 'NOT_A_PASSPORT_CODE') return 'notcode';
    return 'bad';
  }
  function check(code) {
    if (busy || !code.trim()) return;
    busy = true;
    show('busy', text('checking'));
    var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    if (token()) headers.Authorization = 'Bearer ' + token();
    fetch('/api/verify', { method: 'POST', headers: headers, body: JSON.stringify({ code: code }), credentials: 'omit' })
      .then(function (response) {
        return response.json().then(function (body) { return { response: response, body: body }; });
      })
      .then(function (answer) {
        if (!answer.response.ok) {
          if (answer.response.status === 401) recording.textContent = text('token_bad');
          show('bad', text('error', { message: answer.body.error || answer.response.status }));
          return;
        }
        var verdict = answer.body, kind = kindOf(verdict);
        show(kind, text('verdict_' + verdict.verdict), text('advice_' + (kind === 'notcode' ? 'notcode' : kind)),
          verdict.reason, kind === 'good' ? [] : verdict.checks.filter(function (c) { return c.outcome !== 'passed'; }));
        recording.textContent = answer.response.headers.get('Passport-Scan-Recorded') === 'yes'
          ? text('recorded', { counter: answer.response.headers.get('Passport-Counter') || '' }) : text('not_recorded');
      })
      .catch(function (error) { show('bad', text('error', { message: String(error) })); })
      .then(function () { busy = false; field.value = ''; field.focus(); });
  }

  form.addEventListener('submit', function (event) { event.preventDefault(); check(field.value); });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') { stopCamera(); field.value = ''; show('idle', text('waiting')); field.focus(); }
  });
  // A counter PC's tab in the background, or a locked phone: the camera goes off.
  document.addEventListener('visibilitychange', function () { if (document.hidden) stopCamera(); });
  tokenForm.addEventListener('submit', function (event) {
    event.preventDefault();
    setToken(tokenField.value.trim());
    tokenField.value = '';
    recording.textContent = text('token_saved');
    field.focus();
  });
  document.getElementById('forget').addEventListener('click', function () {
    setToken('');
    recording.textContent = text('not_recorded');
  });
  if (!token()) recording.textContent = text('not_recorded');

  // The camera, where the browser can read codes itself (BarcodeDetector); a scanner works everywhere.
  function stopCamera() {
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null;
    viewfinder.srcObject = null;
    viewfinder.hidden = true;
    cameraButton.setAttribute('aria-pressed', 'false');
  }
  function scanFrame() {
    if (!stream) return;
    detector.detect(viewfinder).then(function (codes) {
      if (!stream) return; // turned off while this frame was read: the clerk no longer wants it
      if (codes.length && !busy) { stopCamera(); check(codes[0].rawValue); return; }
      setTimeout(scanFrame, 200);
    }).catch(function () { setTimeout(scanFrame, 500); });
  }
  if ('BarcodeDetector' in window && navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    cameraButton.hidden = false;
    cameraButton.addEventListener('click', function () {
      if (starting) return; // a second click while the camera starts would open a second one, never stopped
      if (stream) { stopCamera(); field.focus(); return; }
      detector = detector || new window.BarcodeDetector({ formats: ['qr_code', 'data_matrix'] });
      starting = true;
      navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(function (media) {
        starting = false;
        stream = media;
        viewfinder.srcObject = media;
        viewfinder.hidden = false;
        cameraButton.setAttribute('aria-pressed', 'true');
        return viewfinder.play().then(scanFrame);
      }).catch(function () { starting = false; stopCamera(); show('bad', text('camera_failed')); });
    });
  }
})();
