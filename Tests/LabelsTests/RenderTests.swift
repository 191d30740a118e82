import Foundation
import Output
import Pictures
import PassportTestSupport
import QRCode
import Testing
@testable import Labels

/// Decodes every label of a PDF with zbar: each label's area is rasterised on its own at
/// 300 dpi with pdftoppm, so results come in label order.
func decodeLabels(pdf: URL, template: LabelTemplate, slots: Range<Int>) throws -> [[String]] {
    let sheet = template.sheet
    return try ExternalCodes.read(pdf: pdf, slots: slots, perPage: sheet.labelsPerPage,
                                  size: (sheet.labelWidth, sheet.labelHeight), origin: sheet.labelOrigin(slot:))
}

/// The resolution in a PNG's pHYs chunk, read from the file's bytes.
func physDPI(_ url: URL) throws -> (x: Int, y: Int)? {
    let bytes = [UInt8](try Data(contentsOf: url))
    func be32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
    var offset = 8
    while offset + 12 <= bytes.count {
        let length = be32(offset)
        let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
        if type == "pHYs" {
            let unit = bytes[offset + 16]
            guard unit == 1 else { return nil }
            return (Int((Double(be32(offset + 8)) * 0.0254).rounded()), Int((Double(be32(offset + 12)) * 0.0254).rounded()))
        }
        if type == "IDAT" { return nil }  // pHYs must come before the image data
        offset += 12 + length
    }
    return nil
}

@Suite("Rendering")
struct RenderTests {
    static let catalog = TemplateCatalog(resources: bundled)
    static let renderer = LabelRenderer(resources: bundled)

    /// Batch codes on the mini labels (a signed unit code does not fit them), unit codes elsewhere.
    static func content(for template: LabelTemplate) -> @Sendable (Int) -> LabelContent {
        let batch = template.name == "avery-l7651"
        return { index in batch ? sampleContent(nil) : sampleContent(index + 1) }
    }

    static func expectedCode(_ template: LabelTemplate, _ index: Int) -> String {
        template.name == "avery-l7651" ? batchURI : unitURI(index + 1)
    }

    @Test("every shipped template: each label's code decodes to its URI, in order", arguments: TemplateTests.shipped)
    func everyLabelScans(name: String) throws {
        let template = try Self.catalog.template(named: name)
        let folder = try TemporaryFolder.kept()
        let count = template.sheet.labelsPerPage == 1 ? 3 : 4
        let pdf = folder.appendingPathComponent("labels.pdf")
        let report = try Self.renderer.render(
            LabelRunRequest(template: template, count: count, documentDate: fixedDate, pdf: pdf),
            content: Self.content(for: template))
        #expect(report.pageCount == (template.sheet.labelsPerPage == 1 ? 3 : 1))
        let decoded = try decodeLabels(pdf: pdf, template: template, slots: 0..<count)
        for index in 0..<count {
            #expect(decoded[index] == [Self.expectedCode(template, index)], "label \(index + 1)")
        }
    }

    @Test("every shipped template: PNG has the printer's dpi, whole-pixel modules and a clear quiet zone",
          arguments: TemplateTests.shipped)
    func pngIsPrintReady(name: String) throws {
        let template = try Self.catalog.template(named: name)
        let folder = try TemporaryFolder.kept()
        let pngs = folder.appendingPathComponent("png")
        _ = try Self.renderer.render(LabelRunRequest(template: template, count: 2, documentDate: fixedDate, pngDirectory: pngs),
                                     content: Self.content(for: template))
        let files = try FileManager.default.contentsOfDirectory(atPath: pngs.path).sorted()
        #expect(files.count == 2)
        let dpi = template.sheet.dpi
        for (index, file) in files.enumerated() {
            let url = pngs.appendingPathComponent(file)
            let phys = try #require(try physDPI(url))
            #expect(phys.x == dpi && phys.y == dpi)
            let image = try GrayImage(contentsOfFile: url.path)
            #expect(image.width == Int((template.sheet.labelWidth * Double(dpi) / 25.4).rounded()))
            #expect(image.height == Int((template.sheet.labelHeight * Double(dpi) / 25.4).rounded()))
            let text = Self.expectedCode(template, index)
            #expect(try ExternalCodes.read(image: url) == [text])
            try checkCode(in: image, template: template, symbol: QRMatrix(encoding: text))
        }
    }

