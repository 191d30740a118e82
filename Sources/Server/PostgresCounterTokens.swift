internal import Logging
internal import PostgresNIO

/// Counters in PostgreSQL (`passport_counter_tokens`), shared by every server on the database.
public struct PostgresCounterTokens: CounterTokenStore {
    let client: PostgresClient
    let logger: Logger

    public func counters() async throws(ServeError) -> [Counter] {
        do {
            var counters: [Counter] = []
            let rows = try await client.query("""
                SELECT name, token_sha256, created_at, revoked_at FROM passport_counter_tokens ORDER BY name
                """, logger: logger)
            for try await (name, hash, created, revoked) in rows.decode((String, String, String, String?).self) {
                counters.append(Counter(name: name, tokenSHA256: hash, createdAt: created, revokedAt: revoked))
            }
            return counters
        } catch {
            throw .database(PostgresFailure.describe(error))
        }
    }

    public func add(_ counter: Counter) async throws(ServeError) {
        do {
            // A revoked counter's row is replaced; a live one is left alone and reported.
            let rows = try await client.query("""
                INSERT INTO passport_counter_tokens (name, token_sha256, created_at, revoked_at)
                VALUES (\(counter.name), \(counter.tokenSHA256), \(counter.createdAt), NULL)
                ON CONFLICT (name) DO UPDATE
                    SET token_sha256 = EXCLUDED.token_sha256, created_at = EXCLUDED.created_at, revoked_at = NULL
                    WHERE passport_counter_tokens.revoked_at IS NOT NULL
                RETURNING name
                """, logger: logger)
            var inserted = false
            for try await _ in rows.decode(String.self) { inserted = true }
            if !inserted { throw ServeError.counterExists(counter.name) }
        } catch let error as ServeError {
            throw error
        } catch {
            throw .database(PostgresFailure.describe(error))
        }
    }

    public func revoke(name: String, at time: String) async throws(ServeError) {
        do {
            let rows = try await client.query("""
                UPDATE passport_counter_tokens SET revoked_at = \(time)
                WHERE name = \(name) AND revoked_at IS NULL RETURNING name
                """, logger: logger)
            var revoked = false
            for try await _ in rows.decode(String.self) { revoked = true }
            if !revoked { throw ServeError.unknownCounter(name) }
        } catch let error as ServeError {
            throw error
        } catch {
            throw .database(PostgresFailure.describe(error))
        }
    }
}
