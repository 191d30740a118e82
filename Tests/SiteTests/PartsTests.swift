import Foundation
import PassportModel
@testable import Site
import Testing
import DigitalLink

@Suite("Site parts")
struct PartsTests {
    @Test("Digital Link paths percent-encode lots and serials; directories keep them as written")
    func layout() {
        #expect(PercentEncoding.encode("L2026A") == "L2026A")
        #expect(PercentEncoding.encode("A/B&C d%é") == "A%2FB%26C%20d%25%C3%A9")
        #expect(IdentifierPath.batch(gtin: "08012345000012", lot: "N-26/1") == "01/08012345000012/10/N-26%2F1/")
        #expect(SiteLayout.batchFolder(gtin: "08012345000012", lot: "N-26/1") == "01/08012345000012/10/N-26/1/")
        #expect(IdentifierPath.unit(gtin: "08012345000012", lot: "L1", serial: "<i>'001")
            == "01/08012345000012/10/L1/21/%3Ci%3E%27001/")
        #expect(IdentifierPath.canonicalUnit(gtin: "08012345000012", lot: "L 1", serial: "000002")
            == "/01/08012345000012/10/L%201/21/000002")
        #expect(SiteLayout.didDocumentPath(baseURL: "https://oliveto.example") == ".well-known/did.json")
        #expect(SiteLayout.didDocumentPath(baseURL: "https://host.example/oliveto") == "did.json")
        #expect(SiteLayout.rootPrefix(forURLPath: "01/08012345000012/10/N-26%2F1/") == "../../../../")
        #expect(SiteLayout.urlSafePath("01/1/10/N-26%2F1/dpp.jwt") == "01/1/10/N-26%2F1/dpp.jwt")
        #expect(SiteLayout.urlSafePath("01/1/10/A&B %/dpp.jwt") == "01/1/10/A%26B%20%25/dpp.jwt")
        #expect(!SiteLayout.isSafePathText("../x") && !SiteLayout.isSafePathText("a//b") && SiteLayout.isSafePathText("a/b"))
    }

    @Test("haversine distances and how they read")
    func distances() {
        let rome = GeoPoint(latitude: 41.9028, longitude: 12.4964), milan = GeoPoint(latitude: 45.4642, longitude: 9.19)
        #expect(abs(rome.distance(to: milan) - 477) < 2)
        #expect(rome.distance(to: rome) == 0)
        let l = Localizer(language: "en", defaultLanguage: "en", strings: ["en": ["km": "{n} km", "decimal_separator": "."]],
                          countryCodes: [])
        #expect(DistanceText.kilometres(143.4, l) == "143 km")
        #expect(DistanceText.kilometres(8.26, l) == "8.3 km")
        #expect(DistanceText.kilometres(0.01, l) == "0 km")
    }

    @Test("any brand colour gives text and fills at WCAG AA, in light and dark mode")
    func brandColours() throws {
        for hex in ["#5a6b2a", "#ffeb3b", "#ffffff", "#000000", "#808080", "#e53935", "#00ff00", nil] as [String?] {
            let style = BrandStyle(brand: Brand(colour: hex))
            func value(_ name: String, dark: Bool) -> RGB? {
                let part = dark ? style.css.components(separatedBy: "prefers-color-scheme: dark").last ?? ""
                    : style.css.components(separatedBy: "@media").first ?? ""
                guard let range = part.range(of: "--\(name): ") else { return nil }
                return RGB(hex: String(part[range.upperBound...].prefix(7)))
            }
            let fill = try #require(value("brand-fill", dark: false)), text = try #require(value("brand-text", dark: false))
            let darkText = try #require(value("brand-text", dark: true))
            #expect(fill.contrast(with: BrandStyle.white) >= 4.5, "\(hex ?? "default"): white on \(fill.hex)")
            #expect(text.contrast(with: BrandStyle.paper) >= 4.5 && text.contrast(with: BrandStyle.soft) >= 4.5,
                    "\(hex ?? "default"): \(text.hex) on the page")
            #expect(darkText.contrast(with: BrandStyle.darkPaper) >= 4.5 && darkText.contrast(with: BrandStyle.darkSoft) >= 4.5,
                    "\(hex ?? "default"): \(darkText.hex) on the dark page")
        }
        #expect(BrandStyle(brand: Brand(colour: "#5a6b2a")).css.contains("--brand: #5a6b2a"))
        let serif = BrandStyle(brand: Brand(typeface: .serif))
        #expect(serif.fontFiles == ["noto-serif-bold-latin.woff2", "noto-serif-bold-extended.woff2"])
        #expect(serif.css.contains("url(\"fonts/noto-serif-bold-latin.woff2\")"))
        #expect(BrandStyle(brand: Brand()).fontFiles.isEmpty && !BrandStyle(brand: Brand()).css.contains("@font-face"))
    }

    @Test("certificate status on a given day")
    func status() throws {
        let from = try #require(CalendarDate("2026-01-01")), until = try #require(CalendarDate("2026-12-31"))
        func on(_ day: String) throws -> CertificateStatus {
            CertificateStatus(validFrom: from, validUntil: until, on: try #require(CalendarDate(day)))
        }
        #expect(try on("2025-12-30") == .notYetValid(days: 2))
        #expect(try on("2026-06-01") == .valid)
        #expect(try on("2026-12-01") == .expiresSoon(days: 30))
        #expect(try on("2026-11-30") == .valid, "amber only in the last 30 days")
        #expect(try on("2026-12-31") == .expiresSoon(days: 0))
        #expect(try on("2027-01-01") == .expired)
    }

    @Test("only http(s) addresses become links; JSON-LD cannot close its script")
    func markup() {
        #expect(Markup.externalHref("https://rossi.example/a?b=1") == "https://rossi.example/a?b=1")
        for bad in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " https://x.example", "https://x.example/\"><b>",
                    "data:text/html,hi", "//evil.example", "https://", "http://@evil"] {
            #expect(Markup.externalHref(bad) == nil, "\(bad) became a link")
        }
        #expect(Markup.mailHref("a\"b@x.example") == nil)
        #expect(Markup.mailHref("info@oliveto.example") == "mailto:info@oliveto.example")
        let json = Markup.scriptSafeJSON(["name": "</script><script>alert(1)</script>&"])
        #expect(!json.contains("<") && !json.contains(">") && !json.contains("&"))
        #expect(json.contains("\\u003c/script\\u003e"))
    }
}
