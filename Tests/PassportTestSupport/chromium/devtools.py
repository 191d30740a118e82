"""A minimal client for Chromium's DevTools protocol, Python 3 standard library only: a WebSocket
(client frames masked, server frames plain), calls that wait for their answer while keeping the
events that arrive meanwhile, and what the harness does with a page (evaluate, click, type, wait).
Used by harness.py (see ChromiumHarness.swift)."""
import base64, json, os, socket, struct, time


class Socket:
    def __init__(self, url):
        rest = url[len('ws://'):]
        hostport, path = rest.split('/', 1)
        host, port = hostport.split(':')
        self.s = socket.create_connection((host, int(port)), timeout=60)
        key = base64.b64encode(os.urandom(16)).decode()
        self.s.sendall(('GET /%s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
                        'Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n' % (path, hostport, key)).encode())
        buf = b''
        while b'\r\n\r\n' not in buf:
            buf += self.s.recv(4096)
        head, self.buf = buf.split(b'\r\n\r\n', 1)
        if b' 101 ' not in head.split(b'\r\n')[0]:
            raise Exception('websocket upgrade failed: %r' % head)
        self.next_id = 0
        self.events = []

    def send(self, method, params=None):
        self.next_id += 1
        data = json.dumps({'id': self.next_id, 'method': method, 'params': params or {}}).encode()
        mask = os.urandom(4)
        n = len(data)
        head = bytes([0x81])
        if n < 126: head += bytes([0x80 | n])
        elif n < 65536: head += bytes([0x80 | 126]) + struct.pack('>H', n)
        else: head += bytes([0x80 | 127]) + struct.pack('>Q', n)
        self.s.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))
        return self.next_id

    def read(self, n):
        while len(self.buf) < n:
            chunk = self.s.recv(1 << 20)
            if not chunk: raise EOFError('devtools closed')
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def message(self):
        payload = b''
        while True:
            b0, b1 = self.read(2)
            n = b1 & 0x7f
            if n == 126: n = struct.unpack('>H', self.read(2))[0]
            elif n == 127: n = struct.unpack('>Q', self.read(8))[0]
            mask = self.read(4) if b1 & 0x80 else None
            data = self.read(n)
            if mask: data = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
            op = b0 & 0x0f
            if op == 8: raise EOFError('devtools closed')
            if op in (9, 10): continue
            payload += data
            if b0 & 0x80: return json.loads(payload)

    def call(self, method, params=None):
        wanted = self.send(method, params)
        while True:
            m = self.message()
            if m.get('id') == wanted:
                if 'error' in m: raise Exception('%s: %s' % (method, m['error']))
                return m.get('result', {})
            self.events.append(m)

    def pump(self, seconds):
        self.s.settimeout(seconds)
        try:
            while True: self.events.append(self.message())
        except (socket.timeout, TimeoutError):
            pass
        finally:
            self.s.settimeout(60)


def value(ws, expression):
    """The value of `expression` in the page (promises awaited), or raises with the page's exception."""
    r = ws.call('Runtime.evaluate', {'expression': expression, 'returnByValue': True, 'awaitPromise': True})
    if 'exceptionDetails' in r: raise PageException(r['exceptionDetails'])
    return r.get('result', {}).get('value')


class PageException(Exception):
    """An exception thrown by an expression: its DevTools details (`text`, `exception.description`)."""
    def __init__(self, details):
        super().__init__(details.get('exception', {}).get('description') or details.get('text'))
        self.text = details.get('text')


def evaluate(ws, expression):
    """The value of `expression` as text: strings as they are, anything else as JSON."""
    try:
        v = value(ws, expression)
    except PageException as e:
        return 'exception: ' + json.dumps(e.text)
    return v if isinstance(v, str) else json.dumps(v)


# Where to click an element as a person would: scrolled into view, shown, and not covered by another.
CLICK_POINT = """(function (selector) {
  var el = document.querySelector(selector);
  if (!el) return 'no element matches';
  el.scrollIntoView({block: 'center', inline: 'center', behavior: 'instant'});
  var r = el.getBoundingClientRect();
  if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') return 'it is not shown';
  var x = r.left + r.width / 2, y = r.top + r.height / 2, top = document.elementFromPoint(x, y);
  if (top !== el && !el.contains(top)) return 'it is covered by ' + (top ? top.tagName.toLowerCase() + (top.id ? '#' + top.id : '') : 'nothing');
  return [x, y];
})(%s)"""


def click(ws, selector):
    """A left click with the mouse in the middle of `selector`'s element; None, or why it could not be clicked."""
    point = value(ws, CLICK_POINT % json.dumps(selector))
    if not isinstance(point, list): return 'cannot click %s: %s' % (selector, point)
    x, y = point
    ws.call('Input.dispatchMouseEvent', {'type': 'mouseMoved', 'x': x, 'y': y})
    for kind in ('mousePressed', 'mouseReleased'):
        ws.call('Input.dispatchMouseEvent', {'type': kind, 'x': x, 'y': y, 'button': 'left', 'clickCount': 1})
    return None


def type_text(ws, text):
    """Types `text` into the focused element, as a keyboard would (Input.insertText); None, or why not."""
    focused = value(ws, 'document.activeElement && document.activeElement !== document.body')
    if not focused: return 'cannot type: nothing has the focus'
    ws.call('Input.insertText', {'text': text})
    return None


def wait_until(ws, expression, timeout):
    """Polls `expression` until it is true (events keep arriving meanwhile); None, or why it failed.
    The timeout is a safety net for a page that never gets there, not a measure of speed."""
    deadline = time.time() + timeout
    last = None
    while True:
        try:
            last = value(ws, 'Boolean(%s)' % expression)
        except PageException as e:
            last = 'exception: %s' % e
        if last is True: return None
        if time.time() > deadline:
            return 'waited %g s for %s; it stayed %s' % (timeout, expression, json.dumps(last))
        ws.pump(0.05)


def step(ws, action):
    """Runs one step of a visit ({'click': selector} | {'type': text} | {'until': expression, 'timeout': s})."""
    if action.get('click') is not None: return click(ws, action['click'])
    if action.get('type') is not None: return type_text(ws, action['type'])
    if action.get('until') is not None: return wait_until(ws, action['until'], action.get('timeout') or 30)
    return 'unknown step %s' % json.dumps(action)


def problems_and_requests(events):
    """Console errors and warnings, uncaught exceptions and log errors; the URL of every request."""
    problems, requests = [], []
    for e in events:
        method, p = e.get('method'), e.get('params', {})
        if method == 'Runtime.consoleAPICalled' and p.get('type') in ('error', 'warning', 'assert'):
            problems.append('console.%s: %s' % (p['type'], ' '.join(str(a.get('value', a.get('description'))) for a in p.get('args', []))))
        elif method == 'Runtime.exceptionThrown':
            problems.append('exception: %s' % json.dumps(p.get('exceptionDetails', {}).get('exception', {}).get('description') or p.get('exceptionDetails', {}).get('text')))
        elif method == 'Log.entryAdded' and p['entry'].get('level') in ('error', 'warning'):
            problems.append('log.%s: %s %s' % (p['entry']['level'], p['entry'].get('text'), p['entry'].get('url', '')))
        elif method == 'Network.requestWillBeSent':
            requests.append(p['request']['url'])
    return problems, requests
