public import Foundation

/// Every failure the Credentials module reports: key files, did:web documents, JSON,
/// signing and credential verification.
///
/// Each case carries what a producer or shop clerk needs to act on, and `description`
/// says in plain words what went wrong and what to do about it.
public enum CredentialError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {

    /// The part of a compact JWS (`header.payload.signature`) a problem was found in.
    public enum JWSPart: String, Sendable, Equatable {
        /// The overall shape: three base64url parts separated by dots.
        case structure
        /// The first part: the protected header.
        case header
        /// The second part: the credential itself.
        case payload
        /// The third part: the Ed25519 signature.
        case signature
    }

    // MARK: JSON and encodings

    /// JSON text could not be read; `reason` says where and why.
    case invalidJSON(reason: String)

    // MARK: Keys

    /// A key id is not 1–32 characters of lowercase letters, digits and `-`.
    case invalidKeyID(String)
    /// `KeyStore.create(id:)` was asked for an id that already has a key file.
    case keyAlreadyExists(id: String, path: String)
    /// No key file exists for the id.
    case keyNotFound(id: String, path: String)
    /// A private key file can be read or written by other users; `mode` is its permission bits.
    case keyFileTooOpen(path: String, mode: UInt16)
    /// A key file exists but is not a usable Ed25519 JSON Web Key.
    case invalidKeyFile(path: String, reason: String)
    /// Reading or writing the key folder failed at the operating-system level.
    case keyStorage(path: String, reason: String)
    /// Key bytes had the wrong length or were not a valid Ed25519 key.
    case invalidKeyMaterial(reason: String)

    // MARK: did:web

    /// A web address cannot be turned into a did:web identifier.
    case invalidDIDWebURL(url: String, reason: String)
    /// A `did:web:` string is malformed.
    case invalidDID(did: String, reason: String)
    /// A DID document is malformed; `reason` names the entry and the field.
    case invalidDIDDocument(reason: String)

    // MARK: Signing

    /// Producing a signature failed (unexpected; the crypto library refused).
    case signingFailed(reason: String)

    // MARK: Verification

    /// A compact JWS is not well formed.
    case malformed(part: JWSPart, reason: String)
    /// The header says `"alg": "none"` — an unsigned token, always refused.
    case algorithmNone
    /// The header names a signature algorithm other than Ed25519.
    case unsupportedAlgorithm(String)
    /// The header has no `kid`, so there is no way to know which key should have signed.
    case missingKeyID
    /// No trusted key is known under the header's `kid`.
    case unknownKey(keyID: String)
    /// The signature does not match the content for the named key: altered or forged.
    case badSignature(keyID: String)
    /// The credential's `validFrom` (or `nbf`) lies after `now`.
    case notYetValid(validFrom: Date, now: Date)
    /// The credential's `validUntil` (or `exp`) lies before `now`.
    case expired(validUntil: Date, now: Date)
    /// Plain JSON where a signed credential was expected: nothing protects it (VC-JOSE-COSE).
    case unsecured
    /// The header's `typ` (or `cty`) is not that of a credential secured as `vc+jwt`.
    case wrongMediaType(String)
    /// The claims set carries a `vc` or `vp` claim, which VC-JOSE-COSE forbids.
    case forbiddenClaim(String)
    /// `iss`, or the DID of the `kid`, names someone other than the credential's `issuer`.
    case issuerMismatch(issuer: String, other: String)
    /// The `kid` is not an absolute DID URL (`did:…#key`).
    case keyIDNotDIDURL(String)

    // MARK: Credential content

    /// A signed credential does not have the shape its type requires; `reason` names the field.
    case notACredential(reason: String)
    /// A status list credential cannot be read.
    case invalidStatusList(reason: String)
    /// GZIP compression or decompression failed.
    case compression(reason: String)

