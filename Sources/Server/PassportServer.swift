internal import Foundation
internal import Hummingbird
public import Logging
internal import NIOCore
internal import NIOPosix
internal import PostgresNIO
internal import ServiceLifecycle
internal import UnixSignals
internal import Verify

/// `passport serve`: the site and its GS1 Digital Link resolver, the verification API and counter
/// page, and (with `--watch`) the live preview, in one Hummingbird server.
public enum PassportServer {
    /// Makes NIO's event loops run Swift concurrency's tasks too, so a request is not handed from
    /// an event loop thread to the concurrency pool and back (on 2 cores that hand-off costs more
    /// than answering). Call once, first thing, in a process that only serves. Everything async
    /// in the server is then on event loops: blocking work (SQLite, bundle checks, file walks,
    /// rebuilds) goes to `NIOThreadPool` or a dispatch queue.
    /// - Returns: whether the takeover happened (it is not available everywhere).
    @discardableResult
    public static func takeOverConcurrencyPool() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }

    /// Runs until SIGTERM or SIGINT, then stops taking connections, lets requests in flight finish
    /// (so every acknowledged scan is committed) and closes the database last.
    /// - Parameter ready: called once listening, with the address (`http://127.0.0.1:8080`).
    public static func run(_ configuration: ServeConfiguration, logger: Logger,
                           ready: @escaping @Sendable (String) -> Void) async throws(ServeError) {
        let pool = NIOThreadPool.singleton
        let clock: @Sendable () -> Date = { [fixed = configuration.fixedNow] in fixed ?? Date() }
        let options = Verifier.Options(maximumBundleAge: configuration.maximumBundleAge, shop: "serve",
                                       sameSaleWindow: configuration.sameSaleWindow)

        // The site (optional) and the counter page, read before anything listens.
        var site: SiteSnapshot?
        if let folder = configuration.site {
            let files = try SiteFiles.load(root: folder)
            site = SiteSnapshot(files: files, resolver: Resolver(index: try ResolverIndex.load(files)), generation: 1)
            logger.info("site loaded", metadata: ["folder": "\(folder.path)", "files": "\(files.files.count)",
                                                  "bytes": "\(files.bytes)"])
        } else {
            logger.notice("no site: only the verification service and counter page are served")
        }
        let counter = try CounterPage.load(templates: configuration.templates)

        // Where scans, trust and counters live.
        var services: [any Service] = []
        let client: PostgresClient?
        let scans: any ScanStore
        let trustSource: any TrustSource
        let tokens: any CounterTokenStore
        switch configuration.database {
        case .sqlite(let path):
            client = nil
            do { scans = SQLiteScanStore(log: try ScanLog(path: path), pool: pool) } catch {
                throw .unreadable(path: path, reason: error.description)
            }
            trustSource = FolderTrustSource(directory: configuration.store)
            tokens = CounterTokenFile(storeDirectory: configuration.store)
            logger.info("scan log: SQLite", metadata: ["path": "\(path)"])
        case .postgres(let url):
            let postgres = PostgresClient(configuration: url.clientConfiguration(connections: configuration.databaseConnections),
                                          backgroundLogger: logger)
            client = postgres
            services.append(postgres)
            scans = PostgresScanStore(client: postgres, logger: logger,
                                      maximumWriters: max(1, configuration.databaseConnections / 2))
            let cache = FileManager.default.temporaryDirectory
                .appendingPathComponent("passport-serve-trust-\(ProcessInfo.processInfo.processIdentifier)")
            trustSource = PostgresTrustSource(client: postgres, logger: logger, cache: cache)
            tokens = PostgresCounterTokens(client: postgres, logger: logger)
            logger.info("scan log: PostgreSQL", metadata: ["database": "\(url)"])
        }

        let reloader = TrustReloader(source: trustSource, tokens: tokens, options: options, clock: clock, pool: pool,
                                     interval: configuration.reloadInterval, logger: logger)
        let live = LiveTrust(.init(verifier: Verifier(producers: [], bundles: [], scanLog: nil, options: options, clock: clock),
                                   trustVersion: "", producers: 0, counters: [:]))
        services.append(BackgroundService(description: "trust reloader") { await reloader.run(updating: live) })

        let liveSite = LiveSite(site)
        var channel: PreviewChannel?
        if let preview = configuration.preview, let folder = configuration.site {
            let previewChannel = PreviewChannel(generation: site?.generation ?? 0)
            channel = previewChannel
            let watcher = PreviewWatcher(preview: preview, excluded: [folder.deletingLastPathComponent()],
                                         siteFolder: folder, site: liveSite, channel: previewChannel, pool: pool,
                                         logger: logger)
            services.append(BackgroundService(description: "preview watcher") { await watcher.run() })
        } else if let folder = configuration.site {
            let reloader = SiteReloader(folder: folder, site: liveSite, interval: configuration.reloadInterval, pool: pool,
                                        logger: logger)
            services.append(BackgroundService(description: "site reloader") { await reloader.run() })
        }

        let responder = ServeResponder(
            site: liveSite, siteResponder: SiteResponder(preview: channel != nil),
            verify: VerifyService(trust: live, store: scans, limiter: RateLimiter(perMinute: configuration.rateLimitPerMinute),
                                  trustForwardedFor: configuration.trustForwardedFor, logger: logger),
            counter: counter, preview: channel,
            healthy: {
                guard let client else { return true }
                return (try? await client.query("SELECT 1", logger: logger)) != nil
            },
            logger: logger)

        var app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port),
                                                    serverName: "passport"),
            services: services,
            onServerRunning: { channel in
                let address = channel.localAddress
                let shown = "http://\(address?.ipAddress.map { $0.contains(":") ? "[\($0)]" : $0 } ?? configuration.host):\(address?.port ?? configuration.port)"
                logger.info("listening", metadata: ["address": "\(shown)"])
                ready(shown)
            },
            logger: logger)
        // With PostgreSQL running: migrate, then load trust and counters, before the first request.
        app.beforeServerStarts {
            if let client {
                let applied = try await PostgresSchema.migrate(client, logger: logger)
                if !applied.isEmpty { logger.info("database migrated", metadata: ["migrations": "\(applied)"]) }
            }
            let current = try await reloader.load()
            live.replace { $0 = current }
            if current.producers == 0 {
                logger.warning("the trust store trusts no producer yet: every code will be UNKNOWN ISSUER", metadata: [
                    "fix": "\(client == nil ? "passport trust import BUNDLE --trust-producer" : "passport serve trust push --database URL")",
                ])
            }
            logger.info("verification ready", metadata: ["producers": "\(current.producers)",
                                                         "counters": "\(current.counters.count)"])
        }
        do {
            try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        } catch let error as ServeError {
            throw error
        } catch let error as IOError {
            throw .cannotListen(host: configuration.host, port: configuration.port, reason: error.description)
        } catch {
            throw .database(PostgresFailure.describe(error))
        }
        logger.info("stopped")
    }
}
