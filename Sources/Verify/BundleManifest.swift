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
    /// Status list digests by URL (absent from bundles of passport 0.1).
    let statusListSHA256: [String: String]

    /// The key batches are filed under.
    static func key(gtin: String, lot: String) -> String { gtin + "/" + lot }

    /// Reads the manifest payload (bytes already verified against the producer's keys).
    init(payload data: Data, path: String) throws(VerifyError) {
        let json: JSONValue
        do { json = try JSONValue(parsing: data) } catch {
            throw .invalidBundle(path: path, reason: "the manifest is not JSON (\(error.description))")
        }
        guard json["type"]?.stringValue == "PassportBundleManifest", let issuer = json["iss"]?.stringValue,
              let created = json["createdAt"]?.stringValue, let createdAt = XSDDateTime.date(from: created),
              let entries = json["batches"]?.arrayValue else {
            throw .invalidBundle(path: path, reason: "the manifest lacks its type, issuer, creation time or batch list")
        }
        var batches: [String: VerificationBundle.BatchEntry] = [:]
        for entry in entries {
            guard let gtin = entry["gtin"]?.stringValue, let lot = entry["lot"]?.stringValue,
                  let digest = entry["passportSHA256"]?.stringValue else {
                throw .invalidBundle(path: path, reason: "a manifest batch lacks \"gtin\", \"lot\" or \"passportSHA256\"")
            }
            var serials: VerificationBundle.SerialSpan?
            if let span = entry["serials"] {
                guard let prefix = span["prefix"]?.stringValue, let first = span["first"]?.intValue,
                      let count = span["count"]?.intValue, let digits = span["digits"]?.intValue,
                      first >= 0, count >= 0, digits >= 0, first <= Int.max - count else {
                    throw .invalidBundle(path: path, reason: "the serial range of \(gtin)/\(lot) is not readable")
                }
                serials = .init(prefix: prefix, first: first, count: count, digits: digits)
            }
            let recall = entry["recalled"].map {
                VerificationBundle.RecallEntry(date: $0["date"]?.stringValue ?? "", reason: $0["reason"]?.stringValue ?? "")
            }
            batches[Self.key(gtin: gtin, lot: lot)] = .init(gtin: gtin, lot: lot, passportSHA256: digest,
                                                           serials: serials, recalled: recall)
        }
        self.issuer = issuer
        self.createdAt = createdAt
        self.createdAtText = created
        self.batches = batches
        self.conformitySHA256 = (json["conformitySHA256"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
        self.statusListSHA256 = (json["statusListSHA256"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
    }

    /// `createdAt` of a bundle's manifest without checking its signature — only for comparing a
    /// new bundle with the one already stored by this shop.
    static func unverifiedCreatedAt(of bundle: VerificationBundle) -> Date? {
        UnverifiedJWS.payload(of: bundle.manifest)?["createdAt"]?.stringValue.flatMap(XSDDateTime.date(from:))
    }
}