    /// A readable explanation that says what to do.
    public var description: String {
        switch self {
        case .invalidJSON(let reason):
            return "The JSON text is not valid: \(reason)."
        case .invalidKeyID(let id):
            return "'\(id)' is not a valid key id. Use 1 to 32 characters: lowercase letters a-z, digits 0-9 and '-' (for example 'key-2026')."
        case .keyAlreadyExists(let id, let path):
            return "A key with id '\(id)' already exists at \(path). Keys are never overwritten: choose a new id (for example with the year) to add a key."
        case .keyNotFound(let id, let path):
            return "There is no key with id '\(id)' (expected the file \(path)). List the keys in the project's keys/ folder, or create one."
        case .keyFileTooOpen(let path, let mode):
            return "The private key file \(path) can be read or changed by other users on this computer (permissions \(Self.octal(mode))). Anyone who reads it can sign passports in your name. Fix it with: chmod 600 \(path)"
        case .invalidKeyFile(let path, let reason):
            return "The key file \(path) is not a usable Ed25519 key: \(reason). Restore it from your backup; do not edit key files by hand."
        case .keyStorage(let path, let reason):
            return "Could not access \(path): \(reason). Check that the folder exists and that you may write to it."
        case .invalidKeyMaterial(let reason):
            return "The key is not a valid Ed25519 key: \(reason)."
        case .invalidDIDWebURL(let url, let reason):
            return "Cannot make a did:web identity from '\(url)': \(reason)."
        case .invalidDID(let did, let reason):
            return "'\(did)' is not a valid did:web identifier: \(reason)."
        case .invalidDIDDocument(let reason):
            return "The DID document (did.json) is not usable: \(reason). Ask the producer to republish their did.json."
        case .signingFailed(let reason):
            return "Signing failed: \(reason). Check that the key file is intact."
        case .malformed(let part, let reason):
            return "This is not a readable signed credential (\(part.rawValue)): \(reason). The code or file may be damaged or incomplete; scan or download it again."
        case .algorithmNone:
            return "The credential claims to need no signature (alg \"none\"). Unsigned credentials are never accepted: treat it as not genuine."
        case .unsupportedAlgorithm(let alg):
            return "The credential is signed with the algorithm '\(alg)', which is not accepted here; only Ed25519 signatures are. Treat it as not verified and ask the producer for an Ed25519-signed credential."
        case .missingKeyID:
            return "The credential does not say which key signed it (no \"kid\" in its header), so it cannot be checked. Treat it as not verified."
        case .unknownKey(let keyID):
            return "The credential was signed with the key '\(keyID)', which is not among the trusted keys. Update the producer's keys (did.json or trust list); if it is still unknown, treat the credential as not genuine."
        case .badSignature(let keyID):
            return "The signature does not match the content for key '\(keyID)': the credential was altered after signing or was not signed by this key. Treat it as not genuine."
        case .notYetValid(let validFrom, let now):
            return "The credential is only valid from \(XSDDateTime.string(from: validFrom)), but the time now is \(XSDDateTime.string(from: now)). Check this device's clock; otherwise wait until then."
        case .expired(let validUntil, let now):
            return "The credential expired at \(XSDDateTime.string(from: validUntil)) (time now: \(XSDDateTime.string(from: now))). Ask the producer for a current one, and check this device's clock."
        case .unsecured:
            return "This is a bare JSON credential with no signature, so nothing shows who made it or that it is unchanged. Only signed credentials (vc+jwt) are accepted: ask for the .jwt file."
        case .wrongMediaType(let typ):
            return "The signed object says it is '\(typ)', not a credential secured as vc+jwt (a presentation or another kind of token). It is not accepted as a credential."
        case .forbiddenClaim(let name):
            return "The credential carries a '\(name)' claim, which a vc+jwt credential must not have (VC-JOSE-COSE): it was made by non-conforming software. Treat it as not verified."
        case .issuerMismatch(let issuer, let other):
            return "The credential names \(issuer) as its issuer, but its signature header or 'iss' claim names \(other). Treat it as not genuine."
        case .keyIDNotDIDURL(let kid):
            return "The key id '\(kid)' is not a DID URL (did:…#key) of the issuer, so the key cannot be tied to the issuer's identity. Treat the credential as not verified."
        case .notACredential(let reason):
            return "The signed content is not a readable credential of the expected kind (\(reason)). It may come from incompatible software; ask its issuer for a UNTP 0.7.0 credential."
        case .invalidStatusList(let reason):
            return "The status list cannot be read: \(reason). Ask its issuer to publish it again."
        case .compression(let reason):
            return "The status list's compressed data cannot be read: \(reason)."
        }
    }

    /// Same as `description`, for Foundation's error reporting.
    public var errorDescription: String? { description }

    private static func octal(_ mode: UInt16) -> String {
        let digits = String(mode & 0o777, radix: 8)
        return String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }
}
