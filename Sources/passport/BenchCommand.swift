import ArgumentParser
import BuildPipeline
import Foundation
import Output

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
        abstract: "Time `passport build` on the example project (signing, site, bundle).",
        discussion: "The first build writes a fresh output; the others rebuild into it, writing only what changed. With --edit, one lot's journey is edited before each rebuild, as a producer does in the preview."
    )

    @Option(help: "How many rebuilds to time after the first build.")
    var runs: Int = 10

    @Flag(help: "Also render labels in each build.")
    var labels = false

    @Flag(help: "Edit one lot's record before each rebuild.")
    var edit = false

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
    }

    func run() throws {
        let resources = try BuildSupport.resources()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("passport-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let project = scratch.appendingPathComponent("oliveto")
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        _ = try BuildSupport.attempt { () throws(BuildError) in
            try Scaffold.create(at: project, display: "oliveto", resources: resources, now: now)
        }
        let options = ProjectBuild.Options(projectRoot: project, displayRoot: "oliveto", output: scratch.appendingPathComponent("output"),
                                           now: now, resources: resources, renderLabels: labels)
        func build() throws -> (milliseconds: Double, report: ProjectBuild.Report) {
            let start = DispatchTime.now().uptimeNanoseconds
            let report = try BuildSupport.attempt { () throws(BuildError) in try ProjectBuild(options: options).run() }
            return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6, report)
        }
        let first = try build()
        let lot = project.appendingPathComponent("batches/evo-2026-a.yaml")
        let record = try String(contentsOf: lot, encoding: .utf8)
        var timings: [Double] = []
        var last = first.report
        for run in 0..<runs {
            if edit {
                let text = record.replacingOccurrences(of: "Filtered and bottled under nitrogen",
                                                       with: "Filtered and bottled under nitrogen on day \(run + 1)")
                guard text != record else { throw ValidationError("the example's lot no longer says what --edit changes") }
                try text.write(to: lot, atomically: true, encoding: .utf8)
            }
            let rebuilt = try build()
            timings.append(rebuilt.milliseconds)
            last = rebuilt.report
        }
        timings.sort()
        let median = timings[timings.count / 2]
        print(String(format: "passport build on the example (%@labels): first build %.1f ms (%d site files written)",
                     labels ? "with " : "no ", first.milliseconds, first.report.siteFiles.written))
        print(String(format: "rebuilds%@: median %.1f ms, best %.1f ms, worst %.1f ms over %d runs; the last wrote %d site files, left %d unchanged",
                     edit ? " after editing one lot" : " of an unchanged project", median, timings[0],
                     timings[timings.count - 1], runs, last.siteFiles.written, last.siteFiles.unchanged))
    }
}
