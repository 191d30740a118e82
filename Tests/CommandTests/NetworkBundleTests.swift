import Credentials
import Foundation
import PassportTestSupport
import Testing

/// The network evidence a co-op's bundle carries (upstream passports, manifests and DID documents,
/// value-share attestations) is made of bundle members, covered byte for byte by the producer's
/// signed manifest: any of them changed is refused at import, naming the member.
@Suite("Value network in the bundle", .serialized)
struct NetworkBundleTests {
    @Test("an upstream passport, DID document or attestation changed in the bundle is refused at import, naming it")
    func evidenceIsCovered() throws {
        let net = try NetworkFixture()
        #expect(try net.build().status == 0)
        let bundleURL = net.out.appendingPathComponent("bundle/bundle.json")
        let original = try JSONValue(parsing: try Data(contentsOf: bundleURL))
        let rossi = "did:web:podere-rossi.example"
        let upstream = try #require(original["network"]?["upstream"]?[rossi])
        #expect(upstream["passports"]?.arrayValue?.count == 1)
        #expect((original["network"]?["attestations"]?.arrayValue?.count ?? 0) == 5)

        var passport = original, document = original, attestation = original
        let jwt = try #require(upstream["passports"]?.arrayValue?.first?.stringValue)
        passport["network"]?["upstream"]?[rossi]?["passports"] = [.string(alteredPayload(jwt))]
        document["network"]?["upstream"]?[rossi]?["didDocument"]?["alsoKnownAs"] = ["https://elsewhere.example"]
        var attestations = original["network"]?["attestations"]?.arrayValue ?? []
        attestations[0] = .string(alteredPayload(attestations[0].stringValue ?? ""))
        attestation["network"]?["attestations"] = .array(attestations)
        let cases: [(String, JSONValue, String)] = [
            ("upstream passport", passport, "network/upstream/\(rossi)/passports/"),
            ("upstream DID document", document, "network/upstream/\(rossi)/didDocument: it differs from what the producer signed"),
            ("attestation", attestation, "network/attestations/"),
        ]
        for (name, bundle, member) in cases {
            let file = net.folder.url.appendingPathComponent("tampered.json")
            try bundle.serialized(pretty: true).write(to: file)
            let result = try net.run(["trust", "import", file.path, "--trust-producer"])
            #expect(result.status == 1, "\(name)")
            #expect(result.stderr.hasPrefix("\(file.path) was altered after the producer signed it: \(member)"), "\(name): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: net.store.path), "\(name) wrote the store")
        }
        // The bundle as built imports.
        let imported = try net.run(["trust", "import", bundleURL.path, "--trust-producer"])
        #expect(imported.status == 0, "\(imported.stderr)")
    }
}
