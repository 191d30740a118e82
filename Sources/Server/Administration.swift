public import Foundation
public import Logging
internal import PostgresNIO
internal import Credentials

/// The one-shot commands beside the server: counter tokens (`passport serve tokens …`) and copying
/// the trust store into PostgreSQL (`passport serve trust push`).
public enum ServeAdministration {
    /// Where counters live: the trust store folder, or PostgreSQL.
    public enum Place: Sendable {
        case folder(URL)
        case postgres(DatabaseURL)
    }

    /// Issues a token for a new counter; returns it (to show once: only its hash is kept).
    public static func addCounter(_ name: String, at place: Place, now: Date, logger: Logger) async throws(ServeError) -> String {
        try await withTokens(place, logger: logger) { tokens throws(ServeError) in
            try await CounterTokens.add(name: name, to: tokens, now: now)
        }
    }

    /// Every counter, revoked ones included.
    public static func counters(at place: Place, logger: Logger) async throws(ServeError) -> [Counter] {
        try await withTokens(place, logger: logger) { tokens throws(ServeError) in try await tokens.counters() }
    }

    /// Revokes a counter's token; servers refuse it within seconds.
    public static func revokeCounter(_ name: String, at place: Place, now: Date, logger: Logger) async throws(ServeError) {
        try await withTokens(place, logger: logger) { tokens throws(ServeError) in
            try await tokens.revoke(name: name, at: XSDDateTime.string(from: now))
        }
    }

    /// Copies the trust store folder into PostgreSQL for every server on it.
    public static func pushTrust(from store: URL, to url: DatabaseURL, now: Date, origin: String, force: Bool,
                                 logger: Logger) async throws(ServeError) -> PostgresTrust.PushReport {
        try await withDatabase(url, logger: logger) { client throws(ServeError) in
            try await PostgresTrust.push(from: store, client: client, logger: logger, now: now, origin: origin, force: force)
        }
    }

    private static func withTokens<T: Sendable>(_ place: Place, logger: Logger,
                                                _ body: (any CounterTokenStore) async throws(ServeError) -> T) async throws(ServeError) -> T {
        switch place {
        case .folder(let folder):
            return try await body(CounterTokenFile(storeDirectory: folder))
        case .postgres(let url):
            return try await withDatabase(url, logger: logger) { client throws(ServeError) in
                try await body(PostgresCounterTokens(client: client, logger: logger))
            }
        }
    }

    /// Runs `body` with a connected, migrated client, and closes it afterwards.
    static func withDatabase<T: Sendable>(_ url: DatabaseURL, logger: Logger,
                                          _ body: (PostgresClient) async throws(ServeError) -> T) async throws(ServeError) -> T {
        let client = PostgresClient(configuration: url.clientConfiguration(connections: 2), backgroundLogger: logger)
        do {
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await client.run() }
                defer { group.cancelAll() }
                _ = try await PostgresSchema.migrate(client, logger: logger)
                return try await body(client)
            }
        } catch let error as ServeError {
            throw error
        } catch {
            throw .database(PostgresFailure.describe(error))
        }
    }
}
