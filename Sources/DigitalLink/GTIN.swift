/// A Global Trade Item Number, always held as 14 digits with a valid check digit.
///
/// GTIN-8, GTIN-12 (UPC-A) and GTIN-13 (EAN-13) are accepted and left-padded with zeros to the
/// 14 digits GS1 element strings and Digital Link URIs use.
public struct GTIN: Hashable, Sendable, Comparable, CustomStringConvertible {

    /// The 14 digits, check digit last.
    public let digits: String

    /// Reads a GTIN of 8, 12, 13 or 14 digits and checks its check digit.
    ///
    /// - Throws: `DigitalLinkError.invalidComponent` (wrong length), `.invalidCharacter`, or `.checkDigit` whose
    ///   message says which digit was expected (for example "check digit should be 3, not 7").
    public init(_ text: String) throws(DigitalLinkError) {
        for scalar in text.unicodeScalars where !AICharacterSet.numeric.contains(scalar) {
            throw .invalidCharacter(ai: "01", value: text, character: Character(scalar),
                                    allowed: AICharacterSet.numeric.explanation)
        }
        let count = text.unicodeScalars.count
        guard [8, 12, 13, 14].contains(count) else {
            throw .invalidComponent(ai: "01", value: text,
                                    reason: "a GTIN has 8, 12, 13 or 14 digits, this has \(count)")
        }
        try CheckDigits.verifyMod10(ai: "01", value: text, component: Substring(text))
        digits = text.leftPadded(to: 14)
    }

    /// The GS1 mod-10 check digit for the digits that precede it.
    ///
    /// Works for any GS1 key that uses the mod-10 algorithm (GTIN, SSCC, GLN, GSRN, …): weights
    /// 3, 1, 3, … from the right. For example `checkDigit(of: "950600013435")` is 2.
    /// Characters other than ASCII digits are ignored, so validate the input first.
    public static func checkDigit(of digitsWithoutCheck: String) -> Int {
        CheckDigits.mod10(of: digitsWithoutCheck)
    }

    /// Whether `text` is a GTIN of 8, 12, 13 or 14 digits with a correct check digit.
    public static func isValid(_ text: String) -> Bool {
        (try? GTIN(text)) != nil
    }

    /// The check digit (the last of the 14 digits).
    public var checkDigit: Int { digits.last?.wholeNumberValue ?? 0 }

    /// The shortest standard form: GTIN-8, GTIN-12 or GTIN-13 when the leading zeros allow it.
    ///
    /// GTIN-8s are recognised by six leading zeros, as GS1 pads them.
    public var shortestForm: String {
        if digits.hasPrefix("000000") { return String(digits.dropFirst(6)) }
        if digits.hasPrefix("00") { return String(digits.dropFirst(2)) }
        if digits.hasPrefix("0") { return String(digits.dropFirst(1)) }
        return digits
    }

    /// The 14 digits.
    public var description: String { digits }

    /// Orders by the 14 digits.
    public static func < (lhs: GTIN, rhs: GTIN) -> Bool { lhs.digits < rhs.digits }
}

extension GTIN: Codable {
    /// Decodes a string of 8, 12, 13 or 14 digits.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes as the 14 digits.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}
