import Crypto
import Foundation
import Testing
@testable import Credentials

@Suite("Unit signatures")
struct UnitSignatureTests {
    let identifier = "/01/08012345678901/10/L24A/21/000123"

    @Test("sign gives 86 base64url characters that verify with the key")
    func signAndVerify() throws {
        let key = try Fixture.key("key-2026", byte: 21)
        let signature = try UnitSignature.sign(identifier: identifier, key: key)
        #expect(signature.count == UnitSignature.textLength)
        #expect(signature.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2D || byte == 0x5F
        })
        #expect(UnitSignature.verify(identifier: identifier, signature: signature, candidates: [key.publicKey]) == key.publicKey)
        // External check: plain Ed25519 over the identifier's UTF-8 bytes.
        let raw = try Curve25519.Signing.PublicKey(rawRepresentation: key.publicKey.rawRepresentation)
        #expect(raw.isValidSignature(try #require(Base64URL.decode(signature)), for: Data(identifier.utf8)))
        #if !canImport(CryptoKit)
        #expect(try UnitSignature.sign(identifier: identifier, key: key) == signature)
        #endif
    }

    @Test("another identifier (a copied code on another unit) does not verify")
    func wrongIdentifier() throws {
        let key = try Fixture.key("key-2026", byte: 21)
        let signature = try UnitSignature.sign(identifier: identifier, key: key)
        for other in ["/01/08012345678901/10/L24A/21/000124", "/01/08012345678901/10/L24B/21/000123", "", identifier + " "] {
            #expect(UnitSignature.verify(identifier: other, signature: signature, candidates: [key.publicKey]) == nil)
        }
    }

    @Test("with several keys, the one that matches is returned")
    func severalKeys() throws {
        let old = try Fixture.key("2025", byte: 31)
        let current = try Fixture.key("2026", byte: 32)
        let signature = try UnitSignature.sign(identifier: identifier, key: current)
        #expect(UnitSignature.verify(identifier: identifier, signature: signature, candidates: [old.publicKey, current.publicKey])?.id == "2026")
        #expect(UnitSignature.verify(identifier: identifier, signature: signature, candidates: [old.publicKey]) == nil)
        #expect(UnitSignature.verify(identifier: identifier, signature: signature, candidates: []) == nil)
    }

    @Test("malformed signature text is nil, never a crash")
    func malformed() throws {
        let key = try Fixture.key("k", byte: 41)
        let good = try UnitSignature.sign(identifier: identifier, key: key)
        var nonCanonical = Array(good.utf8)
        // The last character carries 2 unused bits; setting them re-spells the same bytes.
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        if let last = nonCanonical.last, let index = alphabet.firstIndex(of: last) {
            nonCanonical[nonCanonical.count - 1] = alphabet[index | 1]
        }
        let cases = [
            "", "abc", String(good.dropLast()), good + "A", good + "=", String(repeating: "!", count: 86),
            String(repeating: "é", count: 43), String(decoding: nonCanonical, as: UTF8.self),
            " " + good.dropFirst(),
        ]
        for text in cases {
            #expect(UnitSignature.verify(identifier: identifier, signature: text, candidates: [key.publicKey]) == nil, "\(text)")
        }
    }

    @Test("safe to use from many tasks at once")
    func parallel() async throws {
        let keys = [try Fixture.key("a", byte: 51), try Fixture.key("b", byte: 52)]
        let candidates = keys.map(\.publicKey)
        let matches = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask {
                    let unit = "/01/08012345678901/21/\(index)"
                    let key = keys[index % 2]
                    guard let signature = try? UnitSignature.sign(identifier: unit, key: key) else { return false }
                    return UnitSignature.verify(identifier: unit, signature: signature, candidates: candidates)?.id == key.id
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(matches == 64)
    }
}
