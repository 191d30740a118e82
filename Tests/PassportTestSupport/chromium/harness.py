"""Loads pages in headless Chromium over the DevTools protocol and reports, per visit, console
problems, every request, values of JavaScript expressions and screenshots. Reads a job (JSON,
ChromiumHarness.Job) on standard input, writes the results (JSON) on standard output.

The pages come from a built site served by `python3 -m http.server` on 127.0.0.1 (`site`), or from
a server already running at `origin` (a `passport serve`). Python 3 standard library only."""
import base64, json, os, shutil, socket, subprocess, sys, tempfile, time, urllib.error, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from devtools import Socket, evaluate, problems_and_requests, step

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

# Chromium's own camera (a moving test pattern) with the permission prompt answered yes.
FAKE_CAMERA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']


def free_port():
    s = socket.socket(); s.bind(('127.0.0.1', 0)); port = s.getsockname()[1]; s.close(); return port


def answers(url):
    """Whether an HTTP server answers at `url` (any status: a 404 is an answer)."""
    try:
        urllib.request.urlopen(url, timeout=1).read()
    except urllib.error.HTTPError:
        pass
    return True


def visit_page(ws, visit, base):
    """Navigates to the visit's page, runs its steps, evaluates its expressions; returns its result."""
    scripts = [ws.call('Page.addScriptToEvaluateOnNewDocument', {'source': source})['identifier']
               for source in visit.get('beforeScripts') or []]
    ws.events = []
    ws.call('Page.navigate', {'url': base + visit['path']})
    last, stable_since = None, time.time()
    deadline = time.time() + 15
    while time.time() < deadline:
        ws.pump(0.2)
        state = evaluate(ws, 'location.href + "|" + document.readyState')
        if state != last: last, stable_since = state, time.time()
        elif state.endswith('|complete') and time.time() - stable_since > 0.8: break
    failure = None
    for index, action in enumerate(visit.get('steps') or []):
        why = step(ws, action)
        if why:
            failure = 'step %d (%s): %s' % (index + 1, json.dumps(action), why)
            break
    values = {name: evaluate(ws, expr) for name, expr in sorted(visit['evaluate'].items())}
    for identifier in scripts:
        ws.call('Page.removeScriptToEvaluateOnNewDocument', {'identifier': identifier})
    return last, failure, values


def main():
    job = json.load(sys.stdin)
    cdp_port = free_port()
    profile = tempfile.mkdtemp(prefix='passport-chromium-')
    children = []
    if job.get('origin'):
        origin = job['origin'].rstrip('/')
    else:
        http_port = free_port()
        origin = 'http://127.0.0.1:%d' % http_port
        if job.get('serve404'):
            command = [sys.executable, '-c', FALLBACK_SERVER, str(http_port), job['site']]
        else:
            command = [sys.executable, '-m', 'http.server', '--bind', '127.0.0.1', str(http_port), '--directory', job['site']]
        children.append(subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
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
    camera = FAKE_CAMERA if any(visit.get('camera') for visit in job['visits']) else []
    browser = subprocess.Popen([job['chromium'], '--headless=new', '--no-sandbox', '--disable-gpu',
                                '--remote-debugging-port=%d' % cdp_port, '--remote-debugging-address=127.0.0.1',
                                '--user-data-dir=' + profile, '--no-first-run', '--no-default-browser-check',
                                '--disable-background-networking', '--disable-component-update', '--disable-sync',
                                '--disable-extensions', '--hide-scrollbars'] + camera + ['about:blank'],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results = []
    try:
        target = None
        for _ in range(200):
            try:
                answers(origin + '/')
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
            base = foreign_origin if visit.get('foreign') else origin
            last, failure, values = visit_page(ws, visit, base)
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
            problems, requests = problems_and_requests(ws.events)
            results.append({'path': visit['path'], 'finalURL': last.split('|')[0] if last else '', 'origin': origin,
                            'foreignOrigin': foreign_origin if visit.get('foreign') else None,
                            'problems': problems, 'requests': requests, 'values': values, 'stepFailure': failure})
    finally:
        # SIGKILL: a signal mask inherited from the test runner can leave SIGTERM pending forever.
        for child in [browser] + children:
            child.kill()
            child.wait(10)
        shutil.rmtree(profile, ignore_errors=True)
    json.dump(results, sys.stdout)


main()
