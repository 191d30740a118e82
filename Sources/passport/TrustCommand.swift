import ArgumentParser
import Credentials
import Foundation
import Verify

struct TrustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: "Choose which producers and certifiers this shop trusts, and import their bundles.",
        discussion: "The trust store is a folder (--store, $PASSPORT_STORE, default ~/.local/share/passport) holding trust.json, the imported bundles and the scan log. Exit codes: 0 done, 1 refused (the message says why), 64 usage error.",
        subcommands: [Add.self, Import.self, List.self, Remove.self]
    )

    /// Prints a library error and exits 1.
    static func fail(_ error: VerifyError) -> ExitCode {
        Console.error(error.description)
        return ExitCode(ExitStatus.problem)
    }

    /// Reads a JSON file (a DID document).
    static func readJSON(_ path: String) throws -> JSONValue {
        do {
            return try JSONValue(parsing: try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch let error as CredentialError {
            throw fail(.unusableDIDDocument(path: path, reason: error.description))
        } catch {
            throw fail(.file(path: path, reason: error.localizedDescription))
        }
    }

    static func keyLines(_ keys: [PublicKey]) -> [String] {
        keys.map { "  key \($0.id)  fingerprint \($0.fingerprint)" }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Trust a producer or a certifier, with the keys of its DID document.",
            subcommands: [Producer.self, Certifier.self]
        )

        /// What both `add` commands are told: who, and the DID document holding its keys.
        struct PartyOptions: ParsableArguments {
            @Option(help: "The DID, e.g. did:web:oliveto.example.")
            var did: String
            @Option(help: ArgumentHelp("Its DID document (did.json).", valueName: "file"))
            var didDocument: String
            @Option(help: "The name to show (default: the host name).")
            var name: String?
            @OptionGroup var storeOptions: StoreOptions
            @OptionGroup var clock: ClockOptions

            /// Opens the store, lets `trust` add the party, saves, and prints what `trust` returns.
            func add(_ trust: (inout TrustStore, JSONValue, Date) throws(VerifyError) -> [String]) throws {
                var store = try storeOptions.open()
                let document = try TrustCommand.readJSON(didDocument)
                let now = try clock.date()
                do {
                    let lines = try trust(&store, document, now)
                    try store.save()
                    lines.forEach { print($0) }
                } catch { throw TrustCommand.fail(error) }
            }
        }

        struct Producer: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Trust a producer: its passports and unit codes will be accepted.",
                discussion: "Get the producer's did.json (published at <their site>/.well-known/did.json) and compare the fingerprints printed here with the ones they give you."
            )

            @OptionGroup var party: PartyOptions

            func run() throws {
                try party.add { (store, document, now) throws(VerifyError) in
                    let producer = try store.trustProducer(did: party.did, name: party.name, didDocument: document,
                                                           documentPath: party.didDocument, now: now)
                    return ["Now trusting producer \(producer.name) (\(producer.did)) with \(producer.keys.count) key\(producer.keys.count == 1 ? "" : "s"):"]
                        + TrustCommand.keyLines(producer.keys)
                        + ["Next: import its bundle with `passport trust import bundle.json`."]
                }
            }
        }

        struct Certifier: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Trust a certifier for the schemes it may certify.",
                discussion: "Example: passport trust add certifier --did did:web:terraviva-cert.example --did-document terraviva.did.json --scheme \"EU organic\" --scheme \"Regenerative Organic Certified\""
            )

            @OptionGroup var party: PartyOptions
            @Option(help: "A scheme it is trusted to certify; repeat for several.")
            var scheme: [String] = []

            func run() throws {
                try party.add { (store, document, now) throws(VerifyError) in
                    let certifier = try store.trustCertifier(did: party.did, name: party.name, schemes: scheme,
                                                             didDocument: document, documentPath: party.didDocument, now: now)
                    return ["Now trusting certifier \(certifier.name) (\(certifier.did)) for: \(certifier.schemes.joined(separator: ", "))."]
                        + TrustCommand.keyLines(certifier.keys)
                }
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a producer's verification bundle (bundle.json, or .well-known/passport-bundle.json from its site), or a co-op's member list (trust-list.json).",
            discussion: "The bundle's manifest must be signed by a key you trust for the producer. For a producer you do not trust yet — or one that changed its signing key — the command shows the key fingerprints; compare them with the producer's, then run it again with --trust-producer. A network's trust list works the same way with --trust-network, once: every member it lists is then trusted and their bundles import without asking; members it no longer lists stop being trusted; an older list than the one held is refused. Certifiers are never trusted by import: add them with `passport trust add certifier`."
        )

        @Argument(help: "The bundle file, or a network's trust-list.json.")
        var bundle: String
        @Flag(help: "Trust the bundle's producer with the keys of the bundle's own DID document (trust on first use, or accept a producer's new key).")
        var trustProducer = false
        @Flag(help: "Trust the network whose member list this is, with the keys of its DID document (after comparing fingerprints).")
        var trustNetwork = false
        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var clock: ClockOptions

        func run() throws {
            var store = try storeOptions.open()
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: bundle)) } catch {
                throw TrustCommand.fail(.file(path: bundle, reason: error.localizedDescription))
            }
            let now = try clock.date()
            if TrustStore.isTrustList(data) {
                let report: TrustListImportReport
                do {
                    report = try store.importTrustList(data, path: bundle, trustNetwork: trustNetwork, now: now)
                } catch { throw TrustCommand.fail(error) }
                Self.print(report)
                return
            }
            let report: BundleImportReport
            do {
                report = try store.importBundle(data, path: bundle, trustProducer: trustProducer, now: now)
            } catch { throw TrustCommand.fail(error) }
            Self.print(report)
        }

        static func print(_ report: TrustListImportReport) {
            let network = report.network
            if report.newlyTrusted {
                Swift.print("Now trusting network \(network.name) (\(network.did)) — make sure these fingerprints are the network's:")
                TrustCommand.keyLines(network.keys).forEach { Swift.print($0) }
            }
            let from = report.previousVersion.map { $0 == network.version ? " (already held)" : " (was version \($0))" } ?? ""
            Swift.print("Imported the member list of \(network.name), version \(network.version) issued \(network.issued)\(from): \(network.members.count) members trusted.")
            if !report.added.isEmpty { Swift.print("Members now trusted: \(report.added.joined(separator: ", "))") }
            if !report.removed.isEmpty { Swift.print("No longer members, no longer trusted: \(report.removed.joined(separator: ", "))") }
            for bundle in report.bundles {
                Swift.print("Imported \(bundle.producerName)'s bundle made \(XSDDateTime.string(from: bundle.createdAt)): \(bundle.batches) batches.")
                if !bundle.problems.isEmpty {
                    Swift.print("warning: codes of these batches will be reported TAMPERED:")
                    bundle.problems.forEach { Swift.print("  \($0)") }
                }
            }
            report.bundleNotes.forEach { Swift.print("note: \($0)") }
        }

        static func print(_ report: BundleImportReport) {
            if let trusted = report.newlyTrusted {
                Swift.print("Now trusting producer \(trusted.name) (\(trusted.did)) with the keys of its bundle — make sure these fingerprints are the producer's:")
                TrustCommand.keyLines(trusted.keys).forEach { Swift.print($0) }
            }
            let made = XSDDateTime.string(from: report.createdAt)
            let action = report.unchanged ? "Already up to date:" : report.replaced.map { "Replaced the bundle of \(XSDDateTime.string(from: $0)) with" } ?? "Imported"
            Swift.print("\(action) \(report.producerName)'s bundle made \(made): \(report.batches) batches, \(report.passports) passports, \(report.conformityCredentials) conformity credentials.")
            for certifier in report.certifiers {
                let schemes = certifier.schemes.joined(separator: ", ")
                guard !certifier.trusted else {
                    Swift.print("Certifier \(certifier.did) is trusted for \(schemes).")
                    continue
                }
                let published = (try? DIDWeb(did: certifier.did)).map { " (published at \($0.didDocumentURL); the producer's site keeps a copy at certifiers/\(certifier.did.replacingOccurrences(of: ":", with: "_")).did.json)" } ?? ""
                let flags = certifier.schemes.map { "--scheme \"\($0)\"" }.joined(separator: " ")
                Swift.print("note: certifier \(certifier.did) is not trusted for \(schemes), so its certificates show as warnings. To trust it, get its DID document\(published), compare its key fingerprint with the certifier's, then run `passport trust add certifier --did \(certifier.did) --did-document FILE \(flags)`.")
            }
            if !report.problems.isEmpty {
                Swift.print("warning: \(report.problems.count) credential\(report.problems.count == 1 ? "" : "s") in the bundle failed \(report.problems.count == 1 ? "its" : "their") check; codes of these batches will be reported TAMPERED:")
                report.problems.forEach { Swift.print("  \($0)") }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List trusted producers and certifiers, with key fingerprints and bundle ages.")

        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var clock: ClockOptions

        func run() throws {
            let store = try storeOptions.open()
            let now = try clock.date()
            print("Trust store: \(store.directory.path)")
            if store.producers.isEmpty && store.certifiers.isEmpty {
                print("Nothing is trusted yet. Import a producer's bundle with `passport trust import bundle.json --trust-producer`.")
                return
            }
            let loaded = store.loadBundles()
            for producer in store.producers {
                let via = producer.network.flatMap { store.network(did: $0) }.map { " as a member of \($0.name)" } ?? ""
                print("producer \(producer.name) (\(producer.did)), trusted since \(producer.addedAt)\(via)")
                TrustCommand.keyLines(producer.keys).forEach { print($0) }
                if let bundle = loaded.bundles.first(where: { $0.producer.did == producer.did }) {
                    let days = Int(now.timeIntervalSince(bundle.createdAt) / 86_400)
                    print("  bundle made \(XSDDateTime.string(from: bundle.createdAt)) (\(days) days old), \(bundle.batchCount) batches")
                } else if let problem = loaded.problems[producer.did] {
                    print("  bundle unusable: \(problem.description)")
                } else {
                    print("  no bundle imported")
                }
            }
            for network in store.networks {
                print("network \(network.name) (\(network.did)), member list version \(network.version) issued \(network.issued), \(network.members.count) members, trusted since \(network.addedAt)")
                TrustCommand.keyLines(network.keys).forEach { print($0) }
            }
            for certifier in store.certifiers {
                print("certifier \(certifier.name) (\(certifier.did)) for \(certifier.schemes.joined(separator: ", ")), trusted since \(certifier.addedAt)")
                TrustCommand.keyLines(certifier.keys).forEach { print($0) }
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop trusting a producer, certifier or network (its bundle, or the members its list made trusted, go too).")

        @Argument(help: "The DID to remove.")
        var did: String
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            var store = try storeOptions.open()
            do {
                let removed = try store.remove(did: did)
                try store.save()
                print("Removed \(did) (\(removed.joined(separator: ", "))).")
            } catch { throw TrustCommand.fail(error) }
        }
    }
}
