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
    /// SHA-256 of every other member of the bundle, by member name (`VerificationBundle.members`).
    let members: [String: String]
    /// Status list digests by URL: the `statusLists/<url>` members.
    var statusListSHA256: [String: String] {
        var result: [String: String] = [:]
        for (name, digest) in members where name.hasPrefix("statusLists/") {
            result[String(name.dropFirst("statusLists/".count))] = digest
        }
        return result
    }

    /// The key batches are filed under.
    static func key(gtin: String, lot: String) -> String { VerificationBundle.Manifest.key(gtin: gtin, lot: lot) }

    /// Reads the manifest payload (bytes already verified against the producer's keys).
    init(payload data: Data, path: String) throws(VerifyError) {
        let content: VerificationBundle.Manifest
        do { content = try VerificationBundle.Manifest(payload: data) } catch {
            if case .invalidJSON(let reason) = error { throw .invalidBundle(path: path, reason: reason) }
            throw .invalidBundle(path: path, reason: error.description)
        }
        guard content.version == VerificationBundle.version, let members = content.members else {
            throw .invalidBundle(path: path, reason: "its manifest does not list the digest of every member (made by an older passport); get the producer's current bundle")
        }
        self.issuer = content.issuer
        self.createdAt = content.createdAt
        self.createdAtText = content.createdAtText
        self.batches = content.batches
        self.conformitySHA256 = content.conformitySHA256
        self.members = members
    }

    /// Checks every member of `bundle` against the digests the producer signed: nothing missing,
    /// nothing added, not one byte changed. Members are compared in name order, so the first
    /// difference named is the same on every run.
    func check(_ bundle: VerificationBundle, path: String) throws(VerifyError) {
        let actual = bundle.memberDigests
        for name in Set(actual.keys).union(members.keys).sorted() {
            switch (actual[name], members[name]) {
            case (nil, _?):
                throw .alteredBundle(path: path, member: name,
                                     reason: "it is missing, although the producer's signed manifest lists it")
            case (_?, nil):
                throw .alteredBundle(path: path, member: name,
                                     reason: "it is not in the producer's signed manifest: it was added after signing")
            case let (found?, signed?) where found != signed:
                throw .alteredBundle(path: path, member: name,
                                     reason: "it differs from what the producer signed (SHA-256 \(found.prefix(16))… instead of \(signed.prefix(16))…): it was changed after signing")
            default:
                continue
            }
        }
    }

    /// `createdAt` of a bundle's manifest without checking its signature — only for comparing a
    /// new bundle with the one already stored by this shop.
    static func unverifiedCreatedAt(of bundle: VerificationBundle) -> Date? {
        UnverifiedJWS.payload(of: bundle.manifest)?["createdAt"]?.stringValue.flatMap(XSDDateTime.date(from:))
    }
}
