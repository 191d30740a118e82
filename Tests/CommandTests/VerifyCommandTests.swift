import Credentials
import Foundation
import PassportTestSupport
import Testing

/// `passport verify` run the way a shop runs it, on the example project built by `passport build`.
@Suite("passport verify")
struct VerifyCommandTests {
    @Test("end to end: build renders the labels, each sampled label PNG is read back and verified GENUINE")
    func endToEnd() throws {
        let shop = try VerifyShop(labels: true)
        let labels = shop.output.appendingPathComponent("labels")
        for serial in ["000001", "000042", "000150", "000300"] {
            let label = labels.appendingPathComponent("novello-2026-s/png/label-\(serial).png")
            let result = try shop.run(["verify", "--image", label.path])
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.hasPrefix("GENUINE — Olio Novello, first pressing · lot N2026S · serial \(serial) · Oliveto Val d'Orcia Cooperative\n"))
            #expect(result.stdout.contains("  ✓ unit signature: signed by did:web:oliveto.example#main"))
        }
        let lot = labels.appendingPathComponent("evo-2026-a/png/label-01.png")
        let result = try shop.run(["verify", "--image", lot.path, "--no-scan-log"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("GENUINE — Extra virgin olive oil, Val d'Orcia · lot L2026A"))
    }

    @Test("a label drawn by another tool (qrencode, 300 dpi) verifies too")
    func otherTool() throws {
        let shop = try VerifyShop()
        let label = try shop.labelPNG(try shop.code(serial: "000077"), name: "label.png")
        let result = try shop.run(["verify", "--image", label.path, "--json"])
        #expect(result.status == 0)
        #expect(try JSONValue(parsing: result.stdout)["verdict"]?.stringValue == "GENUINE")
    }

    @Test("every serial of the batch verifies from a scanner stream, one line per code")
    func everySerial() throws {
        let shop = try VerifyShop()
        let codes = try (1...300).map { try shop.code(serial: String(format: "%06d", $0)) }
        let result = try shop.run(["verify", "--stdin"], input: codes.joined(separator: "\n") + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 300)
        #expect(lines.allSatisfy { $0.hasPrefix("GENUINE — Olio Novello") })
    }

    @Test("a byte changed in the serial, signature, GTIN or lot is TAMPERED, exit 1")
    func tampered() throws {
        let shop = try VerifyShop()
        let code = try shop.code(serial: "000042")
        var signature = Array(code)
        signature[signature.count - 30] = signature[signature.count - 30] == "A" ? "B" : "A"
        let cases: [(String, String)] = [
            (code.replacingOccurrences(of: "/21/000042", with: "/21/000024"), "TAMPERED — the unit signature does not match"),
            (String(signature), "TAMPERED — the unit signature does not match"),
            (code.replacingOccurrences(of: "/10/N2026S", with: "/10/N2026T"), "TAMPERED — the unit signature does not match"),
            (code.replacingOccurrences(of: "/01/08012345000029", with: "/01/08012345000129"),
             "TAMPERED — the code names a product of Oliveto Val d'Orcia Cooperative but is not a valid GS1 Digital Link"),
        ]
        for (text, line) in cases {
            let result = try shop.run(["verify", text])
            #expect(result.status == 1, "\(text)")
            #expect(result.stdout.hasPrefix(line), "\(result.stdout)")
        }
    }

