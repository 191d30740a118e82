import Foundation
import PassportTestSupport
import Testing

/// `passport serve --watch`: the producer's live preview; and a plain `serve` picking up new builds.
@Suite("passport serve: the live preview and new builds")
struct ServePreviewTests {
    /// Polls the preview channel until its answer satisfies `done` (the server looks at the files
    /// every 300 ms and rebuilds in about a second; a poll waits up to 25 s for a change).
    static func waitForChange(_ server: ServeProcess, after version: Int,
                              until done: ([String: Any]) -> Bool) throws -> [String: Any] {
        var since = version
        for _ in 0..<20 {
            let answer = try server.request("/__passport/changes?since=\(since)")
            let state = try #require(try answer.json() as? [String: Any])
            if done(state) { return state }
            since = state["version"] as? Int ?? since
        }
        throw ServeProcess.Failure(description: "the preview never changed as expected; log: \(server.log)")
    }

    @Test("an edited record rebuilds the site and open pages reload; a broken one keeps the last good site and says why")
    func rebuildsOnEdit() throws {
        let folder = try TemporaryFolder()
        #expect(try Command.run(["init", "farm"], in: folder.url).status == 0)
        let project = folder.url.appendingPathComponent("farm")
        let output = folder.url.appendingPathComponent("output")
        // No site yet: --watch builds once before serving.
        let server = try ServeProcess([project.path, "-o", output.path, "--watch", "--log-level", "debug"],
                                      environment: ["SOURCE_DATE_EPOCH": "1793000000"], in: folder.url)
        defer { server.stop() }
        let page = try server.request("/01/08012345000029/index.html")
        #expect(page.status == 200)
        #expect(page.text.contains("<script src=\"/__passport/preview.js\" data-generation=\"1\" defer></script></head>"))
        #expect(page.text.contains("Olio Novello, first pressing"))
        let script = try server.request("/__passport/preview.js")
        #expect(script.header("Content-Type") == "text/javascript; charset=utf-8")
        #expect(script.text.contains("location.reload()"))
        let otherLot = try server.request("/01/08012345000012/10/L2026A/dpp.jwt")
        let start = try #require(try server.request("/__passport/changes?since=-1").json() as? [String: Any])
        #expect(start["generation"] as? Int == 1)
        let version = start["version"] as? Int ?? 0

        // The watcher has taken its first look (a network project holds a few hundred files).
        for _ in 0..<300 where !server.log.contains("preview: watching ") { Thread.sleep(forTimeInterval: 0.1) }
        #expect(server.log.contains("preview: watching "))
        // Saving a file unchanged rebuilds nothing: the content digest is the same.
        let product = project.appendingPathComponent("products/novello-250ml.yaml")
        let original = try String(contentsOf: product, encoding: .utf8)
        try original.write(to: product, atomically: true, encoding: .utf8)
        for _ in 0..<100 where !server.log.contains("files touched but unchanged") { Thread.sleep(forTimeInterval: 0.1) }
        #expect(server.log.contains("files touched but unchanged"))

        try original.replacingOccurrences(of: "Olio Novello, first pressing", with: "Olio Novello, prima luce")
            .write(to: product, atomically: true, encoding: .utf8)
        let rebuilt = try Self.waitForChange(server, after: version) { ($0["generation"] as? Int ?? 0) >= 2 }
        #expect(rebuilt["error"] == nil)
        let fresh = try server.request("/01/08012345000029/index.html")
        #expect(fresh.text.contains("Olio Novello, prima luce"))
        #expect(fresh.text.contains("data-generation=\"2\""))
        #expect(fresh.header("ETag") != page.header("ETag"))
        #expect(try server.request("/01/08012345000012/10/L2026A/dpp.jwt").header("ETag") == otherLot.header("ETag"))

        // Incremental: an edit to one lot makes the build write only that lot's files (the nine
        // files BuildCommandTests names), and the server reads only those again.
        let batch = project.appendingPathComponent("batches/evo-2026-a.yaml")
        try String(contentsOf: batch, encoding: .utf8)
            .replacingOccurrences(of: "Filtered and bottled under nitrogen", with: "Filtered and bottled under argon")
            .write(to: batch, atomically: true, encoding: .utf8)
        let lotEdited = try Self.waitForChange(server, after: rebuilt["version"] as? Int ?? 0) { ($0["generation"] as? Int ?? 0) >= 3 }
        #expect(lotEdited["error"] == nil)
        let rebuiltLine = try #require(server.log.split(separator: "\n").last { $0.contains("preview: rebuilt") })
        #expect(Self.number("files_read", in: rebuiltLine) == 9, "\(rebuiltLine)")
        #expect(try server.request("/01/08012345000012/10/L2026A/index.html").text.contains("Filtered and bottled under argon"))

        // A broken record: the error reaches the page, the last good site stays.
        try "gtin: [".write(to: product, atomically: true, encoding: .utf8)
        let failed = try Self.waitForChange(server, after: lotEdited["version"] as? Int ?? 0) { $0["error"] != nil }
        #expect(failed["generation"] as? Int == 3)
        #expect((failed["error"] as? String)?.contains("novello-250ml.yaml") == true)
        #expect(try server.request("/01/08012345000029/index.html").text.contains("Olio Novello, prima luce"))
    }

