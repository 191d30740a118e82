import Credentials

/// Where things live in the site: GS1 Digital Link paths for pages and credentials.
///
/// Two forms exist for every identifier path. The **URL path** percent-encodes lots and serials
/// (RFC 3986: everything but unreserved characters), as links and Digital Link URIs carry them.
/// The **directory** is the file-system path a static host finds after decoding that URL, so it holds
/// the lot as written (a `/` in a lot becomes a nested folder, which is what decoding hosts look up).
public enum SiteLayout {
    /// `01/<gtin14>/`.
    public static func productDirectory(gtin: String) -> String { "01/\(gtin)/" }

    /// Directory of a batch's page and credentials: `01/<gtin14>/10/<lot>/`, lot as written.
    public static func batchDirectory(gtin: String, lot: String) -> String {
        "01/\(gtin)/10/\(diskSegment(lot))/"
    }

    /// URL path of a batch: `01/<gtin14>/10/<lot percent-encoded>/`.
    public static func batchURLPath(gtin: String, lot: String) -> String {
        PublishedPaths.batchDirectory(gtin: gtin, lot: lot)
    }

    /// Directory of a unit's landing page: `01/<gtin14>/10/<lot>/21/<serial>/`.
    public static func unitDirectory(gtin: String, lot: String, serial: String) -> String {
        batchDirectory(gtin: gtin, lot: lot) + "21/\(diskSegment(serial))/"
    }

    /// URL path of a unit: `01/<gtin14>/10/<lot>/21/<serial>/`, percent-encoded.
    public static func unitURLPath(gtin: String, lot: String, serial: String) -> String {
        batchURLPath(gtin: gtin, lot: lot) + "21/\(percentEncode(serial))/"
    }

    /// The message a unit signature signs: `/01/<gtin14>/10/<lot>/21/<serial>` (percent-encoded, no
    /// trailing slash, no query). The page's check rebuilds the same text.
    public static func unitSigningMessage(gtin: String, lot: String, serial: String) -> String {
        UnitCode.canonicalPath(gtin: gtin, lot: lot, serial: serial)
    }

    /// `certificates/<id>/`: the conformity credential files and any evidence file.
    public static func certificateDirectory(id: String) -> String { "certificates/\(id)/" }

    /// Where did:web expects the DID document: `.well-known/did.json` for a site at the host root,
    /// `did.json` at the site root when the site lives under a path (`did:web:host:path`).
    public static func didDocumentPath(baseURL: String) -> String {
        let rest = baseURL.drop { $0 != "/" }.dropFirst(2)
        return rest.contains("/") ? "did.json" : ".well-known/did.json"
    }

    /// Our JSON-LD context for extension terms (published by the pipeline; the site links to it).
    public static let contextPath = "contexts/passport-v1.jsonld"

    /// Stylesheet, scripts and icon.
    public static let assetsDirectory = "assets/"

    /// Copied product images.
    public static let mediaDirectory = "media/"

    /// The page file of `language`: `index.html` for the default language, `index.<lang>.html` otherwise.
    public static func pageFile(language: String, defaultLanguage: String) -> String {
        language == defaultLanguage ? "index.html" : "index.\(language).html"
    }

    /// RFC 3986 percent-encoding of everything except unreserved characters (`A-Z a-z 0-9 - . _ ~`).
    public static func percentEncode(_ text: String) -> String { PublishedPaths.segment(text) }

    /// A path made safe as a URL path: bytes outside RFC 3986 unreserved characters, `/` and an
    /// existing `%XX` escape are percent-encoded. A URL path (as `batchURLPath` gives) passes
    /// unchanged; a file path holding a lot as written gets encoded.
    static func urlSafePath(_ path: String) -> String {
        let bytes = Array(path.utf8)
        var result = ""
        for (index, byte) in bytes.enumerated() {
            let isEscape = byte == UInt8(ascii: "%") && index + 2 < bytes.count
                && bytes[index + 1].isHexDigit && bytes[index + 2].isHexDigit
            if isUnreserved(byte) || byte == UInt8(ascii: "/") || isEscape {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + hexDigit(byte >> 4) + hexDigit(byte & 0xF)
            }
        }
        return result
    }

    /// Whether a lot or serial can live at a path on disk: no empty, `.` or `..` segment.
    public static func isSafePathText(_ text: String) -> Bool {
        text.split(separator: "/", omittingEmptySubsequences: false)
            .allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    /// `../` once per URL segment of `urlPath` (a directory path ending in `/`), "" at the root.
    static func rootPrefix(forURLPath urlPath: String) -> String {
        String(repeating: "../", count: urlPath.split(separator: "/").count)
    }

    private static func diskSegment(_ text: String) -> String {
        isSafePathText(text) ? text : percentEncode(text)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    fileprivate static func hexDigit(_ value: UInt8) -> String {
        String(UnicodeScalar(value < 10 ? 48 + value : 55 + value))
    }
}

private extension UInt8 {
    var isHexDigit: Bool {
        (48...57).contains(self) || (65...70).contains(self) || (97...102).contains(self)
    }
}
