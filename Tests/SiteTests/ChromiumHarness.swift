import Foundation
import PassportTestSupport

/// Loads pages of a built site in headless Chromium over the DevTools protocol, served by
/// `python3 -m http.server` on 127.0.0.1, and reports console errors, every request, values of
/// JavaScript expressions, and screenshots.
enum ChromiumHarness {
    static let chromium = "/usr/bin/chromium"
    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: chromium)
    }

    struct Visit: Encodable {
        var path: String
        var width: Int
        var height: Int
        var mobile: Bool
        var screenshot: String?
        var evaluate: [String: String]
        /// Reader languages (`navigator.languages`), e.g. "it-IT,it"; nil keeps Chromium's.
        var acceptLanguage: String? = nil
        /// Emulated `prefers-color-scheme` (`dark`), `prefers-reduced-motion` (`reduce`) and media type (`print`).
        var colorScheme: String? = nil
        var reducedMotion: String? = nil
        var media: String? = nil
        /// Load the page from the foreign origin (`Job.foreign`) instead of the site's.
        var foreign: Bool = false
        /// Run axe-core (`Job.axe`) on the page; its serious and critical violations land in `values["axe"]`.
        var axe: Bool = false
    }

    /// A page of another site (a web shop) served from a second loopback port with its own
    /// Content-Security-Policy header; `{{SITE}}` in either stands for the passport site's origin.
    struct Foreign: Encodable {
        var path: String
        var html: String
        var csp: String
    }

    struct Result: Decodable {
        var path: String
        var finalURL: String
        var origin: String
        var problems: [String]
        var requests: [String]
        var values: [String: String]
        /// The shop's origin, for a visit to the foreign page.
        var foreignOrigin: String?
    }

    struct Job: Encodable {
        var chromium: String
        var site: String
        var visits: [Visit]
        var serve404: Bool
        var foreign: Foreign?
        var axe: String?
    }

    /// - Parameter serve404: serve `404.html` for missing files, as GitHub Pages or nginx's
    ///   `error_page` do (`python3 -m http.server` answers a bare error page).
    static func run(site: URL, visits: [Visit], serve404: Bool = false, foreign: Foreign? = nil) throws -> [Result] {
        let folder = try TemporaryFolder.kept("cdp")
        let script = folder.appendingPathComponent("harness.py")
        try Data(source.utf8).write(to: script)
        let axe = visits.contains(where: \.axe) ? AxeCore.script?.path : nil
        let input = try JSONEncoder().encode(Job(chromium: chromium, site: site.path, visits: visits,
                                                 serve404: serve404, foreign: foreign, axe: axe))
        let result = try ExternalTool.run("python3", [script.path], input: input)
        guard result.status == 0 else {
            throw HarnessError(message: result.stderr)
        }
        return try JSONDecoder().decode([Result].self, from: result.stdoutData)
    }

    struct HarnessError: Error, CustomStringConvertible {
        var message: String
        var description: String { "Chromium harness failed: \(message)" }
    }

    /// Python 3 standard library only: a minimal WebSocket client for the DevTools protocol.
    static let source = #"""
import base64, json, os, socket, struct, subprocess, sys, tempfile, time, urllib.request, shutil

FALLBACK_SERVER = """
import functools, http.server, os, sys
class Handler(http.server.SimpleHTTPRequestHandler):
    def send_error(self, code, message=None, explain=None):
        page = os.path.join(self.directory, '404.html')
        if code != 404 or not os.path.exists(page):
            return super().send_error(code, message, explain)
        body = open(page, 'rb').read()
        self.send_response(404)
        self.send_header('Content-Type', 'text/html; charset=utf-8')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])),
    functools.partial(Handler, directory=sys.argv[2])).serve_forever()
"""

FOREIGN_SERVER = """
import http.server, json, sys
page = json.loads(sys.argv[2])
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.split('?')[0] != page['path']:
            self.send_response(404); self.end_headers(); return
        body = page['html'].encode()
        self.send_response(200)
        self.send_header('Content-Type', 'text/html; charset=utf-8')
        self.send_header('Content-Security-Policy', page['csp'])
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args): pass
http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), Handler).serve_forever()
"""

AXE_RUN = """axe.run(document, {resultTypes: ['violations']}).then(function (r) {
  return r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
    .map(function (v) { return v.id + ' (' + v.impact + '): ' + v.nodes.map(function (n) { return n.target.join(' '); }).slice(0, 4).join(', '); })
    .join('; ');
})"""

def free_port():
    s = socket.socket(); s.bind(('127.0.0.1', 0)); port = s.getsockname()[1]; s.close(); return port

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

def evaluate(ws, expression):
    r = ws.call('Runtime.evaluate', {'expression': expression, 'returnByValue': True, 'awaitPromise': True})
    if 'exceptionDetails' in r: return 'exception: ' + json.dumps(r['exceptionDetails'].get('text'))
    v = r.get('result', {}).get('value')
    return v if isinstance(v, str) else json.dumps(v)