    /// `key=123` in a log line.
    static func number(_ key: String, in line: Substring) -> Int? {
        line.split(separator: " ").first { $0.hasPrefix(key + "=") }.flatMap { Int($0.dropFirst(key.count + 1)) }
    }

    @Test("a preview started on a site older than its records brings it up to date; a rebuild that changes no file reloads no page")
    func refreshesAtStart() throws {
        let folder = try TemporaryFolder()
        #expect(try Command.run(["init", "farm"], in: folder.url).status == 0)
        #expect(try Command.run(["build", "farm", "-o", "output", "--no-labels"], in: folder.url).status == 0)
        let project = folder.url.appendingPathComponent("farm")
        let product = project.appendingPathComponent("products/novello-250ml.yaml")
        let original = try String(contentsOf: product, encoding: .utf8)
        try original.replacingOccurrences(of: "Olio Novello, first pressing", with: "Olio Novello, edited while stopped")
            .write(to: product, atomically: true, encoding: .utf8)
        let server = try ServeProcess([project.path, "-o", folder.url.appendingPathComponent("output").path, "--watch",
                                       "--log-level", "debug"], environment: ["SOURCE_DATE_EPOCH": "1790000000"], in: folder.url)
        defer { server.stop() }
        let refreshed = try Self.waitForChange(server, after: -1) { ($0["generation"] as? Int ?? 0) >= 2 }
        #expect(refreshed["error"] == nil)
        #expect(try server.request("/01/08012345000029/index.html").text.contains("Olio Novello, edited while stopped"))

        // A comment changes no page: the site stays, the generation too, no page reloads.
        try (original.replacingOccurrences(of: "Olio Novello, first pressing", with: "Olio Novello, edited while stopped")
             + "\n# a note to self\n").write(to: product, atomically: true, encoding: .utf8)
        for _ in 0..<100 where !server.log.contains("the site is unchanged") { Thread.sleep(forTimeInterval: 0.1) }
        #expect(server.log.contains("preview: rebuilt; the site is unchanged"))
        let state = try #require(try server.request("/__passport/changes?since=-1").json() as? [String: Any])
        #expect(state["generation"] as? Int == refreshed["generation"] as? Int)
    }

    @Test("without --watch, a new passport build is picked up by itself, reading only the files it wrote")
    func picksUpNewBuilds() throws {
        let folder = try TemporaryFolder()
        #expect(try Command.run(["init", "farm"], in: folder.url).status == 0)
        #expect(try Command.run(["build", "farm", "-o", "output", "--no-labels"], in: folder.url).status == 0)
        let server = try ServeProcess(["-o", folder.url.appendingPathComponent("output").path, "--log-level", "debug"],
                                      in: folder.url)
        defer { server.stop() }
        let lot = "/01/08012345000012/10/L2026A/index.html"
        let before = try server.request(lot)
        #expect(before.text.contains("Filtered and bottled under nitrogen"))
        let untouched = try server.request("/01/08012345000029/10/N2026S/index.html")

        // An unchanged build swaps in a new folder of the same files: nothing is read again.
        #expect(try Command.run(["build", "farm", "-o", "output", "--no-labels"], in: folder.url).status == 0)
        for _ in 0..<100 where !server.log.contains("every file as before") { Thread.sleep(forTimeInterval: 0.1) }
        #expect(server.log.contains("site: a new build, every file as before"))

        let batch = folder.url.appendingPathComponent("farm/batches/evo-2026-a.yaml")
        try String(contentsOf: batch, encoding: .utf8)
            .replacingOccurrences(of: "Filtered and bottled under nitrogen", with: "Filtered and bottled under argon")
            .write(to: batch, atomically: true, encoding: .utf8)
        #expect(try Command.run(["build", "farm", "-o", "output", "--no-labels"], in: folder.url).status == 0)
        for _ in 0..<100 where !server.log.contains("site reloaded") { Thread.sleep(forTimeInterval: 0.1) }
        let line = try #require(server.log.split(separator: "\n").last { $0.contains("site reloaded") })
        #expect(Self.number("files_read", in: line) == 9, "\(line)")
        let after = try server.request(lot)
        #expect(after.text.contains("Filtered and bottled under argon"))
        #expect(after.header("ETag") != before.header("ETag"))
        #expect(try server.request("/01/08012345000029/10/N2026S/index.html").header("ETag") == untouched.header("ETag"))
    }

    @Test("--watch goes with -o, not --site; --no-site goes with neither")
    func usage() throws {
        let folder = try TemporaryFolder()
        for arguments in [["serve", "--watch", "--site", "x"], ["serve", "--no-site", "--watch"], ["serve", "--port", "70000"]] {
            let result = try Command.run(arguments, in: folder.url)
            #expect(result.status == 64, "\(arguments)")
        }
        let negative = try Command.run(["serve", "--same-sale-minutes=-1"], in: folder.url)
        #expect(negative.status == 64)
        #expect(negative.stderr.contains("--same-sale-minutes must be 0 or more minutes."), "\(negative.stderr)")
        #expect(FileTree.files(below: folder.url).isEmpty)
        let missing = try Command.run(["serve", "-o", "nowhere"], in: folder.url)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("there is no built site here"))
    }
}
