import ArgumentParser
import BuildPipeline
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new project from a complete example: an olive-oil co-op in its value network.",
        discussion: "Writes the co-op's project (passport.yaml, products, batches, certificates, a signing key in keys/ — keep it private: never publish that folder) and, each in its own folder with its own keys, its partners upstream (partners/: two growers and a bottle maker whose passports its inputs use, and a grower without a website), a certifier, and the co-op's network folder (network/). Everything is built in order, so `passport check` and `passport build` work at once. See docs/network.md."
    )

    @Argument(help: "Folder to create.")
    var directory: String

    func run() throws {
        let resources = try BuildSupport.resources()
        let now = try BuildSupport.now()
        let url = URL(fileURLWithPath: directory).standardizedFileURL
        let result = try BuildSupport.attempt { () throws(BuildError) in
            try Scaffold.create(at: url, display: directory, resources: resources, now: now)
        }
        print("Created \(directory): an example olive-oil co-op with 2 products, 2 batches and 2 certificates, in a value network:")
        print("  partners/   two growers and a bottle maker (their passports are the co-op's inputs, in upstream/), a grower confirming by did:key")
        print("  attestations/  value shares confirmed by the growers' own signatures")
        print("  certifier/  the certifier that signed the certificates;  network/  the co-op's signed member list for shops")
        print("Your signing key: \(directory)/keys/main.jwk (fingerprint \(result.keyFingerprint)) — keep it private and backed up.")
        print("Next: edit the YAML files, then `passport check \(directory)` and `passport build \(directory)`.")
    }
}
