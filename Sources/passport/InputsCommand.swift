import ArgumentParser
import BuildPipeline
import Foundation
import PassportNetwork

struct InputsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inputs",
        abstract: "Import the passports of what you make your products from.",
        subcommands: [Add.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import an upstream producer's published passports into upstream/, after checking every signature.",
            discussion: """
            SOURCE is the upstream's output folder, its bundle.json, or the https address (GS1 Digital \
            Link) of one of its batches. The signed passports, the upstream's DID document and its \
            signed manifest are stored under upstream/<its host>/ as plain files to review and commit. \
            Then name the batch in your batch record's `inputs:` (the command prints what to write); \
            `check` and `build` verify it offline. Exit codes: 0 imported, 1 refused (nothing written), 64 usage.
            """
        )

        @Argument(help: "The upstream's output folder, bundle.json, or a batch's https address.")
        var source: String

        @Option(help: "Your project folder.")
        var project: String = "."

        func run() async throws {
            let root = URL(fileURLWithPath: project).standardizedFileURL
            let report: UpstreamImport.Report
            do {
                report = try await UpstreamImport.run(source: source, projectRoot: root,
                                                      baseDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            } catch {
                Console.error(error.description)
                throw ExitCode(ExitStatus.problem)
            }
            print("\(report.replaced ? "Updated" : "Imported") \(report.producerName) (\(report.did)) into \(report.folder): signatures checked.")
            for batch in report.batches {
                if let recalled = batch.recalled {
                    print("warning: \(batch.link) is recalled (\(recalled)); a batch cannot use it.")
                }
                print("""
                  - name: \(batch.productName)
                    batch: \(batch.link)
                    sha256: \(batch.sha256)
                    quantity: …   # how much your batch uses\(batch.output.map { "; the batch made \($0)" } ?? "")
                """)
            }
            print("Add the lines above under `inputs:` in the batch that uses it, then run `passport check`.")
        }
    }
}
