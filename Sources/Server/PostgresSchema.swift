internal import Logging
internal import PostgresNIO

/// The tables `passport serve` keeps in PostgreSQL, and the migrations that make them.
///
/// Every process runs the migrations when it starts. They run in one transaction that first takes
/// an advisory lock, so several servers starting at once apply each migration exactly once, and a
/// migration that fails leaves nothing half done. Applied migrations are listed by name in
/// `passport_migrations`.
enum PostgresSchema {
    /// The advisory lock key the migrations hold (any fixed 64-bit number; "passport" in ASCII).
    static let migrationLock: Int64 = 0x7061_7373_706F_7274

    /// Migrations by name, in the order they apply. Never edit one that has shipped: add another.
    static let migrations: [(name: String, statements: [String])] = [
        ("scans-v1", [
            """
            CREATE TABLE passport_scans (
                id BIGSERIAL PRIMARY KEY,
                scanned_at TEXT NOT NULL,
                shop TEXT NOT NULL,
                verdict TEXT NOT NULL,
                issuer TEXT NOT NULL,
                gtin TEXT NOT NULL,
                lot TEXT NOT NULL,
                serial TEXT NOT NULL,
                units_issued INTEGER,
                recorded_at TIMESTAMPTZ NOT NULL DEFAULT now()
            )
            """,
            "CREATE INDEX passport_scans_by_unit ON passport_scans (gtin, lot, serial)",
            // Sightings of each serialized unit (scans with a genuine verdict), kept beside the log
            // so a scan reads one row however often its unit was scanned before.
            """
            CREATE TABLE passport_unit_sightings (
                gtin TEXT NOT NULL,
                lot TEXT NOT NULL,
                serial TEXT NOT NULL,
                sightings BIGINT NOT NULL,
                first_at TEXT NOT NULL,
                last_at TEXT NOT NULL,
                shops TEXT[] NOT NULL,
                PRIMARY KEY (gtin, lot, serial)
            )
            """,
            // One statement per scan. For a genuine serialized unit: make its sightings row if it
            // is new, lock it (scans of one unit on any server queue here; FOR UPDATE reads the
            // latest committed row), answer the earlier sightings, count this one. Then log the scan.
            """
            CREATE FUNCTION passport_record_scan(
                p_scanned_at TEXT, p_shop TEXT, p_verdict TEXT, p_seen_verdict TEXT, p_issuer TEXT,
                p_gtin TEXT, p_lot TEXT, p_serial TEXT, p_units_issued INTEGER, p_serialized BOOLEAN,
                OUT earlier_count BIGINT, OUT earlier_first TEXT, OUT earlier_last TEXT, OUT earlier_shops TEXT[])
            LANGUAGE plpgsql VOLATILE AS $$
            DECLARE
                seen passport_unit_sightings%ROWTYPE;
            BEGIN
                earlier_count := 0;
                IF p_serialized THEN
                    INSERT INTO passport_unit_sightings VALUES (p_gtin, p_lot, p_serial, 0, p_scanned_at, p_scanned_at, '{}')
                        ON CONFLICT (gtin, lot, serial) DO NOTHING;
                    SELECT * INTO seen FROM passport_unit_sightings
                     WHERE gtin = p_gtin AND lot = p_lot AND serial = p_serial FOR UPDATE;
                    IF seen.sightings > 0 THEN
                        earlier_count := seen.sightings;
                        earlier_first := seen.first_at;
                        earlier_last := seen.last_at;
                        earlier_shops := seen.shops;
                    END IF;
                    UPDATE passport_unit_sightings SET
                        sightings = seen.sightings + 1,
                        first_at = CASE WHEN seen.sightings = 0 THEN p_scanned_at ELSE LEAST(seen.first_at, p_scanned_at) END,
                        last_at = CASE WHEN seen.sightings = 0 THEN p_scanned_at ELSE GREATEST(seen.last_at, p_scanned_at) END,
                        shops = ARRAY(SELECT DISTINCT s COLLATE "C" FROM unnest(seen.shops || p_shop) AS t(s) ORDER BY 1)
                     WHERE gtin = p_gtin AND lot = p_lot AND serial = p_serial;
                END IF;
                INSERT INTO passport_scans (scanned_at, shop, verdict, issuer, gtin, lot, serial, units_issued)
                VALUES (p_scanned_at, p_shop, CASE WHEN earlier_count > 0 THEN p_seen_verdict ELSE p_verdict END,
                        p_issuer, p_gtin, p_lot, p_serial, p_units_issued);
            END
            $$
            """,
        ]),
        ("counters-v1", [
            """
            CREATE TABLE passport_counter_tokens (
                name TEXT PRIMARY KEY,
                token_sha256 TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                revoked_at TEXT
            )
            """,
        ]),
        ("trust-v1", [
            "CREATE TABLE passport_trust_files (name TEXT PRIMARY KEY, content BYTEA NOT NULL)",
            """
            CREATE TABLE passport_trust_state (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                generation BIGINT NOT NULL,
                pushed_at TEXT NOT NULL,
                pushed_from TEXT NOT NULL
            )
            """,
        ]),
        ("scans-v2", [
            // Many scans in one transaction (one commit for all): taken in the order given, which
            // the server sorts by unit so that concurrent batches lock units in the same order.
            """
            CREATE FUNCTION passport_record_scans(
                p_scanned_at TEXT[], p_shop TEXT[], p_verdict TEXT[], p_seen_verdict TEXT[], p_issuer TEXT[],
                p_gtin TEXT[], p_lot TEXT[], p_serial TEXT[], p_units_issued INTEGER[], p_serialized BOOLEAN[])
            RETURNS TABLE (ordinal INTEGER, earlier_count BIGINT, earlier_first TEXT, earlier_last TEXT, earlier_shops TEXT[])
            LANGUAGE plpgsql VOLATILE AS $$
            DECLARE
                answer RECORD;
            BEGIN
                FOR i IN 1 .. coalesce(array_length(p_gtin, 1), 0) LOOP
                    SELECT * INTO answer FROM passport_record_scan(p_scanned_at[i], p_shop[i], p_verdict[i],
                        p_seen_verdict[i], p_issuer[i], p_gtin[i], p_lot[i], p_serial[i],
                        NULLIF(p_units_issued[i], -1), p_serialized[i]);
                    ordinal := i;
                    earlier_count := answer.earlier_count;
                    earlier_first := answer.earlier_first;
                    earlier_last := answer.earlier_last;
                    earlier_shops := answer.earlier_shops;
                    RETURN NEXT;
                END LOOP;
            END
            $$
            """,
        ]),
    ]

