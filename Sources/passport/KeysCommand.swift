import ArgumentParser
import Credentials
import Foundation

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create and list the keys that sign your passports.",
        subcommands: [New.self, List.self]
    )

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a new signing key in keys/ (private, readable only by you): for a producer, an actor or a network.",
            discussion: "To rotate keys, create a new one and set `signing_key` in passport.yaml to its id. Keep old keys: their public halves stay in your DID document so passports you already printed still verify."
        )

        @Argument(help: "Key id: lower-case letters, digits and dashes, e.g. main or key-2027.")
        var id: String

        @Option(help: "The project folder.")
        var project: String = "."

        func run() throws {
            let store = KeyStore(projectDirectory: URL(fileURLWithPath: project))
            do {
                let key = try store.create(id: id)
                print("Created \(store.path(for: id)) (mode 0600). Fingerprint \(key.publicKey.fingerprint)")
                print("Public key \(key.publicKey.multikey) will be published in your DID document at the next build.")
                print("Without a website, this key is your identity as \(DIDKey(publicKey: key.publicKey).did) (give it to the producers whose value shares you confirm).")
            } catch {
                Console.error(error.description)
                throw ExitCode(ExitStatus.problem)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the project's keys and their fingerprints.")

        @Option(help: "The project folder.")
        var project: String = "."

        func run() throws {
            let store = KeyStore(projectDirectory: URL(fileURLWithPath: project))
            do {
                for id in try store.ids() {
                    let key = try store.load(id: id)
                    print("\(id)\t\(key.publicKey.fingerprint)\t\(key.publicKey.multikey)")
                }
            } catch {
                Console.error(error.description)
                throw ExitCode(ExitStatus.problem)
            }
        }
    }
}

