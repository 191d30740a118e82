import Foundation
import Yams
import DigitalLink

/// Reads one YAML record, remembering where each value was written and which keys were used,
/// so that every problem can be reported with its file, line and column.
final class RecordReader {
    let file: String
    let sink: DiagnosticSink
    let defaultLanguage: String

    init(file: String, sink: DiagnosticSink, defaultLanguage: String) {
        self.file = file
        self.sink = sink
        self.defaultLanguage = defaultLanguage
    }

    func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: file, line: 1, column: 1) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    func report(_ node: Node?, _ field: String, _ problem: String, fix: String) {
        sink.report(location(node), field, problem, fix: fix)
    }

    /// Parses the file's text into a top-level mapping, reporting syntax errors with their position.
    func topLevel(_ text: String, allowed: [String]) -> MapReader? {
        if let finding = YAMLPrescan.problem(in: text) {
            sink.report(SourceLocation(file: file, line: finding.line, column: finding.column), "", finding.problem,
                        fix: finding.fix)
            return nil
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            reportSyntax(error)
            return nil
        } catch {
            sink.report(location(nil), "", "cannot read YAML", fix: "check the file is valid YAML")
            return nil
        }
        guard let node else {
            report(nil, "", "the file is empty", fix: "describe the record here, see docs/records.md")
            return nil
        }
        return MapReader(node: node, path: "", reader: self, allowed: allowed)
    }

    private func reportSyntax(_ error: YamlError) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let at = SourceLocation(file: file, line: mark.line, column: mark.column)
            if problem.contains("nesting level") {
                sink.report(at, "", "lists and sets of fields are nested more than 1000 levels deep",
                            fix: "records nest only a few levels: check the brackets and indentation")
                return
            }
            let detail = context.map { "\($0.text) " } ?? ""
            sink.report(at, "", "YAML syntax error: \(detail)\(problem)",
                        fix: "check indentation and quoting on this line (quote text containing ': ' or '#')")
        case let .duplicatedKeysInMapping(duplicates, context):
            let names = duplicates.prefix(5).map { quoted($0) }.joined(separator: ", ")
            sink.report(SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                        String((duplicates.first ?? "").prefix(60)), "\(names) is written twice in the same place",
                        fix: "keep one of the lines and delete the other")
        default:
            sink.report(location(nil), "", "the file cannot be read as YAML", fix: "check the file is valid YAML")
        }
    }
}

/// A YAML mapping being read field by field. `finish()` reports keys that were never expected.
final class MapReader {
    let node: Node
    let path: String
    let reader: RecordReader
    private let allowed: [String]
    private var pairs: [(key: String, keyNode: Node, value: Node)] = []

    /// Nil (after reporting) when `node` is not a mapping.
    init?(node: Node, path: String, reader: RecordReader, allowed: [String]) {
        self.node = node
        self.path = path
        self.reader = reader
        self.allowed = allowed
        guard let mapping = node.mapping else {
            reader.report(node, path.isEmpty ? "(record)" : path,
                          "expected a set of `key: value` fields, found \(MapReader.kind(of: node))",
                          fix: "write one `key: value` per line, indented under \(path.isEmpty ? "the top level" : "\(quoted(path))")")
            return nil
        }
        // Yams rejects duplicate keys while composing, so every key here is unique.
        for (key, value) in mapping {
            pairs.append((key.scalar?.string ?? "", key, value))
        }
        for pair in pairs where !allowed.contains(pair.key) {
            // Past the per-file limit the message is not listed: skip the costly suggestion.
            let suggestion = reader.sink.accepts(reader.file) ? closestMatch(to: pair.key, in: allowed) : nil
            let fix = suggestion.map { "did you mean `\($0)`?" }
                ?? "remove it; known fields here: \(allowed.joined(separator: ", "))"
            reader.report(pair.keyNode, field(String(pair.key.prefix(60))), "unknown field \(quoted(pair.key))", fix: fix)
        }
    }

    static func kind(of node: Node) -> String {
        switch node {
        case .scalar(let scalar): return "the text \(quoted(scalar.string))"
        case .sequence: return "a list"
        case .mapping: return "a set of fields"
        case .alias: return "an alias"
        }
    }

