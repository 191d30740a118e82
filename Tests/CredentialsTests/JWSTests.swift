import Crypto
import Foundation
import Testing
@testable import Credentials

@Suite("JWS (RFC 7515 / RFC 8037)")
struct JWSTests {
    static let rfcExample = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"

    @Test("RFC 8037 A.4: the whole compact string, byte for byte")
    func rfc8037() throws {
        let key = try Fixture.rfcKey()
        #expect(Base64URL.encode(key.publicKey.rawRepresentation) == Fixture.rfcX)
        let header: JSONValue = ["alg": "EdDSA"]
        #expect(Base64URL.encode(header.serialized()) == "eyJhbGciOiJFZERTQSJ9")
        let payload = Data("Example of Ed25519 signing".utf8)
        let jws = try JWS.sign(header: header, payload: payload, key: key)
        #if canImport(CryptoKit)
        // On Apple platforms swift-crypto is CryptoKit, which randomises Ed25519 signatures.
        #expect(jws.hasPrefix("eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."))
        #expect(try JWS.verify(jws, key: key.publicKey).payload == payload)
        #else
        // BoringSSL's Ed25519 is deterministic (RFC 8032): the RFC's exact signature.
        #expect(jws == Self.rfcExample)
        #expect(try JWS.sign(header: header, payload: payload, key: key) == jws)
        #endif
        // The RFC's own token verifies with the RFC's public key, and nothing else.
        let rfcPublic = try PublicKey(id: "rfc", rawRepresentation: try #require(Base64URL.decode(Fixture.rfcX)))
        let verified = try JWS.verify(Self.rfcExample, key: rfcPublic)
        #expect(verified.header == header)
        #expect(verified.payload == payload)
        let other = try Fixture.key("other", byte: 9).publicKey
        #expect(credentialError { try JWS.verify(Self.rfcExample, key: other) } == .badSignature(keyID: "other"))
    }

    @Test("credential header and signCredential")
    func credentialHeader() throws {
        let key = try Fixture.key("key-2026", byte: 7)
        let header = JWS.credentialHeader(keyID: Fixture.issuer.keyID(for: key.id))
        #expect(header.serializedString() == #"{"alg":"Ed25519","cty":"vc","kid":"did:web:oliveto.example#key-2026","typ":"vc+jwt"}"#)
        let credential: JSONValue = ["issuer": "did:web:oliveto.example", "type": ["VerifiableCredential"]]
        let jws = try JWS.signCredential(credential, key: key, issuer: Fixture.issuer)
        let parts = jws.split(separator: ".")
        #expect(parts.count == 3)
        #expect(Base64URL.decode(parts[0]) == header.serialized())
        #expect(Base64URL.decode(parts[1]) == credential.serialized())
        #expect(parts[2].count == 86)
        // External check: the signature is plain Ed25519 over "header.payload".
        let raw = try Curve25519.Signing.PublicKey(rawRepresentation: key.publicKey.rawRepresentation)
        #expect(raw.isValidSignature(try #require(Base64URL.decode(parts[2])), for: Data("\(parts[0]).\(parts[1])".utf8)))
    }

    @Test("signing refuses a header that could not be verified")
    func signRefusesBadHeader() throws {
        let key = try Fixture.key("k", byte: 1)
        for header: JSONValue in [["alg": "HS256"], ["alg": "none"], [:], "EdDSA"] {
            guard case .signingFailed? = credentialError({ try JWS.sign(header: header, payload: Data(), key: key) }) else {
                Issue.record("expected signingFailed for \(header)")
                continue
            }
        }
    }
}
