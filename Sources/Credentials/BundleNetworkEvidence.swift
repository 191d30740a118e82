public import Foundation

extension VerificationBundle {
    /// Upstream passports, with what they are checked against, and value-share attestations.
    /// Each is found by the SHA-256 the passport pins it with; every one is also a member of the
    /// bundle, so the producer's signed manifest covers it byte for byte.
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

        /// The bundle members this evidence adds, by name: `network/upstream/<did>/didDocument`,
        /// `network/upstream/<did>/manifest`, `network/upstream/<did>/passports/<sha256>`,
        /// `network/attestations/<sha256>` and `network/didDocuments/<did>`. Lists are named by the
        /// SHA-256 of each credential, so the names do not depend on their order.
        public var members: [String: Data] {
            var result: [String: Data] = [:]
            for (did, party) in upstream {
                result["network/upstream/\(did)/didDocument"] = party.didDocument.serialized()
                result["network/upstream/\(did)/manifest"] = Data(party.manifest.utf8)
                for jwt in party.passports {
                    result["network/upstream/\(did)/passports/" + SHA256Digest.hex(Data(jwt.utf8))] = Data(jwt.utf8)
                }
            }
            for jwt in attestations { result["network/attestations/" + SHA256Digest.hex(Data(jwt.utf8))] = Data(jwt.utf8) }
            for (did, document) in didDocuments { result["network/didDocuments/" + did] = document.serialized() }
            return result
        }

        /// The `network` member of the bundle's JSON (deterministic: lists sorted).
        var json: JSONValue {
            [
                "upstream": .object(upstream.mapValues { party in
                    ["didDocument": party.didDocument, "manifest": .string(party.manifest),
                     "passports": .array(party.passports.sorted().map { .string($0) })]
                }),
                "attestations": .array(attestations.sorted().map { .string($0) }),
                "didDocuments": .object(didDocuments),
            ]
        }

        /// Reads the `network` member, refusing anything `json` would not have written.
        init(parsing json: JSONValue) throws(CredentialError) {
            guard let object = json.objectValue, Set(object.keys).isSubset(of: ["upstream", "attestations", "didDocuments"]),
                  let parties = (json["upstream"] ?? [:]).objectValue,
                  let attestations = (json["attestations"] ?? []).arrayValue,
                  let documents = (json["didDocuments"] ?? [:]).objectValue,
                  documents.values.allSatisfy({ $0.objectValue != nil })
            else {
                throw .invalidJSON(reason: "its network evidence is not upstream passports, attestations and DID documents")
            }
            var upstream: [String: UpstreamParty] = [:]
            for (did, party) in parties {
                guard let document = party["didDocument"], document.objectValue != nil,
                      let manifest = party["manifest"]?.stringValue,
                      let passports = (party["passports"] ?? []).arrayValue,
                      passports.allSatisfy({ $0.stringValue != nil })
                else {
                    throw .invalidJSON(reason: "the upstream evidence of \(did.prefix(60)) lacks its DID document, manifest or passports")
                }
                upstream[did] = UpstreamParty(didDocument: document, manifest: manifest, passports: passports.compactMap(\.stringValue))
            }
            guard attestations.allSatisfy({ $0.stringValue != nil }) else {
                throw .invalidJSON(reason: "a value-share attestation is not a signed credential (text)")
            }
            self.init(upstream: upstream, attestations: attestations.compactMap(\.stringValue), didDocuments: documents)
        }
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
}
