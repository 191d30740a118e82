public import Foundation
public import DigitalLink


/// What a shop needs to verify codes offline: the producer's DID document, every signed passport
/// and conformity credential, the status lists their entries point at, certifiers' DID documents,
/// and a manifest signed by the producer that lists issued serial ranges, recalls, digests of
/// every credential and status list, and when it was made.
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

    /// The manifest payload to sign.
    public static func manifestPayload(issuer: String, createdAt: String, batches: [BatchEntry],
                                       conformitySHA256: [String: String],
                                       statusListSHA256: [String: String] = [:]) -> JSONValue {
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
        var manifest: JSONValue = [
            "type": "PassportBundleManifest", "iss": .string(issuer), "createdAt": .string(createdAt),
            "batches": .array(entries), "conformitySHA256": .object(conformitySHA256.mapValues { .string($0) }),
        ]
        if !statusListSHA256.isEmpty { manifest["statusListSHA256"] = .object(statusListSHA256.mapValues { .string($0) }) }
        return manifest
    }

    /// The bundle as JSON (deterministic).
    public var json: JSONValue {
        var json: JSONValue = [
            "version": 1, "producer": ["id": .string(producerDID), "name": .string(producerName)],
            "didDocument": didDocument, "certifiers": .object(certifierDocuments),
            "passports": .object(passports.mapValues { .string($0) }),
            "conformity": .object(conformity.mapValues { .string($0) }), "manifest": .string(manifest),
        ]
        if !statusLists.isEmpty { json["statusLists"] = .object(statusLists.mapValues { .string($0) }) }
        return json
    }

    /// Reads a bundle written by `json`.
    public init(parsing data: Data) throws(CredentialError) {
        let json = try JSONValue(parsing: data)
        guard json["version"]?.intValue == 1,
              let did = json["producer"]?["id"]?.stringValue, let name = json["producer"]?["name"]?.stringValue,
              let document = json["didDocument"], let manifest = json["manifest"]?.stringValue,
              let passports = json["passports"]?.objectValue, let conformity = json["conformity"]?.objectValue
        else {
            throw .invalidJSON(reason: "this is not a passport verification bundle (version 1)")
        }
        self.init(producerDID: did, producerName: name, didDocument: document,
                  certifierDocuments: json["certifiers"]?.objectValue ?? [:],
                  passports: passports.compactMapValues(\.stringValue),
                  conformity: conformity.compactMapValues(\.stringValue),
                  statusLists: json["statusLists"]?.objectValue?.compactMapValues(\.stringValue) ?? [:], manifest: manifest)
    }
}
