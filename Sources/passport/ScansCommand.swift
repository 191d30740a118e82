import ArgumentParser
import Foundation
import Verify

struct ScansCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scans",
        abstract: "Share scan logs across shops to spot copied labels.",
        discussion: "Each shop exports its log (`passport scans export -o shop-a.csv`); the co-op merges them (`passport scans merge shop-a.csv shop-b.csv`) and gets the serials seen in more than one shop, and lot codes scanned more often than units were issued.",
        subcommands: [Export.self, Merge.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write this shop's scan log as CSV.",
            discussion: "Columns: scanned_at, shop, verdict, issuer, gtin, lot, serial, units_issued. Exit codes: 0 written, 64 usage error or unreadable log."
        )

        @OptionGroup var storeOptions: StoreOptions
        @Option(help: ArgumentHelp("The scan log (default: scans.sqlite in the trust store).", valueName: "path"))
        var scanLog: String?
        @Option(name: .shortAndLong, help: ArgumentHelp("Write the CSV here instead of standard output.", valueName: "file"))
        var output: String?
        @Option(help: ArgumentHelp("Only scans on or after this day, e.g. 2026-11-01.", valueName: "day"))
        var since: String?

        func run() throws {
            let path = scanLog ?? storeOptions.url.appendingPathComponent("scans.sqlite").path
            guard FileManager.default.fileExists(atPath: path) else {
                Console.error("There is no scan log at \(path) yet: scans are recorded by `passport verify`.")
                throw ExitCode(VerifyExit.usage)
            }
            let text: String
            do { text = ScanCSV.text(try ScanLog(path: path).scans(since: since)) } catch {
                Console.error(error.description)
                throw ExitCode(VerifyExit.usage)
            }
            guard let output else {
                FileHandle.standardOutput.write(Data(text.utf8))
                return
            }
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic) } catch {
                Console.error("\(output): \(error.localizedDescription). Check the folder exists and you may write to it.")
                throw ExitCode(VerifyExit.usage)
            }
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge shops' CSV exports and list possible copies.",
            discussion: "Exit codes: 0 nothing suspicious, 1 possible copies listed, 64 usage error or unreadable file."
        )

        @Argument(help: "CSV files written by `passport scans export`.")
        var files: [String]
        @Option(name: .shortAndLong, help: ArgumentHelp("Also write the merged scans here, as CSV.", valueName: "file"))
        var output: String?

        func run() throws {
            var exports: [[ScanRecord]] = []
            for file in files {
                do {
                    let text = try String(contentsOfFile: file, encoding: .utf8)
                    exports.append(try ScanCSV.records(from: text, path: file))
                } catch let error as VerifyError {
                    Console.error(error.description)
                    throw ExitCode(VerifyExit.usage)
                } catch {
                    Console.error("\(file): \(error.localizedDescription). Check the path, and that it is a UTF-8 CSV file.")
                    throw ExitCode(VerifyExit.usage)
                }
            }
            let report = CloneReport(merging: exports)
            if let output {
                do { try Data(ScanCSV.text(report.scans).utf8).write(to: URL(fileURLWithPath: output), options: .atomic) } catch {
                    Console.error("\(output): \(error.localizedDescription). Check the folder exists and you may write to it.")
                    throw ExitCode(VerifyExit.usage)
                }
            }
            report.lines.forEach { print($0) }
            if !report.isClean { throw ExitCode(ExitStatus.problem) }
        }
    }
}
