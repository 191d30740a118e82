public import Foundation

/// JWS compact serialisation (RFC 7515) with Ed25519 signatures (RFC 8037, RFC 9864).
///
/// `header.payload.signature`, each part base64url without padding; the signature covers the
/// ASCII text `header.payload`. Headers given as `JSONValue` are written with the deterministic
/// serializer, so the same input and key always give the same token (Ed25519 is deterministic).
public enum JWS {
    /// Algorithm names accepted when verifying: `Ed25519` (RFC 9864) and the older `EdDSA` (RFC 8037).
    public static let acceptedAlgorithms: Set<String> = ["Ed25519", "EdDSA"]

    /// The header used for issuing credentials (VC-JOSE-COSE):
    /// `{"alg":"Ed25519","cty":"vc","kid":<keyID>,"typ":"vc+jwt"}`.
    /// - Parameter keyID: the key's DID URL, e.g. `did:web:oliveto.example#key-2026`.
    public static func credentialHeader(keyID: String) -> JSONValue {
        ["alg": "Ed25519", "kid": .string(keyID), "typ": "vc+jwt", "cty": "vc"]
    }

    /// Signs `payload` bytes under `header` and returns the compact JWS.
    /// - Throws: `CredentialError.signingFailed` if the header is not an object whose `alg`
    ///   is `Ed25519` or `EdDSA` (anything else could not be verified), or if signing fails.
    public static func sign(header: JSONValue, payload: Data, key: SigningKey) throws(CredentialError) -> String {
        guard header.objectValue != nil else {
            throw .signingFailed(reason: "the JWS header must be a JSON object")
        }
        guard let alg = header["alg"]?.stringValue, acceptedAlgorithms.contains(alg) else {
            throw .signingFailed(reason: "the JWS header must say \"alg\": \"Ed25519\" (or \"EdDSA\") for an Ed25519 key")
        }
        let signingInput = Base64URL.encode(header.serialized()) + "." + Base64URL.encode(payload)
        let signature = try key.signature(for: Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// Signs a JSON payload, written with the deterministic serializer.
    public static func sign(header: JSONValue, payload: JSONValue, key: SigningKey) throws(CredentialError) -> String {
        try sign(header: header, payload: payload.serialized(), key: key)
    }

    /// Secures a credential as `vc+jwt`: `credentialHeader` with the key's DID URL under
    /// `issuer`, the credential as the payload.
    public static func signCredential(_ credential: JSONValue, key: SigningKey, issuer: DIDWeb) throws(CredentialError) -> String {
        try sign(header: credentialHeader(keyID: issuer.keyID(for: key.id)), payload: credential, key: key)
    }

    /// A JWS whose signature has been checked.
    public struct Verified: Sendable {
        /// The protected header.
        public let header: JSONValue
        /// The payload bytes exactly as signed.
        public let payload: Data
        /// The key whose signature matched.
        public let key: PublicKey
    }

    /// Checks a compact JWS against trusted keys: shape, header, algorithm, `kid`, signature.
    ///
    /// The payload is decoded only after the signature matched, so an altered payload is
    /// reported as `.badSignature`, not as unreadable.
    /// - Throws: `CredentialError.malformed`, `.algorithmNone`, `.unsupportedAlgorithm`,
    ///   `.missingKeyID`, `.unknownKey` or `.badSignature`.
    public static func verify(_ compact: String, resolver: any PublicKeyResolver) throws(CredentialError) -> Verified {
        try verify(compact, resolver: resolver, checkHeader: { _ in })
    }

    /// As `verify(_:resolver:)`, with `checkHeader` run on the header once its algorithm passed and
    /// before any key is looked up (the credential rules of VC-JOSE-COSE: `typ`, `cty`).
    public static func verify(_ compact: String, resolver: any PublicKeyResolver,
                              checkHeader: (JSONValue) throws(CredentialError) -> Void) throws(CredentialError) -> Verified {
        try verify(compact) { header throws(CredentialError) -> PublicKey in
            try checkHeader(header)
            guard let kidValue = header["kid"] else { throw .missingKeyID }
            guard let kid = kidValue.stringValue, !kid.isEmpty else {
                throw .malformed(part: .header, reason: "\"kid\" is not a non-empty string")
            }
            guard let key = resolver.publicKey(forKeyID: kid) else { throw .unknownKey(keyID: kid) }
            return key
        }
    }

    /// Checks a compact JWS against one given key; a `kid` in the header is not required
    /// (as in RFC 8037's example) and not consulted.
    /// - Throws: as `verify(_:resolver:)`, except `.missingKeyID` and `.unknownKey`.
    public static func verify(_ compact: String, key: PublicKey) throws(CredentialError) -> Verified {
        try verify(compact) { _ in key }
    }

    private static func verify(
        _ compact: String, keyFor: (JSONValue) throws(CredentialError) -> PublicKey
    ) throws(CredentialError) -> Verified {
        let text = compact.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw .malformed(part: .structure, reason: parts.count == 1
                ? "it has no '.' separators; a signed credential has three parts separated by dots"
                : "it has \(parts.count) parts separated by dots instead of 3")
        }
        let headerPart = parts[0], payloadPart = parts[1], signaturePart = parts[2]

        guard !headerPart.isEmpty, let headerBytes = Base64URL.decode(headerPart) else {
            throw .malformed(part: .header, reason: "the first part is not base64url text")
        }
        let header: JSONValue
        do {
            header = try JSONValue(parsing: headerBytes)
        } catch {
            throw .malformed(part: .header, reason: "the header is not JSON (\(error.description))")
        }
        guard header.objectValue != nil else { throw .malformed(part: .header, reason: "the header is not a JSON object") }

        guard let algValue = header["alg"] else { throw .malformed(part: .header, reason: "the header has no \"alg\"") }
        guard let alg = algValue.stringValue else { throw .malformed(part: .header, reason: "\"alg\" is not a string") }
        if alg.lowercased() == "none" { throw .algorithmNone }
        guard acceptedAlgorithms.contains(alg) else { throw .unsupportedAlgorithm(alg) }
        if header["crit"] != nil {
            throw .malformed(part: .header, reason: "the header lists critical extensions (\"crit\") that this verifier does not support")
        }
        let key = try keyFor(header)

        guard let signature = Base64URL.decode(signaturePart) else {
            throw .malformed(part: .signature, reason: "the third part is not base64url text")
        }
        guard signature.count == 64 else {
            throw .malformed(part: .signature, reason: "an Ed25519 signature has 64 bytes, this one has \(signature.count)")
        }
        let signingInput = Array(text.utf8.prefix(headerPart.utf8.count + 1 + payloadPart.utf8.count))
        guard key.isValidSignature(signature, for: signingInput) else {
            throw .badSignature(keyID: header["kid"]?.stringValue ?? key.id)
        }

        guard let payload = Base64URL.decode(payloadPart) else {
            throw .malformed(part: .payload, reason: "the second part is not base64url text")
        }
        return Verified(header: header, payload: payload, key: key)
    }
}
