/// Text a producer may write in several languages: `name: Olio` or `name: {en: Oil, it: Olio}`.
public struct LocalizedText: Sendable, Hashable {
    /// Language code → text, for example `["en": "Olive oil", "it": "Olio d'oliva"]`.
    public var translations: [String: String]

    public init(_ translations: [String: String]) {
        self.translations = translations
    }

    /// The same text for every language.
    public init(_ text: String, language: String) {
        translations = [language: text]
    }

    /// The text in `language`, else in the first of `fallbacks` that has it, else any text.
    public func text(in language: String, fallbacks: [String] = []) -> String {
        if let value = translations[language] { return value }
        for fallback in fallbacks {
            if let value = translations[fallback] { return value }
        }
        return translations.keys.sorted().first.flatMap { translations[$0] } ?? ""
    }

    /// Whether this text was written in `language` itself (not a fallback).
    public func has(_ language: String) -> Bool { translations[language] != nil }

    public var isEmpty: Bool { translations.values.allSatisfy(\.isEmpty) }
}
