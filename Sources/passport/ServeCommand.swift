import ArgumentParser
import Foundation
import Logging
import Server

/// `passport serve`: the passport site with a GS1 resolver, the counter verification service, and
/// the live preview; plus counter tokens and the trust store copy for PostgreSQL.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the passport site with a GS1 Digital Link resolver, and check codes for shop counters.",
        discussion: """
        `passport serve` (or `passport serve start`) serves the built site (./output/site) on \
        http://127.0.0.1:8080: passport pages, GS1 Digital Link answers (?linkType=…, linksets, \
        unit codes), /counter for shop counters and POST /api/verify for tills. With --watch it \
        rebuilds when you edit your records and reloads the browser.

        Counters that should record scans need a token: `passport serve tokens add till-1`. Without \
        --database the scan log is SQLite in the trust store; with --database postgres://… (or \
        PASSPORT_DATABASE_URL) any number of servers share one scan log, trust store and counter list \
        (copy the trust store there with `passport serve trust push`).

        Stop with Ctrl-C or SIGTERM: requests in progress finish first.
        """,
        subcommands: [ServeStart.self, ServeTokens.self, ServeTrust.self],
        defaultSubcommand: ServeStart.self
    )
}

/// Where counters, scans and (with PostgreSQL) the trust store are kept.
struct DatabaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp("PostgreSQL for the scan log, trust store and counters, e.g. postgres://passport:secret@db:5432/passport.",
                               discussion: "Default: $PASSPORT_DATABASE_URL; without either, SQLite and files in the trust store.",
                               valueName: "url"))
    var database: String?

    /// The PostgreSQL address, if one was given; exits with a usage error when it cannot be read.
    func url() throws -> DatabaseURL? {
        let text = database ?? ProcessInfo.processInfo.environment["PASSPORT_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        guard let text else { return nil }
        do { return try DatabaseURL(text) } catch {
            Console.error(error.description)
            throw ExitCode(ExitStatus.usage)
        }
    }

    /// Where counters live.
    func place(store: StoreOptions) throws -> ServeAdministration.Place {
        try url().map { .postgres($0) } ?? .folder(store.url)
    }
}

/// How the server logs (swift-log): level and format.
struct LogOptions: ParsableArguments {
    @Option(help: ArgumentHelp("trace, debug, info, notice, warning, error or critical (default: $PASSPORT_LOG_LEVEL, else info). debug logs every request.",
                               valueName: "level"))
    var logLevel: String?

    @Option(help: ArgumentHelp("text, or json for one JSON object per line.", valueName: "format"))
    var logFormat: String = "text"

    func validate() throws {
        guard ["text", "json"].contains(logFormat) else { throw ValidationError("--log-format is text or json") }
        guard level != nil else { throw ValidationError("--log-level is one of trace, debug, info, notice, warning, error, critical") }
    }

    var level: Logger.Level? {
        Logger.Level(rawValue: logLevel ?? ProcessInfo.processInfo.environment["PASSPORT_LOG_LEVEL"] ?? "info")
    }

    /// Sets up swift-log for this process and returns the server's logger.
    func logger() -> Logger {
        let json = logFormat == "json", level = self.level ?? .info
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "passport.serve")
    }
}

/// Helpers of the `serve` commands.
enum ServeSupport {
    /// A logger for one-shot commands: only problems, on standard error.
    static var quietLogger: Logger {
        var logger = Logger(label: "passport.serve") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .error
        return logger
    }

    /// Turns a library error into its message and exit code 1.
    static func attempt<T>(_ body: () async throws(ServeError) -> T) async throws -> T {
        do { return try await body() } catch {
            Console.error(error.description)
            throw ExitCode(ExitStatus.problem)
        }
    }
}
