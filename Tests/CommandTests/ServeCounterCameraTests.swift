import Foundation
import PassportTestSupport
import Testing

/// The counter page's camera, end to end: the example built and trusted by the `passport` binary,
/// `passport serve` with counter tokens, the page in headless Chromium with its fake camera (see
/// `CounterCamera` for what stands in for `BarcodeDetector`), clicked as a clerk would.
/// Screenshots are kept in `.build/test-artifacts/serve/`.
@Suite("passport serve: the counter page's camera in Chromium", .serialized,
       .enabled(if: ChromiumHarness.isAvailable, "needs /usr/bin/chromium"))
struct ServeCounterCameraTests {
    typealias C = CounterCamera

    /// No console problems, and every request went to the server itself.
    static func checkClean(_ result: ChromiumHarness.Result) {
        #expect(result.stepFailure == nil, "\(result.stepFailure ?? "")")
        #expect(result.problems.isEmpty, "\(result.problems)")
        let elsewhere = result.requests.filter { !$0.hasPrefix(result.origin + "/") }
        #expect(elsewhere.isEmpty, "the counter page reached other hosts: \(elsewhere)")
    }

    /// The camera is off: view hidden and emptied, button not pressed, every track it was shown ended.
    static func checkCameraOff(_ result: ChromiumHarness.Result, tracks: String? = nil) {
        #expect(result.values["viewfinder"] == "hidden, no stream")
        #expect(result.values["pressed"] == "false")
        let tracks = tracks ?? result.values["tracks"] ?? ""
        let states = tracks.split(whereSeparator: { $0 == "," || $0 == "|" }).map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(!states.isEmpty && states.allSatisfy { $0 == "video:ended" }, "camera tracks: \(tracks)")
    }

    @Test("the camera reads a printed unit code: GENUINE in green, recorded for this counter, camera off; another counter then sees SEEN BEFORE")
    func genuine() throws {
        let shop = try VerifyShop()
        let code = try #require(shop.sampleCode, "passport build printed no code to try")
        let till1 = try ServeVerifyTests.addCounter("till-1", shop)
        let till2 = try ServeVerifyTests.addCounter("till-2", shop)
        let server = try ServeVerifyTests.start(shop)
        defer { server.stop() }

        let visit = C.visit([C.detector(finding: code)],
                            C.enterToken(till1) + [.click("#camera"), .wait(until: C.verdictShown)],
                            shot: "counter-camera-genuine")
        let result = try #require(try ChromiumHarness.run(origin: server.base, visits: [visit]).first)
        Self.checkClean(result)
        #expect(result.values["title"] == C.strings["verdict_GENUINE"])
        #expect(result.values["kind"] == "result good")
        #expect(result.values["colour"] == C.green)
        #expect(result.values["recording"] == C.strings["recorded"]?.replacingOccurrences(of: "{counter}", with: "till-1"))
        #expect(result.values["focus"] == "code", "the code field has the focus again, for the scanner")
        Self.checkCameraOff(result)
        // The detector was made for QR codes and read the code once, from live video.
        let detector = C.detectorState(result)
        #expect(detector["made"] as? Int == 1)
        #expect((detector["formats"] as? String)?.contains("qr_code") == true)
        #expect(detector["answered"] as? Int == 1)
        #expect((detector["video"] as? String)?.isEmpty == false, "\(detector)")
        #expect(result.requests.filter { $0 == server.base + "/api/verify" }.count == 1, "\(result.requests)")

        // The scan is in the log under till-1: the same unit at another counter is a copy.
        let rows = try ServeVerifyTests.exported(shop)
        #expect(rows.count == 1 && rows.first?.contains(",till-1,") == true, "\(rows)")
        let elsewhere = try #require(try server.verify(code, token: till2).json() as? [String: Any])
        #expect(elsewhere["verdict"] as? String == "SEEN_BEFORE")
        #expect((elsewhere["earlierScans"] as? [String: Any])?["shops"] as? [String] == ["till-1"])
    }

