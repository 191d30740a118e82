import Credentials
import DigitalLink
import Foundation
import PassportModel
import PassportTestSupport
@testable import Site

/// Producer projects written to temporary folders, loaded with the real loader, plus signed proofs.
/// Folders are kept after the run for inspection (a later run removes them after an hour).
enum Fixture {
    static let templates = Checkout.path("Templates/site")
    /// Screenshots and pages kept for people to look at (git-ignored).
    static let artifacts = Checkout.path(".build/test-artifacts/site")
    /// The build day the demo is rendered for.
    static let today = CalendarDate(year: 2026, month: 11, day: 20)!

    /// The demo: an olive oil co-op with a serialized batch, a recalled batch and three certificates.
    static func demoProject() throws -> Project {
        let root = try TemporaryFolder.kept("demo")
        try DemoProject.write(to: root)
        return try ProjectLoader.load(root: root)
    }

    /// Every text field holds markup and script payloads.
    static func hostileProject() throws -> Project {
        let root = try TemporaryFolder.kept("hostile")
        try FileTree.write(HostileFiles.files, to: root)
        return try ProjectLoader.load(root: root)
    }

    /// The signing key of the fixtures (fixed, so builds are repeatable).
    static func signingKey() throws -> SigningKey {
        try SigningKey(id: "main", seed: Data(repeating: 7, count: 32))
    }

    /// A compact JWS over `payload` signed with `signingKey`.
    static func jws(payload: String, kid: String) throws -> String {
        try JWS.sign(header: ["alg": "EdDSA", "kid": .string(kid), "typ": "vc+jwt"], payload: Data(payload.utf8),
                     key: signingKey())
    }

    /// The `s` parameter of a unit code.
    static func unitSignature(gtin: String, lot: String, serial: String) throws -> String {
        try UnitSignature.sign(identifier: IdentifierPath.canonicalUnit(gtin: gtin, lot: lot, serial: serial),
                               key: signingKey())
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
                          rawBase64URL: Base64URL.encode(try signingKey().publicKey.rawRepresentation))
        var proofs: [String: BatchProof] = [:]
        for batch in project.batches {
            guard let product = project.product(batch.product) else { continue }
            let folder = IdentifierPath.batch(gtin: product.gtin, lot: batch.lot)
            let jws = try passport(batch, did: did, tamper: false)
            let digest = SHA256Digest.hex(Data(jws.utf8))
            proofs[batch.id] = BatchProof(jwtPath: folder + "dpp.jwt", jsonPath: folder + "dpp.json",
                                          jws: jws, jwtSHA256: digest)
        }
        var certificates: [String: CertificateProof] = [:]
        for (index, certificate) in project.certificates.enumerated() {
            let folder = SiteLayout.certificateFolder(id: certificate.id)
            certificates[certificate.id] = CertificateProof(jwtPath: folder + "dcc.jwt", jsonPath: folder + "dcc.json",
                                                            signedByCertifier: index % 2 == 0,
                                                            certifierKeyMultibase: index % 2 == 0 ? "z6MkCertifier" : nil)
        }
        var input = SiteInput(project: project, today: today, issuerDID: did, keys: [key], batchProofs: proofs,
                              certificateProofs: certificates, templatesOverride: override, templatesDirectory: templates)
        // The pipeline hands over inputs after checking them upstream; here they are taken as written.
        for batch in project.batches where !batch.inputs.isEmpty {
            input.network[batch.id] = BatchNetworkView(inputs: batch.inputs.map { record in
                BatchNetworkView.Input(name: record.name.text(in: "en"), producer: "Vetreria Toscana", place: "Empoli",
                                       product: record.name.text(in: "en"), href: record.batchLink + "/",
                                       sha256: record.sha256, quantity: record.quantity.description)
            }, confirmedBy: batch.valueShares.first.map { [$0.actor: "Confirmer of " + $0.actor] } ?? [:])
        }
        return input
    }

    /// Builds the site into a fresh folder and writes the credential files the pipeline would add,
    /// so links to them resolve.
    static func build(_ input: SiteInput, name: String, tamper: Bool = false) throws -> (URL, SiteReport) {
        let output = try TemporaryFolder.kept(name)
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
        try FileTree.write(extra, to: output)
        return (output, report)
    }
}
