public import Foundation

/// Base64url without padding (RFC 4648 §5, as JOSE uses it: RFC 7515 §2).
///
/// Decoding is strict, so each byte string has exactly one accepted text: padding `=`,
/// whitespace, characters outside `A–Z a–z 0–9 - _`, an impossible length, and non-zero
/// unused bits in the last character are all refused. That keeps signatures from being
/// re-spelled (malleated) into a second valid text.
public enum Base64URL {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Sextet value of each byte, or 0xFF for a byte outside the alphabet.
    private static let sextets: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        return table
    }()

    /// Number of characters `encode` produces for `byteCount` bytes.
    public static func encodedLength(byteCount: Int) -> Int {
        (byteCount * 4 + 2) / 3
    }

    /// Encodes bytes as unpadded base64url text.
    public static func encode<Bytes: ContiguousBytes>(_ bytes: Bytes) -> String {
        bytes.withUnsafeBytes { encode(raw: $0) }
    }

    /// Encodes the UTF-8 bytes of `text`.
    public static func encode(utf8 text: String) -> String {
        encode(Array(text.utf8))
    }

    static func encode(raw input: UnsafeRawBufferPointer) -> String {
        let length = encodedLength(byteCount: input.count)
        return String(unsafeUninitializedCapacity: length) { output in
            alphabet.withUnsafeBufferPointer { table in
                var inIndex = 0
                var outIndex = 0
                while inIndex + 3 <= input.count {
                    let chunk = UInt32(input[inIndex]) << 16 | UInt32(input[inIndex + 1]) << 8 | UInt32(input[inIndex + 2])
                    output[outIndex] = table[Int(chunk >> 18 & 0x3F)]
                    output[outIndex + 1] = table[Int(chunk >> 12 & 0x3F)]
                    output[outIndex + 2] = table[Int(chunk >> 6 & 0x3F)]
                    output[outIndex + 3] = table[Int(chunk & 0x3F)]
                    inIndex += 3
                    outIndex += 4
                }
                let remaining = input.count - inIndex
                if remaining == 1 {
                    let chunk = UInt32(input[inIndex]) << 16
                    output[outIndex] = table[Int(chunk >> 18 & 0x3F)]
                    output[outIndex + 1] = table[Int(chunk >> 12 & 0x3F)]
                    outIndex += 2
                } else if remaining == 2 {
                    let chunk = UInt32(input[inIndex]) << 16 | UInt32(input[inIndex + 1]) << 8
                    output[outIndex] = table[Int(chunk >> 18 & 0x3F)]
                    output[outIndex + 1] = table[Int(chunk >> 12 & 0x3F)]
                    output[outIndex + 2] = table[Int(chunk >> 6 & 0x3F)]
                    outIndex += 3
                }
                return outIndex
            }
        }
    }

    /// Decodes unpadded base64url text; `nil` if the text is not strictly valid.
    public static func decode<Text: StringProtocol>(_ text: Text) -> Data? {
        let utf8 = text.utf8
        if let result = utf8.withContiguousStorageIfAvailable({ decodeToData($0) }) { return result }
        return Array(utf8).withUnsafeBufferPointer { decodeToData($0) }
    }

    /// Decoded byte count for `characterCount` characters, or `nil` for an impossible length.
    static func decodedLength(characterCount: Int) -> Int? {
        characterCount % 4 == 1 ? nil : characterCount * 3 / 4
    }

    private static func decodeToData(_ input: UnsafeBufferPointer<UInt8>) -> Data? {
        guard let length = decodedLength(characterCount: input.count) else { return nil }
        var data = Data(count: length)
        let ok = data.withUnsafeMutableBytes { decode(input, into: $0) }
        return ok ? data : nil
    }

    /// Decodes `input` into `output`, which must be exactly `decodedLength` bytes long.
    /// Returns `false` (leaving `output` in an unspecified state) if the text is not valid.
    static func decode(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableRawBufferPointer) -> Bool {
        guard decodedLength(characterCount: input.count) == output.count else { return false }
        return sextets.withUnsafeBufferPointer { table -> Bool in
            var inIndex = 0
            var outIndex = 0
            while inIndex + 4 <= input.count {
                let a = table[Int(input[inIndex])], b = table[Int(input[inIndex + 1])]
                let c = table[Int(input[inIndex + 2])], d = table[Int(input[inIndex + 3])]
                guard (a | b | c | d) & 0xC0 == 0 else { return false }
                let chunk = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                output[outIndex] = UInt8(truncatingIfNeeded: chunk >> 16)
                output[outIndex + 1] = UInt8(truncatingIfNeeded: chunk >> 8)
                output[outIndex + 2] = UInt8(truncatingIfNeeded: chunk)
                inIndex += 4
                outIndex += 3
            }
            switch input.count - inIndex {
            case 0:
                return true
            case 2:
                let a = table[Int(input[inIndex])], b = table[Int(input[inIndex + 1])]
                guard (a | b) & 0xC0 == 0, b & 0x0F == 0 else { return false }
                output[outIndex] = a << 2 | b >> 4
                return true
            case 3:
                let a = table[Int(input[inIndex])], b = table[Int(input[inIndex + 1])]
                let c = table[Int(input[inIndex + 2])]
                guard (a | b | c) & 0xC0 == 0, c & 0x03 == 0 else { return false }
                output[outIndex] = a << 2 | b >> 4
                output[outIndex + 1] = (b & 0x0F) << 4 | c >> 2
                return true
            default:
                return false
            }
        }
    }
}
