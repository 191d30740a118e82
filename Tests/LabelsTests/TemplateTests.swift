import Foundation
import PassportTestSupport
import Testing
@testable import Labels
import Output

@Suite("Label templates")
struct TemplateTests {
    static let shipped = ["avery-3474", "avery-5160", "avery-5163", "avery-l7160", "avery-l7163", "avery-l7651",
                          "brother-62mm", "thermal-4x6in", "thermal-50x30mm"]

    @Test func shippedSheetsAreTheRealProducts() throws {
        let sheets = try TemplateCatalog(resources: bundled).sheets()
        #expect(sheets.map(\.name) == Self.shipped)
        func sheet(_ name: String) throws -> SheetDefinition { try #require(sheets.first { $0.name == name }) }
        let l7160 = try sheet("avery-l7160")
        #expect(l7160.labelWidth == 63.5 && l7160.labelHeight == 38.1 && l7160.columns == 3 && l7160.rows == 7)
        #expect(l7160.pageWidth == 210 && l7160.pageHeight == 297 && l7160.dpi == 300)
        let l7163 = try sheet("avery-l7163")
        #expect(l7163.labelWidth == 99.1 && l7163.columns == 2 && l7163.rows == 7)
        let l7651 = try sheet("avery-l7651")
        #expect(l7651.labelWidth == 38.1 && l7651.labelHeight == 21.2 && l7651.columns == 5 && l7651.rows == 13)
        let a4x24 = try sheet("avery-3474")
        #expect(a4x24.labelWidth == 70 && a4x24.labelHeight == 37 && a4x24.columns == 3 && a4x24.rows == 8)
        let l5160 = try sheet("avery-5160")
        #expect(abs(l5160.labelWidth - 66.675) < 0.001 && abs(l5160.labelHeight - 25.4) < 0.001)
        #expect(l5160.columns == 3 && l5160.rows == 10 && abs(l5160.pageWidth - 215.9) < 0.001)
        let l5163 = try sheet("avery-5163")
        #expect(abs(l5163.labelWidth - 101.6) < 0.001 && abs(l5163.labelHeight - 50.8) < 0.001 && l5163.labelsPerPage == 10)
        let thermal = try sheet("thermal-4x6in")
        #expect(thermal.kind == .roll && thermal.dpi == 203 && abs(thermal.labelHeight - 152.4) < 0.001)
        #expect(try sheet("thermal-50x30mm").dpi == 203)
        #expect(try sheet("brother-62mm").labelWidth == 62)
        for sheet in sheets {
            // The last label ends inside the page on both axes.
            let last = sheet.labelOrigin(slot: sheet.labelsPerPage - 1)
            #expect(last.x + sheet.labelWidth <= sheet.pageWidth + 0.05, "\(sheet.name)")
            #expect(last.y + sheet.labelHeight <= sheet.pageHeight + 0.05, "\(sheet.name)")
            #expect([203, 300, 600].contains(sheet.dpi))
        }
    }

    @Test("every shipped sheet pairs with its layout", arguments: shipped)
    func pairsWithLayout(name: String) throws {
        let template = try TemplateCatalog(resources: bundled).template(named: name)
        #expect(template.layout.fields[.productName] != nil)
        #expect(template.layout.fields[.callToAction] != nil)
        #expect(template.layout.fields[.gtin] != nil)
        #expect(template.layout.code.quietZone >= 4)
    }

    @Test func namesAsUsersKnowThem() throws {
        let catalog = TemplateCatalog(resources: bundled)
        #expect(try catalog.sheet(named: "L7160").name == "avery-l7160")
        #expect(try catalog.sheet(named: "Avery-L7163").name == "avery-l7163")
        #expect(try catalog.sheet(named: "5160").name == "avery-5160")
        #expect(try catalog.sheet(named: "4x6").name == "thermal-4x6in")
        #expect(try catalog.sheet(named: "62mm").name == "brother-62mm")
        #expect(try catalog.sheet(named: "a4-3x8-70x37").name == "avery-3474")
    }

    @Test func unknownNameListsTheChoices() {
        let error = #expect(throws: LabelError.self) { try TemplateCatalog(resources: bundled).template(named: "avery-9999") }
        let message = error?.description ?? ""
        #expect(message.contains("avery-9999") && message.contains("avery-l7160") && message.contains("thermal-4x6in"))
    }

    @Test func projectTemplatesOverrideAndAdd() throws {
        let project = try TemporaryFolder.kept()
        let sheets = project.appendingPathComponent("templates/labels/sheets")
        try FileManager.default.createDirectory(at: sheets, withIntermediateDirectories: true)
        let original = try String(contentsOf: Checkout.path("Templates/labels/sheets/avery-l7160.json"), encoding: .utf8)
        try original.replacingOccurrences(of: "\"dpi\": 300", with: "\"dpi\": 600")
            .write(to: sheets.appendingPathComponent("avery-l7160.json"), atomically: true, encoding: .utf8)
        try """
        { "title": "Shop shelf strip", "page": { "width": 120, "height": 40 }, "label": { "width": 120, "height": 40 },
          "dpi": 300, "layout": "wide" }
        """.write(to: sheets.appendingPathComponent("shelf-strip.json"), atomically: true, encoding: .utf8)
        var resources = bundled
        resources.projectTemplatesDirectory = project.appendingPathComponent("templates")
        let catalog = TemplateCatalog(resources: resources)
        #expect(try catalog.sheet(named: "avery-l7160").dpi == 600)
        #expect(try catalog.sheet(named: "avery-l7160").file.path.hasPrefix(project.path))
        let strip = try catalog.template(named: "shelf-strip")
        #expect(strip.sheet.kind == .roll && strip.layout.name == "wide")
        #expect(try catalog.sheets().count == Self.shipped.count + 1)
    }

    /// A broken template file and what its message must mention.
    struct Broken: Sendable, CustomStringConvertible {
        var kind: String
        var json: String
        var mentions: [String]
        var description: String { mentions.joined(separator: " ") }
    }

    static let brokenFiles: [Broken] = [
        Broken(kind: "sheets", json: #"{ "title": "x", "page": { "width": 210, "height": 297 }, "#,
               mentions: ["not valid JSON"]),
        Broken(kind: "sheets", json: #"{ "title": "x", "page": { "width": 210, "height": 297 }, "label": { "height": 38 }, "dpi": 300, "layout": "standard" }"#,
               mentions: ["'label.width'", "missing"]),
        Broken(kind: "sheets", json: #"{ "title": "x", "page": { "width": 210, "height": 297 }, "label": { "width": 63.5, "height": 38.1 }, "grid": { "columns": "three", "rows": 7 }, "dpi": 300, "layout": "standard" }"#,
               mentions: ["'grid.columns'", "whole number"]),
        Broken(kind: "sheets", json: #"{ "title": "x", "page": { "width": 210, "height": 297 }, "label": { "width": 63.5, "height": 38.1 }, "grid": { "colums": 3 }, "dpi": 300, "layout": "standard" }"#,
               mentions: ["'grid.colums'", "unknown key"]),
        Broken(kind: "sheets", json: #"{ "title": "x", "page": { "width": "210 furlongs", "height": 297 }, "label": { "width": 63.5, "height": 38.1 }, "dpi": 300, "layout": "standard" }"#,
               mentions: ["'page.width'", "expected a length"]),
        Broken(kind: "sheets", json: #"{ "title": "x", "page": { "width": 210, "height": 297 }, "label": { "width": 63.5, "height": 38.1 }, "grid": { "columns": 4, "rows": 7 }, "dpi": 300, "layout": "standard" }"#,
               mentions: ["'margins.left'", "do not fit across"]),
        Broken(kind: "sheets", json: #"{ "title": "x", "page": { "width": 210, "height": 297 }, "label": { "width": 63.5, "height": 38.1 }, "dpi": 72, "layout": "standard" }"#,
               mentions: ["'dpi'", "printer resolution"]),
        Broken(kind: "layouts", json: #"{ "fonts": { "regular": "NotoSans-Regular.ttf" }, "code": { "x": 0, "y": 0, "width": 26, "height": 26 }, "fields": { "productname": { "x": 28, "y": 2, "width": 30, "height": 8 } } }"#,
               mentions: ["'fields.productname'", "unknown field", "productName"]),
        Broken(kind: "layouts", json: #"{ "fonts": { "regular": "NotoSans-Regular.ttf" }, "code": { "x": 0, "y": 0, "width": 26, "height": 26 }, "fields": { "lot": { "x": 20, "y": 2, "width": 30, "height": 4 } } }"#,
               mentions: ["'fields.lot'", "overlaps the code box"]),
        Broken(kind: "layouts", json: #"{ "fonts": { "regular": "NotoSans-Regular.ttf" }, "code": { "x": 0, "y": 0, "width": 26, "height": 26 }, "fields": { "lot": { "x": 28, "y": 2, "width": 40, "height": 4 } } }"#,
               mentions: ["'fields.lot'", "reaches outside", "63.5 × 38.1 mm"]),
        Broken(kind: "layouts", json: #"{ "fonts": { "regular": "NotoSans-Regular.ttf" }, "code": { "x": 0, "y": 0, "width": 26, "height": 26 }, "fields": { "lot": { "x": 28, "y": 2, "width": 30, "height": 4, "size": 6, "minSize": 8 } } }"#,
               mentions: ["'fields.lot.minSize'"]),
        Broken(kind: "layouts", json: #"{ "fonts": { "regular": "NotoSans-Regular.ttf" }, "code": { "x": 0, "y": 0, "width": 26, "height": 26, "quietZone": 2 }, "fields": {} }"#,
               mentions: ["'code.quietZone'", "at least 4"]),
        Broken(kind: "layouts", json: #"{ "fonts": { "regular": "NotoSans-Regular.ttf" }, "code": { "x": 0, "y": 0, "width": 26, "height": 26 }, "fields": { "lot": { "x": 28, "y": 2, "width": 30, "right": 2, "height": 4 } } }"#,
               mentions: ["'fields.lot'", "either width or right"]),
    ]

    @Test("a broken template is refused naming file and field", arguments: brokenFiles)
    func brokenTemplate(_ broken: Broken) throws {
        let project = try TemporaryFolder.kept()
        let folder = project.appendingPathComponent("labels/\(broken.kind)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let name = broken.kind == "sheets" ? "avery-l7160" : "standard"
        let file = folder.appendingPathComponent("\(name).json")
        try broken.json.write(to: file, atomically: true, encoding: .utf8)
        var resources = bundled
        resources.projectTemplatesDirectory = project
        let error = #expect(throws: LabelError.self) {
            try TemplateCatalog(resources: resources).template(named: "avery-l7160")
        }
        let message = error?.description ?? ""
        #expect(message.contains(file.path), "\(message)")
        for expected in broken.mentions {
            #expect(message.contains(expected), "\(message)")
        }
    }

    @Test func lengthsInEveryUnit() throws {
        #expect(Length(parsing: "63.5mm") == .millimetres(63.5))
        #expect(Length(parsing: "2.625 in")?.millimetres() == 66.675)
        #expect(Length(parsing: "72pt")?.millimetres() == 25.4)
        #expect(Length(parsing: "50%")?.points(side: 100) == 50)
        #expect(Length(parsing: "12") == .millimetres(12))
        #expect(Length(parsing: "twelve") == nil)
    }

    @Test func locatesResourcesFromTheWorkingTree() throws {
        let found = try ResourceLocator.locate(executable: nil, workingDirectory: Checkout.path("Sources/Labels"),
                                               environment: [:])
        #expect(found.templatesDirectory.standardized.path == bundled.templatesDirectory.standardized.path)
        let error = #expect(throws: OutputError.self) {
            try ResourceLocator.locate(executable: nil, workingDirectory: URL(fileURLWithPath: "/proc"), environment: [:])
        }
        #expect(error?.description.contains("PASSPORT_RESOURCES") == true)
    }
}