def main():
    job = json.load(sys.stdin)
    http_port, cdp_port = free_port(), free_port()
    origin = 'http://127.0.0.1:%d' % http_port
    profile = tempfile.mkdtemp(prefix='passport-chromium-')
    if job.get('serve404'):
        command = [sys.executable, '-c', FALLBACK_SERVER, str(http_port), job['site']]
    else:
        command = [sys.executable, '-m', 'http.server', '--bind', '127.0.0.1', str(http_port), '--directory', job['site']]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children = [server]
    foreign_origin = None
    if job.get('foreign'):
        page = dict(job['foreign'])
        page['html'] = page['html'].replace('{{SITE}}', origin)
        page['csp'] = page['csp'].replace('{{SITE}}', origin)
        foreign_port = free_port()
        foreign_origin = 'http://127.0.0.1:%d' % foreign_port
        children.append(subprocess.Popen([sys.executable, '-c', FOREIGN_SERVER, str(foreign_port), json.dumps(page)],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    axe_source = open(job['axe']).read() if job.get('axe') else None
    browser = subprocess.Popen([job['chromium'], '--headless=new', '--no-sandbox', '--disable-gpu',
                                '--remote-debugging-port=%d' % cdp_port, '--remote-debugging-address=127.0.0.1',
                                '--user-data-dir=' + profile, '--no-first-run', '--no-default-browser-check',
                                '--disable-background-networking', '--disable-component-update', '--disable-sync',
                                '--disable-extensions', '--hide-scrollbars', 'about:blank'],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results = []
    try:
        target = None
        for _ in range(200):
            try:
                urllib.request.urlopen(origin + '/', timeout=1).read()
                if foreign_origin: urllib.request.urlopen(foreign_origin + job['foreign']['path'], timeout=1).read()
                pages = json.load(urllib.request.urlopen('http://127.0.0.1:%d/json/list' % cdp_port, timeout=1))
                target = next((p for p in pages if p.get('type') == 'page'), None)
                if target: break
            except Exception:
                pass
            time.sleep(0.1)
        if not target: raise Exception('Chromium or the HTTP server did not start')
        ws = Socket(target['webSocketDebuggerUrl'])
        for domain in ('Page', 'Runtime', 'Log', 'Network'):
            ws.call(domain + '.enable')
        agent = ws.call('Browser.getVersion')['userAgent']
        for visit in job['visits']:
            if visit.get('acceptLanguage'):
                ws.call('Emulation.setUserAgentOverride', {'userAgent': agent, 'acceptLanguage': visit['acceptLanguage']})
            ws.call('Emulation.setDeviceMetricsOverride', {'width': visit['width'], 'height': visit['height'],
                                                             'deviceScaleFactor': 1, 'mobile': visit['mobile']})
            features = [{'name': 'prefers-color-scheme', 'value': visit.get('colorScheme') or 'light'},
                        {'name': 'prefers-reduced-motion', 'value': visit.get('reducedMotion') or 'no-preference'}]
            ws.call('Emulation.setEmulatedMedia', {'media': visit.get('media') or '', 'features': features})
            ws.events = []
            base = foreign_origin if visit.get('foreign') else origin
            ws.call('Page.navigate', {'url': base + visit['path']})
            last, stable_since = None, time.time()
            deadline = time.time() + 15
            while time.time() < deadline:
                ws.pump(0.2)
                state = evaluate(ws, 'location.href + "|" + document.readyState')
                if state != last: last, stable_since = state, time.time()
                elif state.endswith('|complete') and time.time() - stable_since > 0.8: break
            values = {name: evaluate(ws, expr) for name, expr in sorted(visit['evaluate'].items())}
            if visit.get('axe') and axe_source:
                evaluate(ws, axe_source + '; "loaded"')
                values['axe'] = evaluate(ws, AXE_RUN)
            if visit.get('screenshot'):
                metrics = ws.call('Page.getLayoutMetrics')
                size = metrics.get('cssContentSize') or metrics['contentSize']
                shot = ws.call('Page.captureScreenshot', {'format': 'png', 'captureBeyondViewport': True,
                    'clip': {'x': 0, 'y': 0, 'width': visit['width'], 'height': min(size['height'], 12000), 'scale': 1}})
                os.makedirs(os.path.dirname(visit['screenshot']), exist_ok=True)
                with open(visit['screenshot'], 'wb') as f: f.write(base64.b64decode(shot['data']))
            ws.pump(0.2)
            problems, requests = [], []
            for e in ws.events:
                method, p = e.get('method'), e.get('params', {})
                if method == 'Runtime.consoleAPICalled' and p.get('type') in ('error', 'warning', 'assert'):
                    problems.append('console.%s: %s' % (p['type'], ' '.join(str(a.get('value', a.get('description'))) for a in p.get('args', []))))
                elif method == 'Runtime.exceptionThrown':
                    problems.append('exception: %s' % json.dumps(p.get('exceptionDetails', {}).get('exception', {}).get('description') or p.get('exceptionDetails', {}).get('text')))
                elif method == 'Log.entryAdded' and p['entry'].get('level') in ('error', 'warning'):
                    problems.append('log.%s: %s %s' % (p['entry']['level'], p['entry'].get('text'), p['entry'].get('url', '')))
                elif method == 'Network.requestWillBeSent':
                    requests.append(p['request']['url'])
            results.append({'path': visit['path'], 'finalURL': last.split('|')[0] if last else '', 'origin': origin,
                            'foreignOrigin': foreign_origin if visit.get('foreign') else None,
                            'problems': problems, 'requests': requests, 'values': values})
    finally:
        # SIGKILL: a signal mask inherited from the test runner can leave SIGTERM pending forever.
        for child in [browser] + children:
            child.kill()
            child.wait(10)
        shutil.rmtree(profile, ignore_errors=True)
    json.dump(results, sys.stdout)

main()
"""#
}
