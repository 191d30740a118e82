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
        guard json["version"]?.intValue == VerificationBundle.version, let listed = json["members"]?.objectValue else {
            throw .invalidBundle(path: path, reason: "its manifest does not list the digest of every member (made by an older passport); get the producer's current bundle")
        }
        var members: [String: String] = [:]
        for (name, digest) in listed {
            guard let text = digest.stringValue else {
                throw .invalidBundle(path: path, reason: "the manifest's digest of \(VerifyError.shown(name)) is not text")
            }
            members[name] = text
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
                      SerialRange.problem(first: first, count: count, digits: digits) == nil else {
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
