import Credentials
import Foundation
import DigitalLink

/// The producer-signed manifest of a verification bundle, read after its signature was checked:
/// which batches exist, their issued serials, recalls, and the digest of every credential.
struct BundleManifest: Sendable {
    let issuer: String
    let createdAt: Date
    /// `createdAt` as written (XML Schema dateTime).
    let createdAtText: String
    /// Batches by `gtin/lot`.
    let batches: [String: VerificationBundle.BatchEntry]
    /// Conformity credential digests by certificate id.
    let conformitySHA256: [String: String]

    /// The key batches are filed under.
    static func key(gtin: String, lot: String) -> String { VerificationBundle.Manifest.key(gtin: gtin, lot: lot) }

    /// Reads the manifest payload (bytes already verified against the producer's keys).
    init(payload data: Data, path: String) throws(VerifyError) {
        let content: VerificationBundle.Manifest
        do { content = try VerificationBundle.Manifest(payload: data) } catch {
            if case .invalidJSON(let reason) = error { throw .invalidBundle(path: path, reason: reason) }
            throw .invalidBundle(path: path, reason: error.description)
        }
        self.issuer = content.issuer
        self.createdAt = content.createdAt
        self.createdAtText = content.createdAtText
        self.batches = content.batches
        self.conformitySHA256 = content.conformitySHA256
    }

    /// `createdAt` of a bundle's manifest without checking its signature — only for comparing a
    /// new bundle with the one already stored by this shop.
    static func unverifiedCreatedAt(of bundle: VerificationBundle) -> Date? {
        UnverifiedJWS.payload(of: bundle.manifest)?["createdAt"]?.stringValue.flatMap(XSDDateTime.date(from:))
    }
}
