/// One part of an AI's value format: GDTI (253) is `N13 [X..17]`, two components.
public struct AIComponent: Hashable, Sendable, CustomStringConvertible {
    /// The characters allowed in this part.
    public let characterSet: AICharacterSet
    /// The fewest characters when present.
    public let minLength: Int
    /// The most characters.
    public let maxLength: Int
    /// Whether the part may be left out (only trailing parts may).
    public let isOptional: Bool
    /// Content rules beyond the character set (check digits, dates, …).
    let checks: [AICheck]

    init(_ set: AICharacterSet, _ min: Int, _ max: Int, optional: Bool = false, _ checks: [AICheck] = []) {
        characterSet = set
        minLength = min
        maxLength = max
        isOptional = optional
        self.checks = checks
    }

    /// GS1 notation: `N14`, `X..20`, `[N2]`.
    public var description: String {
        let core = minLength == maxLength
            ? "\(characterSet.rawValue)\(maxLength)"
            : "\(characterSet.rawValue)..\(maxLength)"
        return isOptional ? "[\(core)]" : core
    }

    /// Whether the part has a fixed length.
    var isFixed: Bool { minLength == maxLength }

    // Table shorthands.
    static func n(_ length: Int, _ checks: AICheck...) -> AIComponent { AIComponent(.numeric, length, length, checks) }
    static func n(upTo max: Int, _ checks: AICheck...) -> AIComponent { AIComponent(.numeric, 1, max, checks) }
    static func x(_ length: Int, _ checks: AICheck...) -> AIComponent { AIComponent(.cset82, length, length, checks) }
    static func x(upTo max: Int, _ checks: AICheck...) -> AIComponent { AIComponent(.cset82, 1, max, checks) }
    static func y(upTo max: Int) -> AIComponent { AIComponent(.cset39, 1, max) }
    static func z(upTo max: Int) -> AIComponent { AIComponent(.cset64, 1, max) }
    /// This part, made optional.
    var optional: AIComponent { AIComponent(characterSet, minLength, maxLength, optional: true, checks) }

    /// Checks one part's content; `part` is this component's slice of `value`.
    func check(_ part: Substring, ai: String, value: String) throws(DigitalLinkError) {
        for scalar in part.unicodeScalars where !characterSet.contains(scalar) {
            throw .invalidCharacter(ai: ai, value: value, character: Character(scalar),
                                    allowed: characterSet.explanation)
        }
        for rule in checks {
            try rule.apply(to: part, ai: ai, value: value)
        }
    }
}

/// Content rules GS1 defines for parts of AI values (the "linters" of the GS1 syntax dictionary).
enum AICheck: Hashable, Sendable {
    /// GS1 mod-10 check digit in the last position.
    case mod10
    /// Two trailing check characters (GMN, MUDI).
    case checkCharacterPair
    /// YYMMDD; `dayMayBeZero` allows DD = 00 ("end of month" dates such as expiry).
    case date(dayMayBeZero: Bool)
    /// HHMM, 24-hour.
    case hourMinute
    /// HH.
    case hour
    /// MM (minutes).
    case minute
    /// SS.
    case second
    /// The single digit 0.
    case zero
    /// Not all zeros.
    case nonZero
    /// No leading zero unless the value is "0".
    case noZeroPrefix
    /// Four digits PPTT: piece PP of total TT, 1 ≤ PP ≤ TT.
    case pieceOfTotal
    /// 0 or 1.
    case yesNo
    /// The single character '-'.
    case hyphen
    /// Winding direction: 0, 1 or 9.
    case winding
    /// An importer index: A–Z a–z 0–9 - _.
    case importerIndex

    func apply(to part: Substring, ai: String, value: String) throws(DigitalLinkError) {
        let digits = part.compactMap(\.wholeNumberValue)
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + $1 } }
        func fail(_ reason: String) -> DigitalLinkError { .invalidComponent(ai: ai, value: value, reason: reason) }
        switch self {
        case .mod10:
            try CheckDigits.verifyMod10(ai: ai, value: value, component: part)
        case .checkCharacterPair:
            try CheckDigits.verifyCheckCharacters(ai: ai, value: value, component: part)
        case let .date(dayMayBeZero):
            guard digits.count == 6 else { return }
            try Self.checkDate(year: number(0..<2), month: number(2..<4), day: number(4..<6),
                               dayMayBeZero: dayMayBeZero, ai: ai, value: value)
        case .hourMinute:
            guard digits.count == 4 else { return }
            if number(0..<2) > 23 { throw .invalidDate(ai: ai, value: value, reason: "hour \(part.prefix(2)) is not 00-23") }
            if number(2..<4) > 59 { throw .invalidDate(ai: ai, value: value, reason: "minute \(part.suffix(2)) is not 00-59") }
        case .hour:
            if number(0..<digits.count) > 23 { throw .invalidDate(ai: ai, value: value, reason: "hour \(part) is not 00-23") }
        case .minute:
            if number(0..<digits.count) > 59 { throw .invalidDate(ai: ai, value: value, reason: "minute \(part) is not 00-59") }
        case .second:
            if number(0..<digits.count) > 59 { throw .invalidDate(ai: ai, value: value, reason: "second \(part) is not 00-59") }
        case .zero:
            if part != "0" { throw fail("the digit \(part) must be 0") }
        case .nonZero:
            if digits.allSatisfy({ $0 == 0 }) { throw fail("\(part) must not be all zeros") }
        case .noZeroPrefix:
            if part.count > 1 && part.hasPrefix("0") { throw fail("\(part) must not start with 0") }
        case .pieceOfTotal:
            guard digits.count == 4 else { return }
            let piece = number(0..<2), total = number(2..<4)
            if piece == 0 || total == 0 || piece > total {
                throw fail("piece \(piece) of total \(total) must have 1 <= piece <= total")
            }
        case .yesNo:
            if part != "0" && part != "1" { throw fail("\(part) must be 0 (no) or 1 (yes)") }
        case .hyphen:
            if part != "-" { throw fail("the optional last character must be '-'") }
        case .winding:
            if !["0", "1", "9"].contains(part) { throw fail("winding direction \(part) must be 0, 1 or 9") }
        case .importerIndex:
            for scalar in part.unicodeScalars where !(AICharacterSet.cset64.contains(scalar) && scalar != "=") {
                throw fail("importer index '\(scalar)' must be A-Z, a-z, 0-9, '-' or '_'")
            }
        }
    }

    /// Checks a GS1 YYMMDD date. GS1 places a two-digit year within about 50 years of today, where
    /// the only century year is 2000 (a leap year), so YY divisible by 4 is a leap year.
    static func checkDate(year: Int, month: Int, day: Int, dayMayBeZero: Bool,
                          ai: String, value: String) throws(DigitalLinkError) {
        guard (1...12).contains(month) else {
            throw .invalidDate(ai: ai, value: value, reason: "month \(String(month).leftPadded(to: 2)) is not 01-12")
        }
        let days = [31, year % 4 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        if day == 0 {
            if dayMayBeZero { return }
            throw .invalidDate(ai: ai, value: value, reason: "day 00 is only allowed in dates such as expiry or best before; give the day")
        }
        guard day <= days else {
            throw .invalidDate(ai: ai, value: value,
                               reason: "day \(String(day).leftPadded(to: 2)) does not exist in month \(String(month).leftPadded(to: 2)) (YYMMDD)")
        }
    }
}
