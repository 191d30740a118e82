public import Foundation

/// A credential whose signature, key and validity period have been checked.
public struct VerifiedCredential: Sendable {
    /// The JWS protected header (`alg`, `kid`, `typ`, …).
    public let header: JSONValue
    /// The credential (the JWS payload), a JSON object.
    public let payload: JSONValue
    /// The trusted key that signed it.
    public let key: PublicKey
    /// The start of validity (`validFrom`, or `nbf` if later), if the credential states one.
    public let validFrom: Date?
    /// The end of validity (`validUntil`, or `exp` if earlier), if the credential states one.
    public let validUntil: Date?
}

/// Verifies `vc+jwt` credentials (VCDM 2.0 secured with JOSE, Ed25519) against trusted keys.
///
/// Checks, in order: the token's shape, the header (`alg` must be `Ed25519` or `EdDSA`; `none`
/// and every other algorithm are refused; `kid` must name a trusted key), the signature, that
/// the payload is a JSON object, and the validity period against the `now` it is given
/// (VCDM `validFrom`/`validUntil` as XML Schema dateTime; JWT `nbf`/`exp` as seconds since 1970).
/// The first failure is thrown as a `CredentialError` that names it.
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

    /// Verifies one compact JWS credential as of `now`.
    /// - Throws: `CredentialError` — `.malformed`, `.algorithmNone`, `.unsupportedAlgorithm`,
    ///   `.missingKeyID`, `.unknownKey`, `.badSignature`, `.notYetValid` or `.expired`.
    public func verify(_ compact: String, now: Date) throws(CredentialError) -> VerifiedCredential {
        let verified = try JWS.verify(compact, resolver: resolver)
        let payload: JSONValue
        do {
            payload = try JSONValue(parsing: verified.payload)
        } catch {
            throw .malformed(part: .payload, reason: "the credential is not JSON (\(error.description))")
        }
        guard payload.objectValue != nil else {
            throw .malformed(part: .payload, reason: "the credential is not a JSON object")
        }

        let validFrom = Self.later(try Self.dateTime(payload, "validFrom"), try Self.numericDate(payload, "nbf"))
        let validUntil = Self.earlier(try Self.dateTime(payload, "validUntil"), try Self.numericDate(payload, "exp"))
        if let validFrom, now.addingTimeInterval(clockTolerance) < validFrom {
            throw .notYetValid(validFrom: validFrom, now: now)
        }
        if let validUntil, now.addingTimeInterval(-clockTolerance) > validUntil {
            throw .expired(validUntil: validUntil, now: now)
        }
        return VerifiedCredential(header: verified.header, payload: payload, key: verified.key,
                                  validFrom: validFrom, validUntil: validUntil)
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
