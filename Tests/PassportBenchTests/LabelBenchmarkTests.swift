import Foundation
import Labels
import Output
import PassportBench
import PassportTestSupport
import Testing

/// The bundled templates and fonts of this checkout.
let bundled = ResourceLocator(root: Checkout.root)

@Suite("The label benchmark")
struct LabelBenchmarkTests {
    @Test func syntheticLabelsScan() throws {
        let template = try TemplateCatalog(resources: bundled).template(named: "avery-l7160")
        let pdf = try TemporaryFolder.kept().appendingPathComponent("bench.pdf")
        let result = try LabelBenchmark.run(count: 30, template: template, resources: bundled, output: pdf)
        #expect(result.count == 30 && result.pages == 2 && result.pdfBytes > 0 && result.codeVersions == 8...8)
        #expect(LabelBenchmark.syntheticContent(0).codeText.utf8.count == 150)
        let sheet = template.sheet
        let decoded = try ExternalCodes.read(pdf: pdf, slots: 20..<22, perPage: sheet.labelsPerPage,
                                             size: (sheet.labelWidth, sheet.labelHeight), origin: sheet.labelOrigin(slot:))
        #expect(decoded == [[LabelBenchmark.syntheticContent(20).codeText], [LabelBenchmark.syntheticContent(21).codeText]])
    }

    /// Throughput and memory at scale; run with PASSPORT_LABEL_BENCH=100000 in a release build.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PASSPORT_LABEL_BENCH"] != nil))
    func throughput() throws {
        let count = Int(ProcessInfo.processInfo.environment["PASSPORT_LABEL_BENCH"] ?? "") ?? 100_000
        let template = try TemplateCatalog(resources: bundled).template(named: "avery-l7160")
        let folder = try TemporaryFolder()
        let result = try LabelBenchmark.run(count: count, template: template, resources: bundled,
                                            output: folder.appending("bench.pdf"))
        print(result)
    }
}
