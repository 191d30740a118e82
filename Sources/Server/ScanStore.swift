internal import NIOPosix
internal import Verify

/// Where `passport serve` records scans and looks up earlier sightings of a unit.
///
/// `record` returns only once the scan is committed (a crash after that loses nothing), and never
/// blocks an event loop: SQLite writes run on a thread pool, PostgreSQL is asynchronous.
protocol ScanStore: Sendable {
    /// Records a scan; returns the earlier sightings of its unit, as `ScanLog.record` does.
    func record(_ scan: PendingScan) async throws(ServeError) -> Verdict.EarlierScans?
}

/// The scan log in a SQLite file (the same `ScanLog` that `passport verify` writes), with its
/// blocking writes on NIO's thread pool.
struct SQLiteScanStore: ScanStore {
    let log: ScanLog
    let pool: NIOThreadPool

    func record(_ scan: PendingScan) async throws(ServeError) -> Verdict.EarlierScans? {
        let log = self.log
        do {
            return try await pool.runIfActive { () throws(VerifyError) -> Verdict.EarlierScans? in
                try log.record(scan)
            }
        } catch let error as VerifyError {
            throw .unreadable(path: log.path, reason: error.description)
        } catch {
            throw .unreadable(path: log.path, reason: "the scan log is shutting down (\(error))")
        }
    }
}
