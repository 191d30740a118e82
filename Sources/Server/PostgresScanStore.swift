internal import Logging
internal import NIOConcurrencyHelpers
internal import PostgresNIO
internal import Verify

/// The scan log in PostgreSQL, shared by every `passport serve` process that names the same
/// database: a serial scanned at two shops is SEEN BEFORE at the second, whichever server it hit.
///
/// Scans that arrive while earlier ones are being written are written together, in one
/// transaction (`passport_record_scans`, see `PostgresSchema`): one round trip and one commit for
/// the lot, so a busy server pays for a commit per batch, not per scan. A scan is answered only
/// when the transaction holding it has committed. An idle server writes each scan at once.
final class PostgresScanStore: ScanStore {
    typealias Waiter = CheckedContinuation<Result<Verdict.EarlierScans?, ServeError>, Never>

    private struct State {
        var pending: [(scan: PendingScan, waiter: Waiter)] = []
        var writers = 0
    }

    let client: PostgresClient
    let logger: Logger
    /// Batches written at once (each holds a connection).
    let maximumWriters: Int
    let maximumBatch = 256
    private let state = NIOLockedValueBox(State())

    init(client: PostgresClient, logger: Logger, maximumWriters: Int) {
        self.client = client
        self.logger = logger
        self.maximumWriters = max(1, maximumWriters)
    }

    func record(_ scan: PendingScan) async throws(ServeError) -> Verdict.EarlierScans? {
        let result = await withCheckedContinuation { (waiter: Waiter) in
            let batch: [(scan: PendingScan, waiter: Waiter)]? = state.withLockedValue { state in
                state.pending.append((scan, waiter))
                guard state.writers < maximumWriters else { return nil }
                state.writers += 1
                return take(&state)
            }
            if let batch { Task { await write(batch) } }
        }
        return try result.get()
    }

    /// Writes batches until nothing is pending, then stops.
    private func write(_ first: [(scan: PendingScan, waiter: Waiter)]) async {
        var batch = first
        while !batch.isEmpty {
            let outcome = await commit(batch.map(\.scan))
            for (index, item) in batch.enumerated() {
                item.waiter.resume(returning: outcome.map { $0[index] })
            }
            batch = state.withLockedValue { state in
                let next = take(&state)
                if next.isEmpty { state.writers -= 1 }
                return next
            }
        }
    }

    private func take(_ state: inout State) -> [(scan: PendingScan, waiter: Waiter)] {
        let count = min(maximumBatch, state.pending.count)
        let batch = Array(state.pending.prefix(count))
        state.pending.removeFirst(count)
        return batch
    }

    /// Writes scans in one transaction; the earlier sightings of each, in the order given.
    func commit(_ scans: [PendingScan]) async -> Result<[Verdict.EarlierScans?], ServeError> {
        // Units in one order everywhere (arrival order kept within a unit): no two batches wait
        // for each other's locks.
        let order = scans.indices.sorted { a, b in
            let x = scans[a].record, y = scans[b].record
            return (x.gtin, x.lot, x.serial, a) < (y.gtin, y.lot, y.serial, b)
        }
        let sorted = order.map { scans[$0] }
        var answers = [Verdict.EarlierScans?](repeating: nil, count: scans.count)
        do {
            var answered = 0
            for try await (ordinal, count, first, last, shops) in try await client.execute(RecordScans(sorted), logger: logger) {
                let position = Int(ordinal) - 1
                guard sorted.indices.contains(position) else { continue }
                answered += 1
                if count > 0 {
                    answers[order[position]] = Verdict.EarlierScans(count: Int(count), first: first ?? "", last: last ?? "",
                                                                    shops: shops ?? [])
                }
            }
            guard answered == scans.count else {
                return .failure(.database("recording \(scans.count) scans answered \(answered)"))
            }
            return .success(answers)
        } catch {
            logger.error("scans not recorded", metadata: ["scans": "\(scans.count)", "error": "\(PostgresFailure.describe(error))"])
            return .failure(.database(PostgresFailure.describe(error)))
        }
    }
}

/// `passport_record_scans` as a prepared statement: parsed and planned once per connection.
struct RecordScans: PostgresPreparedStatement {
    static let name = "passport_record_scans_v1"
    static let sql = """
        SELECT ordinal, earlier_count, earlier_first, earlier_last, earlier_shops
        FROM passport_record_scans($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        """
    typealias Row = (Int32, Int64, String?, String?, [String]?)

    let scans: [PendingScan]

    init(_ scans: [PendingScan]) { self.scans = scans }

    func makeBindings() throws -> PostgresBindings {
        let records = scans.map(\.record)
        var bindings = PostgresBindings(capacity: 10)
        bindings.append(records.map(\.scannedAt))
        bindings.append(records.map(\.shop))
        bindings.append(records.map(\.verdict))
        bindings.append(scans.map { $0.record(seenBefore: true).verdict })
        bindings.append(records.map(\.issuer))
        bindings.append(records.map(\.gtin))
        bindings.append(records.map(\.lot))
        bindings.append(records.map(\.serial))
        bindings.append(records.map { $0.unitsIssued.map { Int32(clamping: $0) } ?? -1 })
        bindings.append(scans.map(\.serialized))
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode(Row.self)
    }
}
