internal import Foundation
internal import Logging
internal import NIOConcurrencyHelpers
internal import NIOPosix
internal import PostgresNIO
internal import ServiceLifecycle
internal import Verify

/// Where the server's trust store comes from: the shop's folder, or PostgreSQL.
protocol TrustSource: Sendable {
    /// A value that changes whenever the trust data changes; cheap to ask for.
    func version() async throws(ServeError) -> String
    /// Opens the trust data as it is now.
    func open() async throws(ServeError) -> TrustStore
}

/// The trust store folder `passport trust` manages; a change to `trust.json` or a bundle shows.
struct FolderTrustSource: TrustSource {
    let directory: URL

    func version() async throws(ServeError) -> String {
        var parts: [String] = []
        let files = [directory.appendingPathComponent("trust.json")]
            + ((try? FileManager.default.contentsOfDirectory(at: directory.appendingPathComponent("bundles"),
                                                              includingPropertiesForKeys: nil)) ?? [])
        for file in files.sorted(by: { $0.path < $1.path }) {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path) else { continue }
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            parts.append("\(file.lastPathComponent):\(attributes[.size] ?? 0):\(modified)")
        }
        return parts.joined(separator: "|")
    }

    func open() async throws(ServeError) -> TrustStore {
        do { return try TrustStore(directory: directory) } catch { throw .trustStore(error.description) }
    }
}

/// The trust data pushed into PostgreSQL (`passport serve trust push`), opened from a private copy.
struct PostgresTrustSource: TrustSource {
    let client: PostgresClient
    let logger: Logger
    /// Private folder the copies are written into (one per generation, the older ones removed).
    let cache: URL

    func version() async throws(ServeError) -> String {
        try await PostgresTrust.generation(client: client, logger: logger).map(String.init) ?? "none"
    }

    func open() async throws(ServeError) -> TrustStore {
        try? FileManager.default.removeItem(at: cache)
        let folder = cache.appendingPathComponent(UUID().uuidString)
        return try await PostgresTrust.materialize(client: client, logger: logger, into: folder)
    }
}

/// The verifier and the counters the server answers with right now, replaced whole when the
/// trust data or the counter tokens change (requests in flight keep the ones they started with).
final class LiveTrust: Sendable {
    struct Current: Sendable {
        var verifier: Verifier
        var trustVersion: String
        var producers: Int
        /// Live counters by token hash.
        var counters: [String: String]
    }

    private let state: NIOLockedValueBox<Current>

    init(_ current: Current) { state = NIOLockedValueBox(current) }

    var verifier: Verifier { state.withLockedValue { $0.verifier } }
    var current: Current { state.withLockedValue { $0 } }

    /// The counter a bearer token belongs to, if it is live.
    func counter(forToken token: String) -> String? {
        let hash = CounterTokens.hash(token)
        return state.withLockedValue { $0.counters[hash] }
    }

    func replace(_ update: (inout Current) -> Void) { state.withLockedValue(update) }
}

/// Builds verifiers and keeps `LiveTrust` up to date: polls the trust source and the counter
/// tokens every `interval`, rebuilding the verifier (on the thread pool: it reads and checks
/// bundles) only when the trust data changed.
struct TrustReloader: Sendable {
    let source: any TrustSource
    let tokens: any CounterTokenStore
    let options: Verifier.Options
    let clock: @Sendable () -> Date
    let pool: NIOThreadPool
    let interval: Duration
    let logger: Logger

    /// Opens the trust data and the counters for the first time.
    func load() async throws(ServeError) -> LiveTrust.Current {
        let version = try await source.version()
        let (verifier, producers) = try await makeVerifier()
        return LiveTrust.Current(verifier: verifier, trustVersion: version, producers: producers,
                                 counters: try await liveCounters())
    }

    func makeVerifier() async throws(ServeError) -> (Verifier, Int) {
        let store = try await source.open()
        let options = self.options, clock = self.clock
        do {
            let verifier = try await pool.runIfActive { Verifier(store: store, scanLog: nil, options: options, clock: clock) }
            return (verifier, store.producers.count)
        } catch {
            throw .trustStore("the server is shutting down (\(error))")
        }
    }

    func liveCounters() async throws(ServeError) -> [String: String] {
        var live: [String: String] = [:]
        for counter in try await tokens.counters() where counter.revokedAt == nil {
            live[counter.tokenSHA256] = counter.name
        }
        return live
    }

    /// Keeps `live` current until shutdown. A failed poll is logged and retried next time.
    func run(updating live: LiveTrust) async {
        await BackgroundService.repeating(every: interval) {
            do throws(ServeError) {
                let version = try await source.version()
                if version != live.current.trustVersion {
                    let (verifier, producers) = try await makeVerifier()
                    live.replace { $0.verifier = verifier; $0.trustVersion = version; $0.producers = producers }
                    logger.info("trust store reloaded", metadata: ["producers": "\(producers)"])
                }
                let counters = try await liveCounters()
                if counters != live.current.counters {
                    live.replace { $0.counters = counters }
                    logger.info("counter tokens reloaded", metadata: ["counters": "\(counters.count)"])
                }
            } catch {
                logger.warning("could not reload the trust store or counters", metadata: ["error": "\(error.description)"])
            }
        }
    }
}

/// A loop that runs beside the server and ends at shutdown, as a ServiceLifecycle service.
struct BackgroundService: Service, CustomStringConvertible {
    let description: String
    let body: @Sendable () async -> Void

    func run() async throws { await body() }

    /// Waits `interval`, then runs `body`, again and again until the server shuts down (shutdown
    /// cuts a wait short) — the loop of the trust reloader, the preview watcher and the site reloader.
    static func repeating(every interval: Duration, _ body: () async -> Void) async {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do { try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) } } catch { return }
            await body()
        }
    }
}
