import Foundation
import PassportTestSupport

/// What the counter page's camera tests put in the browser and read back from it.
///
/// Chromium's fake camera (`ChromiumHarness.Visit.camera`) is real as far as the page can tell:
/// `getUserMedia` answers a live `MediaStream`, and the page's `<video>` plays its moving test
/// pattern. What headless Chromium on Linux lacks is `BarcodeDetector` (Chromium offers it only
/// where the platform reads codes: Android, macOS, ChromeOS), so `detector` stands in for it: its
/// `detect()` finds the given code only in the page's own `<video>` while that plays a live camera
/// stream with frames — a page that never starts the camera never gets a code.
enum CounterCamera {
    /// The page's strings (`Templates/counter/strings/en.json`), to read what it shows.
    static let strings: [String: String] = {
        let url = Checkout.path("Templates/counter/strings/en.json")
        let object = (try? Data(contentsOf: url)).flatMap { try? JSONSerialization.jsonObject(with: $0) }
        return object as? [String: String] ?? [:]
    }()

    /// The verdict colours of `counter.css` (`--good`, `--bad`) as Chromium computes them.
    static let green = "rgb(10, 107, 44)", red = "rgb(160, 20, 30)"

    /// A `BarcodeDetector` that sees `code` in the page's live camera view. With `hold`, a detection
    /// on live video waits until `__detector.release()` (true once it has released one).
    static func detector(finding code: String, hold: Bool = false) -> String {
        """
        (function () {
          var code = \(jsString(code)), hold = \(hold), streams = [], release = null;
          var seen = window.__detector = { made: 0, formats: '', calls: 0, unlit: 0, answered: 0, video: '', pending: false };
          function live(source) {
            var video = document.getElementById('viewfinder');
            return source === video && source instanceof HTMLVideoElement && source.srcObject instanceof MediaStream
              && !source.paused && source.readyState >= 2 && source.videoWidth > 0
              && source.srcObject.getVideoTracks().some(function (t) { return t.readyState === 'live'; });
          }
          function BarcodeDetector(options) { seen.made++; seen.formats = ((options || {}).formats || []).join(','); }
          BarcodeDetector.getSupportedFormats = function () { return Promise.resolve(['qr_code', 'data_matrix']); };
          BarcodeDetector.prototype.detect = function (source) {
            seen.calls++;
            if (!live(source)) { seen.unlit++; return Promise.resolve([]); }
            if (streams.indexOf(source.srcObject) < 0) streams.push(source.srcObject);
            seen.video = source.videoWidth + 'x' + source.videoHeight;
            var found = [{ rawValue: code, format: 'qr_code', cornerPoints: [],
                           boundingBox: new DOMRectReadOnly(0, 0, source.videoWidth, source.videoHeight) }];
            if (!hold) { seen.answered++; return Promise.resolve(found); }
            seen.pending = true;
            return new Promise(function (resolve) {
              release = function () { seen.pending = false; seen.answered++; resolve(found); };
            });
          };
          seen.release = function () { if (!release) return false; release(); release = null; return true; };
          // The tracks of every stream the detector was shown, e.g. "video:ended".
          seen.tracks = function () {
            return streams.map(function (s) { return s.getTracks().map(function (t) { return t.kind + ':' + t.readyState; }).join(','); }).join(' | ');
          };
          window.BarcodeDetector = BarcodeDetector;
        })();
        """
    }

    /// Counts the page's `getUserMedia` calls and holds each camera (a real one) until
    /// `__camera.release()`, which releases them once every call has its camera.
    static let heldCamera = """
        (function () {
          var media = navigator.mediaDevices, real = media.getUserMedia.bind(media), held = [];
          var camera = window.__camera = { asked: 0, streams: [] };
          media.getUserMedia = function (constraints) {
            camera.asked++;
            return real(constraints).then(function (stream) {
              camera.streams.push(stream);
              return new Promise(function (resolve) { held.push(function () { resolve(stream); }); });
            });
          };
          camera.release = function () {
            if (!held.length || camera.streams.length < camera.asked) return false;
            held.splice(0).forEach(function (go) { go(); });
            return true;
          };
          camera.tracks = function () {
            return camera.streams.map(function (s) { return s.getTracks().map(function (t) { return t.kind + ':' + t.readyState; }).join(','); }).join(' | ');
          };
        })();
        """

    /// The page has shown a verdict (not idle, not checking).
    static let verdictShown = "/^result (good|warn|bad|notcode)$/.test(document.getElementById('result').className)"

    /// What the page shows, and the state of its camera.
    static let values = [
        "title": "document.getElementById('result-title').textContent",
        "kind": "document.getElementById('result').className",
        "colour": "getComputedStyle(document.getElementById('result')).borderTopColor",
        "checks": "document.getElementById('result-checks').innerText",
        "recording": "document.getElementById('recording').textContent",
        "viewfinder": "(function (v) { return (v.hidden ? 'hidden' : 'shown') + ', ' + (v.srcObject ? 'stream' : 'no stream'); })(document.getElementById('viewfinder'))",
        "pressed": "document.getElementById('camera').getAttribute('aria-pressed')",
        "tracks": "window.__detector ? window.__detector.tracks() : 'no detector'",
        "detector": "JSON.stringify(window.__detector || null)",
        "focus": "document.activeElement ? document.activeElement.id : ''",
    ]

    /// Enters a counter token the way a clerk does: open Counter setup, type it, Save.
    static func enterToken(_ token: String) -> [ChromiumHarness.Step] {
        [.click("#setup summary"), .click("#token"), .type(token), .click("#token-form button[type=submit]"),
         .wait(until: "document.getElementById('recording').textContent === \(jsString(strings["token_saved"] ?? "?"))")]
    }

    /// The counter page at a phone's size (where `BarcodeDetector` exists: Chrome on Android), camera on.
    static func visit(_ scripts: [String], _ steps: [ChromiumHarness.Step], shot: String) -> ChromiumHarness.Visit {
        var visit = ChromiumHarness.Visit(path: "/counter", width: 390, height: 844, mobile: true,
                                          screenshot: Checkout.path(".build/test-artifacts/serve/\(shot).png").path,
                                          evaluate: values)
        visit.camera = true
        visit.beforeScripts = scripts
        visit.steps = steps
        return visit
    }

    /// The fields of `__detector` as the page left them.
    static func detectorState(_ result: ChromiumHarness.Result) -> [String: Any] {
        let text = result.values["detector"] ?? "null"
        return (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    /// `code` with one character of its signature (`s=`) changed.
    static func tampered(_ code: String) -> String? {
        guard let range = code.range(of: "s="), range.upperBound < code.endIndex else { return nil }
        let first = code[range.upperBound]
        return code.replacingCharacters(in: range.upperBound...range.upperBound, with: first == "A" ? "B" : "A")
    }

    /// `text` as a JavaScript string literal.
    static func jsString(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
}
