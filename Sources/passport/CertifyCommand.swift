import ArgumentParser
import BuildPipeline
import Foundation

struct CertifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certify",
        abstract: "For certifiers: sign a producer's certificates as conformity credentials.",
        discussion: "Run in your certifier folder (certifier.yaml + keys/). Writes certificates/<id>.dcc.jwt, your public DID document and your revocation list into the producer's project; the producer's next build publishes them as certifier-signed. Keeps your status/ folder up to date: publish status/revocation.jwt at your site."
    )

    @Option(help: "Your certifier folder (holding certifier.yaml and keys/).")
    var certifier: String = "."

    @Argument(help: "The producer's project folder.")
    var project: String

    @Argument(help: "Certificate ids to sign (file names in certificates/ without .yaml); default: all naming you.")
    var certificates: [String] = []

    func run() throws {
        let now = try BuildSupport.now()
        let result = try BuildSupport.attempt { () throws(BuildError) in
            try Certify.run(certifierRoot: URL(fileURLWithPath: certifier).standardizedFileURL, certifierDisplay: certifier,
                            projectRoot: URL(fileURLWithPath: project).standardizedFileURL, projectDisplay: project,
                            certificateIDs: certificates, now: now)
        }
        print("Signed \(result.certificates.joined(separator: ", ")) as \(result.certifierDID).")
    }
}
