import Foundation
import PassportTestSupport
import Testing

/// `passport serve`'s verification service on the default SQLite scan log: the API answers what
/// `passport verify --json` prints; counters write only with their token; rate limits; the counter
/// page; nothing acknowledged is lost when the server is killed.
@Suite("passport serve: verification service")
struct ServeVerifyTests {
    /// A fresh shop (its own trust store and scan log) and a server on it with no site.
    static func start(_ shop: VerifyShop, _ extra: [String] = []) throws -> ServeProcess {
        try ServeProcess(["--no-site", "--store", shop.store.path] + extra,
                         environment: ["PASSPORT_NOW": VerifyShop.now])
    }

    /// Issues a counter token with the CLI; returns the printed token.
    static func addCounter(_ name: String, _ shop: VerifyShop, _ extra: [String] = []) throws -> String {
        let result = try shop.run(["serve", "tokens", "add", name] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The scan log as `passport scans export` writes it, without its header.
    static func exported(_ shop: VerifyShop) throws -> [String] {
        let result = try shop.run(["scans", "export"])
        // CSV lines end in CRLF, one Character in Swift: split on either.
        return result.stdout.split(whereSeparator: \.isNewline).dropFirst().map(String.init)
    }

    @Test("POST /api/verify answers exactly what passport verify --json prints, for one code and for a list")
    func sameJSONAsVerify() throws {
        let shop = try VerifyShop()
        let server = try Self.start(shop)
        defer { server.stop() }
        let codes = [try shop.code(serial: "000042"), "https://oliveto.example/01/08012345000029/10/N2026S/21/000042",
                     "https://oliveto.example/01/08012345000012/10/L2026A", "hello", "4006381333931"]
        var lines: [String] = []
        for code in codes {
            let cli = try shop.run(["verify", "--json", "--no-scan-log", code])
            let api = try server.verify(code)
            #expect(api.status == 200)
            #expect(api.header("Content-Type") == "application/json")
            #expect(api.header("Passport-Scan-Recorded") == "no")
            #expect(api.text == cli.stdout, "\(code)")
            lines.append(cli.stdout.trimmingCharacters(in: .newlines))
        }
        let list = try server.request("/api/verify", method: "POST", headers: ["Content-Type": "application/json"],
                                      body: try JSONSerialization.data(withJSONObject: ["codes": codes]))
        #expect(list.status == 200)
        #expect(list.text == "[" + lines.joined(separator: ",") + "]\n")
        // Requests that are not a code or a list of codes.
        for body in ["{}", "not json", "{\"codes\": []}", "{\"codes\": [1]}", "{\"code\": \"a\", \"codes\": [\"b\"]}"] {
            let answer = try server.request("/api/verify", method: "POST", body: Data(body.utf8))
            #expect(answer.status == 400, "\(body)")
            #expect((try answer.json() as? [String: Any])?["error"] is String)
        }
        #expect(try server.request("/api/verify").status == 405)
    }

    @Test("the same counter scanning a unit again moments later is the same sale; another counter then sees SEEN BEFORE")
    func sameSaleAtTheCounter() throws {
        let shop = try VerifyShop()
        let till1 = try Self.addCounter("till-1", shop)
        let till2 = try Self.addCounter("till-2", shop)
        let server = try Self.start(shop)
        defer { server.stop() }
        let code = try shop.code(serial: "000011")
        #expect((try server.verify(code, token: till1).json() as? [String: Any])?["verdict"] as? String == "GENUINE")
        let again = try #require(try server.verify(code, token: till1).json() as? [String: Any])
        #expect(again["verdict"] as? String == "GENUINE")
        #expect((again["reason"] as? String)?.contains("scanned again here at ") == true, "\(again)")
        let elsewhere = try #require(try server.verify(code, token: till2).json() as? [String: Any])
        #expect(elsewhere["verdict"] as? String == "SEEN_BEFORE")
        #expect((elsewhere["earlierScans"] as? [String: Any])?["shops"] as? [String] == ["till-1"])
    }

    @Test("a counter's token records each scan before the answer; the second scan of a serial is SEEN BEFORE")
    func countersRecord() throws {
        let shop = try VerifyShop()
        let token = try Self.addCounter("till-1", shop)
        #expect(token.hasPrefix("pst_") && token.count > 40)
        // The clock stands still in tests: without --same-sale-minutes 0 the second scan would be
        // the same sale scanned again (tested below).
        let server = try Self.start(shop, ["--same-sale-minutes", "0"])
        defer { server.stop() }
        let code = try shop.code(serial: "000007")
        let first = try server.verify(code, token: token)
        #expect(first.status == 200)
        #expect(first.header("Passport-Scan-Recorded") == "yes")
        #expect(first.header("Passport-Counter") == "till-1")
        #expect((try first.json() as? [String: Any])?["verdict"] as? String == "GENUINE")
        let second = try server.verify(code, token: token)
        let json = try #require(try second.json() as? [String: Any])
        #expect(json["verdict"] as? String == "SEEN_BEFORE")
        #expect((json["earlierScans"] as? [String: Any])?["shops"] as? [String] == ["till-1"])
        let rows = try Self.exported(shop)
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.contains(",till-1,") })
        // The CLI on the same store sees the server's scans.
        let cli = try shop.run(["verify", "--json", code])
        #expect(cli.stdout.contains("\"verdict\":\"SEEN_BEFORE\""))
    }

