import Crypto
import Foundation
import PassportModel
@testable import Site
import DigitalLink

/// Producer projects written to temporary folders, loaded with the real loader, plus signed proofs.
enum Fixture {
    /// The repository checkout (tests run from anywhere).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let templates = repository.appendingPathComponent("Templates/site")
    /// Screenshots and pages kept for people to look at (git-ignored).
    static let artifacts = repository.appendingPathComponent(".build/test-artifacts/site")
    /// The build day the demo is rendered for.
    static let today = CalendarDate(year: 2026, month: 11, day: 20)!

    /// Folders of earlier runs (over an hour old) are removed once per run; this run's stay for
    /// inspection until the next.
    static let sweepOldFolders: Void = {
        let temporary = FileManager.default.temporaryDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        let cutoff = Date().addingTimeInterval(-3600)
        for name in names where name.hasPrefix("passport-site-tests-") {
            let url = temporary.appendingPathComponent(name)
            let modified = (try? url.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate
            if let modified, modified < cutoff { try? FileManager.default.removeItem(at: url) }
        }
    }()

    static func temporaryFolder(_ name: String) throws -> URL {
        _ = sweepOldFolders
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("passport-site-tests-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ files: [String: String], to root: URL) throws {
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// The demo: an olive oil co-op with a serialized batch, a recalled batch and three certificates.
    static func demoProject() throws -> Project {
        let root = try temporaryFolder("demo")
        try write(DemoFiles.files, to: root)
        return try ProjectLoader.load(root: root)
    }

    /// Every text field holds markup and script payloads.
    static func hostileProject() throws -> Project {
        let root = try temporaryFolder("hostile")
        try write(HostileFiles.files, to: root)
        return try ProjectLoader.load(root: root)
    }

    /// The signing key of the fixtures (fixed, so builds are repeatable).
    static func signingKey() throws -> Curve25519.Signing.PrivateKey {
        try Curve25519.Signing.PrivateKey(rawRepresentation: Data(repeating: 7, count: 32))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// A compact JWS over `payload` signed with `signingKey`.
    static func jws(payload: String, kid: String) throws -> String {
        let header = base64URL(Data(#"{"alg":"EdDSA","kid":"\#(kid)","typ":"vc+jwt"}"#.utf8))
        let body = base64URL(Data(payload.utf8))
        let signature = try signingKey().signature(for: Data("\(header).\(body)".utf8))
        return "\(header).\(body).\(base64URL(signature))"
    }

    /// The `s` parameter of a unit code.
    static func unitSignature(gtin: String, lot: String, serial: String) throws -> String {
        let message = IdentifierPath.canonicalUnit(gtin: gtin, lot: lot, serial: serial)
        return base64URL(try signingKey().signature(for: Data(message.utf8)))
    }

    /// The passport JWS of a batch; `tamper` changes its payload after signing.
    static func passport(_ batch: Batch, did: String, tamper: Bool) throws -> String {
        let jws = try jws(payload: #"{"iss":"\#(did)","lot":"\#(batch.id)"}"#, kid: did + "#main")
        return tamper ? jws.replacingOccurrences(of: ".", with: ".e30", options: [], range: jws.range(of: ".")) : jws
    }

    /// Site input with real signatures.
    static func input(_ project: Project, override: URL? = nil) throws -> SiteInput {
        let host = project.producer.baseURL.replacingOccurrences(of: "https://", with: "")
        let did = "did:web:" + host
        let key = SiteKey(id: "main", didURL: did + "#main", multibase: "z6MkFixtureKeyNotAMultibase",
                          fingerprint: "0707 0707 0707 0707",
                          rawBase64URL: base64URL(try signingKey().publicKey.rawRepresentation))
        var proofs: [String: BatchProof] = [:]
        for batch in project.batches {
            guard let product = project.product(batch.product) else { continue }
            let folder = IdentifierPath.batch(gtin: product.gtin, lot: batch.lot)
            let jws = try passport(batch, did: did, tamper: false)
            let digest = SHA256.hash(data: Data(jws.utf8)).map { String(format: "%02x", $0) }.joined()
            proofs[batch.id] = BatchProof(jwtPath: folder + "dpp.jwt", jsonPath: folder + "dpp.json",
                                          jwtSHA256: digest)
        }
        var certificates: [String: CertificateProof] = [:]
        for (index, certificate) in project.certificates.enumerated() {
            let folder = SiteLayout.certificateFolder(id: certificate.id)
            certificates[certificate.id] = CertificateProof(jwtPath: folder + "dcc.jwt", jsonPath: folder + "dcc.json",
                                                            signedByCertifier: index % 2 == 0,
                                                            certifierKeyMultibase: index % 2 == 0 ? "z6MkCertifier" : nil)
        }
        return SiteInput(project: project, today: today, issuerDID: did, keys: [key], batchProofs: proofs,
                         certificateProofs: certificates, templatesOverride: override, templatesDirectory: templates)
    }

    /// Builds the site into a fresh folder and writes the credential files the pipeline would add,
    /// so links to them resolve.
    static func build(_ input: SiteInput, name: String, tamper: Bool = false) throws -> (URL, SiteReport) {
        let output = try temporaryFolder(name)
        let report = try SiteBuilder(input: input).write(to: output)
        var extra: [String: String] = [SiteLayout.didDocumentPath(baseURL: input.project.producer.baseURL): "{}"]
        for batch in input.project.batches {
            guard let proof = input.batchProofs[batch.id] else { continue }
            // Proof paths are URL paths; files live where a host finds them after decoding.
            extra[proof.jwtPath.removingPercentEncoding ?? proof.jwtPath] = try passport(batch, did: input.issuerDID, tamper: tamper)
            extra[proof.jsonPath.removingPercentEncoding ?? proof.jsonPath] = "{}"
        }
        for proof in input.certificateProofs.values {
            extra[proof.jwtPath] = "e30.e30.e30"
            extra[proof.jsonPath] = "{}"
        }
        try write(extra, to: output)
        return (output, report)
    }
}
