import Mustache

/// The escaping every site template uses for `{{…}}`: the same five characters as Mustache's HTML
/// content type (`& < > " '`), scanned as UTF-8 bytes. Mustache's own escaper hashes every
/// character and dominated rendering time.
struct FastHTMLContentType: MustacheContentType {
    /// The pragma that selects this content type; prepended to every template when it is parsed.
    static let pragma = "{{% CONTENT_TYPE: PASSPORT_HTML}}"

    /// Registers the content type with Mustache once per process.
    static let registered: Bool = {
        MustacheContentTypes.register(FastHTMLContentType(), named: "PASSPORT_HTML")
        return true
    }()

    func escapeText(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count + 32)
        for byte in utf8 {
            switch byte {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The same escaping for HTML written outside templates (the few pages `passport serve` writes
/// itself), so every page passport makes escapes one way.
public enum HTMLText {
    /// `text` with `& < > " '` escaped.
    public static func escape(_ text: String) -> String { FastHTMLContentType().escapeText(text) }
}
