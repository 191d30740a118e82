public import Foundation
public import Logging
internal import Credentials
internal import Output
public import PostgresNIO
internal import Verify

/// The trust store in PostgreSQL, so every server on the database verifies against the same
/// producers, certifiers and bundles.
///
/// A shop manages its trust store as always (`passport trust import`, `trust add`), then copies it
/// into the database with `passport serve trust push`. The files are stored as they are
/// (`trust.json`, `bundles/*.json`) with a generation number; each server notices a new generation
/// within seconds, writes the files into a private folder and opens them with `TrustStore`, so
/// reading and checking them stays in one place.
public enum PostgresTrust {
    /// What `push` copied.
    public struct PushReport: Sendable {
        public var generation: Int64
        public var producers: Int
        public var certifiers: Int
        public var bundles: Int
    }

    /// The advisory lock pushes hold, so two pushes cannot interleave.
    static let pushLock: Int64 = 0x7472_7573_7470_7368

    /// Copies the trust store in `directory` into the database, replacing what was there.
    ///
    /// Refuses (unless `force`) when the database holds a newer bundle of a producer than the
    /// store: an older bundle could hide a recall, just as `passport trust import` refuses one.
    public static func push(from directory: URL, client: PostgresClient, logger: Logger, now: Date, origin: String,
                            force: Bool) async throws(ServeError) -> PushReport {
        let store: TrustStore
        do { store = try TrustStore(directory: directory) } catch { throw .trustStore(error.description) }
        guard let trust = try? Data(contentsOf: store.trustFile) else {
            throw .trustStore("\(directory.path) trusts nobody yet; add producers with `passport trust import` first")
        }
        var files: [(name: String, content: Data)] = [("trust.json", trust)]
        for producer in store.producers {
            guard let file = store.bundleFile(for: producer.did), let data = try? Data(contentsOf: file) else { continue }
            files.append(("bundles/" + file.lastPathComponent, data))
        }
        let mine = Dictionary(store.loadBundles().bundles.map { ($0.producer.did, $0.createdAt) }) { a, _ in a }
        do {
            return try await client.withTransaction(logger: logger) { connection -> PushReport in
                try await connection.query("SELECT pg_advisory_xact_lock(\(pushLock))", logger: logger)
                if !force {
                    let stored = try await storedFiles(connection, logger: logger)
                    if !stored.isEmpty {
                        try compare(stored: stored, mine: mine)
                    }
                }
                try await connection.query("DELETE FROM passport_trust_files", logger: logger)
                for file in files {
                    try await connection.query("""
                        INSERT INTO passport_trust_files (name, content) VALUES (\(file.name), \(file.content))
                        """, logger: logger)
                }
                let stamp = XSDDateTime.string(from: now)
                var generation: Int64 = 0
                let rows = try await connection.query("""
                    INSERT INTO passport_trust_state (id, generation, pushed_at, pushed_from) VALUES (1, 1, \(stamp), \(origin))
                    ON CONFLICT (id) DO UPDATE SET generation = passport_trust_state.generation + 1,
                        pushed_at = EXCLUDED.pushed_at, pushed_from = EXCLUDED.pushed_from
                    RETURNING generation
                    """, logger: logger)
                for try await value in rows.decode(Int64.self) { generation = value }
                return PushReport(generation: generation, producers: store.producers.count,
                                  certifiers: store.certifiers.count, bundles: files.count - 1)
            }
        } catch let error as ServeError {
            throw error
        } catch {
            throw .database(PostgresFailure.describe(error))
        }
    }

    /// The generation of the trust data in the database; `nil` when nothing was pushed yet.
    static func generation(client: PostgresClient, logger: Logger) async throws(ServeError) -> Int64? {
        do {
            let rows = try await client.query("SELECT generation FROM passport_trust_state WHERE id = 1", logger: logger)
            for try await value in rows.decode(Int64.self) { return value }
            return nil
        } catch {
            throw .database(PostgresFailure.describe(error))
        }
    }

    /// Writes the database's trust files into `directory` (created; must not exist) and opens them.
    static func materialize(client: PostgresClient, logger: Logger, into directory: URL) async throws(ServeError) -> TrustStore {
        let files: [(String, Data)]
        do {
            files = try await client.withConnection { connection in try await storedFiles(connection, logger: logger) }
        } catch {
            throw .database(PostgresFailure.describe(error))
        }
        return try write(files, into: directory)
    }

    // MARK: Helpers

    private static func storedFiles(_ connection: PostgresConnection, logger: Logger) async throws -> [(String, Data)] {
        var files: [(String, Data)] = []
        let rows = try await connection.query("SELECT name, content FROM passport_trust_files ORDER BY name", logger: logger)
        for try await (name, content) in rows.decode((String, Data).self) { files.append((name, content)) }
        return files
    }

    /// Throws when a stored bundle is newer than the one about to replace it.
    private static func compare(stored: [(String, Data)], mine: [String: Date]) throws(ServeError) {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("passport-trust-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let theirs = try write(stored, into: scratch).loadBundles().bundles
        for bundle in theirs {
            let did = bundle.producer.did
            if let local = mine[did], local < bundle.createdAt {
                throw .trustStore("the database holds a bundle of \(did) made \(XSDDateTime.string(from: bundle.createdAt)), newer than this store's (\(XSDDateTime.string(from: local))); import the newer bundle here first (an older one could hide a recall), or push with --force")
            }
        }
    }

    /// Writes trust files into a new folder, accepting only the names a trust store uses.
    private static func write(_ files: [(String, Data)], into directory: URL) throws(ServeError) -> TrustStore {
        do {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("bundles"),
                                                    withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            for (name, content) in files {
                let parts = name.split(separator: "/", omittingEmptySubsequences: false)
                let safe = name == "trust.json"
                    || (parts.count == 2 && parts[0] == "bundles" && parts[1].hasSuffix(".json")
                        && !parts[1].hasPrefix(".") && !parts[1].isEmpty)
                guard safe else { throw ServeError.trustStore("the database holds an unexpected trust file \(name)") }
                try FileWriter.writeAtomically(content, to: directory.appendingPathComponent(name), permissions: .ownerOnly)
            }
        } catch let error as ServeError {
            throw error
        } catch {
            throw .trustStore("\(directory.path): \((error as? OutputError)?.description ?? error.localizedDescription)")
        }
        do { return try TrustStore(directory: directory) } catch { throw .trustStore(error.description) }
    }
}
