import DigitalLink
public import Foundation

/// What a scanned text says, before anything is trusted: the GS1 identifiers, where the link
/// points, and the unit signature if there is one.
///
/// Reads GS1 Digital Link URIs (any host), the bracketed element string `(01)…(10)…(21)…` a
/// person may type from under the barcode, and the raw form a scanner sends (FNC1 as GS).
public struct ScannedCode: Sendable, Equatable {
    /// How the code was written.
    public enum Form: String, Sendable {
        /// A web address: `https://oliveto.example/01/…/10/…`.
        case digitalLink
        /// GS1 element data, bracketed or raw: carries no host and no signature.
        case elementString
    }

    /// What reading a text gave.
    public enum Reading: Sendable, Equatable {
        /// A code naming a batch (and maybe a unit).
        case code(ScannedCode)
        /// Not a passport code; the reason says what it is or what is wrong.
        case notAPassport(reason: String)
        /// Text shaped like a Digital Link on `stem` (`https://host`) that breaks the GS1 rules:
        /// damaged, or altered by hand. The verifier decides what that means for the host.
        case damaged(stem: String, reason: String)
    }

    public var form: Form
    /// `https://oliveto.example` (Digital Link only; `nil` for element strings).
    public var stem: String?
    /// The 14-digit GTIN.
    public var gtin: String
    public var lot: String
    public var serial: String?
    /// The `s` parameter: the producer's signature over the unit's canonical path.
    public var signature: String?
    /// The expiry date (AI 17) and best-before date (AI 15) carried in the code, as `YYYY-MM-DD`.
    public var expiry: String?
    public var bestBefore: String?

    /// The longest text looked at; anything longer is not a label code.
    public static let maximumLength = 4096

    /// Reads a scanned or typed text. `now` picks the century of two-digit years in dates.
    public static func read(_ raw: String, now: Date) -> Reading {
        let text = trimmed(raw)
        guard !text.isEmpty else { return .notAPassport(reason: "the scanned text is empty") }
        guard text.utf8.count <= maximumLength else {
            return .notAPassport(reason: "the text is \(text.utf8.count) bytes long, far longer than any label code")
        }
        if let code = readLabelCode(text) { return .code(code) }
        return readAnyForm(text, now: now)
    }

    /// Every form, through the GS1 Digital Link and element string parsers.
    static func readAnyForm(_ text: String, now: Date) -> Reading {
        if text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
           [8, 12, 13, 14].contains(text.utf8.count) {
            let kind = [8: "EAN-8", 12: "UPC-A", 13: "EAN-13", 14: "GTIN-14"][text.utf8.count] ?? "GTIN"
            let validity = GTIN.isValid(text) ? "" : " (and its check digit is wrong)"
            return .notAPassport(reason: "this is a plain product barcode (\(kind) \(text))\(validity): it names a product, not a batch or a unit, so it cannot show that this item is genuine — scan the passport QR code")
        }
        let link: DigitalLinkURI
        do {
            link = try DigitalLinkURI(scanned: text, options: .lenient)
        } catch {
            if let stem = digitalLinkStem(of: text) { return .damaged(stem: stem, reason: error.description) }
            if looksLikeWebAddress(text) {
                return .notAPassport(reason: "this web address is not a GS1 Digital Link to a product batch (\(error.description))")
            }
            return .notAPassport(reason: "this is neither a GS1 Digital Link nor GS1 element data (\(error.description))")
        }
        guard link.primaryKey.ai == "01", let gtin = link.gtin else {
            return .notAPassport(reason: "the code identifies \(link.primaryKey.definition?.title ?? "AI (\(link.primaryKey.ai))") \(link.primaryKey.value), not a product (GTIN)")
        }
        let isLink = looksLikeWebAddress(text)
        guard let lot = link.value(of: "10") else {
            return .notAPassport(reason: "the code names the product GTIN \(gtin.digits) but no batch (lot), so it cannot show that this item is genuine — scan the passport QR code on the label")
        }
        var code = ScannedCode(form: isLink ? .digitalLink : .elementString, stem: isLink ? link.stem : nil,
                               gtin: gtin.digits, lot: lot, serial: link.value(of: "21"),
                               signature: link.otherParameter(named: "s")?.value)
        let today = CalendarDate(containing: now)
        code.expiry = link.value(of: "17").flatMap { CalendarDate(gs1YYMMDD: $0, today: today)?.description }
        code.bestBefore = link.value(of: "15").flatMap { CalendarDate(gs1YYMMDD: $0, today: today)?.description }
        return .code(code)
    }

    /// `https://host` (with any path before `/01/`) when the text is an http(s) address whose path
    /// has a `/01/` segment: a Digital Link that failed the GS1 rules.
    static func digitalLinkStem(of text: String) -> String? {
        guard looksLikeWebAddress(text), let range = text.range(of: "/01/") else { return nil }
        let stem = text[..<range.lowerBound]
        guard let schemeEnd = stem.range(of: "://"), !stem[schemeEnd.upperBound...].isEmpty,
              !stem.contains("?"), !stem.contains("#") else { return nil }
        return String(stem)
    }

    /// `raw` without surrounding white space; the common case (none) costs two byte checks.
    static func trimmed(_ raw: String) -> String {
        func plain(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x80 }
        guard let first = raw.utf8.first, let last = raw.utf8.last, plain(first), plain(last) else {
            return raw.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return raw
    }

    static func looksLikeWebAddress(_ text: String) -> Bool {
        let lower = text.prefix(8).lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://")
    }
}
