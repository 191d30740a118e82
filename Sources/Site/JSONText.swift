/// A small JSON writer with sorted keys, so files and JSON-LD blocks are byte-for-byte repeatable.
///
/// With `scriptSafe`, `<`, `>`, `&`, U+2028 and U+2029 are written as `\uXXXX`: the text can then sit
/// inside a `<script>` element and no record text can end the element or open a comment.
struct JSONText {
    var scriptSafe: Bool
    var pretty: Bool

    func encode(_ value: Any) -> String {
        var out = ""
        write(value, into: &out, indent: 0)
        return out
    }

    private func write(_ value: Any, into out: inout String, indent: Int) {
        switch value {
        case let text as String:
            string(text, into: &out)
        case let flag as Bool:
            out += flag ? "true" : "false"
        case let number as Int:
            out += String(number)
        case let number as Double:
            out += number.isFinite ? (number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)) : "null"
        case let object as [String: Any]:
            guard !object.isEmpty else { out += "{}"; return }
            out += "{"
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                newline(&out, indent + 1)
                string(key, into: &out)
                out += pretty ? ": " : ":"
                write(object[key] as Any, into: &out, indent: indent + 1)
            }
            newline(&out, indent)
            out += "}"
        case let array as [Any]:
            guard !array.isEmpty else { out += "[]"; return }
            out += "["
            for (index, element) in array.enumerated() {
                if index > 0 { out += "," }
                newline(&out, indent + 1)
                write(element, into: &out, indent: indent + 1)
            }
            newline(&out, indent)
            out += "]"
        default:
            out += "null"
        }
    }

    private func newline(_ out: inout String, _ indent: Int) {
        if pretty { out += "\n" + String(repeating: "  ", count: indent) }
    }

    private func string(_ text: String, into out: inout String) {
        out += "\""
        let plain = text.utf8.allSatisfy { byte in
            byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte < 0xE2
                && !(scriptSafe && (byte == 0x3C || byte == 0x3E || byte == 0x26))
        }
        if plain {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<" where scriptSafe: out += "\\u003c"
            case ">" where scriptSafe: out += "\\u003e"
            case "&" where scriptSafe: out += "\\u0026"
            case "\u{2028}", "\u{2029}": out += scalar.value == 0x2028 ? "\\u2028" : "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
