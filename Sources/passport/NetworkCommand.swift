import ArgumentParser
import BuildPipeline
import Credentials
import PassportNetwork
import Foundation

struct NetworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "For a co-op, market or association: publish the signed list of your members that shops import once.",
        discussion: "A network folder holds network.yaml, keys/ and members/. `build` writes output/site (the member list, a catalogue page of the members' products, a schema.org JSON feed, your DID document: publish it at your base_url) and output/list/trust-list.json for shops (`passport trust import`). See docs/network.md.",
        subcommands: [Init.self, AddMember.self, RemoveMember.self, AddCertifier.self, Build.self]
    )

    struct NetworkOptions: ParsableArguments {
        @Option(help: "The network folder.")
        var network: String = "."
        var url: URL { URL(fileURLWithPath: network).standardizedFileURL }
    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a network folder with its own signing key.")

        @Argument(help: "Folder to create.")
        var directory: String
        @Option(help: "The network's name, e.g. \"Rete Olivicola Val d'Orcia\".")
        var name: String
        @Option(help: "The https address the list and catalogue will be published at (also the network's did:web).")
        var baseURL: String

        func run() throws {
            let fingerprint = try BuildSupport.attempt { () throws(BuildError) in
                try NetworkFolder.initialize(at: URL(fileURLWithPath: directory).standardizedFileURL, display: directory,
                                             name: name, baseURL: baseURL)
            }
            print("Created \(directory) for \(name). Its key: \(directory)/keys/main.jwk (fingerprint \(fingerprint)) — shops compare this fingerprint once.")
            print("Next: `passport network add-member SOURCE --network \(directory)` for each member, then `passport network build`.")
        }
    }

    struct AddMember: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a member (or refresh its files) from its output folder, bundle.json or site address.")

        @Argument(help: "The member's output folder, bundle.json, or https site address.")
        var source: String
        @OptionGroup var options: NetworkOptions
        @OptionGroup var clock: ClockOptions

        func run() async throws {
            let now = try clock.fixed() ?? BuildSupport.now()
            let offer: MemberOffer
            do {
                offer = try await NetworkFolder.addMember(root: options.url, source: source,
                                                          baseDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), now: now)
            } catch {
                Console.error(error.description)
                throw ExitCode(ExitStatus.problem)
            }
            print("Member \(offer.name) (\(offer.did)), signatures checked; keys:")
            offer.keys.forEach { print("  key \($0.id)  fingerprint \($0.fingerprint)") }
            print("Run `passport network build` to publish the new list.")
        }
    }

    struct RemoveMember: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a member; the next build publishes a newer list without it.")

        @Argument(help: "The member's DID.")
        var did: String
        @OptionGroup var options: NetworkOptions

        func run() throws {
            let name = try BuildSupport.attempt { () throws(BuildError) in try NetworkFolder.removeMember(root: options.url, did: did) }
            print("Removed \(name) (\(did)). Run `passport network build`: shops that import the new list stop trusting it.")
        }
    }

    struct AddCertifier: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recognise a certifier for some schemes: shops importing your list trust it for them.")

        @Option(help: "The certifier's DID, e.g. did:web:terraviva-cert.example.")
        var did: String
        @Option(help: ArgumentHelp("Its DID document (did.json).", valueName: "file"))
        var didDocument: String
        @Option(help: "The name to show (default: the host name).")
        var name: String?
        @Option(help: "A scheme it certifies; repeat for several.")
        var scheme: [String] = []
        @OptionGroup var options: NetworkOptions

        func run() throws {
            let document = try TrustCommand.readJSON(didDocument)
            let certifier = try BuildSupport.attempt { () throws(BuildError) in
                try NetworkFolder.addCertifier(root: options.url, did: did, name: name, schemes: scheme, didDocument: document)
            }
            print("Recognised \(certifier.name) (\(certifier.did)) for \(certifier.schemes.joined(separator: ", ")). Run `passport network build`.")
        }
    }

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign the member list and write the catalogue, the JSON feed and the shops' trust list.")

        @OptionGroup var options: NetworkOptions
        @Option(name: .shortAndLong, help: "Output folder (default: output/ in the network folder).")
        var output: String?

        func run() throws {
            let destination = output.map { URL(fileURLWithPath: $0).standardizedFileURL }
                ?? options.url.appendingPathComponent("output")
            let now = try BuildSupport.now()
            let report = try BuildSupport.attempt { () throws(BuildError) in
                try NetworkFolder.build(root: options.url, display: options.network, output: destination, now: now)
            }
            print("Signed the member list of \(report.name) (\(report.did)), version \(report.version)\(report.changed ? "" : " (unchanged)"): \(report.members.count) members, \(report.products) products.")
            print("Site:       \(destination.appendingPathComponent("site").path)  (publish at the network's base_url)")
            print("Trust list: \(report.trustList.path)  (for shops: passport trust import; key fingerprint \(report.fingerprint))")
        }
    }
}