    @Test("a bundle carrying a passport re-signed with a foreign key is refused whole, naming the passport; codes stay unverified")
    func foreignPassport() throws {
        let shop = try VerifyShop(importBundle: false)
        var bundle = try JSONValue(parsing: try Data(contentsOf: shop.bundle))
        let original = try #require(bundle["passports"]?["08012345000029/N2026S"]?.stringValue)
        let parts = original.split(separator: ".").map(String.init)
        let payload = try JSONValue(parsing: try #require(Base64URL.decode(parts[1])))
        let forger = try SigningKey.generate(id: "main")
        let forged = try JWS.signCredential(payload, key: forger, issuer: try DIDWeb(baseURL: "https://oliveto.example"))
        var passports = bundle["passports"]?.objectValue ?? [:]
        passports["08012345000029/N2026S"] = .string(forged)
        bundle["passports"] = .object(passports)
        let altered = shop.folder.url.appendingPathComponent("altered.json")
        try bundle.serialized().write(to: altered)
        // The producer's signed manifest covers every byte of every passport: the import is refused
        // whole and writes nothing (a producer-signed bundle with a bad passport, the TAMPERED
        // verdict, is VerifyTests' concern).
        let before = try TreeSnapshot(shop.store)
        let imported = try shop.run(["trust", "import", altered.path, "--trust-producer"])
        #expect(imported.status == 1)
        #expect(imported.stderr.hasPrefix("\(altered.path) was altered after the producer signed it: passports/08012345000029/N2026S: it differs from what the producer signed"), "\(imported.stderr)")
        #expect(try TreeSnapshot(shop.store) == before)
        let result = try shop.run(["verify", try shop.code(serial: "000042")])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("UNKNOWN ISSUER"), "\(result.stdout)")
    }

