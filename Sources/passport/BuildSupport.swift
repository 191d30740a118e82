import ArgumentParser
import BuildPipeline
import Foundation
import Labels
import Output

/// Settings shared by the commands that write output.
enum BuildSupport {
    /// The build instant: SOURCE_DATE_EPOCH when set (reproducible builds), else now.
    static func now() throws -> Date {
        guard let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], !text.isEmpty else { return Date() }
        guard let seconds = Int(text), seconds >= 0 else {
            Console.error("SOURCE_DATE_EPOCH is `\(text)`, not a whole number of seconds since 1970 — unset it or fix it")
            throw ExitCode(ExitStatus.usage)
        }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    static func resources() throws -> ResourceLocator {
        do { return try ResourceLocator.locate() } catch {
            Console.error(error.description)
            throw ExitCode(ExitStatus.problem)
        }
    }

    /// Runs a library step, turning its error into a message and exit code 1.
    static func attempt<T>(_ body: () throws(BuildError) -> T) throws -> T {
        do { return try body() } catch {
            Console.error(error.description)
            throw ExitCode(ExitStatus.problem)
        }
    }

    /// "12 files written, 330 unchanged since the last build".
    static func siteFiles(_ tally: StagedPart.Tally) -> String {
        let written = "\(tally.written) file\(tally.written == 1 ? "" : "s") written"
        return tally.unchanged == 0 ? written : written + ", \(tally.unchanged) unchanged since the last build"
    }

    static func summary(_ report: ProjectBuild.Report) -> String {
        var lines = ["Signed \(report.passports) passport\(report.passports == 1 ? "" : "s") and \(report.conformityCredentials) conformity credential\(report.conformityCredentials == 1 ? "" : "s") (\(report.certifierSigned) signed by the certifier).",
                     "Site:   \(report.output.appendingPathComponent("site").path)  (\(report.pages) pages; \(siteFiles(report.siteFiles)))"]
        if report.inputsChecked + report.sharesConfirmed > 0 {
            lines.insert("Checked \(report.inputsChecked) upstream input\(report.inputsChecked == 1 ? "" : "s") against their signed passports; \(report.sharesConfirmed) value share\(report.sharesConfirmed == 1 ? "" : "s") confirmed by \(report.sharesConfirmed == 1 ? "its actor" : "their actors").", at: 1)
        }
        if report.labels > 0 {
            lines.append("Labels: \(report.output.appendingPathComponent("labels").path)  (\(report.labels) labels)")
        }
        lines.append("Bundle: \(report.output.appendingPathComponent("bundle/bundle.json").path)  (for shops: passport trust import)")
        let certifiers = report.output.appendingPathComponent("site/certifiers")
        if FileManager.default.fileExists(atPath: certifiers.path) {
            lines.append("Certifiers' DID documents: \(certifiers.path)  (for shops: passport trust add certifier)")
        }
        if let code = report.sampleCode {
            lines.append("Try a code as a shop would: passport verify '\(code.replacingOccurrences(of: "'", with: "'\\''"))'")
        }
        lines.append(contentsOf: report.labelNotes.map { "note: \($0)" })
        return lines.joined(separator: "\n")
    }
}

/// Where to write generated files.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Folder to write the site, labels and bundle into.")
    var output: String = "output"

    var url: URL { URL(fileURLWithPath: output).standardizedFileURL }
}
