import Foundation
import Testing
@testable import Labels

@Suite("Serial ranges and the benchmark")
struct SerialAndBenchmarkTests {
    @Test func serialRanges() throws {
        let range = try SerialRange(parsing: "000098-000102")
        #expect(range.count == 5 && range[0] == "000098" && range[4] == "000102" && range.last == "000102")
        #expect(range.description == "000098–000102")
        #expect(try SerialRange(parsing: "7")[0] == "7")
        #expect(try SerialRange(parsing: "9-11")[2] == "11")
        for bad in ["", "12-", "a-b", "20-10", "1-2-3", "１２"] {
            #expect(throws: LabelError.self, "\(bad)") { try SerialRange(parsing: bad) }
        }
    }

    @Test func sourceDateEpoch() {
        #expect(LabelRunRequest.sourceDateEpoch(["SOURCE_DATE_EPOCH": "1767225600"]) == fixedDate)
        #expect(LabelRunRequest.sourceDateEpoch([:]) == nil)
        #expect(LabelRunRequest.sourceDateEpoch(["SOURCE_DATE_EPOCH": "soon"]) == nil)
    }

    @Test func syntheticLabelsScan() throws {
        let template = try TemplateCatalog(resources: bundled).template(named: "avery-l7160")
        let pdf = try scratchFolder().appendingPathComponent("bench.pdf")
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
        let pdf = try scratchFolder().appendingPathComponent("bench.pdf")
        let result = try LabelBenchmark.run(count: count, template: template, resources: bundled, output: pdf)
        print(result)
        try? FileManager.default.removeItem(at: pdf.deletingLastPathComponent())
    }
}
