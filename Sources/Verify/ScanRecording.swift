import Credentials
public import Foundation

/// One scan ready for a scan log: the record to store, and whether earlier sightings of the same
/// unit must be looked up first (in the same transaction).
///
/// This is the seam between checking a code and recording it. `Verifier.verify` records through
/// `ScanLog` at once (synchronously, as `passport verify` always did); `passport serve` evaluates
/// with `Verifier.evaluate`, records the pending scan through its own asynchronous store (SQLite
/// through `ScanLog` on a thread pool, or PostgreSQL), then applies the answer with
/// `Verdict.recorded(earlier:of:timeZone:)`. Both paths give the same verdict for the same log.
public struct PendingScan: Sendable, Equatable {
    /// A genuine code of a serialized unit: earlier sightings are looked up, and make the verdict
    /// (and the stored record) SEEN BEFORE.
    public var serialized: Bool
    /// The record stored when the unit was not seen before.
    public var record: ScanRecord
    /// Earlier scans, all at this shop and the first at most this many seconds ago, are this same
    /// sale scanned again, not a copy (0: never).
    public var sameSaleWindow: TimeInterval

    public init(serialized: Bool, record: ScanRecord, sameSaleWindow: TimeInterval = 0) {
        self.serialized = serialized
        self.record = record
        self.sameSaleWindow = sameSaleWindow
    }

    /// Whether `earlier` sightings are this same sale scanned again: all of them at this shop,
    /// the first within the same-sale window. Decided here, from what any scan log reports, so
    /// every scan log behaves alike.
    public func isSameSale(_ earlier: Verdict.EarlierScans) -> Bool {
        guard sameSaleWindow > 0, earlier.shops == [record.shop], let first = XSDDateTime.date(from: earlier.first),
              let now = XSDDateTime.date(from: record.scannedAt) else { return false }
        let elapsed = now.timeIntervalSince(first)
        return elapsed >= 0 && elapsed <= sameSaleWindow
    }

    /// The record to store, given whether earlier sightings were found.
    public func record(seenBefore: Bool) -> ScanRecord {
        guard seenBefore else { return record }
        var seen = record
        seen.verdict = Verdict.Kind.seenBefore.rawValue
        return seen
    }

    /// The record to store, given the earlier sightings found (a same-sale rescan keeps its verdict).
    public func record(earlier: Verdict.EarlierScans?) -> ScanRecord {
        record(seenBefore: earlier.map { !isSameSale($0) } ?? false)
    }
}

extension Verdict {
    /// What to record for this verdict, scanned at `shop`; `nil` when the code named no batch
    /// (nothing a scan log could match later).
    public func pendingScan(shop: String, sameSaleWindow: TimeInterval) -> PendingScan? {
        guard let item, let lot = item.lot else { return nil }
        let record = ScanRecord(scannedAt: XSDDateTime.string(from: scannedAt), shop: shop, verdict: kind.rawValue,
                                issuer: item.producerDID ?? "", gtin: item.gtin, lot: lot, serial: item.serial ?? "",
                                unitsIssued: item.unitsIssued)
        return PendingScan(serialized: kind.isGenuine && item.serial != nil, record: record, sameSaleWindow: sameSaleWindow)
    }

    /// Applies the scan log's answer for `scan`: earlier sightings of the unit turn the verdict
    /// into SEEN BEFORE, unless they are the same sale scanned again (noted with the first scan's
    /// time on the shop's clock, in `timeZone`).
    public mutating func recorded(earlier: EarlierScans?, of scan: PendingScan, timeZone: TimeZone) {
        guard let earlier else { return }
        if scan.isSameSale(earlier), let first = XSDDateTime.date(from: earlier.first) {
            markScannedAgain(at: Self.clockTime(first, in: timeZone))
        } else {
            markSeenBefore(earlier)
        }
    }

    /// `HH:MM` on the shop's clock.
    static func clockTime(_ date: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }

    /// Notes that the scan could not be recorded: a warning, since copies cannot be spotted.
    public mutating func notRecorded(_ reason: String) {
        checks.append(.init("scan log", .warning, "this scan was not recorded, so copies cannot be spotted: \(reason)"))
        if kind == .genuine { kind = .genuineWithWarnings }
        self.reason = summaryReason()
    }
}

extension ScanLog {
    /// Records a pending scan; returns the earlier sightings of its unit (`nil` when none, or when
    /// the scan is not of a genuine serialized unit). Lookup and insert are one transaction.
    public func record(_ scan: PendingScan) throws(VerifyError) -> Verdict.EarlierScans? {
        var seen: Verdict.EarlierScans?
        _ = try record(serialized: scan.serialized, gtin: scan.record.gtin, lot: scan.record.lot,
                       serial: scan.record.serial) { earlier in
            seen = earlier
            return scan.record(earlier: earlier)
        }
        return seen
    }
}
