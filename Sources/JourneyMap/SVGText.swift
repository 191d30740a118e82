/// Path data in whole units with relative moves: `M12 34l3-2 4 5z`.
struct PathData {
    private(set) var text = ""

    var isEmpty: Bool { text.isEmpty }

    mutating func add(_ points: [(Int, Int)], closed: Bool) {
        guard let first = points.first else { return }
        text += "M" + String(first.0)
        append(first.1)
        var previous = first
        for (index, point) in points.enumerated().dropFirst() {
            if index == 1 { text += "l" + String(point.0 - previous.0) } else { append(point.0 - previous.0) }
            append(point.1 - previous.1)
            previous = point
        }
        if closed { text += "z" }
    }

    /// A number after another: a space unless the minus sign separates them.
    private mutating func append(_ value: Int) {
        if value >= 0 { text += " " }
        text += String(value)
    }
}

/// Formatting for the SVG: fixed decimals without locale, and XML escaping.
enum SVGText {
    /// One decimal at most, no trailing zero, no negative zero: `12.5`, `-3`, `0`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int((value * 10).rounded())
        if tenths == 0 { return "0" }
        let sign = tenths < 0 ? "-" : "", magnitude = abs(tenths)
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    /// A short stable digest of a text (64-bit FNV-1a, hexadecimal), for ids.
    static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Text safe inside an element or a quoted attribute; characters XML 1.0 forbids (most
    /// control characters, U+FFFE, U+FFFF) are left out.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result += " "
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0xFFFE || value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
