internal import Credentials
internal import DigitalLink

/// Where things live on disk in the site folder.
///
/// Links use URL paths (`IdentifierPath`, `PublishedPaths`), which percent-encode lots and serials.
/// A **folder** here is the file-system path a static host finds after decoding such a URL, so it
/// holds the lot as written (a `/` in a lot becomes a nested folder, which is what decoding hosts
/// look up); text that cannot be a safe path stays percent-encoded.
public enum SiteLayout {
    /// Folder of a batch's page and credentials: `01/<gtin14>/10/<lot>/`, the lot as written.
    public static func batchFolder(gtin: String, lot: String) -> String {
        "01/\(gtin)/10/\(diskSegment(lot))/"
    }

    /// Folder of a unit's landing page: `01/<gtin14>/10/<lot>/21/<serial>/`, as written.
    public static func unitFolder(gtin: String, lot: String, serial: String) -> String {
        batchFolder(gtin: gtin, lot: lot) + "21/\(diskSegment(serial))/"
    }

    /// `certificates/<id>/`: the conformity credential files and any evidence file.
    public static func certificateFolder(id: String) -> String { "certificates/\(diskSegment(id))/" }

    /// Where did:web expects the DID document: `.well-known/did.json` for a site at the host root,
    /// `did.json` at the site root when the site lives under a path (`did:web:host:path`).
    public static func didDocumentPath(baseURL: String) -> String {
        (try? DIDWeb(baseURL: baseURL))?.didDocumentPath ?? PublishedPaths.didDocument
    }

    /// Stylesheet, scripts and icon.
    public static let assetsDirectory = "assets/"

    /// Copied product images.
    public static let mediaDirectory = "media/"

    /// The page file of `language`: `index.html` for the default language, `index.<lang>.html` otherwise.
    public static func pageFile(language: String, defaultLanguage: String) -> String {
        language == defaultLanguage ? "index.html" : "index.\(language).html"
    }

    /// A path made safe as a URL path: bytes outside RFC 3986 unreserved characters, `/` and an
    /// existing `%XX` escape are percent-encoded. A URL path (as `batchURLPath` gives) passes
    /// unchanged; a file path holding a lot as written gets encoded.
    static func urlSafePath(_ path: String) -> String {
        let bytes = Array(path.utf8)
        var result = ""
        for (index, byte) in bytes.enumerated() {
            let isEscape = byte == UInt8(ascii: "%") && index + 2 < bytes.count
                && bytes[index + 1].isHexDigit && bytes[index + 2].isHexDigit
            if PercentEncoding.isUnreserved(byte) || byte == UInt8(ascii: "/") || isEscape {
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
        isSafePathText(text) ? text : PercentEncoding.encode(text)
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
