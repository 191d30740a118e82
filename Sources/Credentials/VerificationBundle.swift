public import Foundation
public import DigitalLink


/// What a shop needs to verify codes offline: the producer's DID document, every signed passport
/// and conformity credential, certifiers' DID documents, and a manifest signed by the producer
/// that lists issued serial ranges, recalls, digests of every credential, and when it was made.
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
    /// The manifest as a compact JWS signed by the producer.
    public var manifest: String
    /// What a shop needs to check the value network offline: upstream passports and value-share
    /// attestations (empty for a producer without inputs or confirmed shares).
    public var network: NetworkEvidence = NetworkEvidence()

    /// Upstream passports, with what they are checked against, and value-share attestations.
    /// Each is found by the SHA-256 the passport pins it with, so nothing here needs trusting.
    public struct NetworkEvidence: Sendable, Equatable {
        /// Per upstream producer DID: its DID document, its signed bundle manifest, and the
        /// signed passports this producer's batches use.
        public var upstream: [String: UpstreamParty] = [:]
        /// Signed value-share attestations.
        public var attestations: [String] = []
        /// DID documents of did:web actors who signed attestations, by DID.
        public var didDocuments: [String: JSONValue] = [:]

        public init(upstream: [String: UpstreamParty] = [:], attestations: [String] = [],
                    didDocuments: [String: JSONValue] = [:]) {
            self.upstream = upstream
            self.attestations = attestations
            self.didDocuments = didDocuments
        }

        public var isEmpty: Bool { upstream.isEmpty && attestations.isEmpty && didDocuments.isEmpty }
    }

    /// One upstream producer's evidence.
    public struct UpstreamParty: Sendable, Equatable {
        public var didDocument: JSONValue
        public var manifest: String
        public var passports: [String]

        public init(didDocument: JSONValue, manifest: String, passports: [String]) {
            self.didDocument = didDocument
            self.manifest = manifest
            self.passports = passports
        }
    }

    public init(producerDID: String, producerName: String, didDocument: JSONValue, certifierDocuments: [String: JSONValue],
                passports: [String: String], conformity: [String: String], manifest: String) {
        self.producerDID = producerDID
        self.producerName = producerName
        self.didDocument = didDocument
        self.certifierDocuments = certifierDocuments
        self.passports = passports
        self.conformity = conformity
        self.manifest = manifest
    }

    /// The manifest payload to sign.
    public static func manifestPayload(issuer: String, createdAt: String, batches: [BatchEntry],
                                       conformitySHA256: [String: String]) -> JSONValue {
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
        return ["type": "PassportBundleManifest", "iss": .string(issuer), "createdAt": .string(createdAt),
                "batches": .array(entries), "conformitySHA256": .object(conformitySHA256.mapValues { .string($0) })]
    }

    /// The bundle as JSON (deterministic).
    public var json: JSONValue {
        var json: JSONValue = [
            "version": 1, "producer": ["id": .string(producerDID), "name": .string(producerName)],
            "didDocument": didDocument, "certifiers": .object(certifierDocuments),
            "passports": .object(passports.mapValues { .string($0) }),
            "conformity": .object(conformity.mapValues { .string($0) }), "manifest": .string(manifest)]
        if !network.isEmpty {
            json["network"] = [
                "upstream": .object(network.upstream.mapValues { party in
                    ["didDocument": party.didDocument, "manifest": .string(party.manifest),
                     "passports": .array(party.passports.sorted().map { .string($0) })]
                }),
                "attestations": .array(network.attestations.sorted().map { .string($0) }),
                "didDocuments": .object(network.didDocuments),
            ]
        }
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
                  conformity: conformity.compactMapValues(\.stringValue), manifest: manifest)
        if let network = json["network"] {
            var upstream: [String: UpstreamParty] = [:]
            for (did, party) in network["upstream"]?.objectValue ?? [:] {
                guard let document = party["didDocument"], let manifest = party["manifest"]?.stringValue else {
                    throw .invalidJSON(reason: "the upstream evidence of \(did) lacks its DID document or manifest")
                }
                upstream[did] = UpstreamParty(didDocument: document, manifest: manifest,
                                              passports: party["passports"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            }
            self.network = NetworkEvidence(upstream: upstream,
                                           attestations: network["attestations"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                                           didDocuments: network["didDocuments"]?.objectValue ?? [:])
        }
    }
}