    @Test("a code with one signature character changed shows the red verdict passport verify gives it, not GENUINE")
    func tampered() throws {
        let shop = try VerifyShop()
        let code = try #require(shop.sampleCode.flatMap(C.tampered), "passport build printed no code to try")
        let cli = try shop.run(["verify", "--json", "--no-scan-log", code])
        let verdict = try #require((try JSONSerialization.jsonObject(with: cli.stdoutData) as? [String: Any])?["verdict"] as? String)
        #expect(verdict == "TAMPERED")
        let server = try ServeVerifyTests.start(shop)
        defer { server.stop() }

        var visit = C.visit([C.detector(finding: code)], [.click("#camera"), .wait(until: C.verdictShown)],
                            shot: "counter-camera-tampered")
        // The reasons name long paths and key ids: on a phone-wide page they wrap inside the box.
        visit.evaluate["overflowing"] = "String([...document.querySelectorAll('#result, #result *')].filter(e => e.scrollWidth > e.clientWidth + 1).length)"
        let result = try #require(try ChromiumHarness.run(origin: server.base, visits: [visit]).first)
        Self.checkClean(result)
        #expect(result.values["title"] == C.strings["verdict_" + verdict])
        #expect(result.values["title"] != C.strings["verdict_GENUINE"])
        #expect(result.values["kind"] == "result bad")
        #expect(result.values["colour"] == C.red)
        #expect(result.values["checks"]?.contains("unit signature") == true, "\(result.values["checks"] ?? "")")
        #expect(result.values["recording"] == C.strings["not_recorded"])
        #expect(result.values["overflowing"] == "0", "text runs out of the verdict box")
        Self.checkCameraOff(result)
        #expect(C.detectorState(result)["answered"] as? Int == 1)
    }

    @Test("a second click while the camera starts opens no second camera; turning it off, Esc or a hidden tab before a detection answers checks nothing")
    func clicksWhileBusy() throws {
        let shop = try VerifyShop()
        let code = try #require(shop.sampleCode, "passport build printed no code to try")
        let till1 = try ServeVerifyTests.addCounter("till-1", shop)
        let server = try ServeVerifyTests.start(shop)
        defer { server.stop() }

        var twice = C.visit([C.heldCamera, C.detector(finding: code)],
                            [.click("#camera"), .click("#camera"), .wait(until: "window.__camera.release()"),
                             .wait(until: C.verdictShown)],
                            shot: "counter-camera-double-click")
        twice.evaluate["asked"] = "String(window.__camera.asked)"
        twice.evaluate["cameras"] = "window.__camera.tracks()"
        let stopped = C.visit([C.detector(finding: code, hold: true)],
                              C.enterToken(till1) + [.click("#camera"), .wait(until: "window.__detector.pending"),
                                                     .click("#camera"), .wait(until: "window.__detector.release()")],
                              shot: "counter-camera-stopped")
        // Esc clears the counter and turns the camera off too; so does the tab going to the background.
        let escape = C.visit([C.detector(finding: code, hold: true)],
                             [.click("#camera"), .wait(until: "window.__detector.pending"),
                              .wait(until: "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'})) || true")],
                             shot: "counter-camera-escape")
        let hidden = C.visit([C.detector(finding: code, hold: true)],
                             [.click("#camera"), .wait(until: "window.__detector.pending"),
                              .wait(until: "Object.defineProperty(document, 'hidden', {value: true}) && (document.dispatchEvent(new Event('visibilitychange')) || true)")],
                             shot: "counter-camera-hidden")
        let results = try ChromiumHarness.run(origin: server.base, visits: [twice, stopped, escape, hidden])
        try #require(results.count == 4)
        for result in results[2...] {
            Self.checkCameraOff(result)
            #expect(!result.requests.contains(server.base + "/api/verify"), "\(result.requests)")
        }
        for result in results { Self.checkClean(result) }

        #expect(results[0].values["asked"] == "1", "one click, one camera")
        #expect(results[0].values["title"] == C.strings["verdict_GENUINE"])
        Self.checkCameraOff(results[0], tracks: results[0].values["cameras"])

        // The detection answered after the clerk turned the camera off: no check, nothing sent.
        #expect(C.detectorState(results[1])["answered"] as? Int == 1)
        #expect(results[1].values["kind"] == "result idle", "\(results[1].values["title"] ?? "")")
        #expect(!results[1].requests.contains(server.base + "/api/verify"), "\(results[1].requests)")
        #expect(results[1].values["focus"] == "code")
        Self.checkCameraOff(results[1])
        #expect(try ServeVerifyTests.exported(shop).isEmpty)
    }
}
