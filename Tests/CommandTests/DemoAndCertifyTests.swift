import Foundation
import PassportTestSupport
import Testing

/// `passport demo` and `passport certify`, through the command.
@Suite("Demo and certify", .serialized)
struct DemoAndCertifyTests {
    @Test("demo writes signed passports, the DID document, pages, labels and the bundle into ./output")
    func demo() throws {
        let directory = try TemporaryFolder()
        let result = try Command.run(["demo"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Signed 2 passports and 2 conformity credentials (2 signed by the certifier)."))
        let output = directory.url.appendingPathComponent("output")
        for path in ["site/.well-known/did.json", "site/01/08012345000012/10/L2026A/dpp.jwt",
                     "site/01/08012345000029/10/N2026S/dpp.json", "site/01/08012345000029/10/N2026S/index.html",
                     "site/index.html", "labels/novello-2026-s/labels.pdf", "labels/evo-2026-a/manifest.csv",
                     "bundle/bundle.json"] {
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path), "\(path)")
        }
        let jwt = try String(contentsOf: output.appendingPathComponent("site/01/08012345000012/10/L2026A/dpp.jwt"),
                             encoding: .utf8)
        #expect(jwt.split(separator: ".").count == 3)
        #expect(jwt.hasPrefix("eyJ"))
        // The temporary example project is gone: no private key anywhere under the working folder.
        #expect(!directory.files().contains { $0.hasSuffix(".jwk") })
    }

    @Test("certify signs as the certifier; the next build publishes certifier-signed credentials")
    func certify() throws {
        let directory = try TemporaryFolder()
        #expect(try Command.run(["init", "farm"], in: directory.url).status == 0)
        let certificates = directory.url.appendingPathComponent("farm/certificates")
        for id in ["eu-organic", "regenerative-organic"] {
            try FileManager.default.removeItem(at: certificates.appendingPathComponent("\(id).dcc.jwt"))
        }
        let selfDeclared = try Command.run(["build", "farm", "--no-labels", "-o", "out1"], in: directory.url)
        #expect(selfDeclared.stdout.contains("(0 signed by the certifier)"), "\(selfDeclared.stdout)")
        let dcc = try String(contentsOf: directory.url.appendingPathComponent("out1/site/certificates/eu-organic/dcc.json"),
                             encoding: .utf8)
        #expect(dcc.contains("\"assessorLevel\": \"self\""))

        let signed = try Command.run(["certify", "--certifier", "farm/certifier", "farm", "eu-organic"], in: directory.url)
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(signed.stdout.contains("Signed eu-organic as did:web:terraviva-cert.example."))
        let rebuilt = try Command.run(["build", "farm", "--no-labels", "-o", "out2"], in: directory.url)
        #expect(rebuilt.stdout.contains("(1 signed by the certifier)"), "\(rebuilt.stdout)")
    }

    @Test("a certifier cannot sign a certificate that names another certifier")
    func certifyRefusesOthers() throws {
        let directory = try TemporaryFolder()
        #expect(try Command.run(["init", "farm"], in: directory.url).status == 0)
        let profile = directory.url.appendingPathComponent("farm/certifier/certifier.yaml")
        let text = try String(contentsOf: profile, encoding: .utf8)
        try text.replacingOccurrences(of: "https://terraviva-cert.example", with: "https://other-cert.example")
            .write(to: profile, atomically: true, encoding: .utf8)
        let before = try TreeSnapshot(directory.url.appendingPathComponent("farm"))
        let result = try Command.run(["certify", "--certifier", "farm/certifier", "farm", "eu-organic"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("names did:web:terraviva-cert.example as certifier, not you (did:web:other-cert.example)"),
                "\(result.stderr)")
        #expect(try TreeSnapshot(directory.url.appendingPathComponent("farm")) == before)
    }
}
