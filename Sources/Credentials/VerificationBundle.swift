public import Foundation
public import DigitalLink


/// What a shop needs to verify codes offline: the producer's DID document, every signed passport
/// and conformity credential, the status lists their entries point at, certifiers' DID documents,
/// and a manifest signed by the producer that lists issued serial ranges, recalls, when it was made,
/// and the SHA-256 of every other member of the bundle (`members`), so a shop can check every byte
/// before trusting any of it.
///
/// Written by `passport build` to `output/bundle/bundle.json` and published on the site at
/// `.well-known/passport-bundle.json`; imported by `passport trust import`.
public struct VerificationBundle: Sendable {
    /// One batch's entry in the signed manifest.
    public struct BatchEntry: Sendable, Equatable {
        public var gtin: String
        public var lot: String
        public var passportSHA256: String
        public var serials: SerialSpan?
        public var recalled: RecallEntry?

        public init(gtin: String, lot: String, passportSHA256: String, serials: SerialSpan?, recalled: RecallEntry?) {
            self.gtin = gtin
            self.lot = lot
            self.passportSHA256 = passportSHA256
            self.serials = serials
            self.recalled = recalled
        }
    }

    /// The issued serials of a batch: the same numbering the batch record defines.
    public typealias SerialSpan = SerialRange

    public struct RecallEntry: Sendable, Equatable {
        public var date: String
        public var reason: String

        public init(date: String, reason: String) {
            self.date = date
            self.reason = reason
        }
    }

    public var producerDID: String
    public var producerName: String
    public var didDocument: JSONValue
    public var certifierDocuments: [String: JSONValue]
    /// Passports by `gtin/lot`.
    public var passports: [String: String]
    /// Conformity credentials by certificate id.
    public var conformity: [String: String]
    /// Signed status lists (the producer's and its certifiers') by URL (`statusListCredential`).
    public var statusLists: [String: String]
    /// The manifest as a compact JWS signed by the producer.
    public var manifest: String

    public init(producerDID: String, producerName: String, didDocument: JSONValue, certifierDocuments: [String: JSONValue],
                passports: [String: String], conformity: [String: String], statusLists: [String: String] = [:],
                manifest: String) {
        self.producerDID = producerDID
        self.producerName = producerName
        self.didDocument = didDocument
        self.certifierDocuments = certifierDocuments
        self.passports = passports
        self.conformity = conformity
        self.statusLists = statusLists
        self.manifest = manifest
    }

    /// The format this code writes and reads. Version 1 bundles (no `members` in the manifest)
    /// are refused: their manifest did not cover every byte.
    public static let version = 2

    /// Every member of the bundle but the manifest, by name, as the bytes the manifest's digests
    /// cover: `producer` (its id and name), `didDocument`, `certifiers/<did>`, `passports/<gtin/lot>`,
    /// `conformity/<id>` and `statusLists/<url>`. Credentials are their compact JWS text (header, payload and signature);
    /// JSON documents their deterministic serialization. A new kind of member is added here, and its
    /// key in `json`/`init(parsing:)`; signing and checking need nothing else.
    public var members: [String: Data] {
        var result: [String: Data] = [
            "producer": JSONValue.object(["id": .string(producerDID), "name": .string(producerName)]).serialized(),
            "didDocument": didDocument.serialized(),
        ]
        for (did, document) in certifierDocuments { result["certifiers/" + did] = document.serialized() }
        for (key, jwt) in passports { result["passports/" + key] = Data(jwt.utf8) }
        for (id, jwt) in conformity { result["conformity/" + id] = Data(jwt.utf8) }
        for (url, jwt) in statusLists { result["statusLists/" + url] = Data(jwt.utf8) }
        return result
    }

    /// SHA-256 (lower-case hex) of every member, by name: what the manifest's `members` lists.
    public var memberDigests: [String: String] { members.mapValues { SHA256Digest.hex($0) } }

