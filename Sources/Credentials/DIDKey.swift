import Foundation

/// A `did:key` identity for one Ed25519 key (W3C CCG did:key method, Multikey form): for an actor
/// without a website. The DID *is* the public key, so its DID document needs no fetching.
///
/// `did:key:z6Mk…` — the key's Multikey after `did:key:`; its one verification method is
/// `did:key:z6Mk…#z6Mk…`.
public struct DIDKey: Hashable, Sendable, CustomStringConvertible {
    /// The DID, e.g. `did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK`.
    public let did: String
    /// The public key, under its DID URL.
    public let publicKey: PublicKey

    /// The did:key of a public key.
    public init(publicKey: PublicKey) {
        let multikey = publicKey.multikey
        did = "did:key:" + multikey
        self.publicKey = publicKey.withID(did + "#" + multikey)
    }

    /// Reads a `did:key:` DID (without a `#fragment`).
    /// - Throws: `CredentialError.invalidDID` when it is not an Ed25519 did:key.
    public init(did text: String) throws(CredentialError) {
        guard text.hasPrefix("did:key:") else { throw .invalidDID(did: text, reason: "it must start with 'did:key:'") }
        let multikey = String(text.dropFirst("did:key:".count))
        guard !multikey.contains("#"), !multikey.contains("?") else {
            throw .invalidDID(did: text, reason: "a DID has no '#' or '?' part; that is a DID URL")
        }
        do {
            self.init(publicKey: try PublicKey(id: "", multikey: multikey))
        } catch {
            throw .invalidDID(did: text, reason: "it does not hold an Ed25519 key: \(error.description)")
        }
    }

    /// The DID URL of the key (`did:key:z6Mk…#z6Mk…`), what a credential's `kid` names.
    public var keyID: String { publicKey.id }

    /// The DID document the method derives from the DID: one Multikey verification method, allowed
    /// to sign credentials (`assertionMethod`) and to authenticate.
    public var didDocument: JSONValue {
        [
            "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
            "id": .string(did),
            "verificationMethod": [[
                "id": .string(keyID), "type": "Multikey", "controller": .string(did),
                "publicKeyMultibase": .string(publicKey.multikey),
            ]],
            "assertionMethod": [.string(keyID)],
            "authentication": [.string(keyID)],
        ]
    }

    /// The DID.
    public var description: String { did }
}

/// Who signs a credential: a did:web producer, certifier or actor, or a did:key actor.
public enum Signer: Sendable, Hashable {
    case web(DIDWeb)
    case key(DIDKey)

    /// The DID.
    public var did: String {
        switch self {
        case .web(let web): return web.did
        case .key(let key): return key.did
        }
    }

    /// The DID URL a credential signed with `key` names as its `kid`.
    public func keyID(for key: SigningKey) -> String {
        switch self {
        case .web(let web): return web.keyID(for: key.id)
        case .key(let didKey): return didKey.keyID
        }
    }

    /// The DID of a `kid` (`did:web:x#main` → `did:web:x`).
    public static func did(ofKeyID keyID: String) -> String { String(keyID.prefix { $0 != "#" }) }
}

extension JWS {
    /// Secures a credential as `vc+jwt` for any signer (did:web or did:key).
    public static func signCredential(_ credential: JSONValue, key: SigningKey, signer: Signer) throws(CredentialError) -> String {
        try sign(header: credentialHeader(keyID: signer.keyID(for: key)), payload: credential, key: key)
    }
}
