/// One parsed piece of a Mustache template.
enum TemplateNode: Equatable {
    /// Literal text (one line at most: the parser splits text at line ends).
    case text(String)
    /// `{{name}}` escaped, or `{{{name}}}` / `{{&name}}` raw.
    case variable(TemplateName, escaped: Bool)
    /// `{{#name}}…{{/name}}`, or with `inverted` `{{^name}}…{{/name}}`.
    case section(TemplateName, inverted: Bool, body: [TemplateNode])
    /// `{{>name}}`; `indentation` is set when the tag stands alone on its line.
    case partial(String, indentation: String?)
    /// `{{% CONTENT_TYPE: … }}`: how later `{{name}}` tags escape.
    case contentType(TemplateEscaping)
}

/// A name as written in a tag: dotted parts, and transforms such as `count(list)` or `index()`.
struct TemplateName: Equatable {
    /// The name without transforms: `a.b`, `.`, or empty for `index()`.
    let path: String
    /// Transforms outermost first, as written: `plusone(index())` is `["plusone", "index"]`.
    let transforms: [String]
}

/// How `{{name}}` escapes text: set per template by the `CONTENT_TYPE` pragma.
enum TemplateEscaping: Equatable {
    /// The five HTML characters `& < > " '`, found byte by byte (`PASSPORT_HTML`, the pragma the site prepends).
    case htmlBytes
    /// The same five characters compared as whole characters (`HTML`, the Mustache library's default).
    case htmlCharacters
    /// No escaping (`TEXT`).
    case none
}

/// Why a template does not parse, and where.
struct TemplateSyntaxError: Error, Equatable {
    let line: Int
    let column: Int
    let problem: String
}

/// Parses Mustache text exactly as the swift-mustache library (2.1.1) does — the same tokens, the
/// same standalone-line and whitespace rules, the same errors — so a template renders the same bytes
/// in this engine as it did there. Template inheritance (`{{<` `{{$`) and dynamic partials
/// (`{{>*name}}`) are refused: the site never supported them.
struct TemplateParser {
    private struct State {
        var sectionName: String?
        var sectionTransforms: [String] = []
        var newLine = true
        var start: [Character] = ["{", "{"]
        var end: [Character] = ["}", "}"]
    }

    private struct Failure: Error {
        let problem: String
        var position: Int?
    }

    private let text: [Character]
    private var position = 0

    /// Parses `text` into nodes.
    static func parse(_ text: String) throws(TemplateSyntaxError) -> [TemplateNode] {
        var parser = TemplateParser(text: Array(text))
        do {
            return try parser.parse(State())
        } catch let failure as Failure {
            throw parser.located(failure.problem, at: failure.position ?? parser.position)
        } catch {
            throw parser.located("\(error)", at: parser.position)
        }
    }

    private init(text: [Character]) { self.text = text }

    private var atEnd: Bool { position == text.count }
    private var current: Character { atEnd ? "\0" : text[position] }

