import Foundation
import GRDB

/// One scan as the scan log keeps it (and as `passport scans export` writes it).
public struct ScanRecord: Sendable, Equatable, Hashable {
    /// When, as `YYYY-MM-DDThh:mm:ssZ`.
    public var scannedAt: String
    /// The shop (or till) that scanned it.
    public var shop: String
    /// The verdict's raw value (`GENUINE`, `SEEN_BEFORE`, …).
    public var verdict: String
    /// The producer's DID, when known.
    public var issuer: String
    public var gtin: String
    public var lot: String
    /// Empty for lot-level codes.
    public var serial: String
    /// Units the producer issued under the code: 1 for a serial, the batch size for a lot code.
    public var unitsIssued: Int?

    public init(scannedAt: String, shop: String, verdict: String, issuer: String, gtin: String, lot: String,
                serial: String, unitsIssued: Int?) {
        self.scannedAt = scannedAt
        self.shop = shop
        self.verdict = verdict
        self.issuer = issuer
        self.gtin = gtin
        self.lot = lot
        self.serial = serial
        self.unitsIssued = unitsIssued
    }

    /// Verdicts of scans that saw a genuine code: the ones that count as sightings of a unit.
    public static let sightingVerdicts: Set<String> = [
        Verdict.Kind.genuine.rawValue, Verdict.Kind.genuineWithWarnings.rawValue, Verdict.Kind.seenBefore.rawValue,
    ]
}

/// The shop's scan log: an embedded SQLite database (through GRDB) recording every scan, so a
/// second scan of the same serial can be recognised as a possible copy.
///
/// Safe to share between threads and between processes (WAL journal, busy timeout).
public final class ScanLog: Sendable {
    /// Where the database lives (`:memory:` for an in-memory log).
    public let path: String
    private let database: DatabaseQueue

    /// Opens (creating if needed) the scan log at `path`.
    /// - Throws: `VerifyError.scanLog` when the file cannot be opened or is not a scan log.
    public init(path: String) throws(VerifyError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.label = "passport scan log"
        do {
            if path != ":memory:" {
                try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                        withIntermediateDirectories: true)
                configuration.journalMode = .wal
                configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
                database = try DatabaseQueue(path: path, configuration: configuration)
            } else {
                database = try DatabaseQueue(configuration: configuration)
            }
            try Self.migrator.migrate(database)
        } catch {
            throw .scanLog(path: path, reason: Self.describe(error))
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("scans-v1") { db in
            try db.execute(sql: """
                CREATE TABLE scans (
                    id INTEGER PRIMARY KEY,
                    scanned_at TEXT NOT NULL,
                    shop TEXT NOT NULL,
                    verdict TEXT NOT NULL,
                    issuer TEXT NOT NULL,
                    gtin TEXT NOT NULL,
                    lot TEXT NOT NULL,
                    serial TEXT NOT NULL,
                    units_issued INTEGER
                );
                CREATE INDEX scans_by_unit ON scans (gtin, lot, serial);
                """)
        }
        return migrator
    }

    /// Records a scan, first looking up earlier sightings of the same unit.
    ///
    /// `decide` receives the earlier sightings (`nil` when there are none, or when the scan is
    /// not of a serialized unit) and returns the record to store — so the stored verdict can
    /// already say SEEN BEFORE. Lookup and insert happen in one transaction.
    public func record(serialized: Bool, gtin: String, lot: String, serial: String,
                       _ decide: (Verdict.EarlierScans?) -> ScanRecord) throws(VerifyError) -> ScanRecord {
        do {
            return try database.write { db -> ScanRecord in
                var earlier: Verdict.EarlierScans?
                if serialized {
                    let lookup = try db.cachedStatement(sql: """
                        SELECT COUNT(*), MIN(scanned_at), MAX(scanned_at)
                        FROM scans WHERE gtin = ? AND lot = ? AND serial = ? AND verdict IN (?, ?, ?)
                        """)
                    let arguments = StatementArguments([gtin, lot, serial] + ScanRecord.sightingVerdicts.sorted())
                    if let row = try Row.fetchOne(lookup, arguments: arguments), let count: Int = row[0], count > 0 {
                        let shops = try String.fetchAll(db, sql: """
                            SELECT DISTINCT shop FROM scans
                            WHERE gtin = ? AND lot = ? AND serial = ? AND verdict IN (?, ?, ?) ORDER BY shop
                            """, arguments: arguments)
                        earlier = Verdict.EarlierScans(count: count, first: row[1] ?? "", last: row[2] ?? "", shops: shops)
                    }
                }
                let record = decide(earlier)
                try Self.insert(record, into: db)
                return record
            }
        } catch {
            throw .scanLog(path: path, reason: Self.describe(error))
        }
    }

    /// Adds scans made elsewhere (for tests and merges), as they are.
    public func add(_ records: [ScanRecord]) throws(VerifyError) {
        do {
            try database.write { db in
                for record in records { try Self.insert(record, into: db) }
            }
        } catch {
            throw .scanLog(path: path, reason: Self.describe(error))
        }
    }

    /// Every scan, oldest first; only those at or after `since` (`YYYY-MM-DD…`) when given.
    public func scans(since: String? = nil) throws(VerifyError) -> [ScanRecord] {
        do {
            return try database.read { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT scanned_at, shop, verdict, issuer, gtin, lot, serial, units_issued FROM scans
                    WHERE scanned_at >= ? ORDER BY scanned_at, id
                    """, arguments: [since ?? ""])
                return rows.map { row in
                    ScanRecord(scannedAt: row[0], shop: row[1], verdict: row[2], issuer: row[3], gtin: row[4],
                               lot: row[5], serial: row[6], unitsIssued: row[7])
                }
            }
        } catch {
            throw .scanLog(path: path, reason: Self.describe(error))
        }
    }

    private static func insert(_ record: ScanRecord, into db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO scans (scanned_at, shop, verdict, issuer, gtin, lot, serial, units_issued)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [record.scannedAt, record.shop, record.verdict, record.issuer, record.gtin,
                                          record.lot, record.serial, record.unitsIssued])
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? error.description }
        return error.localizedDescription
    }
}
