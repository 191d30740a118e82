import Foundation
import PassportTestSupport
import Testing

/// Several `passport serve` processes on one PostgreSQL: one scan log, one trust store, one list
/// of counters. Each test gets a database of its own (see `TestDatabase`).
@Suite("passport serve on PostgreSQL", .enabled(if: TestDatabase.enabled, "needs PASSPORT_TEST_DATABASE_URL (CI sets it)"))
struct ServePostgresTests {
    /// A shop whose trust store was pushed into a fresh database, with counters `names`.
    struct Setup {
        let shop: VerifyShop
        let database: TestDatabase
        var tokens: [String: String] = [:]

        init(counters names: [String]) throws {
            shop = try VerifyShop()
            database = try TestDatabase()
            let push = try shop.run(["serve", "trust", "push", "--database", database.url])
            #expect(push.status == 0, "\(push.stderr)")
            #expect(push.stdout.contains("Pushed 1 producer, 1 certifier and 1 bundle"))
            for name in names {
                let result = try shop.run(["serve", "tokens", "add", name, "--database", database.url])
                #expect(result.status == 0, "\(result.stderr)")
                tokens[name] = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }

        /// A server on the database; its own empty trust store folder proves trust comes from PostgreSQL.
        /// The clock stands still in tests, so without `--same-sale-minutes 0` every rescan at one
        /// counter would be the same sale (tested in ServeVerifyTests); these tests are about copies.
        func serve(_ extra: [String] = []) throws -> ServeProcess {
            let empty = shop.folder.url.appendingPathComponent("empty-store-\(UUID().uuidString)")
            return try ServeProcess(["--no-site", "--store", empty.path, "--rate-limit", "0", "--same-sale-minutes", "0"] + extra,
                                    environment: ["PASSPORT_NOW": VerifyShop.now, "PASSPORT_DATABASE_URL": database.url])
        }

        func scans() throws -> [String] {
            try database.query("SELECT shop || ' ' || serial || ' ' || verdict FROM passport_scans ORDER BY id")
                .split(separator: "\n").map(String.init)
        }
    }

    @Test("two servers share one scan log: a serial scanned in one shop is SEEN BEFORE in the other")
    func twoServers() throws {
        let setup = try Setup(counters: ["shop-a", "shop-b"])
        let a = try setup.serve(), b = try setup.serve()
        defer { a.stop(); b.stop() }
        let code = try setup.shop.code(serial: "000123")
        let first = try a.verify(code, token: setup.tokens["shop-a"])
        #expect(first.status == 200)
        #expect((try first.json() as? [String: Any])?["verdict"] as? String == "GENUINE")
        let second = try b.verify(code, token: setup.tokens["shop-b"])
        let json = try #require(try second.json() as? [String: Any])
        #expect(json["verdict"] as? String == "SEEN_BEFORE")
        let earlier = try #require(json["earlierScans"] as? [String: Any])
        #expect(earlier["shops"] as? [String] == ["shop-a"])
        #expect(earlier["count"] as? Int == 1)
        #expect(try setup.scans() == ["shop-a 000123 GENUINE", "shop-b 000123 SEEN_BEFORE"])
        // Each server knows every counter: shop-b's token works on server a too.
        #expect(try a.verify(code, token: setup.tokens["shop-b"]).status == 200)
    }

    @Test("the same serial scanned at once on two servers is GENUINE exactly once")
    func concurrentScans() throws {
        let setup = try Setup(counters: ["shop-a", "shop-b"])
        let servers = [try setup.serve(), try setup.serve()]
        defer { servers.forEach { $0.stop() } }
        let code = try setup.shop.code(serial: "000200")
        let tokens = [setup.tokens["shop-a"], setup.tokens["shop-b"]]
        let verdicts = LockedList()
        DispatchQueue.concurrentPerform(iterations: 12) { index in
            let server = servers[index % 2]
            let token = tokens[index % 2]
            let verdict = (try? server.verify(code, token: token).json() as? [String: Any])?["verdict"] as? String
            verdicts.append(verdict ?? "failed")
        }
        #expect(verdicts.items.filter { $0 == "GENUINE" }.count == 1)
        #expect(verdicts.items.filter { $0 == "SEEN_BEFORE" }.count == 11)
        #expect(try setup.database.query("SELECT count(*) FROM passport_scans") == "12")
    }

    @Test("without a token nothing is written; a wrong token is 401 and nothing is written")
    func badTokens() throws {
        let setup = try Setup(counters: ["shop-a"])
        let server = try setup.serve()
        defer { server.stop() }
        let code = try setup.shop.code(serial: "000001")
        let anonymous = try server.verify(code)
        #expect(anonymous.status == 200)
        #expect(anonymous.header("Passport-Scan-Recorded") == "no")
        #expect(try server.verify(code, token: "pst_not-a-counter").status == 401)
        #expect(try setup.database.query("SELECT count(*) FROM passport_scans") == "0")
        // Tokens are stored hashed.
        let stored = try setup.database.query("SELECT token_sha256 FROM passport_counter_tokens")
        #expect(stored.count == 64 && !stored.contains("pst_"))
    }

    @Test("kill -9 during a stream of scans loses none that were acknowledged")
    func killedServer() throws {
        let setup = try Setup(counters: ["shop-a"])
        let server = try setup.serve()
        let codes = try (1...40).map { try setup.shop.code(serial: String(format: "%06d", $0)) }
        let acknowledged = try ScanBurst.run(codes, server: server, token: setup.tokens["shop-a"] ?? "", killAfter: 25)
        #expect(acknowledged.count >= 25)
        let stored = Set(try setup.database.query("SELECT serial FROM passport_scans").split(separator: "\n").map(String.init))
        for serial in acknowledged {
            #expect(stored.contains(serial), "acknowledged scan of \(serial) is in the log")
        }
    }

