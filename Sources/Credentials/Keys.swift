import Crypto
public import Foundation

/// An Ed25519 public key with the id it is known by.
///
/// The id is whatever the source calls the key: a local key id (`key-2026`) when read from a
/// `KeyStore`, a DID URL (`did:web:oliveto.example#key-2026`) when read from a DID document.
/// The parsed Crypto key is kept, so verifying many signatures never re-parses bytes.
public struct PublicKey: Hashable, CustomStringConvertible, @unchecked Sendable {
    // @unchecked: swift-crypto 3.x does not mark its key structs Sendable, but they are
    // immutable values holding bytes only.

    /// The id this key is known by.
    public let id: String
    /// The 32 raw key bytes (RFC 8032 encoding).
    public let rawRepresentation: Data
    /// The parsed key used for verification.
    let cryptoKey: Curve25519.Signing.PublicKey

    /// Creates a key from its 32 raw bytes.
    /// - Throws: `CredentialError.invalidKeyMaterial` if the bytes are not a 32-byte key.
    public init<Bytes: ContiguousBytes>(id: String, rawRepresentation: Bytes) throws(CredentialError) {
        let bytes = rawRepresentation.withUnsafeBytes { Data($0) }
        guard bytes.count == 32 else {
            throw .invalidKeyMaterial(reason: "an Ed25519 public key has 32 bytes, this one has \(bytes.count)")
        }
        do {
            self.cryptoKey = try Curve25519.Signing.PublicKey(rawRepresentation: bytes)
        } catch {
            throw .invalidKeyMaterial(reason: "the 32 bytes are not an Ed25519 public key")
        }
        self.id = id
        self.rawRepresentation = bytes
    }

    /// Creates a key from a Multikey string (`z6Mk…`).
    /// - Throws: `CredentialError.invalidKeyMaterial` naming what is wrong with the string.
    public init(id: String, multikey: String) throws(CredentialError) {
        try self.init(id: id, rawRepresentation: Multikey.decodeEd25519(multikey))
    }

    init(id: String, cryptoKey: Curve25519.Signing.PublicKey) {
        self.id = id
        self.cryptoKey = cryptoKey
        self.rawRepresentation = cryptoKey.rawRepresentation
    }

    /// The same key under another id (for example its DID URL).
    public func withID(_ newID: String) -> PublicKey {
        PublicKey(id: newID, cryptoKey: cryptoKey)
    }

    /// The Multikey form: `z` + base58btc(0xed 0x01 + key), always starting `z6Mk`.
    public var multikey: String { Multikey.encodeEd25519(rawRepresentation) }

    /// A short fingerprint for people to compare by eye or read out on the phone:
    /// the first 16 hex digits of SHA-256(key), in groups of four (`3f2a 91c0 7be4 0d15`).
    public var fingerprint: String {
        let hex = SHA256.hash(data: rawRepresentation).prefix(8).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
        var groups: [Substring] = []
        var rest = Substring(hex)
        while !rest.isEmpty {
            groups.append(rest.prefix(4))
            rest = rest.dropFirst(4)
        }
        return groups.joined(separator: " ")
    }

    /// The public JSON Web Key (RFC 8037): `{"crv":"Ed25519","kid":…,"kty":"OKP","x":…}`.
    public var jwk: JSONValue {
        ["kty": "OKP", "crv": "Ed25519", "x": .string(Base64URL.encode(rawRepresentation)), "kid": .string(id)]
    }

    /// Whether `signature` is this key's Ed25519 signature over `data`.
    public func isValidSignature<S: DataProtocol, D: DataProtocol>(_ signature: S, for data: D) -> Bool {
        cryptoKey.isValidSignature(signature, for: data)
    }

    /// `id (fingerprint)`.
    public var description: String { "\(id) (\(fingerprint))" }

    /// Keys are equal when id and key bytes are equal.
    public static func == (lhs: PublicKey, rhs: PublicKey) -> Bool {
        lhs.id == rhs.id && lhs.rawRepresentation == rhs.rawRepresentation
    }

    /// Hashes id and key bytes.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(rawRepresentation)
    }
}

/// An Ed25519 private key with its local key id (`[a-z0-9-]{1,32}`), as kept in a `KeyStore`.
public struct SigningKey: CustomStringConvertible, @unchecked Sendable {
    // @unchecked: swift-crypto 3.x does not mark its key structs Sendable, but a private key
    // is immutable after creation and safe to read from several threads.

