import Foundation
import PassportTestSupport
import Testing
@testable import Credentials

@Suite("Credential verification")
struct CredentialVerifierTests {
    let key: SigningKey
    let kid: String
    let verifier: CredentialVerifier
    let credential: JSONValue = [
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential", "DigitalProductPassport"],
        "issuer": "did:web:oliveto.example",
        "validFrom": "2026-01-01T00:00:00Z",
        "validUntil": "2027-01-01T00:00:00Z",
        "credentialSubject": ["name": "Olio extra vergine </script> — 0,75 l"],
    ]
    let inside = Fixture.date("2026-06-01T12:00:00Z")

    init() throws {
        key = try Fixture.key("key-2026", byte: 11)
        kid = Fixture.issuer.keyID(for: key.id)
        let document = try DIDDocument(parsing: Fixture.issuer.didDocument(for: [key.publicKey]))
        verifier = CredentialVerifier(resolver: document)
    }

    private func token(_ header: JSONValue, _ payload: Data, signature: String = "AAAA") -> String {
        Base64URL.encode(header.serialized()) + "." + Base64URL.encode(payload) + "." + signature
    }

    @Test("a genuine credential verifies and comes back intact")
    func genuine() throws {
        let jws = try JWS.signCredential(credential, key: key, issuer: Fixture.issuer)
        let result = try verifier.verify(jws, now: inside)
        #expect(result.payload == credential)
        #expect(result.header["kid"]?.stringValue == kid)
        #expect(result.key.id == kid)
        #expect(result.validFrom == Fixture.date("2026-01-01T00:00:00Z"))
        #expect(result.validUntil == Fixture.date("2027-01-01T00:00:00Z"))
        // The older "EdDSA" name is accepted too.
        let legacy = try JWS.sign(header: ["alg": "EdDSA", "kid": .string(kid)], payload: credential, key: key)
        #expect(try verifier.verify(legacy, now: inside).payload == credential)
    }

    @Test("a changed payload byte is a bad signature")
    func tampered() throws {
        let jws = try JWS.signCredential(credential, key: key, issuer: Fixture.issuer)
        var parts = jws.split(separator: ".").map(String.init)
        var payload = Array(parts[1].utf8)
        let middle = payload.count / 2
        payload[middle] = payload[middle] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        parts[1] = String(decoding: payload, as: UTF8.self)
        let error = credentialError { try verifier.verify(parts.joined(separator: "."), now: inside) }
        #expect(error == .badSignature(keyID: kid))
        #expect(error?.description.contains("altered") == true)

        // Re-encoding a different credential under the old signature fails the same way.
        var forged = credential
        forged["credentialSubject"] = ["name": "Fake oil"]
        parts[1] = Base64URL.encode(forged.serialized())
        #expect(credentialError { try verifier.verify(parts.joined(separator: "."), now: inside) } == .badSignature(keyID: kid))
    }

    @Test("a foreign key claiming our kid is a bad signature")
    func foreignKey() throws {
        let intruder = try Fixture.key("key-2026", byte: 99)
        let jws = try JWS.signCredential(credential, key: intruder, issuer: Fixture.issuer)
        #expect(credentialError { try verifier.verify(jws, now: inside) } == .badSignature(keyID: kid))
    }

    @Test("alg none is refused")
    func algNone() {
        let header: JSONValue = ["alg": "none", "kid": .string(kid)]
        let error = credentialError { try verifier.verify(token(header, credential.serialized(), signature: ""), now: inside) }
        #expect(error == .algorithmNone)
        #expect(credentialError { try verifier.verify(token(["alg": "NONE"], credential.serialized()), now: inside) } == .algorithmNone)
        #expect(error?.description.contains("never accepted") == true)
    }

    @Test("other algorithms are refused by name")
    func otherAlgorithms() {
        for alg in ["HS256", "RS256", "ES256", "ed25519"] {
            let header: JSONValue = ["alg": .string(alg), "kid": .string(kid)]
            let error = credentialError { try verifier.verify(token(header, credential.serialized()), now: inside) }
            #expect(error == .unsupportedAlgorithm(alg))
            #expect(error?.description.contains(alg) == true)
        }
    }

    @Test("a missing kid is refused")
    func missingKid() throws {
        let jws = try JWS.sign(header: ["alg": "Ed25519"], payload: credential, key: key)
        let error = credentialError { try verifier.verify(jws, now: inside) }
        #expect(error == .missingKeyID)
        #expect(error?.description.contains("kid") == true)
    }

    @Test("an unknown kid is refused and named")
    func unknownKid() throws {
        let other = try Fixture.key("key-2099", byte: 12)
        let jws = try JWS.signCredential(credential, key: other, issuer: Fixture.issuer)
        let error = credentialError { try verifier.verify(jws, now: inside) }
        #expect(error == .unknownKey(keyID: "did:web:oliveto.example#key-2099"))
        #expect(error?.description.contains("did:web:oliveto.example#key-2099") == true)
    }

