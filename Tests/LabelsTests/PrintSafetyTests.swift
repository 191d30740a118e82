import Foundation
import Output
import PassportTestSupport
import QRCode
import Testing
@testable import Labels

@Suite("Print safety")
struct PrintSafetyTests {
    @Test func moduleIsWholeDotsAndNeverBelowGS1Minimum() {
        #expect(QRPlacement.minimumModuleDots(dpi: 203) == 4)
        #expect(QRPlacement.minimumModuleDots(dpi: 300) == 5)
        #expect(QRPlacement.minimumModuleDots(dpi: 600) == 10)
        for dpi in [203, 300, 600, 1200] {
            let dots = QRPlacement.minimumModuleDots(dpi: dpi)
            #expect(Double(dots) * 25.4 / Double(dpi) >= 0.396)
            #expect(Double(dots - 1) * 25.4 / Double(dpi) < 0.396)
        }
    }

    @Test("every template places the signed unit code in whole dots with its quiet zone inside the label",
          arguments: TemplateTests.shipped.filter { $0 != "avery-l7651" })
    func placement(name: String) throws {
        let template = try TemplateCatalog(resources: bundled).template(named: name)
        let placement = try QRPlacement.check(text: unitURI(1), template: template)
        #expect(placement.moduleDots >= QRPlacement.minimumModuleDots(dpi: template.sheet.dpi))
        #expect(placement.moduleMillimetres >= 0.396)
        let quiet = placement.quietZone * placement.moduleDots
        let labelDots = (template.sheet.labelWidth * Double(template.sheet.dpi) / 25.4,
                         template.sheet.labelHeight * Double(template.sheet.dpi) / 25.4)
        #expect(placement.originX - quiet >= 0 && placement.originY - quiet >= 0)
        #expect(Double(placement.originX + (placement.modules + placement.quietZone) * placement.moduleDots) <= labelDots.0)
        #expect(Double(placement.originY + (placement.modules + placement.quietZone) * placement.moduleDots) <= labelDots.1)
    }

    @Test func aCodeTooBigForItsLabelIsRefusedWithWhatWouldFit() throws {
        let template = try TemplateCatalog(resources: bundled).template(named: "avery-l7651")
        let error = #expect(throws: LabelError.self) { try QRPlacement.check(text: unitURI(123), template: template) }
        guard case let .codeDoesNotFit(problem)? = error else { Issue.record("wrong error \(String(describing: error))"); return }
        #expect(problem.template == "avery-l7651" && problem.version == 8 && problem.modules == 49)
        let message = problem.description
        for part in ["'avery-l7651'", "version 8", "49×49 modules", "4-module quiet zone", "0.423 mm", "5 dots at 300 dpi",
                     "24.1 × 24.1 mm", "code box is 19.1 × 19.1 mm", "larger label", "shorten the text", "error correction L"] {
            #expect(message.contains(part), "missing \(part): \(message)")
        }
    }

    @Test func aRunThatCannotFitWritesNothing() throws {
        let output = try TemporaryFolder.kept().appendingPathComponent("labels")
        var staged: StagedOutput? = try StagedOutput(destination: output)
        let folder = try #require(staged).part("lot")
        let template = try TemplateCatalog(resources: bundled).template(named: "avery-l7651")
        let error = #expect(throws: LabelError.self) {
            try LabelRenderer(resources: bundled).render(
                LabelRunRequest(template: template, count: 10, documentDate: fixedDate,
                                pdf: folder.appendingPathComponent("labels.pdf"),
                                pngDirectory: folder.appendingPathComponent("png"),
                                manifest: folder.appendingPathComponent("labels.csv")),
                content: { sampleContent($0 + 1) })
        }
        #expect(error?.description.contains("label 1") == true)
        staged = nil  // the run is abandoned: its staging folder goes
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func lowerErrorCorrectionIsSuggestedOnlyWhenItHelps() throws {
        let template = try TemplateCatalog(resources: bundled).template(named: "avery-5160")
        // 170 bytes: version 9 at M (too big for a 1 in label), version 8 at L (fits).
        let text = unitURI(7) + String(repeating: "x", count: 20)
        let error = #expect(throws: LabelError.self) { try QRPlacement.check(text: text, template: template) }
        #expect(error?.description.contains("use error correction L (version 8") == true, "\(String(describing: error))")
        #expect(error?.description.contains("which fits") == true)
        #expect(try QRPlacement.check(text: text, errorCorrection: .low, template: template).version == 8)
    }

    @Test func missingFontIsNamed() throws {
        let project = try TemporaryFolder.kept()
        let layouts = project.appendingPathComponent("labels/layouts")
        try FileManager.default.createDirectory(at: layouts, withIntermediateDirectories: true)
        let standard = try String(contentsOf: Checkout.path("Templates/labels/layouts/standard.json"), encoding: .utf8)
        try standard.replacingOccurrences(of: "NotoSans-Bold.ttf", with: "Garamond-Bold.ttf")
            .write(to: layouts.appendingPathComponent("standard.json"), atomically: true, encoding: .utf8)
        var resources = bundled
        resources.projectTemplatesDirectory = project
        let template = try TemplateCatalog(resources: resources).template(named: "avery-l7160")
        let output = try TemporaryFolder.kept()
        let error = #expect(throws: LabelError.self) {
            try LabelRenderer(resources: resources).render(
                LabelRunRequest(template: template, count: 1, documentDate: fixedDate, pdf: output.appendingPathComponent("a.pdf")),
                content: { sampleContent($0) })
        }
        let message = error?.description ?? ""
        #expect(message.contains("Garamond-Bold.ttf") && message.contains(bundled.fontsDirectory.appendingPathComponent("Garamond-Bold.ttf").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == [])
    }

    @Test func unreadableFontIsNamed() throws {
        let fonts = try TemporaryFolder.kept()
        try "not a font".write(to: fonts.appendingPathComponent("NotoSans-Regular.ttf"), atomically: true, encoding: .utf8)
        var resources = bundled
        resources.projectFontsDirectory = fonts
        let layout = try TemplateCatalog(resources: bundled).layout(named: "standard")
        let error = #expect(throws: LabelError.self) { try FontSet(layout: layout, resources: resources) }
        #expect(error?.description.contains(fonts.appendingPathComponent("NotoSans-Regular.ttf").path) == true)
        #expect(error?.description.contains("cannot be read") == true)
    }
}
