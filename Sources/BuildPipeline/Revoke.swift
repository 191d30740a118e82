import Credentials
public import Foundation
import Issuance
import Output
import PassportModel
public import DigitalLink

/// `passport revoke`: withdraws a credential for good. The producer revokes its passports and the
/// certificates it declares itself (recorded in `status/revoked.yaml`, published by the next
/// build); a certifier revokes the credentials it signed (recorded in its own `status/`, its
/// signed list handed over to the producer and kept for its site).
public enum Revoke {
    public struct Result: Sendable {
        /// How the status files name the credential.
        public var credential: String
        /// False when it was already revoked (nothing changed).
        public var newlyRevoked: Bool
        /// The file the revocation was recorded in.
        public var recordedIn: String
    }

    /// - Parameters:
    ///   - credential: a credential id (`https://…/dpp.json`), `batches/<id>`, `certificates/<id>`,
    ///     or a bare batch or certificate id.
    ///   - certifierRoot: the certifier's folder, when a certifier revokes what it signed.
    public static func run(projectRoot: URL, projectDisplay: String, credential: String, reason: String, on date: CalendarDate,
                           now: Date, certifierRoot: URL?, certifierDisplay: String) throws(BuildError) -> Result {
        let project: Project
        do { project = try ProjectLoader.load(root: projectRoot, displayRoot: projectDisplay) } catch { throw .project(error) }
        let producer: DIDWeb
        do { producer = try DIDWeb(baseURL: project.producer.baseURL) } catch {
            throw .credential(error, context: "passport.yaml: base_url")
        }
        let target = try find(credential, in: project, producer: producer)
        if let certifierRoot {
            guard case .certificate(let id) = target else {
                throw .invalid("`\(credential)` is a passport; a certifier revokes only the certificates it signed")
            }
            return try revokeAsCertifier(id, project: project, producer: producer, reason: reason, on: date, now: now,
                                         certifierRoot: certifierRoot, certifierDisplay: certifierDisplay)
        }
        let key: String
        switch target {
        case .passport(let gtin, let lot):
            key = StatusRecords.passportKey(gtin: gtin, lot: lot)
        case .certificate(let id):
            if let certificate = project.certificate(id),
               ProjectFolder(root: projectRoot).hasFile(CertifierDocuments.handedOver(certificate)) {
                let certifier = certificate.certifierName
                throw .invalid("certificates/\(id) is signed by \(certifier): only they can revoke it (`passport revoke --certifier THEIR_FOLDER \(projectDisplay.isEmpty ? "." : projectDisplay) \(id)`); to stop claiming it, remove it from the products' certifications")
            }
            key = StatusRecords.certificateKey(id: id)
        }
        let changed = try StatusFiles.revoke(key, date: date, reason: reason, records: project.status, root: projectRoot)
        return Result(credential: key, newlyRevoked: changed, recordedIn: StatusFiles.revokedPath)
    }

    enum Target {
        case passport(gtin: String, lot: String)
        case certificate(String)
    }

    /// Which credential the user named.
    static func find(_ text: String, in project: Project, producer: DIDWeb) throws(BuildError) -> Target {
        func passport(_ batch: Batch) -> Target? {
            project.product(batch.product).map { .passport(gtin: $0.gtin, lot: batch.lot) }
        }
        let base = producer.baseURL + "/"
        for batch in project.batches {
            guard let product = project.product(batch.product) else { continue }
            let folder = base + IdentifierPath.batch(gtin: product.gtin, lot: batch.lot)
            if [PublishedPaths.passportJSON, PublishedPaths.passportJWT].map({ folder + $0 }).contains(text)
                || text == StatusRecords.passportKey(gtin: product.gtin, lot: batch.lot) {
                return .passport(gtin: product.gtin, lot: batch.lot)
            }
        }
        for certificate in project.certificates {
            let folder = base + PublishedPaths.certificateURLPath(id: certificate.id)
            if [PublishedPaths.conformityJSON, PublishedPaths.conformityJWT].map({ folder + $0 }).contains(text) {
                return .certificate(certificate.id)
            }
        }
        var name = text.hasSuffix(".yaml") ? String(text.dropLast(5)) : text
        var kinds = ["batch", "certificate"]
        for (prefix, kind) in [("batches/", "batch"), ("batch/", "batch"), ("certificates/", "certificate"),
                               ("certificate/", "certificate")] where name.hasPrefix(prefix) {
            name = String(name.dropFirst(prefix.count))
            kinds = [kind]
        }
        let batch = kinds.contains("batch") ? project.batches.first { $0.id == name }.flatMap(passport) : nil
        let certificate = kinds.contains("certificate") ? project.certificate(name).map { Target.certificate($0.id) } : nil
        switch (batch, certificate) {
        case (let found?, nil), (nil, let found?): return found
        case (.some, .some):
            throw .invalid("`\(text)` is both a batch and a certificate — write `batches/\(name)` or `certificates/\(name)`")
        case (nil, nil):
            throw .invalid("no batch or certificate `\(text)` in this project — give a batch id (batches/<id>), a certificate id (certificates/<id>) or a credential's id (https://…/dpp.json)")
        }
    }

    private static func revokeAsCertifier(_ id: String, project: Project, producer: DIDWeb, reason: String,
                                          on date: CalendarDate, now: Date, certifierRoot: URL,
                                          certifierDisplay: String) throws(BuildError) -> Result {
        let profile: CertifierProfile
        let status: StatusRecords
        do {
            profile = try CertifierProfile.load(root: certifierRoot, displayRoot: certifierDisplay)
            status = try ProjectLoader.loadStatus(root: certifierRoot, displayRoot: certifierDisplay)
        } catch { throw .project(error) }
        let certifier: DIDWeb, key: SigningKey
        do {
            certifier = try DIDWeb(baseURL: profile.baseURL)
            key = try KeyStore(projectDirectory: certifierRoot).load(id: profile.signingKey)
        } catch { throw .credential(error, context: "certifier") }
        guard project.certificate(id)?.certifierDID == certifier.did else {
            throw .invalid("certificates/\(id).yaml names another certifier than you (\(certifier.did))")
        }
        let credential = Certify.statusKey(producer: producer, certificate: id)
        guard let position = status.positions[credential] else {
            throw .invalid("you have not signed certificates/\(id) for \(producer.did) (no position in \(certifierDisplay)/\(StatusFiles.allocationPath)) — nothing to revoke")
        }
        let changed = try StatusFiles.revoke(credential, date: date, reason: reason, records: status, root: certifierRoot)
        var revoked = status
        revoked.revocations.append(.init(credential: credential, date: date, reason: reason))
        let lists = StatusListIssuer(issuer: CredentialIssuer(id: certifier.did, name: profile.name), baseURL: certifier.baseURL)
        let list = try Certify.revocationList(lists, status: revoked, positions: [credential: position], key: key,
                                              signer: certifier, now: now)
        let name = certifier.did.replacingOccurrences(of: ":", with: "_")
        let projectRoot = URL(fileURLWithPath: project.root)
        try BuildError.output(try FileWriter.writeAtomically(list, to: projectRoot.appendingPathComponent("certifiers/\(name).revocation.jwt")))
        try BuildError.output(try FileWriter.writeAtomically(list, to: certifierRoot.appendingPathComponent(PublishedPaths.statusListJWT(.revocation))))
        return Result(credential: credential, newlyRevoked: changed, recordedIn: StatusFiles.revokedPath)
    }
}