    func field(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Where each field's value was written, by field name.
    var fieldLocations: [String: SourceLocation] {
        Dictionary(pairs.map { ($0.key, reader.location($0.value)) }, uniquingKeysWith: { first, _ in first })
    }

    func has(_ key: String) -> Bool { pairs.contains { $0.key == key } }

    func value(_ key: String) -> Node? { pairs.first { $0.key == key }?.value }

    func location(_ key: String) -> SourceLocation { reader.location(value(key) ?? node) }

    /// The raw node, reporting a missing required field with an example of what to add.
    func node(_ key: String, required: Bool, example: String) -> Node? {
        if let value = value(key) { return value }
        if required {
            reader.report(node, field(key), "missing required field",
                          fix: "add `\(key): \(example)`\(path.isEmpty ? "" : " under \(quoted(path))")")
        }
        return nil
    }

    func string(_ key: String, required: Bool = true, example: String) -> String? {
        guard let value = node(key, required: required, example: example) else { return nil }
        guard let scalar = value.scalar else {
            reader.report(value, field(key), "expected text, found \(MapReader.kind(of: value))",
                          fix: "write it on one line, e.g. `\(key): \(example)`")
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            if required {
                reader.report(value, field(key), "is empty", fix: "write a value, e.g. `\(key): \(example)`")
            }
            return nil
        }
        return text
    }

    func double(_ key: String, required: Bool = true, example: String) -> Double? {
        guard let text = string(key, required: required, example: example) else { return nil }
        guard let number = Double(text), number.isFinite else {
            reader.report(value(key), field(key), "\(quoted(text)) is not a number",
                          fix: "write digits with a dot for decimals, e.g. `\(key): \(example)`")
            return nil
        }
        return number
    }

    func int(_ key: String, required: Bool = true, example: String) -> Int? {
        guard let text = string(key, required: required, example: example) else { return nil }
        guard let number = Int(text) else {
            reader.report(value(key), field(key), "\(quoted(text)) is not a whole number",
                          fix: "write digits only, e.g. `\(key): \(example)`")
            return nil
        }
        return number
    }

    func bool(_ key: String, default defaultValue: Bool) -> Bool {
        guard let text = string(key, required: false, example: "true") else { return defaultValue }
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            reader.report(value(key), field(key), "\(quoted(text)) is not true or false",
                          fix: "write `\(key): true` or `\(key): false`")
            return defaultValue
        }
    }

    func date(_ key: String, required: Bool = true) -> CalendarDate? {
        guard let text = string(key, required: required, example: "2026-10-15") else { return nil }
        guard let date = CalendarDate(text) else {
            reader.report(value(key), field(key), "\(quoted(text)) is not a real day in YYYY-MM-DD form",
                          fix: "write the day as year-month-day, e.g. `\(key): 2026-10-15`")
            return nil
        }
        return date
    }

    /// Text in one language (`key: text`) or several (`key: {en: …, it: …}`).
    func localized(_ key: String, required: Bool = true, example: String) -> LocalizedText? {
        guard let value = node(key, required: required, example: example) else { return nil }
        if value.scalar != nil {
            return string(key, required: required, example: example)
                .map { LocalizedText($0, language: reader.defaultLanguage) }
        }
        guard let mapping = value.mapping else {
            reader.report(value, field(key), "expected text or one text per language, found \(MapReader.kind(of: value))",
                          fix: "write `\(key): \(example)` or `\(key): {en: …, it: …}`")
            return nil
        }
        var translations: [String: String] = [:]
        for (languageNode, textNode) in mapping {
            let language = languageNode.scalar?.string ?? ""
            guard LanguageCode.isValid(language) else {
                reader.report(languageNode, "\(field(key)).\(language)", "\(quoted(language)) is not a language code",
                              fix: "use a two-letter code such as `en` or `it`")
                continue
            }
            guard let text = textNode.scalar?.string, !text.isEmpty else {
                reader.report(textNode, "\(field(key)).\(language)", "expected text",
                              fix: "write the \(language) text on one line")
                continue
            }
            translations[language] = text
        }
        return translations.isEmpty ? nil : LocalizedText(translations)
    }

    /// A list of mappings, each read by `body` with its own path `key[i]`.
    func list<T>(_ key: String, required: Bool, allowed: [String], example: String,
                 _ body: (MapReader, Int) -> T?) -> [T] {
        guard let value = node(key, required: required, example: example) else { return [] }
        guard let sequence = value.sequence else {
            reader.report(value, field(key), "expected a list, found \(MapReader.kind(of: value))",
                          fix: "write each entry on its own line starting with `- `")
            return []
        }
        var result: [T] = []
        for (index, element) in sequence.enumerated() {
            guard let entry = MapReader(node: element, path: "\(field(key))[\(index + 1)]",
                                        reader: reader, allowed: allowed) else { continue }
            if let item = body(entry, index) { result.append(item) }
        }
        return result
    }

    /// A list of plain strings.
    func strings(_ key: String, example: String) -> [String] {
        guard let value = node(key, required: false, example: example) else { return [] }
        guard let sequence = value.sequence else {
            reader.report(value, field(key), "expected a list, found \(MapReader.kind(of: value))",
                          fix: "write `\(key): [\(example)]`")
            return []
        }
        return sequence.compactMap { element in
            guard let text = element.scalar?.string, !text.isEmpty else {
                reader.report(element, field(key), "expected text in the list",
                              fix: "write `\(key): [\(example)]`")
                return nil
            }
            return text
        }
    }

    /// A nested mapping, or nil (after reporting) when absent-but-required or malformed.
    func nested(_ key: String, required: Bool, allowed: [String], example: String) -> MapReader? {
        guard let value = node(key, required: required, example: example) else { return nil }
        return MapReader(node: value, path: field(key), reader: reader, allowed: allowed)
    }
}

/// BCP 47 primary language subtags as used in records (`en`, `it`, `pt-BR`).
enum LanguageCode {
    static func isValid(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count),
              first.allSatisfy({ $0.isASCII && $0.isLowercase }) else { return false }
        return parts.dropFirst().allSatisfy { part in
            (2...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }
}
