import Foundation
import PassportModel
import DigitalLink

/// Interface strings and number, date and money formats for one page language.
struct Localizer: Sendable {
    let language: String
    /// Languages to fall back on for record text: the project's default, then English.
    let fallbacks: [String]
    /// Interface strings (already merged over English).
    let strings: [String: String]
    private let months: [String]
    private let countries: [String: String]

    init(language: String, defaultLanguage: String, strings: [String: [String: String]], countryCodes: Set<String>) {
        self.language = language
        fallbacks = [defaultLanguage, "en"]
        let table = strings[language] ?? strings[String(language.prefix { $0 != "-" })] ?? strings["en"] ?? [:]
        self.strings = table
        let monthText = table["months"] ?? "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"
        let parsed = monthText.split(separator: " ").map(String.init)
        months = parsed.count == 12 ? parsed : (1...12).map { String($0) }
        let locale = Locale(identifier: language)
        var names: [String: String] = [:]
        for code in countryCodes.sorted() {
            names[code] = locale.localizedString(forRegionCode: code) ?? code
        }
        countries = names
    }

    /// The interface string `key`, or the key itself so a missing string is visible, not blank.
    subscript(_ key: String) -> String { strings[key] ?? key }

    /// `key` with `{name}` placeholders replaced (unknown placeholders stay as written).
    func format(_ key: String, _ values: [String: String]) -> String {
        let template = self[key]
        guard template.utf8.contains(UInt8(ascii: "{")) else { return template }
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            if let value = values[name] { result += value } else { result += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// Record text in this language, else the project's default, else English, else any.
    func text(_ value: LocalizedText) -> String { value.text(in: language, fallbacks: fallbacks) }

    /// `12 Oct 2026` / `12 ott 2026`.
    func date(_ date: CalendarDate) -> String {
        format("date_format", ["day": String(date.day), "month": months[date.month - 1], "year": String(date.year)])
    }

    /// The country's name in this language, or its code.
    func country(_ code: String) -> String { countries[code] ?? code }

    /// A decimal number with `digits` fraction digits and this language's separator.
    func number(_ value: Double, digits: Int) -> String {
        let text = Self.fixed(value, digits: digits)
        let separator = self["decimal_separator"]
        // Not Foundation's replacingOccurrences: it bridges to NSString, a tenth of a page's time.
        return separator == "." ? text : text.split(separator: ".", omittingEmptySubsequences: false).joined(separator: separator)
    }

    /// A number as people write it: no fraction when whole, else up to `maxDigits` digits.
    func plain(_ value: Double, maxDigits: Int = 1) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
        var text = number(value, digits: maxDigits)
        let separator = self["decimal_separator"]
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(separator) { text.removeLast(separator.count) }
        return text
    }

    /// `€4.10` / `4,10 €`.
    func money(_ amount: Double, currency: String) -> String {
        let symbols = ["EUR": "€", "USD": "US$", "GBP": "£", "JPY": "¥", "CHF": "CHF"]
        return format("money_format", ["amount": number(amount, digits: currency == "JPY" ? 0 : 2),
                                       "symbol": symbols[currency] ?? currency])
    }

    /// `22%` / `22 %`.
    func percent(_ value: Double) -> String {
        format("percent_format", ["n": plain((value * 10).rounded() / 10)])
    }

    /// A quantity with its unit.
    func quantity(_ quantity: Quantity) -> String {
        "\(plain(quantity.value, maxDigits: 3)) \(quantity.unit)"
    }

    /// `value` with exactly `digits` fraction digits and a dot, rounded half away from zero.
    static func fixed(_ value: Double, digits: Int) -> String {
        let scale = [1.0, 10, 100, 1000, 10_000][min(max(digits, 0), 4)]
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return String(value) }
        let whole = Int(scaled) / Int(scale), fraction = Int(scaled) % Int(scale)
        var text = (value < 0 && scaled > 0 ? "-" : "") + String(whole)
        if digits > 0 {
            let fractionText = String(fraction)
            text += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
        }
        return text
    }

    /// The language's own name, capitalised: `English`, `Italiano`.
    static func languageName(_ code: String) -> String {
        let name = Locale(identifier: code).localizedString(forLanguageCode: code) ?? code
        return name.prefix(1).uppercased() + name.dropFirst()
    }
}
