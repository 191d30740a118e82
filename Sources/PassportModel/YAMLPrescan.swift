/// A look at a record's raw text before the YAML parser builds it, refusing what would make the
/// parser's work explode: an alias (`*name`) that repeats a list or a set of fields (the "billion
/// laughs": a few lines that stand for billions of nodes — and, used as a key, hang the parser
/// while it compares keys), or more than `aliasLimit` aliases. Records never need either: an
/// anchor may still name a single value and aliases repeat it.
///
/// The scan does not parse YAML; it errs on the side of refusing. Every real anchor and alias is
/// seen (they start a token: nothing that can be part of a name comes before them); text that
/// merely looks like one (`*important*` in a description) only counts when an anchor of the same
/// name exists. Nesting depth is left to the parser, which stops at 1000 levels.
enum YAMLPrescan {
    static let aliasLimit = 100

    struct Finding: Equatable {
        var line: Int
        var column: Int
        var problem: String
        var fix: String
    }

    private struct Token {
        var name: String
        var line: Int
        var column: Int
    }

    static func problem(in text: String) -> Finding? {
        let bytes = Array(text.utf8)
        var anchors: [String: (line: Int, collection: Bool)] = [:]
        var aliases: [Token] = []
        var line = 1, lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "&") || byte == UInt8(ascii: "*"),
                  index == 0 || !isNameByte(bytes[index - 1]) else {
                index += 1
                continue
            }
            var end = index + 1
            while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
            guard end > index + 1 else {
                index += 1
                continue
            }
            let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
            if byte == UInt8(ascii: "&") {
                let collection = startsCollection(bytes, from: end)
                let known = anchors[name]
                anchors[name] = (known?.line ?? line, (known?.collection ?? false) || collection)
            } else {
                aliases.append(Token(name: name, line: line, column: columns(bytes[lineStart..<index]) + 1))
            }
            index = end
        }
        var count = 0
        for alias in aliases {
            guard let anchor = anchors[alias.name] else { continue }
            if anchor.collection {
                return Finding(line: alias.line, column: alias.column,
                               problem: "`*\(alias.name)` repeats a list or a set of fields (anchored with `&\(alias.name)` on line \(anchor.line)); records may repeat only single values with aliases",
                               fix: "write the entries out in full")
            }
            count += 1
            if count > aliasLimit {
                return Finding(line: alias.line, column: alias.column,
                               problem: "more than \(aliasLimit) aliases (`*name`) in one file",
                               fix: "write the values out instead of repeating them with aliases")
            }
        }
        return nil
    }

    /// Characters libyaml allows in anchor and alias names.
    static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    /// Whether what follows an anchor on its line may be a list or a set of fields: nothing (the
    /// node starts on the next line), a comment, a tag, `[`, `{`, or a `key: value` on the same line.
    static func startsCollection(_ bytes: [UInt8], from start: Int) -> Bool {
        var index = start
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        guard index < bytes.count, bytes[index] != UInt8(ascii: "\n"), bytes[index] != UInt8(ascii: "\r") else { return true }
        switch bytes[index] {
        case UInt8(ascii: "#"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "-"):
            return true
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            return false
        default:
            var end = index
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let rest = bytes[index..<end]
            for (offset, byte) in zip(rest.indices, rest) where byte == UInt8(ascii: ":") {
                let next = offset + 1
                if next == end || bytes[next] == UInt8(ascii: " ") || bytes[next] == UInt8(ascii: "\t")
                    || bytes[next] == UInt8(ascii: "\r") { return true }
            }
            return false
        }
    }

    private static func columns(_ bytes: ArraySlice<UInt8>) -> Int {
        String(decoding: bytes, as: UTF8.self).unicodeScalars.count
    }
}
