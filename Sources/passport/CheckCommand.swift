import ArgumentParser
import BuildPipeline
import PassportModel

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a project's records and report every problem at once.",
        discussion: "Finds everything `build` would refuse: the records, the references between them, your keys and their permissions, certifiers' DID documents, evidence files, the credentials certifiers handed over, upstream inputs against upstream/ (signatures, digests, recalls, mass balance) and attestations against the value shares. Each problem is shown as file:line:column: field: what is wrong — how to fix. Nothing is signed or written. Certificates without a certifier's signature are listed as warnings (shown as self-declared, never as a badge). Exit code 0 when all is well (warnings included), 1 when there are problems."
    )

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let checked = try BuildSupport.attempt { () throws(BuildError) in
            try ProjectCheck.run(projectRoot: project.url, displayRoot: project.display)
        }
        checked.warnings.forEach(Console.error)
        let loaded = checked.project
        let network = try BuildSupport.attempt { () throws(BuildError) in
            try ValueNetwork.check(loaded, displayRoot: project.display)
        }
        print("\(project.display.isEmpty ? "Project" : project.display) is ready: \(loaded.products.count) products, \(loaded.batches.count) batches, \(loaded.certificates.count) certificates\(network.inputCount + network.confirmedCount > 0 ? "; \(network.inputCount) upstream inputs verified, \(network.confirmedCount) value shares confirmed" : "").")
    }
}
