import Foundation

/// Writes the run's manifest: one CSV row per printed label (serial, code text, label number,
/// sheet and position on it), so a producer can reconcile what was printed with what was issued.
final class ManifestWriter {
    static let header = ["serial", "code", "label", "sheet", "position"]

    private let handle: FileHandle
    private let path: String
    private var buffer: [UInt8] = []

    init(path: String) throws(LabelError) {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw .outputFailed(path: path, reason: "the manifest cannot be created")
        }
        self.handle = handle
        buffer.reserveCapacity(1 << 16)
        append(Self.header)
    }

    /// Adds one row; fields are quoted where CSV needs it.
    func append(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(contentsOf: Self.quoted(field).utf8)
        }
        buffer.append(contentsOf: "\r\n".utf8)
    }

    /// Writes out what is buffered once it is large.
    func flushIfNeeded() throws(LabelError) {
        if buffer.count >= 1 << 16 { try flush() }
    }

    func finish() throws(LabelError) {
        try flush()
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw .outputFailed(path: path, reason: error.localizedDescription)
        }
    }

    private func flush() throws(LabelError) {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw .outputFailed(path: path, reason: error.localizedDescription)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// RFC 4180 quoting: fields with a comma, quote, line break or edge spaces go in double
    /// quotes, with inner quotes doubled. A field that starts like a formula (`=`, `+`, `-`, `@`,
    /// tab, carriage return) gets a leading apostrophe first, so a spreadsheet shows it as text;
    /// so does one that starts with an apostrophe, so a program reading the manifest always drops
    /// exactly one leading apostrophe and gets the value back (Templates/labels/README.md).
    static func quoted(_ value: String) -> String {
        let field = value.first.map { formulaStarts.contains($0) || $0 == "'" } == true ? "'" + value : value
        let needsQuotes = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || field.first == " " || field.last == " "
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
