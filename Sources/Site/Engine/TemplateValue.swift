/// A value a page template can show: the typed context the template engine renders from.
///
/// Pages build their context as `[String: Any]` of texts, flags, numbers, lists and dictionaries;
/// `TemplateValue(_:)` converts that tree once per page so rendering never casts or reflects.
/// Parts shared by many pages (interface strings, product parts) are converted once per site and
/// pass through the conversion untouched.
enum TemplateValue: Sendable {
    /// Text, HTML-escaped by `{{name}}`, written as is by `{{{name}}}`. Always true in a section.
    case text(String)
    /// True renders a section without entering it; false renders its inverted section.
    case flag(Bool)
    /// A number (from a transform such as `count(list)` or `index()`), written in decimal.
    case number(Int)
    /// A section over a list renders once per element; an empty list renders its inverted section.
    case list([TemplateValue])
    /// Named fields, found by `{{name}}` and `{{a.b}}`.
    case object([String: TemplateValue])

    /// Converts a context built from dictionaries, arrays, texts, flags and numbers.
    ///
    /// Mirrors what the Mustache library did with the same values: an `Int` stays a number, any
    /// other value becomes its description as text, and `nil` stored in `Any` is left out of
    /// dictionaries and lists (as the empty text at the top).
    init(_ value: Any) {
        self = Self.converted(value) ?? .text("")
    }

    /// The fields of a dictionary, leaving out values that are `nil` inside `Any`.
    static func fields(_ object: [String: Any]) -> [String: TemplateValue] {
        var fields: [String: TemplateValue] = [:]
        fields.reserveCapacity(object.count)
        for (key, value) in object {
            if let converted = converted(value) { fields[key] = converted }
        }
        return fields
    }

    /// An object of texts, such as a language's interface strings.
    static func texts(_ strings: [String: String]) -> TemplateValue {
        .object(strings.mapValues { .text($0) })
    }

    /// The most common shapes first: each failed cast costs a runtime type check.
    private static func converted(_ value: Any) -> TemplateValue? {
        switch value {
        case let text as String: return .text(text)
        case let ready as TemplateValue: return ready
        case let flag as Bool: return .flag(flag)
        case let object as [String: Any]: return .object(fields(object))
        case let rows as [[String: Any]]: return .list(rows.map { .object(fields($0)) })
        case let list as [Any]: return .list(list.compactMap(converted))
        case let number as Int: return .number(number)
        default:
            if let optional = value as? any OptionalValue, optional.isNone { return nil }
            return .text(String(describing: value))
        }
    }
}

/// Lets the conversion recognise an `Optional.none` stored in `Any`.
private protocol OptionalValue {
    var isNone: Bool { get }
}

extension Optional: OptionalValue {
    var isNone: Bool { self == nil }
}

/// Literals, so a view model can build its context as `TemplateValue` directly — `["name": "…",
/// "ok": true, "rows": [...]]` — and skip the conversion from `[String: Any]` (a tenth of a batch
/// page's time).
extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    init(stringLiteral value: String) { self = .text(value) }
    init(booleanLiteral value: Bool) { self = .flag(value) }
    init(integerLiteral value: Int) { self = .number(value) }
    init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements) { _, last in last })
    }
}
