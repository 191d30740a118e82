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
        #expect(imported.stdout.contains("note: certifier did:web:terraviva-cert.example (EU organic, Regenerative Organic Certified) is not trusted for these schemes"))
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
}
