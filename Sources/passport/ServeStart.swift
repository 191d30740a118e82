import ArgumentParser
import Foundation
import Logging
import Output
import Server

/// `passport serve [start] [PROJECT]`: runs the server until Ctrl-C or SIGTERM.
struct ServeStart: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Run the server (the default of `passport serve`).",
        discussion: "Settings may also come from the environment: PASSPORT_HOST, PASSPORT_PORT, PASSPORT_DATABASE_URL, PASSPORT_RATE_LIMIT, PASSPORT_LOG_LEVEL, PASSPORT_STORE. Exit codes: 0 stopped cleanly, 1 could not start (the message says why), 64 usage error."
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Serve this built site folder instead of OUTPUT/site.", valueName: "dir"))
    var site: String?

    @Flag(help: "Serve no site: only the counter page and the verification API.")
    var noSite = false

    @Option(help: ArgumentHelp("Address to listen on (default: $PASSPORT_HOST, else 127.0.0.1; 0.0.0.0 for every network).",
                               valueName: "address"))
    var host: String?

    @Option(help: ArgumentHelp("Port to listen on (default: $PASSPORT_PORT, else 8080; 0 picks a free one).", valueName: "port"))
    var port: Int?

    @Flag(help: "Rebuild the site when a record, template or image changes, and reload the browser.")
    var watch = false

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var databaseOptions: DatabaseOptions

    @Option(help: ArgumentHelp("The SQLite scan log when there is no --database (default: scans.sqlite in the trust store).",
                               valueName: "path"))
    var scanLog: String?

    @Option(help: ArgumentHelp("Connections to PostgreSQL from this server.", valueName: "n"))
    var databaseConnections: Int = 16

    @Option(help: ArgumentHelp("Verifications per client (counter or address) per minute; 0 for no limit (default: $PASSPORT_RATE_LIMIT, else 120).",
                               valueName: "n"))
    var rateLimit: Int?

    @Flag(help: "Behind a proxy: take the client's address from the last X-Forwarded-For entry.")
    var trustForwardedFor = false

    @Option(help: ArgumentHelp("Warn when a producer's bundle is older than this many days.", valueName: "days"))
    var maxBundleAge: Double = 30

    @Option(help: ArgumentHelp("A unit scanned again at the same counter within this many minutes of its first scan is the same sale, not a copy (0: never).",
                               valueName: "minutes"))
    var sameSaleMinutes: Double = 10

    @OptionGroup var logOptions: LogOptions
    @OptionGroup var clockOptions: ClockOptions

    func validate() throws {
        guard !(noSite && (site != nil || watch)) else { throw ValidationError("--no-site cannot go with --site or --watch.") }
        guard !(watch && site != nil) else {
            throw ValidationError("--watch rebuilds into OUTPUT/site; give the output folder with -o instead of --site.")
        }
        if let port = resolvedPort { guard (0...65_535).contains(port) else { throw ValidationError("--port is 0 to 65535.") } }
        guard databaseConnections >= 1 else { throw ValidationError("--database-connections must be at least 1.") }
        guard maxBundleAge > 0, maxBundleAge.isFinite else { throw ValidationError("--max-bundle-age must be a positive number of days.") }
        guard sameSaleMinutes >= 0, sameSaleMinutes.isFinite else { throw ValidationError("--same-sale-minutes must be 0 or more minutes.") }
        guard (resolvedRateLimit ?? 0) >= 0 else { throw ValidationError("--rate-limit is 0 (no limit) or more.") }
        guard !(databaseOptions.database != nil && scanLog != nil) else {
            throw ValidationError("--scan-log is the SQLite log; with --database the scan log is in PostgreSQL.")
        }
    }

    private var environment: [String: String] { ProcessInfo.processInfo.environment }
    private var resolvedPort: Int? { port ?? environment["PASSPORT_PORT"].flatMap(Int.init) }
    private var resolvedRateLimit: Int? { rateLimit ?? environment["PASSPORT_RATE_LIMIT"].flatMap(Int.init) }

    func run() async throws {
        let onEventLoops = PassportServer.takeOverConcurrencyPool()
        let logger = logOptions.logger()
        logger.debug("Swift concurrency runs on the server's event loops: \(onEventLoops)")
        let resources = try BuildSupport.resources()
        let database: ServeConfiguration.Database
        if let url = try databaseOptions.url() {
            database = .postgres(url)
        } else {
            database = .sqlite(path: scanLog ?? storeOptions.url.appendingPathComponent("scans.sqlite").path)
        }
        var configuration = ServeConfiguration(templates: resources.templatesDirectory, store: storeOptions.url,
                                               database: database)
        configuration.host = host ?? environment["PASSPORT_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        configuration.port = resolvedPort ?? 8080
        configuration.site = noSite ? nil : site.map { URL(fileURLWithPath: $0).standardizedFileURL }
            ?? output.url.appendingPathComponent("site")
        configuration.databaseConnections = databaseConnections
        configuration.rateLimitPerMinute = resolvedRateLimit ?? 120
        configuration.trustForwardedFor = trustForwardedFor
        configuration.maximumBundleAge = maxBundleAge * 86_400
        configuration.sameSaleWindow = sameSaleMinutes * 60
        configuration.fixedNow = try clockOptions.fixed()
        if watch {
            configuration.preview = try PreviewBuild.preview(project: project, output: output, resources: resources)
            if FileManager.default.fileExists(atPath: output.url.appendingPathComponent("site").path) {
                // Serve the last build at once; the watcher brings it up to date with the records.
                configuration.preview?.refreshAtStart = true
            } else {
                try PreviewBuild.buildOnce(project: project, output: output, resources: resources)
            }
        }
        let site = configuration.site?.path ?? "none"
        try await ServeSupport.attempt { () async throws(ServeError) in
            try await PassportServer.run(configuration, logger: logger) { address in
                var lines = ["Serving \(address)  (site: \(site))", "Counter page: \(address)/counter"]
                if watch {
                    lines.append("Watching \(project.url.path) for changes; pages reload by themselves.")
                    lines.append("The preview writes the first \(PreviewBuild.unitPages) unit pages of each lot (every issued serial still resolves here); run `passport build` before you publish.")
                }
                FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            }
        }
    }
}
