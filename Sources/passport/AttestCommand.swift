import ArgumentParser
import BuildPipeline
import PassportNetwork
import Foundation

struct AttestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attest",
        abstract: "Have the people in your value share confirm it with their own signature.",
        discussion: "The producer writes a request (`attest request`) and sends it; the actor signs it in their own folder (`attest sign`) and sends back the .attestation.jwt, which the producer drops into attestations/. `build` checks it and the passport page shows the share as confirmed. See docs/network.md.",
        subcommands: [Request.self, Sign.self]
    )

    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the request for one actor to confirm their share of one batch.")

        @Option(help: "The batch's lot, e.g. L2026A.")
        var batch: String
        @Option(help: "The actor's id in passport.yaml, e.g. rossi.")
        var actor: String
        @OptionGroup var project: ProjectOptions
        @Option(name: .shortAndLong, help: "Folder to write the request file into.")
        var output: String = "."

        func run() throws {
            let file = try BuildSupport.attempt { () throws(BuildError) in
                try Attest.request(projectRoot: project.url, displayRoot: project.display, lot: batch, actorID: actor,
                                   outputFolder: URL(fileURLWithPath: output).standardizedFileURL)
            }
            print("Wrote \(file.path). Send it to the actor; they run `passport attest sign \(file.lastPathComponent)` in their folder.")
        }
    }

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "As the actor: read a request and sign what it says you received.",
            discussion: "Run it in your own folder: actor.yaml (name, signing_key, and base_url if you have a website; without one you are identified by did:key) or your own passport.yaml, with your key in keys/. Read the request first: you confirm the amount it states.")

        @Argument(help: "The request file.")
        var request: String
        @Option(help: "Your folder (actor.yaml or passport.yaml, and keys/).")
        var folder: String = "."
        @Option(name: .shortAndLong, help: "Folder to write the signed attestation into.")
        var output: String = "."

        func run() throws {
            let now = try BuildSupport.now()
            let signed = try BuildSupport.attempt { () throws(BuildError) in
                try Attest.sign(requestFile: URL(fileURLWithPath: request).standardizedFileURL, requestDisplay: request,
                                actorRoot: URL(fileURLWithPath: folder).standardizedFileURL, actorDisplay: folder,
                                outputFolder: URL(fileURLWithPath: output).standardizedFileURL, now: now)
            }
            let req = signed.request
            print("Confirmed as \(signed.did): \(req.actorName) received \(req.share) of lot \(req.lot) (\(req.productName)) from \(req.producerName).")
            print("Wrote \(signed.attestation.path)\(signed.didDocument.map { " and your DID document \($0.path)" } ?? ""). Send \(signed.didDocument == nil ? "it" : "them") to \(req.producerName) for its attestations/ folder.")
        }
    }
}
