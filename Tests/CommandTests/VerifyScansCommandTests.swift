import Foundation
import PassportTestSupport
import Testing

/// `passport scans export|merge` and `passport bench verify` through the binary.
@Suite("passport scans")
struct VerifyScansCommandTests {
    @Test("two shops scan the same serial; the co-op's merge lists it and exits 1")
    func cloneAcrossShops() throws {
        let shop = try VerifyShop()
        let code = try shop.code(serial: "000042")
        let storeB = shop.folder.url.appendingPathComponent("store-b")
        try FileManager.default.copyItem(at: shop.store, to: storeB)
        #expect(try shop.run(["verify", code]).status == 0)
        #expect(try shop.run(["verify", try shop.code(serial: "000043")]).status == 0)
        let other = try shop.run(["verify", code], environment: ["PASSPORT_STORE": storeB.path, "PASSPORT_SHOP": "shop-b",
                                                                  "PASSPORT_NOW": "2026-11-07T16:00:00Z"])
        #expect(other.status == 0)

        let exportA = try shop.run(["scans", "export", "-o", "a.csv"])
        #expect(exportA.status == 0)
        let exportB = try shop.run(["scans", "export", "--store", storeB.path])
        #expect(exportB.stdout == "scanned_at,shop,verdict,issuer,gtin,lot,serial,units_issued\r\n2026-11-07T16:00:00Z,shop-b,GENUINE,did:web:oliveto.example,08012345000029,N2026S,000042,1\r\n")
        try Data(exportB.stdout.utf8).write(to: shop.folder.url.appendingPathComponent("b.csv"))

        let merged = try shop.run(["scans", "merge", "a.csv", "b.csv", "-o", "all.csv"])
        #expect(merged.status == 1)
        #expect(merged.stdout == """
            Merged 3 scans from 2 shops (shop-a, shop-b).
            Serials seen in more than one shop (possible copies):
              GTIN 08012345000029 lot N2026S serial 000042: shop-a (1×, first 2026-11-05T10:00:00Z), shop-b (1×, first 2026-11-07T16:00:00Z)

            """)
        let all = try String(contentsOf: shop.folder.url.appendingPathComponent("all.csv"), encoding: .utf8)
        #expect(all.split(separator: "\r\n").count == 4)
        let clean = try shop.run(["scans", "merge", "b.csv"])
        #expect(clean.status == 0)
        #expect(clean.stdout.hasSuffix("No serial was seen in more than one shop, and no code more often than units were issued.\n"))
    }

    @Test("unreadable exports and missing logs are usage errors with the place at fault, writing nothing")
    func errors() throws {
        let shop = try VerifyShop(importBundle: false, trustCertifier: false)
        try "scanned_at,shop,verdict,issuer,gtin,lot,serial,units_issued\n2026-11-05T10:00:00Z,a,GENUINE\n"
            .write(to: shop.folder.url.appendingPathComponent("short.csv"), atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["scans", "merge", "short.csv", "-o", "out.csv"], "short.csv:2: expected 8 fields, found 3. Use files written by `passport scans export`."),
            (["scans", "merge", "none.csv"], "none.csv: "),
            (["scans", "merge"], "Missing expected argument '<files> ...'"),
            (["scans", "export"], "There is no scan log at \(shop.store.path)/scans.sqlite yet"),
        ]
        for (arguments, message) in cases {
            let result = try shop.run(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: shop.folder.url.appendingPathComponent("out.csv").path))
        #expect(!FileManager.default.fileExists(atPath: shop.store.path))
    }

    @Test("bench verify reports the three figures (no timing is asserted)")
    func bench() throws {
        let folder = try TemporaryFolder()
        let result = try Command.run(["bench", "verify", "--codes", "200", "--rounds", "1", "--runs", "2"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("text verifications: "))
        #expect(result.stdout.contains("scan log on"))
        #expect(result.stdout.contains("process start to first verdict: median "))
        #expect(result.stdout.contains("picture decoding (label-300dpi.png, ") && result.stdout.contains("1 code(s) read"))
    }
}
