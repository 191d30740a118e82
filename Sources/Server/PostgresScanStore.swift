internal import Logging
internal import PostgresNIO
internal import Verify

/// The scan log in PostgreSQL, shared by every `passport serve` process that names the same
/// database: a serial scanned at two shops is SEEN BEFORE at the second, whichever server it hit.
///
/// One prepared statement per scan (`passport_record_scan`, see `PostgresSchema`), committed
/// before the call returns.
struct PostgresScanStore: ScanStore {
    let client: PostgresClient
    let logger: Logger

    func record(_ scan: PendingScan) async throws(ServeError) -> Verdict.EarlierScans? {
        do {
            for try await (count, first, last, shops) in try await client.execute(RecordScan(scan), logger: logger) {
                guard count > 0 else { return nil }
                return Verdict.EarlierScans(count: Int(count), first: first ?? "", last: last ?? "", shops: shops ?? [])
            }
            throw ServeError.database("recording a scan returned no row")
        } catch let error as ServeError {
            throw error
        } catch {
            throw .database(PostgresFailure.describe(error))
        }
    }
}

/// `passport_record_scan` as a prepared statement: parsed and planned once per connection.
struct RecordScan: PostgresPreparedStatement {
    static let name = "passport_record_scan_v1"
    static let sql = """
        SELECT earlier_count, earlier_first, earlier_last, earlier_shops
        FROM passport_record_scan($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        """
    typealias Row = (Int64, String?, String?, [String]?)

    let scan: PendingScan

    init(_ scan: PendingScan) { self.scan = scan }

    func makeBindings() throws -> PostgresBindings {
        let record = scan.record
        var bindings = PostgresBindings(capacity: 10)
        bindings.append(record.scannedAt)
        bindings.append(record.shop)
        bindings.append(record.verdict)
        bindings.append(scan.record(seenBefore: true).verdict)
        bindings.append(record.issuer)
        bindings.append(record.gtin)
        bindings.append(record.lot)
        bindings.append(record.serial)
        bindings.append(record.unitsIssued.map(Int32.init))
        bindings.append(scan.serialized)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode(Row.self)
    }
}
