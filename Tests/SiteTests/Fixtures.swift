import Credentials
import DigitalLink
import Crypto
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
        for (index, batch) in project.batches.enumerated() {
            guard let product = project.product(batch.product) else { continue }
            let folder = IdentifierPath.batch(gtin: product.gtin, lot: batch.lot)
            let jws = try passport(batch, did: did, tamper: false)
            let digest = SHA256Digest.hex(Data(jws.utf8))
            proofs[batch.id] = BatchProof(jwtPath: folder + "dpp.jwt", jsonPath: folder + "dpp.json",
                                          jws: jws, jwtSHA256: digest, passport: typedPassport(project, folder: folder, position: index))
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

    /// What the page reads of a passport: status entries at `position` in the site's lists, and
    /// the link to its traceability events.
    static func typedPassport(_ project: Project, folder: String, position: Int) -> ProductPassport {
        let base = project.producer.baseURL
        let product = UNTPProduct(
            id: base + "/" + folder, name: "p", idScheme: nil, idGranularity: "batch", productCategory: [],
            relatedDocument: [Link(linkURL: base + "/" + folder + "dte.jwt", linkName: "Journey",
                                   linkType: UNTPVocabulary.LinkType.dte.iri)],
            producedAtFacility: nil, countryOfProduction: nil)
        return ProductPassport(
            context: [], type: [], id: base + "/" + folder + "dpp.json", issuer: CredentialIssuer(id: "", name: ""), name: "p",
            validFrom: "2026-10-01T00:00:00Z",
            credentialStatus: [BitstringStatusListEntry(purpose: .revocation, index: position, list: base + "/status/revocation.jwt")],
            suspensionStatus: BitstringStatusListEntry(purpose: .suspension, index: position, list: base + "/status/suspension.jwt"),
            credentialSubject: PassportSubject(product: product, extensions: PassportExtension()))
    }

    /// The site's signed status lists: recalled batches suspended, none revoked (or the batches in `revoked`).
    static func statusLists(_ input: SiteInput, revoked: Set<String> = []) throws -> [String: String] {
        let key = try Credentials.SigningKey(id: "main", seed: Data(repeating: 7, count: 32))
        let issuer = try DIDWeb(baseURL: input.project.producer.baseURL)
        var files: [String: String] = [:]
        for purpose in StatusPurpose.allCases {
            var bits = StatusBitstring()
            for batch in input.project.batches where purpose == .suspension ? batch.recall != nil : revoked.contains(batch.id) {
                if let entry = input.batchProofs[batch.id]?.passport?.statusEntries.first(where: { $0.statusPurpose == purpose.rawValue }) {
                    bits.set(entry.statusListIndex)
                }
            }
            let url = issuer.baseURL + "/status/\(purpose.rawValue).jwt"
            let list = StatusListCredential(
                context: [UNTPVocabulary.credentialsContext], type: ["VerifiableCredential", "BitstringStatusListCredential"],
                id: url, issuer: CredentialIssuer(id: issuer.did, name: "Oliveto"), name: purpose.rawValue,
                validFrom: "2026-11-20T00:00:00Z",
                credentialSubject: try BitstringStatusList(id: url + "#list", purpose: purpose, bits: bits))
            files["status/\(purpose.rawValue).jwt"] = try JWS.signCredential(try list.json(), key: key, issuer: issuer)
        }
        return files
    }

    /// Builds the site into a fresh folder and writes the credential files the pipeline would add,
    /// so links to them resolve.
    static func build(_ input: SiteInput, name: String, tamper: Bool = false, revoked: Set<String> = []) throws -> (URL, SiteReport) {
        let output = try TemporaryFolder.kept(name)
        let report = try SiteBuilder(input: input).write(to: output)
        var extra: [String: String] = [SiteLayout.didDocumentPath(baseURL: input.project.producer.baseURL): "{}"]
        for batch in input.project.batches {
            guard let proof = input.batchProofs[batch.id] else { continue }
            // Proof paths are URL paths; files live where a host finds them after decoding.
            extra[proof.jwtPath.removingPercentEncoding ?? proof.jwtPath] = try passport(batch, did: input.issuerDID, tamper: tamper)
            extra[proof.jsonPath.removingPercentEncoding ?? proof.jsonPath] = "{}"
            let events = proof.jwtPath.replacingOccurrences(of: "dpp.jwt", with: "dte.jwt")
            extra[events.removingPercentEncoding ?? events] = "e30.e30.e30"
        }
        extra.merge(try statusLists(input, revoked: revoked)) { _, list in list }
        for proof in input.certificateProofs.values {
            extra[proof.jwtPath] = "e30.e30.e30"
            extra[proof.jsonPath] = "{}"
        }
        try FileTree.write(extra, to: output)
        return (output, report)
    }
}
