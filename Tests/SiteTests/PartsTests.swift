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

    @Test("the map fits every point inside the drawing with a round scale bar")
    func map() {
        let points = [GeoPoint(latitude: 43.05, longitude: 11.49), GeoPoint(latitude: 43.77, longitude: 11.25)]
        let map = JourneyMap(points: points, labels: ["A", "B"])
        for point in map.points {
            #expect((0...JourneyMap.width).contains(point.x) && (0...map.height).contains(point.y))
        }
        #expect([1.0, 2, 5, 10, 20, 50].contains(map.scaleKilometres))
        let single = JourneyMap(points: [points[0]], labels: ["A"])
        #expect(single.points.count == 1 && single.scaleKilometres > 0)
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