    /// Applies the migrations not applied yet. Safe to run from many processes at once.
    /// - Returns: the names of the migrations this call applied.
    static func migrate(_ client: PostgresClient, logger: Logger) async throws(ServeError) -> [String] {
        do {
            return try await client.withTransaction(logger: logger) { connection -> [String] in
                try await connection.query("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger)
                try await connection.query("""
                    CREATE TABLE IF NOT EXISTS passport_migrations (
                        name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                    """, logger: logger)
                var applied = Set<String>()
                for try await name in try await connection.query("SELECT name FROM passport_migrations",
                                                                  logger: logger).decode(String.self) {
                    applied.insert(name)
                }
                var done: [String] = []
                for migration in migrations where !applied.contains(migration.name) {
                    for statement in migration.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query("INSERT INTO passport_migrations (name) VALUES (\(migration.name))",
                                               logger: logger)
                    done.append(migration.name)
                }
                return done
            }
        } catch {
            throw .database(PostgresFailure.describe(error))
        }
    }
}

/// What PostgreSQL (or the way to it) said, in one line.
enum PostgresFailure {
    static func describe(_ error: any Error) -> String {
        if let error = error as? ServeError { return error.description }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let detail = error.serverInfo?[.detail].map { " (\($0))" } ?? ""
                return message + detail
            }
            if let underlying = error.underlying { return "\(error.code): \(underlying)" }
            return "\(error.code)"
        }
        return String(describing: error)
    }
}
