import ArgumentParser
import BuildPipeline
import Foundation
import PassportBench
import Site
import Output

/// `passport bench site`: how many batch pages per second the site generator renders.
struct BenchSite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Time rendering N batch passport pages of a synthetic project on all cores."
    )

    @Option(help: "How many batches (one page each).")
    var batches: Int = 2_000

    @Flag(help: "Write the whole site to a scratch folder (every language, linksets, the disk) instead of rendering pages in memory.")
    var write = false

    @Option(help: ArgumentHelp("Folder in which --write makes (and then removes) its scratch site. Default: the system's temporary folder.",
                               valueName: "folder"))
    var scratch: String?

    func validate() throws {
        guard (1...1_000_000).contains(batches) else { throw ValidationError("--batches must be between 1 and 1,000,000") }
    }

    func run() throws {
        let resources = try BuildSupport.resources()
        let templates = resources.templatesDirectory.appendingPathComponent("site")
        // Where the site is written matters on a busy ext4 file system: a folder whose block group
        // is full of recently deleted files (a shared /tmp) makes every new file slower to create.
        let parent = self.scratch.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? FileManager.default.temporaryDirectory
        let scratch = parent.appendingPathComponent("passport-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        if write { try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true) }
        let cpuStart = Self.cpuSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        let pages: Int
        do {
            pages = try SiteBenchmark.renderSyntheticBatchPages(batches, templatesDirectory: templates,
                                                                 output: write ? scratch : nil)
        } catch {
            Console.error(error.description)
            throw ExitCode(ExitStatus.problem)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpu = Self.cpuSeconds()
        print(String(format: "%d pages (%@) in %.2f s: %.0f pages/s on %d cores", pages,
                     write ? "whole site written to disk" : "batch pages rendered in memory", seconds,
                     Double(pages) / seconds, ProcessInfo.processInfo.activeProcessorCount))
        // CPU time does not depend on what else the machine runs: compare it between runs.
        print(String(format: "CPU %.2f s user + %.2f s system: %.0f µs a page", cpu.user - cpuStart.user,
                     cpu.system - cpuStart.system,
                     (cpu.user - cpuStart.user + cpu.system - cpuStart.system) / Double(max(1, pages)) * 1e6))
    }

    /// User and system CPU seconds this process has used (`getrusage`).
    private static func cpuSeconds() -> (user: Double, system: Double) {
        var usage = rusage()
        #if os(Linux)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return (0, 0) }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return (seconds(usage.ru_utime), seconds(usage.ru_stime))
    }
}