    @Test("without a token nothing is written; a wrong or revoked token is 401 and nothing is written")
    func badTokensWriteNothing() throws {
        let shop = try VerifyShop()
        let token = try Self.addCounter("till-1", shop)
        let server = try Self.start(shop, ["--log-level", "debug"])
        defer { server.stop() }
        let code = try shop.code(serial: "000008")
        let anonymous = try server.verify(code)
        #expect(anonymous.status == 200)
        #expect(anonymous.header("Passport-Scan-Recorded") == "no")
        #expect((try anonymous.json() as? [String: Any])?["verdict"] as? String == "GENUINE")
        for bad in ["pst_wrong", token + "x", ""] {
            let answer = try server.verify(code, token: bad)
            #expect(answer.status == 401, "\(bad)")
            #expect(answer.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
        }
        let basic = try server.request("/api/verify", method: "POST", headers: ["Authorization": "Basic dGlsbDox"],
                                       body: Data("{\"code\":\"x\"}".utf8))
        #expect(basic.status == 401)
        #expect(try Self.exported(shop).isEmpty)

        #expect(try shop.run(["serve", "tokens", "revoke", "till-1"]).status == 0)
        // The server notices the revocation at its next look at the counters (every 2 s).
        var status = 0
        for _ in 0..<100 where status != 401 {
            status = try server.verify(code, token: token).status
            if status != 401 { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(status == 401)
        // Scans sent while the token was still live were recorded; none after.
        let recorded = try Self.exported(shop).count
        #expect(try server.verify(code, token: token).status == 401)
        #expect(try Self.exported(shop).count == recorded)
    }

    @Test("tokens: add prints the token once, list shows counters without tokens, a live name cannot be added twice")
    func tokenCommands() throws {
        let shop = try VerifyShop()
        let token = try Self.addCounter("bottega-centro", shop)
        let again = try shop.run(["serve", "tokens", "add", "bottega-centro"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already has a token"))
        let invalid = try shop.run(["serve", "tokens", "add", "till 1"])
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("cannot name a counter"))
        let list = try shop.run(["serve", "tokens", "list"])
        #expect(list.stdout.contains("bottega-centro  added 2026-11-05T10:00:00Z  live"))
        #expect(!list.stdout.contains(token))
        let file = try String(contentsOf: shop.store.appendingPathComponent("counters.json"), encoding: .utf8)
        #expect(!file.contains(token))
        let attributes = try FileManager.default.attributesOfItem(atPath: shop.store.appendingPathComponent("counters.json").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try shop.run(["serve", "tokens", "revoke", "bottega-centro"]).status == 0)
        #expect(try shop.run(["serve", "tokens", "revoke", "bottega-centro"]).status == 1)
        #expect(try shop.run(["serve", "tokens", "list"]).stdout.contains("revoked 2026-11-05T10:00:00Z"))
        // A revoked counter may be given a new token.
        #expect(try Self.addCounter("bottega-centro", shop) != token)
    }

    @Test("rate limit per client: past the limit, 429 with Retry-After; another counter is not held back")
    func rateLimit() throws {
        let shop = try VerifyShop()
        let token = try Self.addCounter("till-1", shop)
        let server = try Self.start(shop, ["--rate-limit", "3"])
        defer { server.stop() }
        let statuses = try (0..<3).map { _ in try server.verify("hello").status }
        #expect(statuses == [200, 200, 200])
        let limited = try server.verify("hello")
        #expect(limited.status == 429)
        let retry = try #require(limited.header("Retry-After").flatMap { Int($0) })
        #expect(retry >= 1 && retry <= 20)
        #expect(try shop.run(["serve", "tokens", "list"]).status == 0)
        // The counter is limited by its own name, not the shared address.
        #expect(try server.verify("hello", token: token).status == 200)
    }

    @Test("the counter page: same-origin assets only, a strict CSP, English and Italian")
    func counterPage() throws {
        let shop = try VerifyShop()
        let server = try Self.start(shop)
        defer { server.stop() }
        let page = try server.request("/counter")
        #expect(page.status == 200)
        let policy = try #require(page.header("Content-Security-Policy"))
        #expect(policy.contains("default-src 'none'") && policy.contains("script-src 'self'") && !policy.contains("unsafe"))
        #expect(page.text.contains("<html lang=\"en\">"))
        #expect(page.text.contains("id=\"code\"") && page.text.contains("autofocus"))
        #expect(page.text.contains("aria-live=\"assertive\""))
        let italian = try server.request("/counter", headers: ["Accept-Language": "it-IT,it;q=0.9"])
        #expect(italian.text.contains("<html lang=\"it\">"))
        #expect(italian.text.contains("Verifica del passaporto"))
        #expect(try server.request("/counter?lang=it").text.contains("<html lang=\"it\">"))
        let script = try server.request("/counter/counter.js")
        #expect(script.header("Content-Type") == "text/javascript; charset=utf-8")
        let style = try server.request("/counter/counter.css")
        #expect(style.header("Content-Type") == "text/css; charset=utf-8")
        // The icon the page links, so a browser's own request for one is no 404.
        #expect(page.text.contains("<link rel=\"icon\" href=\"/counter/icon.svg\""))
        let icon = try server.request("/counter/icon.svg")
        #expect(icon.status == 200 && icon.header("Content-Type") == "image/svg+xml")
        for body in [page.text, italian.text, script.text, style.text] {
            #expect(!body.contains("http://") && !body.contains("https://") && !body.contains("//cdn"))
            #expect(!body.contains("<script>") && !body.contains(" style=\"") && !body.contains(" onclick="))
        }
    }

    @Test("SIGTERM lets the server finish and exit 0; kill -9 loses no acknowledged scan")
    func noAcknowledgedScanLost() throws {
        let shop = try VerifyShop()
        let token = try Self.addCounter("till-1", shop)
        let server = try Self.start(shop)
        let codes = try (1...40).map { try shop.code(serial: String(format: "%06d", $0)) }
        let acknowledged = try ScanBurst.run(codes, server: server, token: token, killAfter: 25)
        #expect(acknowledged.count >= 25)
        let rows = try Self.exported(shop)
        for serial in acknowledged {
            #expect(rows.contains { $0.contains(",\(serial),") }, "acknowledged scan of \(serial) is in the log")
        }
        // A clean stop: SIGTERM, exit 0.
        let again = try Self.start(shop)
        #expect(try again.verify(codes[0], token: token).status == 200)
        #expect(again.stop() == 0)
        #expect(again.log.contains("stopped"))
    }
}

/// Scans sent one after another from a second thread while the test kills the server with
/// SIGKILL after `killAfter` acknowledgements; returns the serials the server acknowledged (200).
enum ScanBurst {
    static func run(_ codes: [String], server: ServeProcess, token: String, killAfter: Int) throws -> [String] {
        let acknowledged = LockedList()
        let done = DispatchSemaphore(value: 0)
        let port = server.port
        Thread.detachNewThread {
            defer { acknowledged.finish(); done.signal() }
            for code in codes {
                guard let body = try? JSONSerialization.data(withJSONObject: ["code": code]),
                      let answer = try? HTTPAnswer.fetch(port: port, method: "POST", path: "/api/verify",
                                                         headers: ["Authorization": "Bearer " + token], body: body),
                      answer.status == 200 else { return }
                let serial = code.components(separatedBy: "/21/").last?.prefix { $0 != "?" } ?? ""
                acknowledged.append(String(serial))
            }
        }
        while acknowledged.count < killAfter && !acknowledged.isFinished { Thread.sleep(forTimeInterval: 0.005) }
        server.kill()
        done.wait()
        return acknowledged.items
    }
}

/// Strings appended from one thread and read from another.
final class LockedList: @unchecked Sendable {
    // @unchecked: `storage` is only touched under `lock`.
    private let lock = NSLock()
    private var storage: [String] = []
    private var finished = false

    func append(_ item: String) { lock.withLock { storage.append(item) } }
    func finish() { lock.withLock { finished = true } }
    var isFinished: Bool { lock.withLock { finished } }
    var items: [String] { lock.withLock { storage } }
    var count: Int { lock.withLock { storage.count } }
}
