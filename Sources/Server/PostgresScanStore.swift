internal import Logging
internal import PostgresNIO
internal import Verify

/// The scan log in PostgreSQL, shared by every `passport serve` process that names the same
/// database: a serial scanned at two shops is SEEN BEFORE at the second, whichever server it hit.
///
/// One statement per scan (`passport_record_scan`, see `PostgresSchema`), committed before the
/// call returns.
struct PostgresScanStore: ScanStore {
    let client: PostgresClient
    let logger: Logger

    func record(_ scan: PendingScan) async throws(ServeError) -> Verdict.EarlierScans? {
        let record = scan.record
        let seen = scan.record(seenBefore: true).verdict
        let sightings = ScanRecord.sightingVerdicts.sorted()
        let units = record.unitsIssued.map(Int64.init)
        do {
            let rows = try await client.query("""
                SELECT earlier_count, earlier_first, earlier_last, earlier_shops FROM passport_record_scan(
                    \(record.scannedAt), \(record.shop), \(record.verdict), \(seen), \(record.issuer),
                    \(record.gtin), \(record.lot), \(record.serial), \(units)::integer, \(scan.serialized), \(sightings))
                """, logger: logger)
            for try await (count, first, last, shops) in rows.decode((Int64, String?, String?, [String]?).self) {
                guard count > 0 else { return nil }
                return Verdict.EarlierScans(count: Int(count), first: first ?? "", last: last ?? "", shops: shops ?? [])
            }
            throw ServeError.database("recording a scan returned no row")
        } catch {
            throw .database(PostgresFailure.describe(error))
        }
    }
}