    /// The local key id, also the key file's name (`keys/<id>.jwk`) and the DID URL fragment.
    public let id: String
    /// The matching public key, under the same id.
    public let publicKey: PublicKey
    /// The parsed key used for signing.
    let cryptoKey: Curve25519.Signing.PrivateKey

    /// Whether `id` is a valid key id: 1–32 characters of `a–z`, `0–9` and `-`.
    public static func isValidID(_ id: String) -> Bool {
        let utf8 = id.utf8
        return (1...32).contains(utf8.count) && utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-")
        }
    }

    /// Makes a new random key. Prefer `KeyStore.create(id:)`, which also saves it safely.
    /// - Throws: `CredentialError.invalidKeyID` for a bad id.
    public static func generate(id: String) throws(CredentialError) -> SigningKey {
        guard isValidID(id) else { throw .invalidKeyID(id) }
        return SigningKey(id: id, cryptoKey: Curve25519.Signing.PrivateKey())
    }

    /// Recreates a key from its 32-byte seed (the JWK `d` value).
    /// - Throws: `CredentialError.invalidKeyID` or `.invalidKeyMaterial`.
    public init<Bytes: ContiguousBytes>(id: String, seed: Bytes) throws(CredentialError) {
        guard Self.isValidID(id) else { throw .invalidKeyID(id) }
        let count = seed.withUnsafeBytes { $0.count }
        guard count == 32 else {
            throw .invalidKeyMaterial(reason: "an Ed25519 private key has 32 bytes, this one has \(count)")
        }
        do {
            self.init(id: id, cryptoKey: try Curve25519.Signing.PrivateKey(rawRepresentation: seed))
        } catch {
            throw .invalidKeyMaterial(reason: "the 32 bytes are not an Ed25519 private key")
        }
    }

    private init(id: String, cryptoKey: Curve25519.Signing.PrivateKey) {
        self.id = id
        self.cryptoKey = cryptoKey
        self.publicKey = PublicKey(id: id, cryptoKey: cryptoKey.publicKey)
    }

    /// The 32-byte seed. Internal: only the key store writes it, to a 0600 file.
    var seed: Data { cryptoKey.rawRepresentation }

    /// The Ed25519 signature (64 bytes) over `data`.
    /// - Throws: `CredentialError.signingFailed` if the crypto library refuses (not expected).
    public func signature<D: DataProtocol>(for data: D) throws(CredentialError) -> Data {
        do {
            return try cryptoKey.signature(for: data)
        } catch {
            throw .signingFailed(reason: "\(error)")
        }
    }

    /// `id (fingerprint)` — never the private key.
    public var description: String { "SigningKey \(publicKey.description)" }
}

/// The Multikey encoding of Ed25519 public keys (W3C Controlled Identifiers, Multikey):
/// multibase `z` (base58btc) over the multicodec prefix 0xed 0x01 and the 32 key bytes.
public enum Multikey {
    /// The multicodec prefix for an Ed25519 public key.
    public static let ed25519Prefix: [UInt8] = [0xED, 0x01]

    /// `z` + base58btc(0xed 0x01 + key).
    public static func encodeEd25519(_ rawKey: Data) -> String {
        "z" + Base58BTC.encode(ed25519Prefix + Array(rawKey))
    }

    /// The 32 key bytes inside a Multikey string.
    /// - Throws: `CredentialError.invalidKeyMaterial` saying which rule is broken.
    public static func decodeEd25519(_ text: String) throws(CredentialError) -> Data {
        guard text.hasPrefix("z") else {
            throw .invalidKeyMaterial(reason: "a Multikey must start with 'z' (base58btc), '\(text.prefix(12))' does not")
        }
        guard let bytes = Base58BTC.decode(text.dropFirst()) else {
            throw .invalidKeyMaterial(reason: "the Multikey '\(text.prefix(12))…' contains characters that are not base58btc")
        }
        guard bytes.count >= 2, bytes.prefix(2).elementsEqual(ed25519Prefix) else {
            throw .invalidKeyMaterial(reason: "the Multikey is not an Ed25519 key (it should start with z6Mk)")
        }
        guard bytes.count == 34 else {
            throw .invalidKeyMaterial(reason: "the Multikey holds \(bytes.count - 2) key bytes instead of 32")
        }
        return Data(bytes.dropFirst(2))
    }
}
