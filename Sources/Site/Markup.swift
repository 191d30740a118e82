import Foundation

/// Safe values for attributes and scripts. Mustache `{{…}}` HTML-escapes text; these decide what
/// may become a link at all and prepare JSON for `<script type="application/ld+json">`.
enum Markup {
    /// A record's web address usable as `href`: only `https://` and `http://` URLs without spaces,
    /// control characters or quotes. Anything else (`javascript:`, `data:`, relative tricks) is nil and
    /// is shown as text instead.
    static func externalHref(_ text: String) -> String? {
        let lower = text.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
        let rest = lower.drop { $0 != "/" }.dropFirst(2)
        guard let host = rest.split(separator: "/", omittingEmptySubsequences: false).first,
              !host.isEmpty, !host.hasPrefix("@") else { return nil }
        let forbidden: Set<Character> = ["\"", "'", "<", ">", "`", "\\", " "]
        guard text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }),
              !text.contains(where: { forbidden.contains($0) }) else { return nil }
        return text
    }

    /// `mailto:` link for an address that looks like one (no markup characters), else nil.
    static func mailHref(_ email: String) -> String? {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "@.-_+"))
        guard email.unicodeScalars.allSatisfy({ allowed.contains($0) && $0.isASCII }),
              email.filter({ $0 == "@" }).count == 1 else { return nil }
        return "mailto:" + email
    }

    /// `tel:` link keeping only `+` and digits, or nil when none remain.
    static func phoneHref(_ phone: String) -> String? {
        let digits = phone.filter { $0.isASCII && ($0.isNumber || $0 == "+") }
        return digits.count >= 4 ? "tel:" + digits : nil
    }

    /// JSON text safe inside a `<script>` element: `<`, `>`, `&` and the JS line separators escaped
    /// as `\uXXXX`, so no record text can close the script or open a comment.
    static func scriptSafeJSON(_ object: Any) -> String {
        JSONText(scriptSafe: true, pretty: false).encode(object)
    }

    /// Pretty, sorted JSON for files such as `linkset.json`.
    static func jsonFile(_ object: Any) -> Data {
        Data((JSONText(scriptSafe: false, pretty: true).encode(object) + "\n").utf8)
    }
}
