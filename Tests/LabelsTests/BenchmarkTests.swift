import Foundation
import PassportTestSupport
import Testing
@testable import Labels

@Suite("The label benchmark")
struct BenchmarkTests {
    @Test func syntheticLabelsScan() throws {
        let template = try TemplateCatalog(resources: bundled).template(named: "avery-l7160")
        let pdf = try TemporaryFolder.kept().appendingPathComponent("bench.pdf")
        let result = try LabelBenchmark.run(count: 30, template: template, resources: bundled, output: pdf)
        #expect(result.count == 30 && result.pages == 2 && result.pdfBytes > 0 && result.codeVersions == 8...8)
        #expect(LabelBenchmark.syntheticContent(0).codeText.utf8.count == 150)
        let decoded = try decodeLabels(pdf: pdf, template: template, slots: 20..<22)
        #expect(decoded == [[LabelBenchmark.syntheticContent(20).codeText], [LabelBenchmark.syntheticContent(21).codeText]])
    }

    /// Throughput and memory at scale; run with PASSPORT_LABEL_BENCH=100000 in a release build.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PASSPORT_LABEL_BENCH"] != nil))
    func throughput() throws {
        let count = Int(ProcessInfo.processInfo.environment["PASSPORT_LABEL_BENCH"] ?? "") ?? 100_000
        let template = try TemplateCatalog(resources: bundled).template(named: "avery-l7160")
        let pdf = try TemporaryFolder.kept().appendingPathComponent("bench.pdf")
        let result = try LabelBenchmark.run(count: count, template: template, resources: bundled, output: pdf)
        print(result)
        try? FileManager.default.removeItem(at: pdf.deletingLastPathComponent())
    }
}
