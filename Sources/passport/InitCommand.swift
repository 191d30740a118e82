import ArgumentParser
import BuildPipeline
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new project from a complete example (an olive-oil cooperative).",
        discussion: "Writes passport.yaml, products, batches, certificates, a signing key in keys/ (keep it private: never publish that folder), and a demo certifier. Edit the files, then run `passport check` and `passport build`."
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
        print("Created \(directory): an example olive-oil cooperative with 2 products, 2 batches and 2 certificates.")
        print("Your signing key: \(directory)/keys/main.jwk (fingerprint \(result.keyFingerprint)) — keep it private and backed up.")
        print("Next: edit the YAML files, then `passport check \(directory)` and `passport build \(directory)`.")
    }
}