    @Test("a producer missing from the trust store is UNKNOWN ISSUER")
    func unknownIssuer() throws {
        let shop = try VerifyShop()
        let removed = try shop.run(["trust", "remove", "did:web:oliveto.example"])
        #expect(removed.status == 0)
        #expect(removed.stdout == "Removed did:web:oliveto.example (producer, bundle).\n")
        let result = try shop.run(["verify", try shop.code(serial: "000042")])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("UNKNOWN ISSUER — oliveto.example (did:web:oliveto.example) is not a producer this shop trusts\n"))
        #expect(result.stderr.contains("trusts no producer yet"))
    }

    @Test("a recalled batch is RECALLED, exit 1")
    func recalled() throws {
        let shop = try VerifyShop(recall: "recall: {date: 2026-11-02, reason: Glass fragments}")
        let result = try shop.run(["verify", "https://oliveto.example/01/08012345000012/10/L2026A"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("RECALLED — lot L2026A was recalled by Oliveto Val d'Orcia Cooperative on 2026-11-02: Glass fragments — do not sell it; take it off the shelf\n"))
    }

    @Test("an expired certificate is GENUINE with warnings, exit 2")
    func expiredCertificate() throws {
        let shop = try VerifyShop()
        let result = try shop.run(["verify", try shop.code(serial: "000042"), "--now", "2027-06-01T00:00:00Z",
                                   "--max-bundle-age", "365"])
        #expect(result.status == 2)
        #expect(result.stdout.hasPrefix("GENUINE with warnings — Olio Novello, first pressing · lot N2026S · serial 000042 · Oliveto Val d'Orcia Cooperative — certificate EU organic: EU organic IT-BIO-009-2026-1187 expired on 2027-01-14; the claim no longer holds\n"))
    }

    @Test("a stale bundle is GENUINE with warnings; the age limit is configurable")
    func staleBundle() throws {
        let shop = try VerifyShop()
        let code = try shop.code(serial: "000042")
        let stale = try shop.run(["verify", code, "--max-bundle-age", "5", "--no-scan-log"])
        #expect(stale.status == 2)
        #expect(stale.stdout.contains("bundle: Oliveto Val d'Orcia Cooperative's bundle is 10 days old (made 2026-10-26T07:33:20Z): recalls since then are unknown — import a fresh one"))
        #expect(try shop.run(["verify", code, "--no-scan-log"]).status == 0)
    }

    @Test("a certifier the shop does not trust makes the certificate a warning, exit 2")
    func untrustedCertifier() throws {
        let shop = try VerifyShop(trustCertifier: false)
        let result = try shop.run(["verify", try shop.code(serial: "000042")])
        #expect(result.status == 2)
        #expect(result.stdout.contains("  ! certificate EU organic: signed by did:web:terraviva-cert.example, a certifier this shop does not trust, so the claim is not verified"))
    }

    @Test("the same serial scanned twice is SEEN BEFORE the second time, exit 1")
    func seenBefore() throws {
        let shop = try VerifyShop()
        let code = try shop.code(serial: "000042")
        #expect(try shop.run(["verify", code]).status == 0)
        let second = try shop.run(["verify", code], environment: ["PASSPORT_NOW": "2026-11-06T09:30:00Z"])
        #expect(second.status == 1)
        #expect(second.stdout.hasPrefix("SEEN BEFORE — serial 000042 of lot N2026S was already scanned once (first 2026-11-05T10:00:00Z, at shop-a): this label may be a copy — check the item\n"))
        #expect(FileManager.default.fileExists(atPath: shop.store.appendingPathComponent("scans.sqlite").path))
    }

    @Test("the same unit scanned again at this counter a minute later is the same sale, not a copy")
    func scannedAgainAtTheCounter() throws {
        let shop = try VerifyShop()
        let code = try shop.code(serial: "000042")
        #expect(try shop.run(["verify", code]).status == 0)
        let again = try shop.run(["verify", code], environment: ["PASSPORT_NOW": "2026-11-05T10:01:00Z"])
        #expect(again.status == 0)
        let first = again.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("GENUINE — "), "\(again.stdout)")
        #expect(first.hasSuffix(" · serial 000042 · Oliveto Val d'Orcia Cooperative · scanned again here at 10:00"), "\(first)")
        #expect(again.stdout.contains("\n  ✓ scan log: scanned again here at 10:00: the same sale, not a copy\n"))
        #expect(!again.stdout.contains("may be a copy"))
        // With no same-sale window, or at another shop, the repeat is SEEN BEFORE as ever.
        let strict = try shop.run(["verify", code, "--same-sale-minutes", "0"],
                                  environment: ["PASSPORT_NOW": "2026-11-05T10:02:00Z"])
        #expect(strict.status == 1)
        #expect(strict.stdout.hasPrefix("SEEN BEFORE — serial 000042 of lot N2026S was already scanned 2 times"), "\(strict.stdout)")
        let elsewhere = try shop.run(["verify", try shop.code(serial: "000043")], environment: ["PASSPORT_SHOP": "shop-b"])
        #expect(elsewhere.status == 0)
        let here = try shop.run(["verify", try shop.code(serial: "000043")],
                                environment: ["PASSPORT_NOW": "2026-11-05T10:01:00Z"])
        #expect(here.status == 1)
        #expect(here.stdout.hasPrefix("SEEN BEFORE — serial 000043 of lot N2026S was already scanned once (first 2026-11-05T10:00:00Z, at shop-b)"))
    }

    @Test("plain URLs, EAN-13 barcodes and garbage are NOT A PASSPORT CODE, exit 1")
    func notPassport() throws {
        let shop = try VerifyShop()
        let cases = [("https://oliveto.example/shop", "NOT A PASSPORT CODE — this web address is not a GS1 Digital Link"),
                     ("8012345000012", "NOT A PASSPORT CODE — this is a plain product barcode (EAN-13 8012345000012)"),
                     ("%%%garbage%%%", "NOT A PASSPORT CODE — this is neither a GS1 Digital Link nor GS1 element data")]
        for (text, line) in cases {
            let result = try shop.run(["verify", text])
            #expect(result.status == 1)
            #expect(result.stdout.hasPrefix(line), "\(result.stdout)")
        }
        let picture = try shop.run(["verify", "--image", try shop.labelPNG("hello", name: "hello.png").path])
        #expect(picture.status == 1)
        #expect(picture.stdout.hasPrefix("NOT A PASSPORT CODE — this is neither a GS1 Digital Link nor GS1 element data"))
    }

    @Test("--stdin answers line by line and exits with the worst verdict; --json writes one object per line")
    func stream() throws {
        let shop = try VerifyShop()
        let input = [try shop.code(serial: "000001"), "", "garbage", try shop.code(serial: "000002")].joined(separator: "\r\n")
        let human = try shop.run(["verify", "--stdin", "--no-scan-log"], input: input)
        #expect(human.status == 1)
        #expect(human.stdout.split(separator: "\n").map { String($0.prefix(22)) }
            == ["GENUINE — Olio Novello", "NOT A PASSPORT CODE — ", "GENUINE — Olio Novello"])
        let json = try shop.run(["verify", "--stdin", "--json", "--no-scan-log"], input: input)
        let objects = try json.stdout.split(separator: "\n").map { try JSONValue(parsing: String($0)) }
        #expect(objects.map { $0["verdict"]?.stringValue ?? "" } == ["GENUINE", "NOT_A_PASSPORT_CODE", "GENUINE"])
        #expect(objects.first?["product"]?["serial"]?.stringValue == "000001")
        let warned = try shop.run(["verify", "--stdin", "--no-scan-log", "--now", "2027-02-01T00:00:00Z", "--max-bundle-age", "400"],
                                  input: try shop.code(serial: "000003") + "\n")
        #expect(warned.status == 2)
    }

    @Test("--stdin: every verdict line names the code it is about, TAMPERED included")
    func streamNamesCodes() throws {
        let shop = try VerifyShop()
        let genuine = try shop.code(serial: "000001")
        let altered = try shop.code(serial: "000042").replacingOccurrences(of: "/21/000042", with: "/21/000024")
        let result = try shop.run(["verify", "--stdin", "--no-scan-log"], input: [genuine, altered, "garbage\u{7}"].joined(separator: "\n"))
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(result.stdout)")
        #expect(lines.first?.hasPrefix("GENUINE — Olio Novello, first pressing · lot N2026S · serial 000001") == true)
        #expect(lines.first?.hasSuffix(" (code: \(genuine))") == true, "\(lines)")
        #expect(lines.dropFirst().first?.hasPrefix("TAMPERED — the unit signature does not match") == true)
        #expect(lines.dropFirst().first?.hasSuffix(" (code: \(altered))") == true, "\(lines)")
        #expect(lines.last?.hasSuffix(" (code: garbage\\u{7})") == true, "\(lines)")
    }

    @Test("a code with “…” in it is a placeholder someone pasted, not TAMPERED")
    func placeholder() throws {
        let shop = try VerifyShop()
        let result = try shop.run(["verify", "https://oliveto.example/01/08012345000029/10/N2026S/21/000001?s=…"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("NOT A PASSPORT CODE — this looks like a placeholder (it contains “…”), not a whole code: paste or scan the whole code\n"),
                "\(result.stdout)")
    }

    @Test("usage errors exit 64 with a message and write nothing")
    func usage() throws {
        let shop = try VerifyShop(importBundle: false, trustCertifier: false)
        let code = try shop.code(serial: "000042")
        let cases: [([String], String)] = [
            (["verify"], "Give a code to check, or --stdin for a scanner, or --image FILE for a photo."),
            (["verify", code, "--stdin"], "Give only one of: a code, --stdin, --image FILE."),
            (["verify", code, "--now", "yesterday"], "--now / PASSPORT_NOW is `yesterday`, not a date and time like 2027-06-01T00:00:00Z"),
            (["verify", code, "--max-bundle-age", "0"], "--max-bundle-age must be a positive number of days."),
            (["verify", code, "--no-scan-log", "--scan-log", "x.sqlite"], "Use either --scan-log PATH or --no-scan-log, not both."),
            (["verify", "--image", "missing.png"], "Cannot read the image missing.png: the file cannot be read"),
            (["verify", "--image", shop.bundle.path], "Cannot read the image \(shop.bundle.path): it is neither a PNG nor a JPEG file."),
        ]
        for (arguments, message) in cases {
            let result = try shop.run(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: shop.store.path), "\(arguments) wrote the store")
        }
        try FileManager.default.createDirectory(at: shop.store, withIntermediateDirectories: true)
        try Data("{not json".utf8).write(to: shop.store.appendingPathComponent("trust.json"))
        let damaged = try shop.run(["verify", code])
        #expect(damaged.status == 64)
        #expect(damaged.stderr.hasPrefix("The trust store \(shop.store.appendingPathComponent("trust.json").path) is damaged:"))
        #expect(shop.storeFiles() == ["trust.json"])
    }

    @Test("--help documents the exit codes")
    func help() throws {
        let result = try Command.run(["verify", "--help"])
        #expect(result.stdout.contains("Exit codes: 0 genuine; 2 genuine with warnings; 1 not genuine"))
        #expect(result.stdout.contains("64 usage error"))
    }
}