    @Test("validity period: validFrom / validUntil, inclusive, with tolerance")
    func validityPeriod() throws {
        let jws = try JWS.signCredential(credential, key: key, issuer: Fixture.issuer)
        let early = Fixture.date("2025-12-31T23:59:59Z")
        let late = Fixture.date("2027-01-01T00:00:01Z")
        let notYet = credentialError { try verifier.verify(jws, now: early) }
        #expect(notYet == .notYetValid(validFrom: Fixture.date("2026-01-01T00:00:00Z"), now: early))
        #expect(notYet?.description.contains("2026-01-01T00:00:00Z") == true)
        let expired = credentialError { try verifier.verify(jws, now: late) }
        #expect(expired == .expired(validUntil: Fixture.date("2027-01-01T00:00:00Z"), now: late))
        #expect(expired?.description.contains("expired") == true)
        #expect(throws: Never.self) { try verifier.verify(jws, now: Fixture.date("2026-01-01T00:00:00Z")) }
        #expect(throws: Never.self) { try verifier.verify(jws, now: Fixture.date("2027-01-01T00:00:00Z")) }
        let lenient = CredentialVerifier(resolver: verifier.resolver, clockTolerance: 5)
        #expect(throws: Never.self) { try lenient.verify(jws, now: early) }
        #expect(throws: Never.self) { try lenient.verify(jws, now: late) }
    }

    @Test("validity period: JWT nbf / exp and offsets in validFrom")
    func jwtClaims() throws {
        var claims = credential
        claims["validFrom"] = "2026-01-01T01:00:00.250+01:00"
        claims["validUntil"] = nil
        claims["nbf"] = 1_767_225_600  // 2026-01-01T00:00:00Z
        claims["exp"] = 1_798_761_600  // 2027-01-01T00:00:00Z
        let jws = try JWS.signCredential(claims, key: key, issuer: Fixture.issuer)
        let result = try verifier.verify(jws, now: inside)
        #expect(result.validFrom == Date(timeIntervalSince1970: 1_767_225_600.25))
        #expect(result.validUntil == Date(timeIntervalSince1970: 1_798_761_600))
        #expect(credentialError { try verifier.verify(jws, now: Fixture.date("2026-01-01T00:00:00Z")) }
            == .notYetValid(validFrom: Date(timeIntervalSince1970: 1_767_225_600.25), now: Fixture.date("2026-01-01T00:00:00Z")))
        guard case .expired? = credentialError({ try verifier.verify(jws, now: Fixture.date("2028-01-01T00:00:00Z")) }) else {
            Issue.record("expected expired from exp")
            return
        }
    }

    @Test("garbage is malformed, naming the part")
    func garbage() throws {
        let header: JSONValue = ["alg": "Ed25519", "kid": .string(kid)]
        let good = try JWS.sign(header: header, payload: credential, key: key)
        let parts = good.split(separator: ".").map(String.init)
        let cases: [(String, CredentialError.JWSPart)] = [
            ("", .structure),
            ("hello", .structure),
            ("a.b", .structure),
            ("a.b.c.d", .structure),
            ("!!!.\(parts[1]).\(parts[2])", .header),
            (".\(parts[1]).\(parts[2])", .header),
            ("\(Base64URL.encode(utf8: "hello")).\(parts[1]).\(parts[2])", .header),
            ("\(Base64URL.encode(utf8: "[1]")).\(parts[1]).\(parts[2])", .header),
            ("\(Base64URL.encode(utf8: #"{"kid":"x"}"#)).\(parts[1]).\(parts[2])", .header),
            ("\(Base64URL.encode(utf8: #"{"alg":7}"#)).\(parts[1]).\(parts[2])", .header),
            ("\(Base64URL.encode(utf8: #"{"alg":"Ed25519","kid":"\#(kid)","crit":["b64"]}"#)).\(parts[1]).\(parts[2])", .header),
            ("\(parts[0]).\(parts[1]).%%%", .signature),
            ("\(parts[0]).\(parts[1]).AAAA", .signature),
            (try JWS.sign(header: header, payload: Data("not json".utf8), key: key), .payload),
            (try JWS.sign(header: header, payload: Data("[1,2]".utf8), key: key), .payload),
            (try JWS.sign(header: header, payload: ["issuer": .string(Fixture.issuer.did), "validFrom": "1 January 2026"], key: key), .payload),
            (try JWS.sign(header: header, payload: ["issuer": .string(Fixture.issuer.did), "exp": "tomorrow"], key: key), .payload),
        ]
        for (text, part) in cases {
            guard case .malformed(let reportedPart, let reason)? = credentialError({ try verifier.verify(text, now: inside) }) else {
                Issue.record("expected malformed(\(part)) for \(text.prefix(40))")
                continue
            }
            #expect(reportedPart == part, "\(text.prefix(40)): \(reason)")
            #expect(!reason.isEmpty)
        }
        // Random bytes never crash.
        var generator = SeededGenerator(state: 7)
        for _ in 0..<200 {
            let length = Int.random(in: 0..<120, using: &generator)
            let text = String((0..<length).map { _ in Character(UnicodeScalar(UInt8.random(in: 0x20...0x7E, using: &generator))) })
            #expect(credentialError { try verifier.verify(text, now: inside) } != nil)
        }
    }

    @Test("a PublicKeySet works as a trust list")
    func keySet() throws {
        let set = PublicKeySet([key.publicKey.withID(kid)])
        let jws = try JWS.signCredential(credential, key: key, issuer: Fixture.issuer)
        #expect(try CredentialVerifier(resolver: set).verify(jws, now: inside).key.id == kid)
        #expect(PublicKeySet([]).publicKey(forKeyID: kid) == nil)
    }
}
