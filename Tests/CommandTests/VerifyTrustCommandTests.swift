import Credentials
import Foundation
import PassportTestSupport
import Testing

/// `passport trust …` through the binary: what is trusted, and every refusal with its message,
/// exit code, and nothing written.
@Suite("passport trust")
struct VerifyTrustCommandTests {
    @Test("importing an untrusted producer's bundle shows its fingerprints, exits 1 and writes nothing")
    func untrusted() throws {
        let shop = try VerifyShop(importBundle: false, trustCertifier: false)
        let result = try shop.run(["trust", "import", shop.bundle.path])
        #expect(result.status == 1)
        let key = try KeyStore(projectDirectory: shop.project).load(id: "main")
        #expect(result.stderr == "Oliveto Val d'Orcia Cooperative (did:web:oliveto.example) is not a trusted producer. Its keys: did:web:oliveto.example#main \(key.publicKey.fingerprint). Compare these fingerprints with the ones the producer gave you, then run `passport trust import \(shop.bundle.path) --trust-producer` (or `passport trust add producer --did did:web:oliveto.example --did-document FILE`).\n")
        #expect(!FileManager.default.fileExists(atPath: shop.store.path))
    }

    @Test("trust on first import, list, then add the producer explicitly from its DID document")
    func importAndList() throws {
        let shop = try VerifyShop(importBundle: false, trustCertifier: false)
        let imported = try shop.run(["trust", "import", shop.bundle.path, "--trust-producer"])
        #expect(imported.status == 0)
        #expect(imported.stdout.hasPrefix("Now trusting producer Oliveto Val d'Orcia Cooperative (did:web:oliveto.example) with the keys of its bundle — make sure these fingerprints are the producer's:\n  key did:web:oliveto.example#main  fingerprint "))
        #expect(imported.stdout.contains("note: certifier did:web:terraviva-cert.example is not trusted for EU organic, Regenerative Organic Certified, so its certificates show as warnings. To trust it, get its DID document (published at https://terraviva-cert.example/.well-known/did.json; the producer's site keeps a copy at certifiers/did_web_terraviva-cert.example.did.json), compare its key fingerprint with the certifier's, then run `passport trust add certifier --did did:web:terraviva-cert.example --did-document FILE --scheme \"EU organic\" --scheme \"Regenerative Organic Certified\"`.\n"),
                "\(imported.stdout)")
        #expect(FileManager.default.fileExists(atPath: shop.output.appendingPathComponent("site/certifiers/did_web_terraviva-cert.example.did.json").path))
        // The bundle is stored under its own SHA-256, which trust.json names (docs/security.md).
        let digest = try sha256Hex(try Data(contentsOf: shop.bundle))
        #expect(shop.storeFiles() == ["bundles", "bundles/\(digest).json", "trust.json"])
        #expect(try String(contentsOf: shop.store.appendingPathComponent("trust.json"), encoding: .utf8)
            .contains("\"did:web:oliveto.example\": \"\(digest).json\""))
        let list = try shop.run(["trust", "list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("producer Oliveto Val d'Orcia Cooperative (did:web:oliveto.example), trusted since 2026-11-05T10:00:00Z"))
        #expect(list.stdout.contains("  bundle made 2026-10-26T07:33:20Z (10 days old), 2 batches"))
        let didDocument = shop.output.appendingPathComponent("site/.well-known/did.json")
        let document = FileManager.default.fileExists(atPath: didDocument.path) ? didDocument : shop.folder.url.appendingPathComponent("did.json")
        if document != didDocument {
            let bundle = try JSONValue(parsing: try Data(contentsOf: shop.bundle))
            try (bundle["didDocument"] ?? .null).serialized().write(to: document)
        }
        let added = try shop.run(["trust", "add", "producer", "--did", "did:web:oliveto.example", "--did-document", document.path,
                                  "--name", "Oliveto"])
        #expect(added.status == 0)
        #expect(added.stdout.hasPrefix("Now trusting producer Oliveto (did:web:oliveto.example) with 1 key:\n"))
    }

    @Test("refusals: bad DID, bad DID document, no scheme, unknown DID to remove — exit 1, nothing written")
    func refusals() throws {
        let shop = try VerifyShop(importBundle: false, trustCertifier: false)
        let document = shop.certifierDocument.path
        let cases: [([String], String)] = [
            (["trust", "add", "certifier", "--did", "terraviva", "--did-document", document, "--scheme", "EU organic"],
             "'terraviva' is not a did:web identifier"),
            (["trust", "add", "certifier", "--did", VerifyShop.certifierDID, "--did-document", document],
             "Say which schemes did:web:terraviva-cert.example may certify, for example --scheme \"EU organic\""),
            (["trust", "add", "producer", "--did", "did:web:oliveto.example", "--did-document", document],
             "\(document) is not a usable DID document: The DID document (did.json) is not usable: it describes did:web:terraviva-cert.example but was fetched for did:web:oliveto.example."),
            (["trust", "add", "producer", "--did", "did:web:oliveto.example", "--did-document", shop.project.appendingPathComponent("passport.yaml").path],
             "is not a usable DID document: The JSON text is not valid"),
            (["trust", "add", "producer", "--did", "did:web:oliveto.example", "--did-document", "nowhere.json"],
             "nowhere.json: "),
            (["trust", "remove", "did:web:nobody.example"],
             "did:web:nobody.example is not in the trust store. List what is trusted with `passport trust list`."),
            (["trust", "import", "nowhere.json"], "nowhere.json: "),
            (["trust", "import", shop.project.appendingPathComponent("passport.yaml").path, "--trust-producer"],
             "is not a usable verification bundle"),
        ]
        for (arguments, message) in cases {
            let result = try shop.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: shop.store.path), "\(arguments) wrote the store")
        }
        let missing = try shop.run(["trust", "add", "producer", "--did", "did:web:oliveto.example"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("Missing expected argument '--did-document <file>'"))
    }

    @Test("an older bundle is refused once a newer one is imported, exit 1")
    func olderBundle() throws {
        let shop = try VerifyShop(trustCertifier: false)
        let older = shop.folder.url.appendingPathComponent("older.json")
        try FileManager.default.copyItem(at: shop.bundle, to: older)
        let rebuilt = try shop.run(["build", "farm", "-o", shop.output.path, "--no-labels"],
                                   environment: ["SOURCE_DATE_EPOCH": "1793500000"])
        #expect(rebuilt.status == 0)
        #expect(try shop.run(["trust", "import", shop.bundle.path]).stdout.hasPrefix("Replaced the bundle of 2026-10-26T07:33:20Z with"))
        let before = try TreeSnapshot(shop.store)
        let result = try shop.run(["trust", "import", older.path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("This bundle from did:web:oliveto.example was made 2026-10-26T07:33:20Z, before the one already imported (2026-11-01T02:26:40Z). An older bundle could hide a recall"))
        #expect(try TreeSnapshot(shop.store) == before)
    }

    @Test("after the producer changes its key, import says so with both fingerprints, verify says it may be why, --trust-producer accepts it")
    func keyChange() throws {
        let shop = try VerifyShop()
        let keys = KeyStore(projectDirectory: shop.project)
        let old = try keys.load(id: "main")
        #expect(try shop.run(["keys", "new", "k2", "--project", "farm"]).status == 0)
        let settings = shop.project.appendingPathComponent("passport.yaml")
        try (try String(contentsOf: settings, encoding: .utf8)).replacingOccurrences(of: "signing_key: main", with: "signing_key: k2")
            .write(to: settings, atomically: true, encoding: .utf8)
        #expect(try shop.run(["build", "farm", "-o", shop.output.path, "--no-labels"]).status == 0)
        let new = try keys.load(id: "k2")
        let code = try UnitCode.text(baseURL: "https://oliveto.example", gtin: "08012345000029", lot: "N2026S",
                                     serial: "000042", key: new)

        let unknownKey = try shop.run(["verify", code, "--no-scan-log"])
        #expect(unknownKey.status == 1)
        #expect(unknownKey.stdout.hasPrefix("TAMPERED — the unit signature does not match: the serial, lot, GTIN or signature in this code was altered, or the code was forged — unless Oliveto Val d'Orcia Cooperative has changed its signing key (then import its new bundle and scan again)\n"),
                "\(unknownKey.stdout)")
        #expect(unknownKey.stdout.contains("  ✗ unit signature: no key this shop trusts for Oliveto Val d'Orcia Cooperative (did:web:oliveto.example#main \(old.publicKey.fingerprint)) signed /01/08012345000029/10/N2026S/21/000042 with this signature; if Oliveto Val d'Orcia Cooperative told you it changed its key, accept the new one with `passport trust import BUNDLE --trust-producer`"),
                "\(unknownKey.stdout)")

        let trustBefore = try Data(contentsOf: shop.store.appendingPathComponent("trust.json"))
        let refused = try shop.run(["trust", "import", shop.bundle.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("Oliveto Val d'Orcia Cooperative (did:web:oliveto.example) signed this bundle with a key this shop does not know yet: its keys are now "),
                "\(refused.stderr)")
        #expect(refused.stderr.contains("did:web:oliveto.example#k2 \(new.publicKey.fingerprint)"))
        #expect(refused.stderr.contains("; the shop trusts did:web:oliveto.example#main \(old.publicKey.fingerprint). If Oliveto Val d'Orcia Cooperative told you it changed its signing key, compare these fingerprints with the ones it gave you, then accept the new key with `passport trust import \(shop.bundle.path) --trust-producer`. If it did not, do not: the bundle may be forged.\n"),
                "\(refused.stderr)")
        #expect(!refused.stderr.contains("altered or damaged"))
        #expect(try Data(contentsOf: shop.store.appendingPathComponent("trust.json")) == trustBefore)

        let accepted = try shop.run(["trust", "import", shop.bundle.path, "--trust-producer"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stdout.contains("  key did:web:oliveto.example#k2  fingerprint \(new.publicKey.fingerprint)"), "\(accepted.stdout)")
        let genuine = try shop.run(["verify", code, "--no-scan-log"])
        #expect(genuine.status == 0, "\(genuine.stdout)")
        #expect(genuine.stdout.contains("  ✓ unit signature: signed by did:web:oliveto.example#k2"))
        // Codes printed before the change still verify: the old key stays in the DID document.
        #expect(try shop.run(["verify", try shop.code(serial: "000001"), "--no-scan-log"]).status == 0)
    }
}