    /// Finds the code inside its box and checks it pixel by pixel: only pure black and white,
    /// square modules of a whole number of pixels, matching the symbol, quiet zone white.
    func checkCode(in image: GrayImage, template: LabelTemplate, symbol: QRMatrix) throws {
        let scale = Double(template.sheet.dpi) / 72
        let box = template.geometry.code
        let left = Int((box.x * scale).rounded(.up)), top = Int((box.y * scale).rounded(.up))
        let right = min(image.width, Int((box.maxX * scale).rounded(.down)))
        let bottom = min(image.height, Int((box.maxY * scale).rounded(.down)))
        var minX = Int.max, maxX = -1, minY = Int.max, maxY = -1
        var grey = 0
        for y in top..<bottom {
            for x in left..<right {
                let value = image[x, y]
                if value != 0 && value != 255 { grey += 1 }
                if value < 128 { minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y) }
            }
        }
        #expect(grey == 0, "antialiased pixels in the code box")
        let side = maxX - minX + 1
        #expect(side == maxY - minY + 1)
        #expect(side % symbol.size == 0, "symbol is \(side) px for \(symbol.size) modules")
        let module = side / symbol.size
        #expect(module >= QRPlacement.minimumModuleDots(dpi: template.sheet.dpi))
        var wrong = 0
        for row in 0..<symbol.size {
            for column in 0..<symbol.size {
                let expected: UInt8 = symbol[row, column] ? 0 : 255
                for dy in 0..<module {
                    for dx in 0..<module where image[minX + column * module + dx, minY + row * module + dy] != expected {
                        wrong += 1
                    }
                }
            }
        }
        #expect(wrong == 0, "\(wrong) pixels differ from the symbol")
        let quiet = 4 * module
        #expect(minX - quiet >= 0 && minY - quiet >= 0 && maxX + quiet < image.width && maxY + quiet < image.height,
                "quiet zone leaves the label")
        var dirty = 0
        for y in max(0, minY - quiet)...min(image.height - 1, maxY + quiet) {
            for x in max(0, minX - quiet)...min(image.width - 1, maxX + quiet) {
                let inside = x >= minX && x <= maxX && y >= minY && y <= maxY
                if !inside && image[x, y] != 255 { dirty += 1 }
            }
        }
        #expect(dirty == 0, "\(dirty) non-white pixels in the quiet zone")
    }

    @Test func svgCodeIsExactRectanglesOfTheSymbol() throws {
        let template = try Self.catalog.template(named: "avery-l7160")
        let folder = try TemporaryFolder.kept()
        _ = try Self.renderer.render(
            LabelRunRequest(template: template, count: 1, documentDate: fixedDate, svgDirectory: folder.appendingPathComponent("svg")),
            content: { sampleContent($0 + 1) })
        let svg = try String(contentsOf: folder.appendingPathComponent("svg/label-000001.svg"), encoding: .utf8)
        // The code is the last filled path; each rectangle is "M x0 y0 L x1 y0 L x1 y1 L x0 y1 Z".
        let paths = svg.components(separatedBy: "<path ").filter { $0.contains("fill-rule:nonzero") }
        let d = try #require(paths.last?.components(separatedBy: "d=\"").last?.components(separatedBy: "\"").first)
        // (cairo ends a closed path with a move back to its start: pieces without a rectangle.)
        var rectangles: [(x0: Double, y0: Double, x1: Double, y1: Double)] = []
        for piece in d.split(separator: "Z") {
            let numbers = piece.split(whereSeparator: { $0 == " " || $0.isLetter }).compactMap { Double($0) }
            guard numbers.count == 8 else { continue }
            rectangles.append((numbers[0], numbers[1], numbers[4], numbers[5]))
        }
        #expect(rectangles.count > 100)
        let module = 5 * 72.0 / 300
        let left = rectangles.map { $0.x0 }.min() ?? 0
        let top = rectangles.map { $0.y0 }.min() ?? 0
        let symbol = try QRMatrix(encoding: unitURI(1))
        var grid = Array(repeating: Array(repeating: false, count: symbol.size), count: symbol.size)
        for (x0, y0, x1, y1) in rectangles {
            let columns = (x0 - left) / module, rows = (y0 - top) / module
            let width = (x1 - x0) / module, height = (y1 - y0) / module
            for value in [columns, rows, width, height] { #expect(abs(value - value.rounded()) < 0.01) }
            for row in Int(rows.rounded())..<Int((rows + height).rounded()) {
                for column in Int(columns.rounded())..<Int((columns + width).rounded()) { grid[row][column] = true }
            }
        }
        for row in 0..<symbol.size {
            for column in 0..<symbol.size { #expect(grid[row][column] == symbol[row, column], "module \(row), \(column)") }
        }
    }

    @Test func sameInputGivesSameBytes() throws {
        let template = try Self.catalog.template(named: "avery-l7160")
        var runs: [[String: Data]] = []
        for _ in 0..<2 {
            let folder = try TemporaryFolder.kept()
            _ = try Self.renderer.render(
                LabelRunRequest(template: template, count: 3, documentDate: fixedDate, title: "Lot L2026A",
                                pdf: folder.appendingPathComponent("labels.pdf"),
                                pngDirectory: folder.appendingPathComponent("png"),
                                svgDirectory: folder.appendingPathComponent("svg"),
                                manifest: folder.appendingPathComponent("labels.csv")),
                content: { sampleContent($0 + 1) })
            var files: [String: Data] = [:]
            let enumerator = FileManager.default.enumerator(atPath: folder.path)
            while let path = enumerator?.nextObject() as? String {
                let url = folder.appendingPathComponent(path)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files[path] = try Data(contentsOf: url)
                }
            }
            runs.append(files)
        }
        #expect(runs[0].keys.sorted() == ["labels.csv", "labels.pdf", "png/label-000001.png", "png/label-000002.png",
                                         "png/label-000003.png", "svg/label-000001.svg", "svg/label-000002.svg",
                                         "svg/label-000003.svg"])
        for (path, data) in runs[0] {
            #expect(runs[1][path] == data, "\(path) differs between runs")
        }
        let svg = String(decoding: try #require(runs[0]["svg/label-000001.svg"]), as: UTF8.self)
        #expect(svg.contains(#"width="180pt" height="108pt""#) && !svg.contains("surface"))
    }

    @Test func pdfHasVectorTextEmbeddedFontsAndAFixedDate() throws {
        let template = try Self.catalog.template(named: "avery-l7163")
        let folder = try TemporaryFolder.kept()
        let pdf = folder.appendingPathComponent("labels.pdf")
        let report = try Self.renderer.render(
            LabelRunRequest(template: template, count: 20, documentDate: fixedDate, title: "Lot L2026A", pdf: pdf),
            content: { sampleContent($0 + 1) })
        #expect(report.pageCount == 2)
        let fonts = try ExternalTool.run("/usr/bin/pdffonts", [pdf.path]).stdout
        #expect(fonts.contains("NotoSans-Regular") && fonts.contains("NotoSans-Bold"))
        let fontLines = fonts.split(separator: "\n").dropFirst(2)
        #expect(!fontLines.isEmpty && fontLines.allSatisfy { $0.contains(" yes yes ") }, "\(fonts)")  // embedded, subset
        let info = try ExternalTool.run("/usr/bin/pdfinfo", [pdf.path]).stdout
        #expect(info.contains("Title:           Lot L2026A"))
        #expect(info.contains("CreationDate:") && info.contains("2026"), "\(info)")
        #expect(info.contains("Pages:           2"))
        let text = try ExternalTool.run("/usr/bin/pdftotext", ["-f", "1", "-l", "1", pdf.path, "-"]).stdout
        #expect(text.contains("Frantoio Oliveto") && text.contains("No. 000001"))
        let bytes = String(decoding: try Data(contentsOf: pdf), as: UTF8.self)
        #expect(bytes.contains("/ImageMask true") && bytes.contains("/Interpolate false") && !bytes.contains("/Interpolate true"))
    }

    @Test func startPositionSkipsUsedSlots() throws {
        let template = try Self.catalog.template(named: "avery-l7160")
        let folder = try TemporaryFolder.kept()
        let pdf = folder.appendingPathComponent("labels.pdf"), manifest = folder.appendingPathComponent("labels.csv")
        let report = try Self.renderer.render(
            LabelRunRequest(template: template, count: 18, documentDate: fixedDate, startPosition: 5, pdf: pdf, manifest: manifest),
            content: { sampleContent($0 + 1) })
        #expect(report.pageCount == 2)
        let decoded = try decodeLabels(pdf: pdf, template: template, slots: 4..<7)
        #expect(decoded == [[], [unitURI(1)], [unitURI(2)]])
        let lastPage = try decodeLabels(pdf: pdf, template: template, slots: 21..<23)
        #expect(lastPage == [[unitURI(17)], [unitURI(18)]])
        let rows = try String(contentsOf: manifest, encoding: .utf8).split(separator: "\r\n")
        #expect(rows.first == "serial,code,label,sheet,position")
        #expect(rows[1] == "000001,\(unitURI(1)),1,1,6")
        #expect(rows.last == "000018,\(unitURI(18)),18,2,2")
        #expect(rows.count == 19)
    }

    @Test func manifestQuotesWhatCSVNeeds() throws {
        #expect(ManifestWriter.quoted("plain") == "plain")
        #expect(ManifestWriter.quoted("a,b") == "\"a,b\"")
        #expect(ManifestWriter.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(ManifestWriter.quoted("two\r\nlines") == "\"two\r\nlines\"")
        #expect(ManifestWriter.quoted(" padded") == "\" padded\"")
    }

    @Test func aFailedRunLeavesNothingBehind() throws {
        struct SigningFailed: Error, CustomStringConvertible { var description: String { "the signing key is locked" } }
        let template = try Self.catalog.template(named: "avery-l7160")
        let output = try TemporaryFolder.kept().appendingPathComponent("labels")
        var staged: StagedOutput? = try StagedOutput(destination: output)
        let folder = try #require(staged).part("lot")
        let error = #expect(throws: LabelError.self) {
            try Self.renderer.render(
                LabelRunRequest(template: template, count: 40, documentDate: fixedDate,
                                pdf: folder.appendingPathComponent("labels.pdf"),
                                pngDirectory: folder.appendingPathComponent("png"),
                                svgDirectory: folder.appendingPathComponent("svg"),
                                manifest: folder.appendingPathComponent("labels.csv")),
                content: { index in
                    if index == 33 { throw SigningFailed() }
                    return sampleContent(index + 1)
                })
        }
        #expect(error?.description == "Label 34 could not be prepared: the signing key is locked")
        staged = nil  // the run is abandoned: its staging folder goes
        #expect(!FileManager.default.fileExists(atPath: output.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path).isEmpty)
    }

    @Test func aFailedRunKeepsThePreviousOutput() throws {
        let template = try Self.catalog.template(named: "thermal-50x30mm")
        let output = try TemporaryFolder.kept()
        let folder = output.appendingPathComponent("lot")
        func request(into part: URL) -> LabelRunRequest {
            LabelRunRequest(template: template, count: 2, documentDate: fixedDate,
                            pdf: part.appendingPathComponent("labels.pdf"), pngDirectory: part.appendingPathComponent("png"))
        }
        let first = try StagedOutput(destination: output)
        _ = try Self.renderer.render(request(into: try first.part("lot")), content: { sampleContent($0 + 1) })
        try first.commit()
        let before = try Data(contentsOf: folder.appendingPathComponent("labels.pdf"))
        let second = try StagedOutput(destination: output)
        let part = try second.part("lot")
        #expect(throws: LabelError.self) {
            try Self.renderer.render(request(into: part), content: { _ in sampleContent(1, productName: "") })  // duplicate serials
        }
        #expect(try Data(contentsOf: folder.appendingPathComponent("labels.pdf")) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("png").path).count == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["labels.pdf", "png"])
    }

    @Test func duplicateSerialsAreRefusedWhenFilesAreNamedByThem() throws {
        let template = try Self.catalog.template(named: "avery-l7160")
        let folder = try TemporaryFolder.kept()
        let error = #expect(throws: LabelError.self) {
            try Self.renderer.render(
                LabelRunRequest(template: template, count: 3, documentDate: fixedDate, pngDirectory: folder.appendingPathComponent("png")),
                content: { sampleContent($0 == 2 ? 1 : $0 + 1) })
        }
        #expect(error?.description.contains("Serial '000001' appears twice") == true)
    }

    @Test func badRequestsAreExplained() throws {
        let template = try Self.catalog.template(named: "avery-l7160")
        let pdf = try TemporaryFolder.kept().appendingPathComponent("labels.pdf")
        let cases: [(LabelRunRequest, String)] = [
            (LabelRunRequest(template: template, count: 0, documentDate: fixedDate, pdf: pdf), "at least 1"),
            (LabelRunRequest(template: template, count: 1, documentDate: fixedDate, startPosition: 21, pdf: pdf), "positions 1 to 21"),
            (LabelRunRequest(template: template, count: 1, documentDate: fixedDate), "No output"),
        ]
        for (request, text) in cases {
            let error = #expect(throws: LabelError.self) { try Self.renderer.render(request, content: { sampleContent($0) }) }
            #expect(error?.description.contains(text) == true, "\(String(describing: error))")
        }
    }

    @Test func progressCountsUpToTheTotal() throws {
        let template = try Self.catalog.template(named: "avery-l7160")
        let folder = try TemporaryFolder.kept()
        var seen: [Int] = []
        let report = try Self.renderer.render(
            LabelRunRequest(template: template, count: 700, documentDate: fixedDate, pdf: folder.appendingPathComponent("labels.pdf")),
            content: { sampleContent($0 + 1) }, progress: { seen.append($0) })
        #expect(seen.last == 700 && seen == seen.sorted() && seen.count > 1)
        #expect(report.labelCount == 700 && report.pageCount == 34)
        #expect(report.codeVersions == 8...8)
    }
}
