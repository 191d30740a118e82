public import Foundation
import DigitalLink

extension VerificationBundle {
    /// The producer-signed manifest of a verification bundle, read after its signature was checked:
    /// which batches exist, their issued serials, recalls, and the digest of every credential.
    ///
    /// One reader for everyone who reads manifests: the shop's verifier and a downstream producer
    /// checking an upstream passport.
    public struct Manifest: Sendable {
        public let issuer: String
        public let createdAt: Date
        /// `createdAt` as written (XML Schema dateTime).
        public let createdAtText: String
        /// Batches by `gtin/lot`.
        public let batches: [String: BatchEntry]
        /// Conformity credential digests by certificate id.
        public let conformitySHA256: [String: String]
        /// The manifest's format version (`VerificationBundle.version` for bundles this code writes).
        public let version: Int?
        /// SHA-256 of every other member of the bundle, by member name (`VerificationBundle.members`);
        /// nil in a manifest of version 1, which did not list them.
        public let members: [String: String]?

        /// The key batches are filed under.
        public static func key(gtin: String, lot: String) -> String { gtin + "/" + lot }

        /// Reads the manifest payload (bytes already verified against the producer's keys).
        /// - Throws: `CredentialError.invalidJSON` saying what is missing.
        public init(payload data: Data) throws(CredentialError) {
            let json: JSONValue
            do { json = try JSONValue(parsing: data) } catch {
                throw .invalidJSON(reason: "the manifest is not JSON (\(error.description))")
            }
            guard json["type"]?.stringValue == "PassportBundleManifest", let issuer = json["iss"]?.stringValue,
                  let created = json["createdAt"]?.stringValue, let createdAt = XSDDateTime.date(from: created),
                  let entries = json["batches"]?.arrayValue else {
                throw .invalidJSON(reason: "the manifest lacks its type, issuer, creation time or batch list")
            }
            var batches: [String: BatchEntry] = [:]
            for entry in entries {
                guard let gtin = entry["gtin"]?.stringValue, let lot = entry["lot"]?.stringValue,
                      let digest = entry["passportSHA256"]?.stringValue else {
                    throw .invalidJSON(reason: "a manifest batch lacks \"gtin\", \"lot\" or \"passportSHA256\"")
                }
                var serials: SerialSpan?
                if let span = entry["serials"] {
                    guard let prefix = span["prefix"]?.stringValue, let first = span["first"]?.intValue,
                          let count = span["count"]?.intValue, let digits = span["digits"]?.intValue,
                          SerialRange.problem(first: first, count: count, digits: digits) == nil else {
                        throw .invalidJSON(reason: "the serial range of \(gtin)/\(lot) is not readable")
                    }
                    serials = .init(prefix: prefix, first: first, count: count, digits: digits)
                }
                let recall = entry["recalled"].map {
                    RecallEntry(date: $0["date"]?.stringValue ?? "", reason: $0["reason"]?.stringValue ?? "")
                }
                batches[Self.key(gtin: gtin, lot: lot)] = .init(gtin: gtin, lot: lot, passportSHA256: digest,
                                                               serials: serials, recalled: recall)
            }
            self.issuer = issuer
            self.createdAt = createdAt
            self.createdAtText = created
            self.batches = batches
            self.conformitySHA256 = (json["conformitySHA256"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
            self.version = json["version"]?.intValue
            if let listed = json["members"] {
                guard let object = listed.objectValue else { throw .invalidJSON(reason: "the manifest's member digests are not an object") }
                var members: [String: String] = [:]
                for (name, digest) in object {
                    guard let text = digest.stringValue else {
                        throw .invalidJSON(reason: "the manifest's digest of \"\(name.prefix(60))\" is not text")
                    }
                    members[name] = text
                }
                self.members = members
            } else {
                self.members = nil
            }
        }

        /// Checks the compact JWS `manifest` against `keys` and reads it.
        /// - Throws: the `CredentialError` of the signature check, or `.invalidJSON`.
        public init(verifying manifest: String, keys: any PublicKeyResolver) throws(CredentialError) {
            try self.init(payload: try JWS.verify(manifest, resolver: keys).payload)
        }

        /// The entry of one batch.
        public func entry(gtin: String, lot: String) -> BatchEntry? { batches[Self.key(gtin: gtin, lot: lot)] }
    }
}
