import ArgumentParser
import BuildPipeline
import DigitalLink
import Foundation

struct RevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Withdraw a passport or a self-declared certificate for good.",
        discussion: """
        Records the revocation in status/revoked.yaml (keep it with your records); the next \
        `passport build` sets the credential's bit in the revocation list published at status/revocation.jwt, \
        and shops that import the new bundle see it as REVOKED. A revocation cannot be undone. \
        A recall is different: write `recall:` in the batch record instead (reversible). \
        Certifiers revoke what they signed with --certifier THEIR_FOLDER.
        """
    )

    @Option(help: "For certifiers: your certifier folder; revokes the credential you signed for this producer.")
    var certifier: String?

    @Option(help: "Why, in a few words (kept in status/revoked.yaml).")
    var reason: String = ""

    @Argument(help: "The producer's project folder.")
    var project: String

    @Argument(help: "What to revoke: batches/<id>, certificates/<id>, a bare batch or certificate id, or a credential id (https://…/dpp.json).")
    var credential: String

    func run() throws {
        let now = try BuildSupport.now()
        let result = try BuildSupport.attempt { () throws(BuildError) in
            try Revoke.run(projectRoot: URL(fileURLWithPath: project).standardizedFileURL, projectDisplay: project,
                           credential: credential, reason: reason, on: CalendarDate(containing: now), now: now,
                           certifierRoot: certifier.map { URL(fileURLWithPath: $0).standardizedFileURL },
                           certifierDisplay: certifier ?? "")
        }
        let folder = certifier ?? project
        if result.newlyRevoked {
            print("Revoked \(result.credential) (recorded in \(folder)/\(result.recordedIn)).")
        } else {
            print("\(result.credential) was already revoked; nothing changed.")
        }
        print(certifier == nil ? "Run `passport build \(project)` to publish the revocation list, and give shops the new bundle."
                               : "Publish \(folder)/status/revocation.jwt at your site; the producer's next build carries it to shops.")
    }
}
