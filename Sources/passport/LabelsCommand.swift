import ArgumentParser
import BuildPipeline
import Credentials
import Foundation
import Labels
import QRCode

struct LabelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "labels",
        abstract: "Print labels for a batch: PDF sheets, PNG and SVG files, and a manifest of every code.",
        discussion: """
        Templates are named as on the box: avery-l7160, avery-l7163, avery-l7651, avery-3474, \
        avery-5160, avery-5163, thermal-4x6in, thermal-50x30mm, brother-62mm (list them with \
        --list-templates). Put your own in <project>/templates/labels/. For a serialized batch, \
        --from and --count choose the units; --start-position skips labels already used on the \
        first sheet. Refuses to print a code too small to scan, and says what would make it fit.
        """
    )

    @OptionGroup var project: ProjectOptions

    @Option(name: .shortAndLong, help: "The batch to print (its file name in batches/ without .yaml).")
    var batch: String?

    @Option(name: .shortAndLong, help: "Label sheet or roll.")
    var template: String = BatchLabels.defaultTemplate

    @Option(help: "Layout to use instead of the template's own.")
    var layout: String?

    @Option(help: "Formats, comma-separated: pdf, png, svg.")
    var format: String = "pdf,png,svg"

    @Option(help: "First unit number to print (serialized batches).")
    var from: Int?

    @Option(help: "How many labels (default: every unit, or one sheet of a lot-level batch).")
    var count: Int?

    @Option(help: "Labels already used on the first sheet (0 = start at the top left).")
    var startPosition: Int = 0

    @Option(help: "QR error correction: L, M, Q or H.")
    var errorCorrection: String = "M"

    @Option(name: .shortAndLong, help: "Folder to write into: a subfolder per batch, and in it one per run that is not the whole batch on the default sheet (e.g. from-1-count-30).")
    var output: String = "output/labels"

    @Flag(help: "List the available templates and exit.")
    var listTemplates = false

    @Flag(help: "No progress bar.")
    var quiet = false

    func run() throws {
        let resources = try BuildSupport.resources()
        if listTemplates {
            let sheets: [SheetDefinition]
            do { sheets = try TemplateCatalog(resources: resources).sheets() } catch {
                Console.error(error.description)
                throw ExitCode(ExitStatus.problem)
            }
            for sheet in sheets { print("\(sheet.name)\t\(sheet.title): \(sheet.summary)") }
            return
        }
        guard let batch else {
            Console.error("say which batch to print with --batch (a file name in batches/ without .yaml)")
            throw ExitCode(ExitStatus.usage)
        }
        let formats = try parseFormats()
        guard let level = QRErrorCorrection(name: errorCorrection) else {
            Console.error("--error-correction `\(errorCorrection)` is not one of L, M, Q, H")
            throw ExitCode(ExitStatus.usage)
        }
        let loaded = try project.load()
        let now = try BuildSupport.now()
        let printer = try BuildSupport.attempt { () throws(BuildError) in
            try BatchLabels.forProject(loaded, resources: resources, documentDate: now)
        }
        let request = BatchLabels.Request(batchID: batch, template: template, layout: layout, formats: formats,
                                          from: from, count: count, startPosition: startPosition,
                                          errorCorrection: level)
        let bar = ProgressBar(enabled: !quiet && Console.isTerminal)
        let report = try BuildSupport.attempt { () throws(BuildError) in
            try printer.print(request, labelsFolder: URL(fileURLWithPath: output), progress: bar.update)
        }
        bar.finish()
        print(report.summary)
        let run = BatchLabels.runFolder(for: request)
        if !run.isEmpty {
            let batchFolder = URL(fileURLWithPath: output).appendingPathComponent(batch).path
            print("This run has its own folder, \(batchFolder)/\(run); the labels of the whole batch in \(batchFolder) are as they were.")
        }
    }

    private func parseFormats() throws -> Set<BatchLabels.LabelFormat> {
        var result: Set<BatchLabels.LabelFormat> = []
        for word in format.split(separator: ",") {
            guard let value = BatchLabels.LabelFormat(rawValue: word.trimmingCharacters(in: .whitespaces).lowercased()) else {
                Console.error("--format `\(word)` is not one of pdf, png, svg")
                throw ExitCode(ExitStatus.usage)
            }
            result.insert(value)
        }
        return result
    }
}

/// A one-line progress bar with rate and time left, on the terminal only.
final class ProgressBar {
    private let enabled: Bool
    private var total = 0
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastDraw: UInt64 = 0

    init(enabled: Bool, total: Int = 0) {
        self.enabled = enabled
        self.total = total
    }

    func update(_ done: Int) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastDraw > 100_000_000 else { return }
        lastDraw = now
        let seconds = Double(now - start) / 1e9
        let rate = seconds > 0 ? Double(done) / seconds : 0
        var line = "\r\(done) labels  \(Int(rate))/s"
        if total > done, rate > 0 { line += String(format: "  %.0f s left", Double(total - done) / rate) }
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
