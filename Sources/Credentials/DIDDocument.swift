public import Foundation

/// Finds the public key a credential names in its `kid` header.
///
/// Implemented by `DIDDocument` (a producer's published keys), `PublicKeySet` (a fixed list),
/// and by trust stores. Must be safe to call from several threads at once.
public protocol PublicKeyResolver: Sendable {
    /// The trusted key with this id (a DID URL such as `did:web:oliveto.example#key-2026`),
    /// or `nil` if none is trusted under that id.
    func publicKey(forKeyID keyID: String) -> PublicKey?
}

/// A fixed set of trusted public keys, looked up by exact id.
public struct PublicKeySet: PublicKeyResolver {
    /// The keys, in the order given.
    public let keys: [PublicKey]
    private let byID: [String: PublicKey]

    /// Trusts exactly these keys; on a repeated id the first one wins.
    public init(_ keys: [PublicKey]) {
        self.keys = keys
        self.byID = Dictionary(keys.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The key with exactly this id.
    public func publicKey(forKeyID keyID: String) -> PublicKey? { byID[keyID] }
}

extension DIDWeb {
    /// The DID document publishing `publicKeys` (all of a producer's keys, old ones included,
    /// so older credentials keep verifying).
    ///
    /// Each key becomes a `Multikey` verification method with id `<did>#<key id>`, listed under
    /// both `assertionMethod` (signing credentials) and `authentication`. Keys are listed in
    /// the order given; pass them sorted (as `KeyStore.publicKeys()` returns them).
    public func didDocument(for publicKeys: [PublicKey]) -> JSONValue {
        var methods: [JSONValue] = []
        var ids: [JSONValue] = []
        for key in publicKeys {
            let keyID = key.id.hasPrefix(did + "#") ? key.id : self.keyID(for: key.id)
            methods.append([
                "id": .string(keyID),
                "type": "Multikey",
                "controller": .string(did),
                "publicKeyMultibase": .string(key.multikey),
            ])
            ids.append(.string(keyID))
        }
        return [
            "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
            "id": .string(did),
            "verificationMethod": .array(methods),
            "assertionMethod": .array(ids),
            "authentication": .array(ids),
        ]
    }
}

/// The Ed25519 keys read from a DID document — what a verifier trusts for one issuer.
///
/// Understands `Multikey` and `Ed25519VerificationKey2020` (`publicKeyMultibase`) and
/// `JsonWebKey` / `JsonWebKey2020` (`publicKeyJwk`, OKP Ed25519). Methods of other types or
/// curves are skipped; malformed entries are refused with the entry and the field named.
/// As a `PublicKeyResolver` it answers only for keys listed under `assertionMethod`, the
/// relationship that allows signing credentials.
public struct DIDDocument: PublicKeyResolver {
    /// The document's `id` (the DID).
    public let id: String
    /// All usable Ed25519 verification methods, ids made absolute (`did:…#fragment`).
    public let verificationMethods: [PublicKey]
    /// The keys allowed to sign credentials (`assertionMethod`), in document order.
    public let assertionKeys: [PublicKey]
    private let assertionByID: [String: PublicKey]

    /// Reads a DID document.
    /// - Parameter expectedID: the DID the document was fetched for; a different `id` is refused.
    /// - Throws: `CredentialError.invalidDIDDocument` naming the entry and field at fault.
    public init(parsing json: JSONValue, expectedID: String? = nil) throws(CredentialError) {
        guard json.objectValue != nil else { throw .invalidDIDDocument(reason: "it is not a JSON object") }
        guard let id = json["id"]?.stringValue, id.hasPrefix("did:") else {
            throw .invalidDIDDocument(reason: "\"id\" must be a DID string starting with \"did:\"")
        }
        if let expectedID, expectedID != id {
            throw .invalidDIDDocument(reason: "it describes \(id) but was fetched for \(expectedID)")
        }
        self.id = id

        var methods: [PublicKey] = []
        var methodIDs: Set<String> = []
        var skippedIDs: Set<String> = []
        if let value = json["verificationMethod"] {
            guard let entries = value.arrayValue else {
                throw .invalidDIDDocument(reason: "\"verificationMethod\" must be a list")
            }
            for (index, entry) in entries.enumerated() {
                let label = "verificationMethod[\(index)]"
                let methodID = try Self.methodID(of: entry, label: label, documentID: id)
                guard methodIDs.insert(methodID).inserted else {
                    throw .invalidDIDDocument(reason: "\(label): the id \(methodID) is used twice")
                }
                if let key = try Self.parseMethod(entry, id: methodID, label: label) {
                    methods.append(key)
                } else {
                    skippedIDs.insert(methodID)
                }
            }
        }
        self.verificationMethods = methods

        var assertion: [PublicKey] = []
        if let value = json["assertionMethod"] {
            guard let entries = value.arrayValue else {
                throw .invalidDIDDocument(reason: "\"assertionMethod\" must be a list")
            }
            for (index, entry) in entries.enumerated() {
                let label = "assertionMethod[\(index)]"
                if let reference = entry.stringValue {
                    let absolute = Self.absolute(reference, documentID: id)
                    if let key = methods.first(where: { $0.id == absolute }) {
                        assertion.append(key)
                    } else if !skippedIDs.contains(absolute) {
                        throw .invalidDIDDocument(reason: "\(label) refers to \(absolute), but no verificationMethod has that id")
                    }
                } else if entry.objectValue != nil {
                    let methodID = try Self.methodID(of: entry, label: label, documentID: id)
                    if let key = try Self.parseMethod(entry, id: methodID, label: label) { assertion.append(key) }
                } else {
                    throw .invalidDIDDocument(reason: "\(label) must be a key id or a verification method object")
                }
            }
        }
        self.assertionKeys = assertion
        self.assertionByID = Dictionary(assertion.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Reads a DID document from JSON bytes (for example a downloaded `did.json`).
    public init(parsing data: Data, expectedID: String? = nil) throws(CredentialError) {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: data)
        } catch {
            throw .invalidDIDDocument(reason: "it is not valid JSON (\(error.description))")
        }
        try self.init(parsing: json, expectedID: expectedID)
    }

    /// The assertion key with this DID URL (a bare `#fragment` is read relative to this document).
    public func publicKey(forKeyID keyID: String) -> PublicKey? {
        assertionByID[Self.absolute(keyID, documentID: id)]
    }

    private static func absolute(_ reference: String, documentID: String) -> String {
        reference.hasPrefix("#") ? documentID + reference : reference
    }

    private static func methodID(of entry: JSONValue, label: String, documentID: String) throws(CredentialError) -> String {
        guard entry.objectValue != nil else { throw .invalidDIDDocument(reason: "\(label) must be an object") }
        guard let methodID = entry["id"]?.stringValue, !methodID.isEmpty else {
            throw .invalidDIDDocument(reason: "\(label) has no \"id\" string")
        }
        return absolute(methodID, documentID: documentID)
    }

    /// The Ed25519 key of one verification method; `nil` for a type or curve we do not use.
    private static func parseMethod(_ entry: JSONValue, id: String, label: String) throws(CredentialError) -> PublicKey? {
        let place = "\(label) (\(id))"
        guard let type = entry["type"]?.stringValue else {
            throw .invalidDIDDocument(reason: "\(place) has no \"type\" string")
        }
        guard let controller = entry["controller"] else {
            throw .invalidDIDDocument(reason: "\(place) has no \"controller\"")
        }
        guard controller.stringValue?.hasPrefix("did:") == true else {
            throw .invalidDIDDocument(reason: "\(place): \"controller\" must be a DID string")
        }
        switch type {
        case "Multikey", "Ed25519VerificationKey2020":
            guard let multibase = entry["publicKeyMultibase"]?.stringValue else {
                throw .invalidDIDDocument(reason: "\(place) has no \"publicKeyMultibase\" string")
            }
            guard multibase.hasPrefix("z"), let bytes = Base58BTC.decode(multibase.dropFirst()) else {
                throw .invalidDIDDocument(reason: "\(place): \"publicKeyMultibase\" must be 'z' followed by base58btc text")
            }
            guard bytes.starts(with: Multikey.ed25519Prefix) else {
                if type == "Multikey" { return nil }  // another key type (P-256, …): not for us
                throw .invalidDIDDocument(reason: "\(place): \"publicKeyMultibase\" is not an Ed25519 key (should start z6Mk)")
            }
            guard bytes.count == 34 else {
                throw .invalidDIDDocument(reason: "\(place): \"publicKeyMultibase\" holds \(bytes.count - 2) key bytes instead of 32")
            }
            return try key(id: id, raw: bytes.dropFirst(2), place: place)
        case "JsonWebKey", "JsonWebKey2020":
            guard let jwk = entry["publicKeyJwk"], jwk.objectValue != nil else {
                throw .invalidDIDDocument(reason: "\(place) has no \"publicKeyJwk\" object")
            }
            guard jwk["kty"]?.stringValue == "OKP", jwk["crv"]?.stringValue == "Ed25519" else { return nil }
            guard jwk["d"] == nil else {
                throw .invalidDIDDocument(reason: "\(place): \"publicKeyJwk\" contains a private key (\"d\"); the publisher must remove it and replace the key")
            }
            guard let x = jwk["x"]?.stringValue.flatMap({ Base64URL.decode($0) }), x.count == 32 else {
                throw .invalidDIDDocument(reason: "\(place): \"publicKeyJwk\".\"x\" must be 32 bytes in base64url")
            }
            return try key(id: id, raw: x, place: place)
        default:
            return nil
        }
    }

    private static func key(id: String, raw: Data, place: String) throws(CredentialError) -> PublicKey {
        do {
            return try PublicKey(id: id, rawRepresentation: raw)
        } catch {
            throw .invalidDIDDocument(reason: "\(place): \(error.description)")
        }
    }
}
