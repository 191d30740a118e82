import Foundation
import PassportTestSupport
import Testing

/// The benchmark commands run end to end on small sizes (their figures go to docs/benchmarks.md;
/// no timing is asserted here).
@Suite("Benchmarks")
struct BenchCommandTests {
    @Test("bench build, labels and site run and report their rate",
          arguments: [(["bench", "build", "--runs", "1"], "passport build on the example"),
                      (["bench", "build", "--runs", "2", "--edit"], "the last wrote 9 site files, left 346 unchanged"),
                      (["bench", "labels", "--count", "42"], "42 signed serialized labels on avery-l7160 into one PDF (2 pages"),
                      (["bench", "site", "--batches", "5"], "5 pages (batch pages rendered in memory)"),
                      (["bench", "site", "--batches", "3", "--write"], "whole site written to disk")])
    func benchmarksRun(arguments: [String], expected: String) throws {
        let directory = try TemporaryFolder()
        let result = try Command.run(arguments, in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(expected), "\(result.stdout)")
    }

    @Test("bench refuses sizes it cannot run")
    func badSizes() throws {
        let result = try Command.run(["bench", "labels", "--count", "0"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--count must be between 1 and 10,000,000"))
    }
}
