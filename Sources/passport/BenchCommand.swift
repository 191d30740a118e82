import ArgumentParser
import BuildPipeline
import Foundation

/// `passport bench …`: throughput figures for docs/benchmarks.md, measured on the example.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure how fast passport builds, renders and verifies on this machine.",
        subcommands: [BenchBuild.self, BenchLabels.self, BenchSite.self, BenchVerifyCommand.self]
    )
}

struct BenchBuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Time `passport build` on the example project (signing, site, bundle)."
    )

    @Option(help: "How many builds to time.")
    var runs: Int = 10

    @Flag(help: "Also render labels in each build.")
    var labels = false

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
    }

    func run() throws {
        let resources = try BuildSupport.resources()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("passport-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let project = scratch.appendingPathComponent("oliveto")
        _ = try BuildSupport.attempt { () throws(BuildError) in
            try Scaffold.create(at: project, display: "oliveto", resources: resources, now: Date(timeIntervalSince1970: 1_790_000_000))
        }
        var timings: [Double] = []
        for _ in 0..<runs {
            let options = ProjectBuild.Options(projectRoot: project, displayRoot: "oliveto",
                                               output: scratch.appendingPathComponent("output"),
                                               now: Date(timeIntervalSince1970: 1_790_000_000), resources: resources,
                                               renderLabels: labels)
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try BuildSupport.attempt { () throws(BuildError) in try ProjectBuild(options: options).run() }
            timings.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        timings.sort()
        let median = timings[timings.count / 2]
        print(String(format: "passport build on the example (%@labels): median %.1f ms, best %.1f ms, worst %.1f ms over %d runs",
                     labels ? "with " : "no ", median, timings[0], timings[timings.count - 1], runs))
    }
}
