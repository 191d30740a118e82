import Foundation
import Testing
@testable import Credentials

/// The W3C VC-JOSE-COSE test suite cases that apply to us (see Tests/Conformance/README.md,
/// "which cases apply to us"), each refused for the reason the suite gives, plus the rules the
/// suite does not cover: `iss` and the `kid`'s DID must be the credential's issuer.
@Suite("VC-JOSE-COSE conformance")
struct VCJoseCoseTests {
    static let suite = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Conformance/w3c/vc-jose-cose-test-suite/input")

    /// The suite's Ed25519 test key (`vm-ed25519.json`), under the JWK-thumbprint `kid` its inputs carry.
    static func suiteKey() throws -> PublicKey {
        let vm = try JSONValue(parsing: Data(contentsOf: suite.appendingPathComponent("vm-ed25519.json")))
        let jwk = try #require(vm["publicKeyJwk"])
        let raw = try #require(jwk["x"]?.stringValue.flatMap(Base64URL.decode))
        return try PublicKey(id: try #require(jwk["kid"]?.stringValue), rawRepresentation: raw)
    }

    static func input(_ name: String) throws -> String {
        try String(contentsOf: suite.appendingPathComponent(name), encoding: .utf8)
    }

    /// Full verification with the suite's key trusted under its `kid`.
    static func refusal(_ name: String) throws -> CredentialError? {
        let verifier = CredentialVerifier(resolver: PublicKeySet([try suiteKey()]))
        let text = try input(name)
        return credentialError { try verifier.verify(text, now: nil) }
    }

    static let thumbprint = "2aOHaQxsWVT4mLsUkdtlCnUV-au0BBR-5yPYaPaCc5k"

    @Test("case 8: issuer match — the JWS holds and iss equals issuer, but a kid that is no DID URL is refused")
    func issuerMatch() throws {
        let text = try Self.input("credential-issuer-match-signed.txt")
        let jws = try JWS.verify(text, key: try Self.suiteKey())
        let payload = try JSONValue(parsing: jws.payload)
        #expect(payload["iss"] == payload["issuer"])
        #expect(try Self.refusal("credential-issuer-match-signed.txt") == .keyIDNotDIDURL(Self.thumbprint))
    }

    @Test("case 10: an unsecured credential (plain JSON) is refused")
    func unsecuredCredential() throws {
        #expect(try Self.refusal("credential-minimal.json") == .unsecured)
    }

    @Test("case 11: an unsecured presentation (plain JSON) is refused")
    func unsecuredPresentation() throws {
        #expect(try Self.refusal("presentation-single.json") == .unsecured)
    }

    @Test("case 12: a credential with an invalid signature is refused as a bad signature")
    func badSignature() throws {
        #expect(try Self.refusal("credential-jose-bad-signature.txt") == .badSignature(keyID: Self.thumbprint))
    }

    @Test("case 13: a validly signed credential with typ bad+typ is refused for its media type")
    func badMediaType() throws {
        let text = try Self.input("credential-jose-bad-media-type.txt")
        _ = try JWS.verify(text, key: try Self.suiteKey())
        #expect(try Self.refusal("credential-jose-bad-media-type.txt") == .wrongMediaType("bad+typ"))
    }

    @Test("case 14: a presentation with typ bad+typ is refused for its media type")
    func presentationBadMediaType() throws {
        #expect(try Self.refusal("presentation-jose-bad-media-type.txt") == .wrongMediaType("bad+typ"))
    }

    @Test("case 15: a validly signed credential with vc and vp claims is refused")
    func vcVPClaims() throws {
        let text = try Self.input("credential-jose-vc-vp-claims.txt")
        _ = try JWS.verify(text, key: try Self.suiteKey())
        #expect(try Self.refusal("credential-jose-vc-vp-claims.txt") == .forbiddenClaim("vc"))
    }

    @Test("case 16: a presentation (typ vp+jwt) is not accepted as a credential")
    func presentationBadCredential() throws {
        #expect(try Self.refusal("presentation-jose-bad-credential.txt") == .wrongMediaType("vp+jwt"))
    }

    @Test("cases 24 and 25: SD-JWT strings with disclosures are refused as not a plain vc+jwt",
          arguments: ["credential-sdjwt-bad-media-type.txt", "presentation-sdjwt-bad-media-type.txt"])
    func sdJWTBadMediaType(name: String) throws {
        let error = try Self.refusal(name)
        guard case .malformed(.structure, let reason)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(reason.contains("SD-JWT"))
    }

    @Test("cases 6, 7 and 9: other algorithms are refused by name before any key is looked up",
          arguments: [("credential-jose-minimal.txt", "ES256"), ("presentation-jose-multiple.txt", "ES384"),
                      ("credential-jose-unknown-extensions.txt", "ES512")])
    func otherAlgorithms(name: String, alg: String) throws {
        #expect(try Self.refusal(name) == .unsupportedAlgorithm(alg))
    }

    @Test("cases 20–23 and 26: SD-JWT inputs are refused",
          arguments: ["credential-sdjwt-selective.txt", "credential-sdjwt-nested.txt", "presentation-sdjwt-selective.txt",
                      "credential-sdjwt-bad-signature.txt", "presentation-sdjwt-bad-credential.txt"])
    func sdJWT(name: String) throws {
        guard case .malformed(.structure, _)? = try Self.refusal(name) else { Issue.record("accepted \(name)"); return }
    }

    @Test("cases 29–35: COSE inputs are refused as not a compact JWS",
          arguments: ["credential-cose-minimal.txt", "credential-cose-minimal-not-base64.txt", "presentation-cose-single.txt",
                      "credential-cose-bad-signature.txt", "credential-cose-bad-media-type.txt",
                      "presentation-cose-bad-media-type.txt", "presentation-cose-bad-credential.txt"])
    func cose(name: String) throws {
        guard case .malformed(.structure, _)? = try Self.refusal(name) else { Issue.record("accepted \(name)"); return }
    }

    // MARK: Rules beyond the suite's inputs

    let key: SigningKey
    let verifier: CredentialVerifier

    init() throws {
        key = try Fixture.key("main", byte: 21)
        verifier = CredentialVerifier(resolver: PublicKeySet([key.publicKey.withID(Fixture.issuer.keyID(for: "main"))]))
    }

    func credential(issuer: String, extra: [String: JSONValue] = [:]) -> JSONValue {
        var object: [String: JSONValue] = ["@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
                                           "issuer": ["id": .string(issuer), "name": "Oliveto"], "credentialSubject": ["id": "x"]]
        object.merge(extra) { _, new in new }
        return .object(object)
    }

    @Test("our own credential, as issued, verifies: typ vc+jwt, cty vc, kid a DID URL of the issuer")
    func ownCredential() throws {
        let jwt = try JWS.signCredential(credential(issuer: Fixture.issuer.did), key: key, issuer: Fixture.issuer)
        let verified = try verifier.verify(jwt, now: nil)
        #expect(verified.issuer == Fixture.issuer.did)
        #expect(verified.header["typ"] == "vc+jwt" && verified.header["cty"] == "vc")
        #expect(verified.header["kid"] == "did:web:oliveto.example#main")
    }

    @Test("an iss claim other than the issuer is refused")
    func issMismatch() throws {
        let jwt = try JWS.signCredential(credential(issuer: Fixture.issuer.did, extra: ["iss": "did:web:other.example"]),
                                         key: key, issuer: Fixture.issuer)
        #expect(credentialError { try verifier.verify(jwt, now: nil) }
                == .issuerMismatch(issuer: Fixture.issuer.did, other: "did:web:other.example"))
    }

    @Test("a credential naming another issuer than the kid's DID is refused")
    func kidOfAnotherIssuer() throws {
        let jwt = try JWS.signCredential(credential(issuer: "did:web:other.example"), key: key, issuer: Fixture.issuer)
        #expect(credentialError { try verifier.verify(jwt, now: nil) }
                == .issuerMismatch(issuer: "did:web:other.example", other: Fixture.issuer.did))
    }

    @Test("alg none is refused even with a credential's media type")
    func algNone() throws {
        let none: JSONValue = ["alg": "none", "typ": "vc+jwt"]
        let header = Base64URL.encode(none.serialized())
        let body = Base64URL.encode(credential(issuer: Fixture.issuer.did).serialized())
        #expect(credentialError { try verifier.verify(header + "." + body + ".", now: nil) } == .algorithmNone)
    }
}
