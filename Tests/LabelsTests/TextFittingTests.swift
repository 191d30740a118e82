import Foundation
import PassportTestSupport
import Testing
@testable import Labels

@Suite("Text fitting")
struct TextFittingTests {
    static let template: LabelTemplate = {
        // The bundled templates are part of the checkout; a failure here shows in every test.
        (try? TemplateCatalog(resources: bundled).template(named: "avery-l7160"))!
    }()
    static let fonts = (try? FontSet(layout: template.layout, resources: bundled))!
    static let composer = (try? LabelComposer(template: template, fonts: fonts))!

    /// Lays out `content` and checks that every glyph's ink stays inside its field's box.
    func layOut(_ content: LabelContent) -> Artwork {
        let artwork = Self.composer.artwork(content, variable: false, key: "")
        let boxes = Self.template.geometry.fields
        for run in artwork.runs {
            let metrics = Self.composer.metrics(run.font)
            let scale = run.size / metrics.unitsPerEm
            for glyph in run.glyphs {
                let (_, box, _) = boxes.first { entry in
                    glyph.x >= entry.box.x - 1 && glyph.x <= entry.box.maxX && glyph.y >= entry.box.y && glyph.y <= entry.box.maxY
                } ?? boxes[0]
                let info = glyphMetrics(metrics, index: glyph.index)
                #expect(glyph.x + Double(info.xMin) * scale >= box.x - 0.01)
                #expect(glyph.x + Double(info.xMax) * scale <= box.maxX + 0.01)
                #expect(glyph.y - Double(info.yMax) * scale >= box.y - 0.01)
                #expect(glyph.y - Double(info.yMin) * scale <= box.maxY + 0.01)
            }
        }
        return artwork
    }

    func glyphMetrics(_ metrics: FontMetrics, index: UInt32) -> GlyphMetrics {
        for value in UInt32(0x20)..<0x530 {
            if let scalar = Unicode.Scalar(value), let glyph = metrics.glyph(scalar), glyph.index == index { return glyph }
        }
        return metrics.notdef
    }

    func fit(_ artwork: Artwork, _ field: LabelField) -> FieldFit? {
        artwork.fits.first { $0.field == field }
    }

    @Test func shortTextFitsAsDesigned() {
        let artwork = layOut(sampleContent(1, productName: "Olio nuovo"))
        #expect(artwork.fits.isEmpty, "\(artwork.fits)")
    }

    @Test func slightlyLongTextIsShrunkFirst() throws {
        var content = sampleContent(1)
        content.producerName = "Frantoio Oliveto, Montalcino (Siena)"
        let fitted = try #require(fit(layOut(content), .producer))
        guard case let .shrunk(size) = fitted.fit else { Issue.record("expected shrink, got \(fitted.fit)"); return }
        #expect(size < 7 && size >= 5.5)
    }

    @Test func longerTextIsWrappedAfterShrinking() throws {
        let fitted = try #require(fit(layOut(sampleContent(1)), .productName))
        #expect(fitted.fit == .wrapped(lines: 2, size: 9))
    }

    @Test func overlongTextIsEllipsisedInsideItsBox() throws {
        let name = "Olio extravergine di oliva biologico da agricoltura biodinamica, spremuto a freddo entro sei ore dalla raccolta a mano"
        let artwork = layOut(sampleContent(1, productName: name))
        let fitted = try #require(fit(artwork, .productName))
        #expect(fitted.fit == .ellipsised(size: 6.5))
        let run = try #require(artwork.runs.first { $0.font == .bold && $0.size == 6.5 })
        let ellipsis = try #require(Self.fonts.bold.metrics.glyph("…"))
        #expect(run.glyphs.last?.index == ellipsis.index)
    }

    @Test func aWordLongerThanTheBoxIsBrokenThenCut() throws {
        let artwork = layOut(sampleContent(1, productName: String(repeating: "Extravergine", count: 12)))
        #expect(fit(artwork, .productName)?.fit == .ellipsised(size: 6.5))
    }

    static let scripts = [
        "Ελαιόλαδο", "Оливковое масло", "Olio extravergine d'oliva — Ærø Łódź",
        "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ αβγδεζηθικλμνξοπρστυφχψως άέήίόύώ ΆΈΉΊΌΎΏ ϊϋΐΰ",
        "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "Ґґ Єє Іі Її Ўў Ђђ Ћћ Љљ Њњ Џџ Ѓѓ Ќќ Ѕѕ Јј Ққ Ңң Өө Үү Һһ",
        "ĄĆĘŁŃÓŚŹŻ ąćęłńóśźż ŠŽČĆĐ šžčćđ ŐŰőű ĞİŞğış Ç ß ÀÂÆÈÊËÎÏÔŒÙÛÜŸ Ññ ÅÄÖ Ýý Ţţ Ăă Ėė Īī Ųų Ŋŋ Þþ Ðð",
        "Cañada · Måltid · Frühstück · Žemaitija · Ōsaka € £ № ½ ‰ – — “” ‘’ «»",
    ]

    @Test("Latin, Greek and Cyrillic need no other font", arguments: scripts)
    func coverage(sample: String) throws {
        var content = sampleContent(1, productName: sample)
        content.producerName = sample
        let artwork = layOut(content)
        for fit in artwork.fits {
            #expect(fit.missing.isEmpty, "\(fit.field): missing \(fit.missing)")
        }
    }

    @Test func missingGlyphsAreReported() throws {
        let artwork = layOut(sampleContent(1, productName: "Olio 橄榄油"))
        #expect(fit(artwork, .productName)?.missing == "橄榄油")
    }

    @Test func tooManyBadgesBecomePlusN() throws {
        var content = sampleContent(1)
        content.badges = ["EU Organic", "DOP Toscano", "Demeter", "Slow Food Presidium", "Fair for Life", "Vegan"]
        let artwork = layOut(content)
        let fitted = try #require(fit(artwork, .badges))
        #expect(fitted.fit == .ellipsised(size: 4.5))
        let run = try #require(artwork.runs.first { $0.font == .bold && $0.size == 4.5 })
        let plus = try #require(Self.fonts.bold.metrics.glyph("+"))
        #expect(run.glyphs.contains { $0.index == UInt(plus.index) })
    }

    @Test func runReportNamesTheLabelsThatNeededIt() throws {
        let folder = try TemporaryFolder.kept()
        let report = try LabelRenderer(resources: bundled).render(
            LabelRunRequest(template: Self.template, count: 5, documentDate: fixedDate,
                            manifest: folder.appendingPathComponent("manifest.csv")),
            content: { index in
                sampleContent(index + 1, productName: index >= 2 && index <= 3
                    ? String(repeating: "Olio extravergine di oliva ", count: 6) : "Olio nuovo")
            })
        #expect(report.textAdjustments.count == 1)
        let adjustment = try #require(report.textAdjustments.first)
        #expect(adjustment.field == .productName && adjustment.labels == [3...4])
        #expect(report.summary.contains("productName") && report.summary.contains("labels 3–4"))
    }
}
