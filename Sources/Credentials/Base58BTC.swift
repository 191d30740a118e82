public import Foundation

/// Base58 with the Bitcoin alphabet, as multibase `z…` strings use it (did:key, Multikey).
///
/// Leading zero bytes become leading `1`s and back. Decoding refuses any character outside
/// the alphabet (which leaves out `0`, `O`, `I` and `l`).
public enum Base58BTC {
    private static let alphabet: [UInt8] = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)

    private static let digitValues: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        return table
    }()

    /// Encodes bytes as base58btc text.
    public static func encode<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let zeros = bytes.prefix(while: { $0 == 0 }).count
        // Base-58 digits, least significant first; log(256)/log(58) ≈ 1.366.
        var digits: [UInt8] = []
        digits.reserveCapacity(bytes.count * 138 / 100 + 1)
        for byte in bytes.dropFirst(zeros) {
            var carry = Int(byte)
            for index in digits.indices {
                carry += Int(digits[index]) << 8
                digits[index] = UInt8(carry % 58)
                carry /= 58
            }
            while carry > 0 {
                digits.append(UInt8(carry % 58))
                carry /= 58
            }
        }
        var text = [UInt8](repeating: alphabet[0], count: zeros)
        text.append(contentsOf: digits.reversed().map { alphabet[Int($0)] })
        return String(decoding: text, as: UTF8.self)
    }

    /// Decodes base58btc text; `nil` if it contains a character outside the alphabet.
    public static func decode<Text: StringProtocol>(_ text: Text) -> Data? {
        let characters = Array(text.utf8)
        let ones = characters.prefix(while: { $0 == alphabet[0] }).count
        // Bytes, least significant first; log(58)/log(256) ≈ 0.733.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count * 733 / 1000 + 1)
        for character in characters.dropFirst(ones) {
            let value = digitValues[Int(character)]
            guard value != 0xFF else { return nil }
            var carry = Int(value)
            for index in bytes.indices {
                carry += Int(bytes[index]) * 58
                bytes[index] = UInt8(carry & 0xFF)
                carry >>= 8
            }
            while carry > 0 {
                bytes.append(UInt8(carry & 0xFF))
                carry >>= 8
            }
        }
        var result = Data(repeating: 0, count: ones)
        result.append(contentsOf: bytes.reversed())
        return result
    }
}
