/// Where in a producer's files something was written: file path (as given), 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// One problem found in a producer's project, printed as
/// `file:line:column: field: what is wrong — how to fix`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    /// The dotted path of the field, for example `journey[2].date`.
    public var field: String
    public var problem: String
    public var fix: String

    public init(location: SourceLocation, field: String, problem: String, fix: String) {
        self.location = location
        self.field = field
        self.problem = problem
        self.fix = fix
    }

    public var description: String {
        let head = field.isEmpty ? "\(location)" : "\(location): \(field)"
        return fix.isEmpty ? "\(head): \(problem)" : "\(head): \(problem) — \(fix)"
    }
}

/// Collects every problem in a project so they can all be reported at once: at most
/// `perFileLimit` per file (the rest are counted and summed up as "… and N more").
final class DiagnosticSink {
    static let perFileLimit = 50

    private var kept: [Diagnostic] = []
    private var perFile: [String: Int] = [:]
    /// Per file with more than `perFileLimit` problems: how many more, and the furthest place one was found.
    private var overflow: [String: (count: Int, last: SourceLocation)] = [:]

    /// Every problem kept, then one "… and N more" line per file that had too many.
    var diagnostics: [Diagnostic] {
        kept + overflow.sorted { $0.key < $1.key }.map { file, more in
            Diagnostic(location: more.last, field: "",
                       problem: "… and \(more.count) more problem\(more.count == 1 ? "" : "s") in this file",
                       fix: "only the first \(Self.perFileLimit) are listed; fix those and run the check again")
        }
    }

    /// Whether another problem in `file` would still be listed (callers skip costly suggestions otherwise).
    func accepts(_ file: String) -> Bool { perFile[file, default: 0] < Self.perFileLimit }

    func report(_ location: SourceLocation, _ field: String, _ problem: String, fix: String) {
        let count = perFile[location.file, default: 0] + 1
        perFile[location.file] = count
        guard count <= Self.perFileLimit else {
            let previous = overflow[location.file]
            let last = previous.map { max($0.last, location) } ?? location
            overflow[location.file] = ((previous?.count ?? 0) + 1, last)
            return
        }
        kept.append(Diagnostic(location: location, field: Self.clean(field), problem: Self.clean(problem),
                               fix: Self.clean(fix)))
    }

    var isEmpty: Bool { kept.isEmpty && overflow.isEmpty }

    /// Control characters escaped (a record cannot drive the terminal) and the length capped.
    static func clean(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars.prefix(600) {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}" {
                result += scalar.escaped(asASCII: true)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return text.unicodeScalars.count > 600 ? result + "…" : result
    }
}

/// A value from a project file as messages quote it: in backticks, at most 60 characters, with
/// control characters escaped — never more of a file than that.
func quoted(_ text: some StringProtocol) -> String {
    let limit = 60
    var shown = ""
    for scalar in text.unicodeScalars.prefix(limit) {
        if scalar.value < 0x20 || scalar.value == 0x7F {
            shown += scalar.escaped(asASCII: true)
        } else {
            shown.unicodeScalars.append(scalar == "`" ? "'" : scalar)
        }
    }
    let more = text.unicodeScalars.count > limit ? "…" : ""
    return "`" + shown + more + "`"
}

/// The project could not be loaded; `diagnostics` lists every problem, in file order.
public struct ProjectError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    /// Set when the folder holds no project at all (no `passport.yaml`): the folder as the user
    /// gave it, empty for the current folder.
    public var missingProject: String?
    private var folderExists = true

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted { $0.location < $1.location }
    }

    /// No project in `folder` (as the user gave it; empty for the current folder).
    public init(missingProjectIn folder: String, folderExists: Bool) {
        diagnostics = []
        missingProject = folder
        self.folderExists = folderExists
    }

    public var description: String {
        if let folder = missingProject {
            if folder.isEmpty {
                return "no passport project in this folder (there is no passport.yaml here): run `passport init NAME` to create one in NAME/, or give the project folder"
            }
            let what = folderExists ? "no passport project in \(folder) (there is no passport.yaml in it)" : "\(folder) does not exist"
            return "\(what): run `passport init \(folder)` to create one there, or give the project folder"
        }
        let lines = diagnostics.map(\.description)
        let count = diagnostics.count == 1 ? "1 problem" : "\(diagnostics.count) problems"
        return (lines + ["\(count) found; nothing was written."]).joined(separator: "\n")
    }
}

/// The closest candidate to a mistyped word, if one is close enough to be a likely typo.
func closestMatch(to word: String, in candidates: [String]) -> String? {
    let lowered = word.lowercased()
    var best: (match: String, distance: Int)?
    for candidate in candidates {
        let distance = editDistance(lowered, candidate.lowercased())
        if let current = best, current.distance <= distance { continue }
        best = (candidate, distance)
    }
    guard let (match, distance) = best else { return nil }
    let limit = max(2, lowered.count / 3)
    return distance <= limit ? match : nil
}

/// Levenshtein distance over Unicode scalars.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