    private mutating func parse(_ initial: State) throws -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var state = initial
        var whiteSpaceBefore = ""
        while !atEnd {
            if state.newLine { whiteSpaceBefore = read { $0 == " " || $0 == "\t" } }
            let text = try readUntilTagOrNewline(state)
            if current.isNewline {
                nodes.append(.text(whiteSpaceBefore + text + String(current)))
                state.newLine = true
                position += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(whiteSpaceBefore + text))
                whiteSpaceBefore = ""
                state.newLine = false
            }
            if atEnd { break }
            var setNewLine = false
            switch current {
            case "#", "^":
                let inverted = current == "^"
                position += 1
                let name = try readName(state)
                if isStandalone(state) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
                var inner = state
                inner.sectionName = name.path
                inner.sectionTransforms = name.transforms
                if !setNewLine { inner.newLine = false }
                nodes.append(.section(name, inverted: inverted, body: try parse(inner)))
            case "/":
                position += 1
                let namePosition = position
                let name = try readName(state)
                guard name.path == state.sectionName, name.transforms == state.sectionTransforms else {
                    let open = state.sectionName.map { "the open section is `{{#\($0)}}`" } ?? "no section is open"
                    throw Failure(problem: "`{{/\(name.path)}}` closes nothing: \(open)", position: namePosition)
                }
                if !isStandalone(state), !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                }
                return nodes
            case "!":
                position += 1
                try skipComment(state)
                setNewLine = isStandalone(state)
            case "{", "&":
                let triple = current == "{"
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
                position += 1
                let name = try readName(state)
                if triple {
                    guard try readCharacter("}") else { throw Failure(problem: "`{{{` is not closed by `}}}`") }
                }
                nodes.append(.variable(name, escaped: false))
            case ">":
                position += 1
                _ = read { $0.isWhitespace }
                if current == "*" { throw Failure(problem: "dynamic partials (`{{>*name}}`) are not supported") }
                let name = try readPartialName(state)
                if !whiteSpaceBefore.isEmpty { nodes.append(.text(whiteSpaceBefore)) }
                if isStandalone(state) {
                    setNewLine = true
                    nodes.append(.partial(name, indentation: whiteSpaceBefore))
                } else {
                    nodes.append(.partial(name, indentation: nil))
                }
                whiteSpaceBefore = ""
            case "<", "$":
                throw Failure(problem: "template inheritance (`{{<parent}}`, `{{$block}}`) is not supported; use partials")
            case "=":
                position += 1
                try setDelimiters(&state)
                setNewLine = isStandalone(state)
            case "%":
                position += 1
                nodes.append(.contentType(try readContentType(state)))
                setNewLine = isStandalone(state)
            default:
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
                nodes.append(.variable(try readName(state), escaped: true))
            }
            state.newLine = setNewLine
        }
        if let open = state.sectionName {
            throw Failure(problem: "`{{#\(open)}}` is never closed by `{{/\(open)}}`")
        }
        return nodes
    }

    /// Text up to a line end (not consumed) or the opening delimiter (consumed).
    private mutating func readUntilTagOrNewline(_ state: State) throws -> String {
        var total = ""
        let first = state.start[0]
        while !atEnd {
            while !atEnd, text[position] != "\n", text[position] != "\r\n", text[position] != first {
                total.append(text[position])
                position += 1
            }
            if current.isNewline { break }
            if current == first {
                if try readString(state.start) { break }
                total.append(first)
                position += 1
            }
        }
        return total
    }

    /// A tag alone on its line: the rest of the line is blank (then consumed with its line end).
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if atEnd { return true }
        var scan = position
        while scan < text.count, text[scan] == " " || text[scan] == "\t" { scan += 1 }
        guard scan < text.count, text[scan].isNewline else { return false }
        position = scan + 1
        return true
    }

    private mutating func readName(_ state: State) throws -> TemplateName {
        _ = read { $0.isWhitespace }
        let name = read { Self.nameCharacters.contains($0) }
        _ = read { $0.isWhitespace }
        guard try readString(state.end) else { throw Failure(problem: "`{{\(name)` is not a name closed by `\(String(state.end))`") }
        return try Self.transforms(in: name)
    }

    /// `plusone(index())` → path "" with transforms `["plusone", "index"]`.
    private static func transforms(in name: String) throws -> TemplateName {
        let characters = Array(name)
        var index = 0
        func run() -> String {
            var part = ""
            while index < characters.count, nameCharactersWithoutBrackets.contains(characters[index]) {
                part.append(characters[index])
                index += 1
            }
            return part
        }
        let head = run()
        if index == characters.count { return TemplateName(path: name, transforms: []) }
        let bad = Failure(problem: "`\(name)` is not a name or a transform such as `count(list)`")
        guard characters[index] == "(" else { throw bad }
        index += 1
        var transforms = [head]
        while true {
            let part = run()
            let next: Character = index < characters.count ? characters[index] : "\0"
            if next == ")" {
                index += 1
                var closing = 0
                while index < characters.count, characters[index] == ")" { closing += 1; index += 1 }
                guard closing + 1 == transforms.count, index == characters.count else { throw bad }
                return TemplateName(path: part, transforms: transforms)
            } else if next == "(" {
                index += 1
                transforms.append(part)
            } else {
                throw bad
            }
        }
    }

    private mutating func readPartialName(_ state: State) throws -> String {
        _ = read { $0.isWhitespace }
        let name = read { Self.partialNameCharacters.contains($0) }
        _ = read { $0.isWhitespace }
        guard try readString(state.end) else { throw Failure(problem: "`{{>\(name)` is not a partial name closed by `\(String(state.end))`") }
        return name
    }

    /// Skips to the end of `{{! … }}` (to just after the first closing delimiter).
    private mutating func skipComment(_ state: State) throws {
        let start = position
        var matched = 0
        while !atEnd {
            if text[position] == state.end[matched] {
                matched += 1
                if matched == state.end.count {
                    position += 1
                    return
                }
            } else {
                matched = 0
            }
            position += 1
        }
        position = start
        throw Failure(problem: "a comment `{{!` is never closed")
    }

    /// `{{=<% %>=}}`.
    private mutating func setDelimiters(_ state: inout State) throws {
        let invalid = Failure(problem: "a delimiter change must look like `{{=<% %>=}}`")
        _ = read { $0.isWhitespace }
        guard let start = readUntil({ $0.isWhitespace }) else { throw invalid }
        _ = read { $0.isWhitespace }
        guard let end = readUntil({ $0 == "=" || $0.isWhitespace }) else { throw invalid }
        _ = read { $0.isWhitespace }
        guard try readCharacter("="), try readString(state.end), !start.isEmpty, !end.isEmpty else { throw invalid }
        state.start = Array(start)
        state.end = Array(end)
    }

    /// `{{% CONTENT_TYPE: HTML }}`, `TEXT` or `PASSPORT_HTML`.
    private mutating func readContentType(_ state: State) throws -> TemplateEscaping {
        let invalid = Failure(problem: "a pragma must look like `{{% CONTENT_TYPE: HTML}}`")
        _ = read { $0.isWhitespace }
        let variable = read { Self.nameCharactersWithoutBrackets.contains($0) }
        _ = read { $0.isWhitespace }
        guard (try? readCharacter(":")) == true else { throw invalid }
        _ = read { $0.isWhitespace }
        let value = read { Self.nameCharactersWithoutBrackets.contains($0) }
        _ = read { $0.isWhitespace }
        guard (try? readString(state.end)) == true, !variable.isEmpty, !value.isEmpty else { throw invalid }
        guard variable == "CONTENT_TYPE" else { throw Failure(problem: "unknown pragma `\(variable)`") }
        switch value {
        case "PASSPORT_HTML": return .htmlBytes
        case "HTML": return .htmlCharacters
        case "TEXT": return .none
        default: throw Failure(problem: "unknown content type `\(value)`: use HTML or TEXT")
        }
    }

    private mutating func read(while accept: (Character) -> Bool) -> String {
        var part = ""
        while !atEnd, accept(text[position]) {
            part.append(text[position])
            position += 1
        }
        return part
    }

    /// Text up to a character that `stop` accepts, or nil (position unchanged) when none comes.
    private mutating func readUntil(_ stop: (Character) -> Bool) -> String? {
        let start = position
        let part = read { !stop($0) }
        if atEnd {
            position = start
            return nil
        }
        return part
    }

    /// Consumes `character` if it is next; at the end of the text, fails as the library does.
    private mutating func readCharacter(_ character: Character) throws -> Bool {
        guard !atEnd else { throw Failure(problem: "the template ends inside a tag") }
        guard text[position] == character else { return false }
        position += 1
        return true
    }

    /// Consumes `string` if it comes next; fails when fewer characters remain than it has.
    private mutating func readString(_ string: [Character]) throws -> Bool {
        guard text.count - position >= string.count else { throw Failure(problem: "the template ends inside a tag") }
        guard text[position..<position + string.count].elementsEqual(string) else { return false }
        position += string.count
        return true
    }

    /// Line and column as the library counts them: lines by any line end, columns from the last `\n`.
    private func located(_ problem: String, at offset: Int) -> TemplateSyntaxError {
        let offset = min(offset, text.count)
        var column = 0
        var scan = offset
        while scan > 0 {
            scan -= 1
            if text[scan] == "\n" { break }
            column += 1
        }
        let line = text[..<offset].count { $0.isNewline } + 1
        return TemplateSyntaxError(line: line, column: column + 1, problem: problem)
    }

    private static let nameCharactersWithoutBrackets = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    private static let nameCharacters = nameCharactersWithoutBrackets.union(["(", ")"])
    private static let partialNameCharacters = nameCharacters.union(["/"])
}