    @Test("scans arriving together are written together with the verdicts one by one would give; SIGTERM mid-burst loses none")
    func batchedScansAndSIGTERM() throws {
        let setup = try Setup(counters: ["shop-a"])
        // Two connections: one batch writer, so scans queue behind it and are written in batches.
        let server = try setup.serve(["--database-connections", "2"])
        let token = try #require(setup.tokens["shop-a"])
        let serials = (0..<5).map { String(format: "%06d", 150 + $0) }
        let codes = try serials.map { try setup.shop.code(serial: $0) }
        // Each answer: serial, verdict, earlier sightings.
        let answers = LockedList()
        let stopped = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            while answers.count < 30 { Thread.sleep(forTimeInterval: 0.002) }
            #expect(server.stop() == 0)
            stopped.signal()
        }
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for round in 0..<25 {
                let index = (worker + round) % codes.count
                guard let answer = try? server.verify(codes[index], token: token), answer.status == 200,
                      let json = try? answer.json() as? [String: Any], let verdict = json["verdict"] as? String else { return }
                let earlier = (json["earlierScans"] as? [String: Any])?["count"] as? Int ?? 0
                answers.append("\(serials[index]) \(verdict) \(earlier)")
            }
        }
        stopped.wait()
        #expect(server.log.contains("stopped"))
        let acknowledged = answers.items.map { $0.split(separator: " ").map(String.init) }
        #expect(acknowledged.count >= 30)
        for serial in serials {
            let mine = acknowledged.filter { $0[0] == serial }
            let rows = try setup.database.query("SELECT verdict FROM passport_scans WHERE serial = '\(serial)' ORDER BY id")
                .split(separator: "\n").map(String.init)
            // Every acknowledged scan is in the log; the log reads as if the scans came one by one.
            #expect(rows.count >= mine.count, "\(serial): \(mine.count) acknowledged, \(rows.count) logged")
            if !rows.isEmpty {
                #expect(rows == ["GENUINE"] + Array(repeating: "SEEN_BEFORE", count: rows.count - 1), "\(serial): \(rows)")
            }
            let sightings = try setup.database.query("SELECT sightings FROM passport_unit_sightings WHERE serial = '\(serial)'")
            #expect(sightings == (rows.isEmpty ? "" : String(rows.count)))
            // The n-th scan of a unit saw n-1 earlier ones: each count answered once, GENUINE for the first.
            let counts = mine.compactMap { Int($0[2]) }
            #expect(Set(counts).count == counts.count, "\(serial): earlier counts \(counts.sorted())")
            #expect(counts.allSatisfy { $0 < rows.count })
            #expect(mine.filter { $0[1] == "GENUINE" }.allSatisfy { $0[2] == "0" })
            #expect(mine.filter { $0[1] == "SEEN_BEFORE" }.allSatisfy { $0[2] != "0" })
        }
    }

    @Test("servers starting together on an empty database migrate it once; a restart migrates nothing")
    func migrations() throws {
        let shop = try VerifyShop()
        let database = try TestDatabase()
        let environment = ["PASSPORT_NOW": VerifyShop.now, "PASSPORT_DATABASE_URL": database.url]
        let started = LockedList()
        let store = shop.store.path
        DispatchQueue.concurrentPerform(iterations: 3) { _ in
            if let server = try? ServeProcess(["--no-site", "--store", store], environment: environment) {
                started.append(server.base)
                server.stop()
            }
        }
        #expect(started.count == 3)
        #expect(try database.query("SELECT name FROM passport_migrations ORDER BY name") == "counters-v1\nscans-v1\nscans-v2\ntrust-v1")
        // With nothing pushed, codes are checked against an empty trust store.
        let server = try ServeProcess(["--no-site", "--store", shop.store.path], environment: environment)
        defer { server.stop() }
        #expect((try server.verify(try shop.code(serial: "000001")).json() as? [String: Any])?["verdict"] as? String == "UNKNOWN_ISSUER")
        #expect(server.log.contains("trusts no producer yet"))
        #expect(try server.request("/healthz").status == 200)
    }

    @Test("trust push refuses to replace a newer bundle with an older one, unless forced; a bad URL is a usage error")
    func trustPush() throws {
        let setup = try Setup(counters: [])
        let shop = setup.shop
        #expect(try setup.database.query("SELECT generation FROM passport_trust_state") == "1")
        // The same producer's bundle built ten days earlier, imported into another store.
        let old = shop.folder.url.appendingPathComponent("old-output")
        let build = try shop.run(["build", "farm", "-o", old.path, "--no-labels"], environment: ["SOURCE_DATE_EPOCH": "1792136000"])
        #expect(build.status == 0, "\(build.stderr)")
        let store = ["PASSPORT_STORE": shop.folder.url.appendingPathComponent("old-store").path]
        let imported = try shop.run(["trust", "import", old.appendingPathComponent("bundle/bundle.json").path, "--trust-producer"],
                                    environment: store)
        #expect(imported.status == 0, "\(imported.stderr)")
        let refused = try shop.run(["serve", "trust", "push", "--database", setup.database.url], environment: store)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("newer than this store's"), "\(refused.stderr)")
        #expect(try setup.database.query("SELECT generation FROM passport_trust_state") == "1")
        let forced = try shop.run(["serve", "trust", "push", "--database", setup.database.url, "--force"], environment: store)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try setup.database.query("SELECT generation FROM passport_trust_state") == "2")
        let bad = try shop.run(["serve", "trust", "push", "--database", "mysql://x@y/z"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("instead of postgres://"))
    }
}