    /// The manifest payload to sign. `members` is `memberDigests` of the bundle being signed.
    public static func manifestPayload(issuer: String, createdAt: String, batches: [BatchEntry],
                                       conformitySHA256: [String: String], members: [String: String]) -> JSONValue {
        let entries: [JSONValue] = batches.sorted { ($0.gtin, $0.lot) < ($1.gtin, $1.lot) }.map { batch in
            var object: [String: JSONValue] = ["gtin": .string(batch.gtin), "lot": .string(batch.lot),
                                               "passportSHA256": .string(batch.passportSHA256)]
            if let serials = batch.serials {
                object["serials"] = ["prefix": .string(serials.prefix), "first": .int(serials.first),
                                     "count": .int(serials.count), "digits": .int(serials.digits)]
            }
            if let recall = batch.recalled {
                object["recalled"] = ["date": .string(recall.date), "reason": .string(recall.reason)]
            }
            return .object(object)
        }
        return ["type": "PassportBundleManifest", "version": .int(version), "iss": .string(issuer),
                "createdAt": .string(createdAt), "batches": .array(entries),
                "conformitySHA256": .object(conformitySHA256.mapValues { .string($0) }),
                "members": .object(members.mapValues { .string($0) })]
    }

    /// The manifest payload for this bundle as it stands (sign it last, after every member is in):
    /// issued by `producerDID`, with the digest of every member.
    public func manifestPayload(createdAt: String, batches: [BatchEntry], conformitySHA256: [String: String]) -> JSONValue {
        Self.manifestPayload(issuer: producerDID, createdAt: createdAt, batches: batches,
                             conformitySHA256: conformitySHA256, members: memberDigests)
    }

    /// The top-level members of the bundle's JSON; anything else is refused.
    static let jsonKeys: Set<String> = ["version", "producer", "didDocument", "certifiers", "passports", "conformity",
                                        "statusLists", "manifest"]

    /// The bundle as JSON (deterministic).
    public var json: JSONValue {
        var json: JSONValue = [
            "version": .int(Self.version), "producer": ["id": .string(producerDID), "name": .string(producerName)],
            "didDocument": didDocument, "certifiers": .object(certifierDocuments),
            "passports": .object(passports.mapValues { .string($0) }),
            "conformity": .object(conformity.mapValues { .string($0) }), "manifest": .string(manifest),
        ]
        if !statusLists.isEmpty { json["statusLists"] = .object(statusLists.mapValues { .string($0) }) }
        return json
    }

    /// Reads a bundle written by `json`, refusing anything it would not have written: another
    /// version, unknown members, credentials that are not text.
    public init(parsing data: Data) throws(CredentialError) {
        let json = try JSONValue(parsing: data)
        guard let object = json.objectValue else {
            throw .invalidJSON(reason: "this is not a passport verification bundle")
        }
        guard let version = json["version"]?.intValue, version == Self.version else {
            let found = json["version"]?.intValue.map { "it is version \($0)" } ?? "it has no version"
            throw .invalidJSON(reason: "this is not a passport verification bundle of version \(Self.version) (\(found))")
        }
        if let unknown = object.keys.filter({ !Self.jsonKeys.contains($0) }).sorted().first {
            throw .invalidJSON(reason: "it has a member \"\(unknown.prefix(60))\" that a bundle does not have")
        }
        guard let producer = json["producer"]?.objectValue, producer.count == 2,
              let did = producer["id"]?.stringValue, let name = producer["name"]?.stringValue,
              let document = json["didDocument"], document.objectValue != nil,
              let manifest = json["manifest"]?.stringValue,
              let passports = json["passports"]?.objectValue, let conformity = json["conformity"]?.objectValue,
              let certifiers = json["certifiers"]?.objectValue,
              json["statusLists"].map({ $0.objectValue != nil }) ?? true
        else {
            throw .invalidJSON(reason: "it lacks its producer, DID document, certifiers, passports, conformity credentials or manifest")
        }
        func texts(_ members: [String: JSONValue], _ kind: String) throws(CredentialError) -> [String: String] {
            var result: [String: String] = [:]
            for (key, value) in members {
                guard let text = value.stringValue else {
                    throw .invalidJSON(reason: "\(kind) \"\(key.prefix(60))\" is not a signed credential (text)")
                }
                result[key] = text
            }
            return result
        }
        guard certifiers.values.allSatisfy({ $0.objectValue != nil }) else {
            throw .invalidJSON(reason: "a certifier's DID document is not a JSON object")
        }
        self.init(producerDID: did, producerName: name, didDocument: document, certifierDocuments: certifiers,
                  passports: try texts(passports, "passport"), conformity: try texts(conformity, "conformity credential"),
                  statusLists: try texts(json["statusLists"]?.objectValue ?? [:], "status list"), manifest: manifest)
    }
}
