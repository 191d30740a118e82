import ArgumentParser
import BuildPipeline
import Foundation
import PassportModel
import Labels

/// `passport bench labels`: signed, serialized labels into one PDF, as a producer prints them.
struct BenchLabels: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "labels",
        abstract: "Time signing and rendering N serialized labels into one PDF (the example's serialized batch, enlarged)."
    )

    @Option(help: "How many labels.")
    var count: Int = 10_000

    @Option(help: "Label sheet or roll.")
    var template: String = BatchLabels.defaultTemplate

    func validate() throws {
        guard (1...10_000_000).contains(count) else { throw ValidationError("--count must be between 1 and 10,000,000") }
    }

    func run() throws {
        let resources = try BuildSupport.resources()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("passport-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let root = scratch.appendingPathComponent("oliveto")
        _ = try BuildSupport.attempt { () throws(BuildError) in
            try Scaffold.create(at: root, display: "oliveto", resources: resources, now: Date(timeIntervalSince1970: 1_790_000_000))
        }
        let batchFile = root.appendingPathComponent("batches/novello-2026-s.yaml")
        let text = try String(contentsOf: batchFile, encoding: .utf8)
            .replacingOccurrences(of: "quantity: 300", with: "quantity: \(count)")
            .replacingOccurrences(of: "count: 300, digits: 6", with: "count: \(count), digits: 8")
        try text.write(to: batchFile, atomically: true, encoding: .utf8)
        let project = try ProjectOptions.parse([root.path]).load()
        let printer = try BuildSupport.attempt { () throws(BuildError) in
            try BatchLabels.forProject(project, resources: resources, documentDate: Date(timeIntervalSince1970: 1_790_000_000))
        }
        let request = BatchLabels.Request(batchID: "novello-2026-s", template: template, formats: [.pdf])
        let start = DispatchTime.now().uptimeNanoseconds
        let report = try BuildSupport.attempt { () throws(BuildError) in
            try printer.render(request, into: scratch.appendingPathComponent("labels"))
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let pdf = scratch.appendingPathComponent("labels/labels.pdf")
        let size = (try? FileManager.default.attributesOfItem(atPath: pdf.path)[.size] as? Int) ?? 0
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print(String(format: "%d signed serialized labels on %@ into one PDF (%d pages, %.1f MB) in %.2f s: %.0f labels/s; peak memory %.0f MB; %d cores",
                     report.labelCount, template, report.pageCount, Double(size) / 1e6, seconds,
                     Double(report.labelCount) / seconds, Double(usage.ru_maxrss) / 1024,
                     ProcessInfo.processInfo.activeProcessorCount))
    }
}
