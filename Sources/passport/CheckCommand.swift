import ArgumentParser
import BuildPipeline
import PassportModel

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a project's records and report every problem at once.",
        discussion: "Each problem is shown as file:line:column: field: what is wrong — how to fix. Upstream inputs are checked against upstream/ (signatures, digests, recalls, mass balance) and attestations against the value shares. Nothing is written. Exit code 0 when all is well, 1 when there are problems."
    )

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let loaded = try project.load()
        let network = try BuildSupport.attempt { () throws(BuildError) in
            try ValueNetwork.check(loaded, displayRoot: project.display)
        }
        print("\(project.display.isEmpty ? "Project" : project.display) is ready: \(loaded.products.count) products, \(loaded.batches.count) batches, \(loaded.certificates.count) certificates\(network.inputCount + network.confirmedCount > 0 ? "; \(network.inputCount) upstream inputs verified, \(network.confirmedCount) value shares confirmed" : "").")
    }
}
