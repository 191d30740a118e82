/// RFC 3986 percent-encoding as GS1 Digital Link uses it for path and query values.
public enum PercentEncoding {

    /// Whether `byte` is in the RFC 3986 unreserved set `A–Z a–z 0–9 - . _ ~`, which is never encoded.
    public static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static let hex: [Character] = Array("0123456789ABCDEF")

    /// Encodes every UTF-8 byte outside the unreserved set as `%XX` (upper-case hex).
    ///
    /// GS1 values such as `ABC+123` and `32a/b` become `ABC%2B123` and `32a%2Fb`, so they are read
    /// back the same whether they sit in the path or the query.
    public static func encode(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                out.append(Character(Unicode.Scalar(byte)))
            } else {
                out.append("%")
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }

    /// The outcome of decoding: the text, or the reason it cannot be used.
    public enum Decoded: Equatable, Sendable {
        case text(String)
        /// `%00`: a NUL character, never allowed in a GS1 value.
        case containsNull
        /// The bytes are not UTF-8.
        case notUTF8
    }

    /// Decodes `%XX` sequences (either case of hex). A `%` not followed by two hex digits is kept
    /// as it is. In a query component `+` means a space (HTML form encoding); in a path it is a `+`.
    public static func decode(_ text: some StringProtocol, plusIsSpace: Bool) -> Decoded {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "%"), i + 2 < bytes.count,
               let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) {
                let decoded = high << 4 | low
                if decoded == 0 { return .containsNull }
                out.append(decoded)
                i += 3
                continue
            }
            out.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            i += 1
        }
        guard let string = String(validating: out, as: UTF8.self) else { return .notUTF8 }
        return .text(string)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
