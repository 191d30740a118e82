/// A GS1 Application Identifier (AI): the number that says what a value is, with its format and
/// its role in a GS1 Digital Link.
///
/// Look one up with `ApplicationIdentifier.named("17")`; the table lives in
/// `ApplicationIdentifierTable.swift`.
public struct ApplicationIdentifier: Hashable, Sendable, CustomStringConvertible {
    /// The AI number, 2 to 4 digits: "01", "10", "3103", "8004".
    public let code: String
    /// The GS1 data title: "GTIN", "BATCH/LOT", "USE BY or EXPIRY".
    public let title: String
    /// The parts of the value format, in order.
    public let components: [AIComponent]
    /// Whether this AI can be the primary key of a Digital Link (`/01/…`, `/00/…`, `/414/…`).
    public let isPrimaryKey: Bool
    /// For a primary key, the alternative ordered lists of key qualifiers the path may carry after
    /// it; any of them may be left out but their order is fixed. GTIN (01): `[["22","10","21"], ["235"]]`.
    public let qualifierPaths: [[String]]
    /// Whether this AI may be carried as a Digital Link data attribute (a query parameter).
    public let isDataAttribute: Bool

    init(code: String, title: String, components: [AIComponent], keyQualifiers: [[String]]?, isDataAttribute: Bool) {
        self.code = code
        self.title = title
        self.components = components
        self.isPrimaryKey = keyQualifiers != nil
        self.qualifierPaths = keyQualifiers ?? []
        self.isDataAttribute = isDataAttribute
    }

    /// The AI with this number, if GS1 defines it (and this library knows it).
    public static func named(_ code: String) -> ApplicationIdentifier? { table[code] }

    /// Every AI this library knows, in AI order.
    public static var all: [ApplicationIdentifier] { entries.sorted { $0.code < $1.code } }

    /// The format in GS1 notation, such as `N14`, `X..20` or `N13 [X..17]`.
    public var format: String { components.map(\.description).joined(separator: " ") }

    /// How many characters a value may have.
    public var lengthRange: ClosedRange<Int> {
        let min = components.filter { !$0.isOptional }.reduce(0) { $0 + $1.minLength }
        let max = components.reduce(0) { $0 + $1.maxLength }
        return min...max
    }

    /// Whether the element string needs no FNC1 separator after this AI's value, because its
    /// length is predefined by its first two digits (GS1 General Specifications, figure 7.8.5-2).
    public var isPredefinedLength: Bool { Self.isPredefinedLength(code) }

    /// "(17) USE BY or EXPIRY N6".
    public var description: String { "(\(code)) \(title) \(format)" }

    /// Checks `value` against this AI's format: length, character set, check digits, dates.
    public func validate(_ value: String) throws(DigitalLinkError) {
        let scalars = Array(value.unicodeScalars)
        guard !scalars.isEmpty else { throw .emptyValue(ai: code) }
        let tooLongOrShort = DigitalLinkError.invalidLength(ai: code, value: value, allowed: lengthRange, format: format)
        guard lengthRange.contains(scalars.count) else { throw tooLongOrShort }
        var start = 0
        for component in components {
            let remaining = scalars.count - start
            if remaining == 0 && component.isOptional { break }
            let take = component.isFixed ? component.maxLength : min(remaining, component.maxLength)
            guard remaining >= take else { throw tooLongOrShort }
            let part = Substring(String(String.UnicodeScalarView(scalars[start..<start + take])))
            try component.check(part, ai: code, value: value)
            start += take
        }
        guard start == scalars.count else { throw tooLongOrShort }
    }

    // MARK: Digital Link key qualifiers

    /// Whether `qualifiers` (in path order) is allowed after this primary key: an in-order
    /// selection, without repeats, from one of `qualifierPaths`.
    func allowsQualifiers(_ qualifiers: [String]) -> Bool {
        if qualifiers.isEmpty { return isPrimaryKey }
        return qualifierPaths.contains { path in
            var index = path.startIndex
            for q in qualifiers {
                guard let found = path[index...].firstIndex(of: q) else { return false }
                index = found + 1
            }
            return true
        }
    }

    /// Whether `ai` could join `qualifiers` in the path of this key, i.e. it qualifies the key.
    func acceptsQualifier(_ ai: String, alongside qualifiers: [String]) -> Bool {
        qualifierPaths.contains { path in path.contains(ai) && qualifiers.allSatisfy(path.contains) }
    }

    /// The qualifier path covering the most of `ais`; the first listed wins a tie.
    func bestQualifierPath(covering ais: Set<String>) -> [String] {
        var best: [String] = []
        var bestCount = 0
        for path in qualifierPaths {
            let count = path.filter(ais.contains).count
            if count > bestCount { best = path; bestCount = count }
        }
        return best
    }

    // MARK: Lookups used by the parsers

    /// AIs whose first two digits predefine their length (no FNC1 needed after them).
    private static let predefinedLengthPrefixes: Set<String> = [
        "00", "01", "02", "03", "04", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20",
        "31", "32", "33", "34", "35", "36", "41",
    ]

    static func isPredefinedLength(_ code: String) -> Bool {
        predefinedLengthPrefixes.contains(String(code.prefix(2)))
    }

    /// The known AI that `text` starts with (AIs are prefix-free, so there is at most one).
    static func prefixMatch(of text: Substring) -> ApplicationIdentifier? {
        for length in 2...4 where text.count >= length {
            if let entry = table[String(text.prefix(length))] { return entry }
        }
        return nil
    }

    /// Whether `code` could be an AI GS1 has not assigned yet (or this library does not know):
    /// 2 to 4 digits and not overlapping a known AI ("999" cannot be an AI because "99" is one).
    static func couldBeUnknownAI(_ code: String) -> Bool {
        guard (2...4).contains(code.count), code.unicodeScalars.allSatisfy(AICharacterSet.numeric.contains),
              table[code] == nil else { return false }
        if prefixMatch(of: Substring(code)) != nil { return false }
        return !table.keys.contains { $0.hasPrefix(code) }
    }

    /// Checks a value for an AI this library does not know: set 82, 1 to 90 characters.
    static func validateUnknown(ai: String, value: String) throws(DigitalLinkError) {
        let count = value.unicodeScalars.count
        guard count > 0 else { throw .emptyValue(ai: ai) }
        guard count <= 90 else { throw .invalidLength(ai: ai, value: value, allowed: 1...90, format: "X..90") }
        for scalar in value.unicodeScalars where !AICharacterSet.cset82.contains(scalar) {
            throw .invalidCharacter(ai: ai, value: value, character: Character(scalar),
                                    allowed: AICharacterSet.cset82.explanation)
        }
    }

    private static let table: [String: ApplicationIdentifier] = {
        var byCode: [String: ApplicationIdentifier] = [:]
        for entry in entries { byCode[entry.code] = entry }
        return byCode
    }()
}
