public import Foundation

/// A credential whose signature, key, issuer and validity period have been checked.
public struct VerifiedCredential: Sendable {
    /// The JWS protected header (`alg`, `kid`, `typ`, …).
    public let header: JSONValue
    /// The credential (the JWS payload), a JSON object.
    public let payload: JSONValue
    /// The trusted key that signed it.
    public let key: PublicKey
    /// The credential's `issuer` (its DID), which the `kid` belongs to.
    public let issuer: String
    /// The start of validity (`validFrom`, or `nbf` if later), if the credential states one.
    public let validFrom: Date?
    /// The end of validity (`validUntil`, or `exp` if earlier), if the credential states one.
    public let validUntil: Date?
}

/// Verifies `vc+jwt` credentials (VCDM 2.0 secured with JOSE, Ed25519) against trusted keys,
/// following W3C VC-JOSE-COSE.
///
/// Checks, in order: that it is a compact JWS at all (plain JSON is unsecured; `~` disclosures
/// are SD-JWT, not accepted); the header (`alg` `Ed25519` or `EdDSA`, never `none`; `typ`, when
/// present, `vc+jwt`; `cty`, when present, `vc`; `kid` names a trusted key); the signature; that
/// the payload is a JSON object without `vc` or `vp` claims; that `iss`, when present, equals
/// the `issuer`; that the `kid` is a DID URL of that issuer; then, if given a `now`, the validity
/// period (VCDM `validFrom`/`validUntil` as XML Schema dateTime; JWT `nbf`/`exp` as seconds since
/// 1970). The first failure is thrown as a `CredentialError` that names it.
public struct CredentialVerifier: Sendable {
    /// Where trusted keys come from.
    public let resolver: any PublicKeyResolver
    /// Allowed clock difference, in seconds, when comparing validity dates with `now`.
    public let clockTolerance: TimeInterval

    /// - Parameters:
    ///   - resolver: the trusted keys (a `DIDDocument`, a `PublicKeySet`, a trust store).
    ///   - clockTolerance: seconds of clock difference to forgive (default 0).
    public init(resolver: any PublicKeyResolver, clockTolerance: TimeInterval = 0) {
        self.resolver = resolver
        self.clockTolerance = max(0, clockTolerance)
    }

    /// Verifies one compact JWS credential; with `now`, also its validity period.
    /// - Throws: `CredentialError` — `.unsecured`, `.malformed`, `.algorithmNone`,
    ///   `.unsupportedAlgorithm`, `.wrongMediaType`, `.missingKeyID`, `.unknownKey`, `.badSignature`,
    ///   `.forbiddenClaim`, `.issuerMismatch`, `.keyIDNotDIDURL`, `.notYetValid` or `.expired`.
    public func verify(_ compact: String, now: Date?) throws(CredentialError) -> VerifiedCredential {
        let text = compact.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("{") || text.hasPrefix("[") { throw .unsecured }
        if text.contains("~") {
            throw .malformed(part: .structure, reason: "it carries selective-disclosure parts after '~' (SD-JWT); only plain vc+jwt credentials are accepted")
        }
        let verified = try JWS.verify(text, resolver: resolver, checkHeader: Self.checkMediaType)
        let payload: JSONValue
        do {
            payload = try JSONValue(parsing: verified.payload)
        } catch {
            throw .malformed(part: .payload, reason: "the credential is not JSON (\(error.description))")
        }
        guard payload.objectValue != nil else {
            throw .malformed(part: .payload, reason: "the credential is not a JSON object")
        }
        for claim in ["vc", "vp"] where payload[claim] != nil { throw .forbiddenClaim(claim) }
        guard let issuer = payload["issuer"]?.stringValue ?? payload["issuer"]?["id"]?.stringValue, !issuer.isEmpty else {
            throw .notACredential(reason: "it names no issuer")
        }
        if let iss = payload["iss"], iss.stringValue != issuer {
            throw .issuerMismatch(issuer: issuer, other: iss.stringValue ?? iss.serializedString())
        }
        let kid = verified.header["kid"]?.stringValue ?? ""
        guard kid.hasPrefix("did:"), let hash = kid.firstIndex(of: "#"), kid.index(after: hash) < kid.endIndex else {
            throw .keyIDNotDIDURL(kid)
        }
        guard kid[..<hash] == issuer else { throw .issuerMismatch(issuer: issuer, other: String(kid[..<hash])) }

        let validFrom = Self.later(try Self.dateTime(payload, "validFrom"), try Self.numericDate(payload, "nbf"))
        let validUntil = Self.earlier(try Self.dateTime(payload, "validUntil"), try Self.numericDate(payload, "exp"))
        if let now, let validFrom, now.addingTimeInterval(clockTolerance) < validFrom {
            throw .notYetValid(validFrom: validFrom, now: now)
        }
        if let now, let validUntil, now.addingTimeInterval(-clockTolerance) > validUntil {
            throw .expired(validUntil: validUntil, now: now)
        }
        return VerifiedCredential(header: verified.header, payload: payload, key: verified.key, issuer: issuer,
                                  validFrom: validFrom, validUntil: validUntil)
    }

    /// `typ` and `cty`, when present, must say "credential secured as vc+jwt" (with or without
    /// the `application/` prefix, as RFC 7515 allows).
    static func checkMediaType(_ header: JSONValue) throws(CredentialError) {
        func named(_ key: String, _ expected: String) throws(CredentialError) {
            guard let value = header[key] else { return }
            guard let text = value.stringValue?.lowercased(), text == expected || text == "application/" + expected else {
                throw .wrongMediaType(value.stringValue ?? value.serializedString())
            }
        }
        try named("typ", UNTPVocabulary.credentialType)
        try named("cty", UNTPVocabulary.credentialContentType)
    }

    private static func dateTime(_ payload: JSONValue, _ name: String) throws(CredentialError) -> Date? {
        guard let value = payload[name] else { return nil }
        guard let text = value.stringValue, let date = XSDDateTime.date(from: text) else {
            throw .malformed(part: .payload, reason: "\"\(name)\" is not a date and time like 2026-01-01T00:00:00Z")
        }
        return date
    }

    private static func numericDate(_ payload: JSONValue, _ name: String) throws(CredentialError) -> Date? {
        guard let value = payload[name] else { return nil }
        guard let seconds = value.doubleValue, seconds.isFinite else {
            throw .malformed(part: .payload, reason: "\"\(name)\" is not a number of seconds since 1970")
        }
        return Date(timeIntervalSince1970: seconds)
    }

    private static func later(_ a: Date?, _ b: Date?) -> Date? {
        guard let a else { return b }
        guard let b else { return a }
        return max(a, b)
    }

    private static func earlier(_ a: Date?, _ b: Date?) -> Date? {
        guard let a else { return b }
        guard let b else { return a }
        return min(a, b)
    }
}
