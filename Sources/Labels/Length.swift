import Foundation

/// A length in a template: millimetres, inches, points, or a percentage of the label's side.
///
/// In JSON a plain number means millimetres; a string carries its unit: `"63.5mm"`,
/// `"2.625in"`, `"8pt"`, `"40%"`.
public enum Length: Sendable, Hashable, Codable, CustomStringConvertible {
    case millimetres(Double)
    case inches(Double)
    case points(Double)
    /// A share of the label's width (for x and width) or height (for y and height).
    case percent(Double)

    /// Points per millimetre.
    static let pointsPerMillimetre = 72.0 / 25.4

    /// The length in points; `side` is the label side a percentage refers to, in points.
    public func points(side: Double) -> Double {
        switch self {
        case let .millimetres(value): value * Self.pointsPerMillimetre
        case let .inches(value): value * 72
        case let .points(value): value
        case let .percent(value): value / 100 * side
        }
    }

    /// The length in millimetres (percentages need a side, in points).
    public func millimetres(side: Double = 0) -> Double {
        switch self {
        case let .millimetres(value): value
        case let .inches(value): value * 25.4
        default: points(side: side) / Self.pointsPerMillimetre
        }
    }

    var isRelative: Bool {
        if case .percent = self { return true }
        return false
    }

    /// Parses "12.5", "12.5mm", "1 in", "8pt", "40%".
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, (Double) -> Length)] = [
            ("mm", Length.millimetres), ("in", Length.inches), ("pt", Length.points), ("%", Length.percent),
        ]
        for (suffix, make) in units where trimmed.hasSuffix(suffix) {
            let number = trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            guard let value = Double(number), value.isFinite else { return nil }
            self = make(value)
            return
        }
        guard let value = Double(trimmed), value.isFinite else { return nil }
        self = .millimetres(value)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            guard number.isFinite else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "the number is not finite")
            }
            self = .millimetres(number)
            return
        }
        guard let text = try? container.decode(String.self), let length = Length(parsing: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "expected a length such as 12.5 (millimetres), \"12.5mm\", \"1in\", \"8pt\" or \"40%\"")
        }
        self = length
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public var description: String {
        switch self {
        case let .millimetres(value): "\(value)mm"
        case let .inches(value): "\(value)in"
        case let .points(value): "\(value)pt"
        case let .percent(value): "\(value)%"
        }
    }
}
