public import Foundation

extension JSONValue {
    /// The deterministic JSON bytes of this value.
    ///
    /// - Object keys are sorted by their UTF-8 bytes; no insignificant whitespace (or, when
    ///   `pretty`, a 2-space indent, `": "` after keys and one member per line — still sorted).
    /// - Strings: `"` and `\` are escaped, control characters U+0000–U+001F are escaped
    ///   (`\b \f \n \r \t`, otherwise `\u00XX`), `/` is not escaped, everything else —
    ///   including non-ASCII — is written as UTF-8.
    /// - Numbers: `.int` in decimal; `.double` in the shortest form that reads back to the same
    ///   `Double`, without a fraction when the value is a whole number below 2^53 (`2.0` → `2`);
    ///   NaN and infinities, which JSON cannot express, are written as `null`.
    ///
    /// Same value, same bytes: this is what makes signatures reproducible.
    ///
    /// - Parameter htmlSafe: also escape `<`, `>`, `&`, U+2028 and U+2029 as `\uXXXX`, so the
    ///   text can sit inside an HTML `<script>` element. Changes the bytes: never use it for
    ///   anything that gets signed.
    public func serialized(pretty: Bool = false, htmlSafe: Bool = false) -> Data {
        var writer = JSONWriter(pretty: pretty, htmlSafe: htmlSafe)
        writer.write(self, depth: 0)
        return Data(writer.bytes)
    }

    /// The deterministic JSON text of this value; see `serialized(pretty:htmlSafe:)`.
    public func serializedString(pretty: Bool = false, htmlSafe: Bool = false) -> String {
        var writer = JSONWriter(pretty: pretty, htmlSafe: htmlSafe)
        writer.write(self, depth: 0)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

/// Appends the deterministic form of a `JSONValue` to a byte buffer.
struct JSONWriter {
    let pretty: Bool
    let htmlSafe: Bool
    private(set) var bytes: [UInt8] = []

    init(pretty: Bool, htmlSafe: Bool) {
        self.pretty = pretty
        self.htmlSafe = htmlSafe
        bytes.reserveCapacity(256)
    }

    mutating func write(_ value: JSONValue, depth: Int) {
        switch value {
        case .null:
            append("null")
        case .bool(let flag):
            append(flag ? "true" : "false")
        case .int(let number):
            append(String(number))
        case .double(let number):
            append(Self.format(number))
        case .string(let text):
            writeString(text)
        case .array(let elements):
            writeArray(elements, depth: depth)
        case .object(let members):
            writeObject(members, depth: depth)
        }
    }

    private mutating func writeArray(_ elements: [JSONValue], depth: Int) {
        guard !elements.isEmpty else { return append("[]") }
        bytes.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            newline(depth + 1)
            write(element, depth: depth + 1)
        }
        newline(depth)
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func writeObject(_ members: [String: JSONValue], depth: Int) {
        guard !members.isEmpty else { return append("{}") }
        let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        bytes.append(UInt8(ascii: "{"))
        for (index, key) in keys.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            newline(depth + 1)
            writeString(key)
            bytes.append(UInt8(ascii: ":"))
            if pretty { bytes.append(UInt8(ascii: " ")) }
            if let member = members[key] { write(member, depth: depth + 1) }
        }
        newline(depth)
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func newline(_ depth: Int) {
        guard pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0x00..<0x20: escapeUnicode(UInt16(byte))
            case UInt8(ascii: "<") where htmlSafe: escapeUnicode(0x3C)
            case UInt8(ascii: ">") where htmlSafe: escapeUnicode(0x3E)
            case UInt8(ascii: "&") where htmlSafe: escapeUnicode(0x26)
            case 0xE2 where htmlSafe && index + 2 < utf8.count
                && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                // U+2028 LINE SEPARATOR / U+2029 PARAGRAPH SEPARATOR end lines in older JavaScript.
                escapeUnicode(utf8[index + 2] == 0xA8 ? 0x2028 : 0x2029)
                index += 2
            default:
                bytes.append(byte)
            }
            index += 1
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escapeUnicode(_ unit: UInt16) {
        append("\\u")
        for shift in stride(from: 12, through: 0, by: -4) {
            bytes.append(Self.hexDigits[Int((unit >> UInt16(shift)) & 0xF)])
        }
    }

    /// Shortest round-trip text for a `Double`, JSON-compatible.
    static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(.towardZero), abs(number) < 9_007_199_254_740_992 {
            return String(Int64(number))  // also maps -0.0 to "0"
        }
        // Swift's description is the shortest digit string that reads back to the same Double.
        let text = number.description
        guard let e = text.firstIndex(of: "e") else { return text }
        // Normalise the exponent: "1e-05" → "1e-5", "1e+16" stays "1e+16".
        let mantissa = text[..<e]
        var exponent = text[text.index(after: e)...]
        var sign = ""
        if let first = exponent.first, first == "-" || first == "+" {
            sign = String(first)
            exponent = exponent.dropFirst()
        }
        let digits = exponent.drop(while: { $0 == "0" })
        return "\(mantissa)e\(sign)\(digits.isEmpty ? "0" : String(digits))"
    }
}
