import ArgumentParser
import BuildPipeline
import PassportModel

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a project's records and report every problem at once.",
        discussion: "Each problem is shown as file:line:column: field: what is wrong — how to fix. Nothing is written. Certificates without a certifier's signature are listed as warnings (shown as self-declared, never as a badge). Exit code 0 when all is well (warnings included), 1 when there are problems."
    )

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let loaded = try project.load()
        let notes = ProjectCheck.notes(loaded, displayRoot: project.display)
        notes.warnings.forEach(Console.error)
        if !notes.errors.isEmpty {
            notes.errors.forEach(Console.error)
            throw ExitCode(ExitStatus.problem)
        }
        print("\(project.display.isEmpty ? "Project" : project.display) is ready: \(loaded.products.count) products, \(loaded.batches.count) batches, \(loaded.certificates.count) certificates.")
    }
}
