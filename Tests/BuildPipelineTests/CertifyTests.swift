import BuildPipeline
import Credentials
import Foundation
import PassportTestSupport
import Testing

/// `Certify`: the certifier's side, through the public API.
@Suite("Certify")
struct CertifyTests {
    func certify(_ starter: Starter, _ ids: [String] = []) throws -> Certify.Result {
        try Certify.run(certifierRoot: starter.project.appendingPathComponent("certifier"), certifierDisplay: "certifier",
                        projectRoot: starter.project, projectDisplay: "farm", certificateIDs: ids, now: Starter.now)
    }

    @Test("a certifier signs the producer's certificates; the next build publishes them as certifier-signed")
    func roundTrip() throws {
        let starter = try Starter()
        let certificates = starter.project.appendingPathComponent("certificates")
        for id in ["eu-organic", "regenerative-organic"] {
            try FileManager.default.removeItem(at: certificates.appendingPathComponent("\(id).dcc.jwt"))
        }
        #expect(try starter.build(into: "self-declared").certifierSigned == 0)

        let result = try certify(starter)
        #expect(result.certifierDID == "did:web:terraviva-cert.example")
        #expect(result.certificates.sorted() == ["eu-organic", "regenerative-organic"])
        // Each credential verifies against the DID document the certifier hands over with it.
        let document = try DIDDocument(parsing: Data(contentsOf: starter.project
            .appendingPathComponent("certifiers/did_web_terraviva-cert.example.did.json")))
        for id in result.certificates {
            let jwt = try String(contentsOf: certificates.appendingPathComponent("\(id).dcc.jwt"), encoding: .utf8)
            let payload = try JSONValue(parsing: JWS.verify(jwt, resolver: document).payload)
            #expect(payload["issuer"]?["id"]?.stringValue == result.certifierDID)
        }

        let report = try starter.build(into: "signed")
        #expect(report.conformityCredentials == 2)
        #expect(report.certifierSigned == 2)
        let before = try String(contentsOf: starter.folder.appending("self-declared/site/certificates/eu-organic/dcc.json"),
                                encoding: .utf8)
        let after = try String(contentsOf: starter.folder.appending("signed/site/certificates/eu-organic/dcc.json"),
                               encoding: .utf8)
        #expect(before.contains("\"assessorLevel\": \"self\""))
        #expect(after.contains("\"assessorLevel\": \"3rdParty\""))
    }

    @Test("a certificate the project does not hold is refused, and nothing is written")
    func unknownCertificate() throws {
        let starter = try Starter()
        let before = try TreeSnapshot(starter.project)
        let error = #expect(throws: BuildError.self) { try certify(starter, ["eu-organic", "no-such-certificate"]) }
        #expect(error?.description.contains("no certificate `no-such-certificate` in certificates/") == true,
                "\(String(describing: error))")
        #expect(try TreeSnapshot(starter.project) == before)
    }
}
