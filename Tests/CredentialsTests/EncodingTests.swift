import Foundation
import PassportTestSupport
import Testing
@testable import Credentials

@Suite("Base64URL and Base58BTC")
struct EncodingTests {
    @Test("base64url: RFC 4648 vectors without padding")
    func base64Vectors() {
        let vectors = ["": "", "f": "Zg", "fo": "Zm8", "foo": "Zm9v", "foob": "Zm9vYg", "fooba": "Zm9vYmE", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(Base64URL.encode(Data(plain.utf8)) == encoded)
            #expect(Base64URL.decode(encoded) == Data(plain.utf8))
        }
        #expect(Base64URL.encode([0xFB, 0xFF, 0xBF]) == "-_-_")
        #expect(Base64URL.decode("-_-_") == Data([0xFB, 0xFF, 0xBF]))
    }

    @Test("base64url round-trips every length")
    func base64RoundTrip() {
        var generator = SeededGenerator(state: 64)
        for length in 0..<70 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(Base64URL.decode(Base64URL.encode(bytes)) == Data(bytes))
        }
    }

    @Test("base64url decoding is strict", arguments: ["Zg==", "Zm9v\n", "Zm+v", "Zm/v", "Z", "Zm9vY", "Zh", "Zm9", "Zm 9v", "é"])
    func base64Rejects(_ text: String) {
        // "Zh" and "Zm9" carry non-zero unused bits: a second spelling of the same bytes.
        #expect(Base64URL.decode(text) == nil)
    }

    @Test("base58btc: known vectors and leading zeros")
    func base58() {
        #expect(Base58BTC.encode(Array("Hello World!".utf8)) == "2NEpo7TZRRrLZSi2U")
        #expect(Base58BTC.encode([0, 0, 0x28, 0x7F, 0xB4, 0xCD]) == "11233QC4")
        #expect(Base58BTC.decode("11233QC4") == Data([0, 0, 0x28, 0x7F, 0xB4, 0xCD]))
        #expect(Base58BTC.encode([UInt8]()) == "")
        #expect(Base58BTC.decode("") == Data())
        #expect(Base58BTC.decode("2NEpo7TZRRrLZSi2U") == Data("Hello World!".utf8))
        for bad in ["0", "O", "I", "l", "abc+", "z z"] {
            #expect(Base58BTC.decode(bad) == nil, "\(bad)")
        }
        var generator = SeededGenerator(state: 58)
        for length in 0..<40 {
            let bytes = [0, 0] + (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(Base58BTC.decode(Base58BTC.encode(bytes)) == Data(bytes))
        }
    }
}
