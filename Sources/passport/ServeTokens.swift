import ArgumentParser
import Foundation
import Server

/// `passport serve tokens add|list|revoke`: the counters allowed to record scans.
struct ServeTokens: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Give shop counters the tokens that let them record scans.",
        discussion: "Tokens are kept as SHA-256 hashes: in counters.json in the trust store, or in PostgreSQL with --database. A running server notices added and revoked tokens within seconds. Exit codes: 0 done, 1 refused (the message says why), 64 usage error.",
        subcommands: [Add.self, List.self, Revoke.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a token for a new counter and print it once.")

        @Argument(help: "The counter's name, e.g. till-1 (it is the shop name of the scans it records).")
        var name: String
        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var clock: ClockOptions

        func run() async throws {
            let place = try databaseOptions.place(store: storeOptions)
            let now = try clock.date()
            let token = try await ServeSupport.attempt { () async throws(ServeError) in
                try await ServeAdministration.addCounter(name, at: place, now: now, logger: ServeSupport.quietLogger)
            }
            print(token)
            Console.error("Token for counter \(name) (shown only now; keep it on that counter): enter it under Counter setup on /counter, or send it as `Authorization: Bearer TOKEN`.")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the counters and whether their tokens are live.")

        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var databaseOptions: DatabaseOptions

        func run() async throws {
            let place = try databaseOptions.place(store: storeOptions)
            let counters = try await ServeSupport.attempt { () async throws(ServeError) in
                try await ServeAdministration.counters(at: place, logger: ServeSupport.quietLogger)
            }
            guard !counters.isEmpty else {
                print("No counters yet. Add one with `passport serve tokens add NAME`.")
                return
            }
            for counter in counters {
                let state = counter.revokedAt.map { "revoked \($0)" } ?? "live"
                print("\(counter.name)  added \(counter.createdAt)  \(state)  sha256 \(counter.tokenSHA256.prefix(12))…")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a counter's token; its scans are no longer recorded.")

        @Argument(help: "The counter's name.")
        var name: String
        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var clock: ClockOptions

        func run() async throws {
            let place = try databaseOptions.place(store: storeOptions)
            let now = try clock.date()
            try await ServeSupport.attempt { () async throws(ServeError) in
                try await ServeAdministration.revokeCounter(name, at: place, now: now, logger: ServeSupport.quietLogger)
            }
            print("Revoked the token of counter \(name).")
        }
    }
}

/// `passport serve trust push`: copies the shop's trust store into PostgreSQL.
struct ServeTrust: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: "Share this trust store with every server on the PostgreSQL database.",
        subcommands: [Push.self]
    )

    struct Push: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the trust store (trusted producers, certifiers, imported bundles) into PostgreSQL.",
            discussion: "Manage trust as usual (`passport trust import`, `passport trust add`), then push. Servers on the database pick it up within seconds. Refused when the database holds a newer bundle of a producer (an older one could hide a recall) unless --force. Exit codes: 0 pushed, 1 refused, 64 usage error."
        )

        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var clock: ClockOptions
        @Flag(help: "Replace the database's trust data even with older bundles.")
        var force = false

        func run() async throws {
            guard let url = try databaseOptions.url() else {
                Console.error("Say which database: --database postgres://… or PASSPORT_DATABASE_URL.")
                throw ExitCode(ExitStatus.usage)
            }
            let now = try clock.date()
            let store = storeOptions.url
            let origin = ProcessInfo.processInfo.hostName
            let report = try await ServeSupport.attempt { () async throws(ServeError) in
                try await ServeAdministration.pushTrust(from: store, to: url, now: now, origin: origin, force: force,
                                                        logger: ServeSupport.quietLogger)
            }
            print("Pushed \(report.producers) producer\(report.producers == 1 ? "" : "s"), \(report.certifiers) certifier\(report.certifiers == 1 ? "" : "s") and \(report.bundles) bundle\(report.bundles == 1 ? "" : "s") to \(url) (generation \(report.generation)).")
        }
    }
}
