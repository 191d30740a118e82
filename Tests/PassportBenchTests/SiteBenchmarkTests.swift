import Foundation
import PassportBench
import PassportTestSupport
import Testing

@Suite("The site benchmark")
struct SiteBenchmarkTests {
    @Test("the benchmark renders the pages it is asked for")
    func benchmark() throws {
        let start = Date()
        let count = try SiteBenchmark.renderSyntheticBatchPages(400, templatesDirectory: Checkout.path("Templates/site"))
        let seconds = Date().timeIntervalSince(start)
        #expect(count == 400)
        print("benchmark: \(count) batch pages in \(String(format: "%.2f", seconds)) s = \(Int(Double(count) / seconds)) pages/s (this build)")
    }
}
