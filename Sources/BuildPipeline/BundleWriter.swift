import Credentials
import Foundation
import PassportModel
import DigitalLink

/// Assembles the verification bundle a shop imports, and signs its manifest.
enum BundleWriter {
    static func bundle(project: Project, credentials: CredentialSet, createdAt: String) throws(BuildError) -> VerificationBundle {
        var entries: [VerificationBundle.BatchEntry] = []
        var passports: [String: String] = [:]
        let language = project.producer.defaultLanguage
        for batch in project.batches {
            guard let product = project.product(batch.product), let passport = credentials.passports[batch.id] else { continue }
            passports["\(product.gtin)/\(batch.lot)"] = passport.jwt
            let serials = batch.serials
            let recall = batch.recall.map {
                VerificationBundle.RecallEntry(date: $0.date.description, reason: $0.reason.text(in: language))
            }
            entries.append(.init(gtin: product.gtin, lot: batch.lot, passportSHA256: passport.sha256,
                                 serials: serials, recalled: recall))
        }
        var conformity: [String: String] = [:], digests: [String: String] = [:]
        for entry in credentials.conformity {
            conformity[entry.certificate.id] = entry.credential.jwt
            digests[entry.certificate.id] = entry.credential.sha256
        }
        var lists: [String: String] = [:]
        for list in credentials.statusLists.values { lists[list.credential.id] = list.jwt }
        for (url, jwt) in credentials.certifierStatusLists { lists[url] = jwt }
        var bundle = VerificationBundle(producerDID: credentials.issuer.did, producerName: project.producer.name,
                                        didDocument: credentials.didDocument,
                                        certifierDocuments: credentials.certifierDocuments,
                                        passports: passports, conformity: conformity, statusLists: lists, manifest: "")
        // Signed last, over the digest of every member.
        do {
            bundle.manifest = try JWS.sign(header: ["alg": "Ed25519", "typ": "JWT",
                                                    "kid": .string(credentials.issuer.keyID(for: credentials.signingKey.id))],
                                           payload: bundle.manifestPayload(createdAt: createdAt, batches: entries,
                                                                           conformitySHA256: digests),
                                           key: credentials.signingKey)
        } catch {
            throw .credential(error, context: "signing the verification bundle")
        }
        return bundle
    }
}
