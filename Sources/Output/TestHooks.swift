import Foundation
import Synchronization

/// Hooks the crash tests use to stop a real `passport` process at a named moment and kill it
/// there (docs/security.md). Read from the environment once; without the variables they do nothing.
///
/// - `PASSPORT_TEST_STOP_AT=<point>` or `<point>#<n>`: the process stops itself (`SIGSTOP`) on
///   reaching `<point>` (the n-th time, default the first); the test then kills it with `SIGKILL`.
///   Points: see `StopPoint`.
/// - `PASSPORT_TEST_RENAME_FALLBACK=1`: output is swapped in with two renames, as on file systems
///   without `renameat2(RENAME_EXCHANGE)`.
public enum TestHooks {
    /// A moment a run can be stopped at.
    public enum StopPoint: String, CaseIterable, Sendable {
        /// The staging folder exists and is locked; nothing written yet.
        case staged = "staged"
        /// A file was written with `FileWriter.write` (use `file-written#<n>` for the n-th).
        case fileWritten = "file-written"
        /// Every part is written; what the run did not produce is not yet carried over.
        case beforeCarryOver = "before-carry-over"
        /// The staging folder is complete and flushed; the swap is next.
        case beforeSwap = "before-swap"
        /// Fallback only: the previous output was renamed aside; the new one is not yet in place.
        case betweenRenames = "between-renames"
        /// The new output is in place; the previous one is not yet removed.
        case afterSwap = "after-swap"
        /// Part of the previous output has been removed.
        case removingOld = "removing-old"
        /// An atomic file write has its temporary file flushed; the rename over the old file is next.
        case beforeFileRename = "before-file-rename"
        /// Trust store: the bundle file is written; `trust.json` does not name it yet.
        case bundleWritten = "bundle-written"
        /// Trust store: `trust.json` is replaced; files it no longer names are not yet removed.
        case storeSaved = "store-saved"
    }

    static let stopAt: (point: StopPoint, time: Int)? = {
        guard let text = ProcessInfo.processInfo.environment["PASSPORT_TEST_STOP_AT"] else { return nil }
        let parts = text.split(separator: "#", maxSplits: 1)
        guard let first = parts.first, let point = StopPoint(rawValue: String(first)) else { return nil }
        let time = parts.count == 2 ? Int(parts[1]) ?? 1 : 1
        return (point, time)
    }()
    static let renameFallback = ProcessInfo.processInfo.environment["PASSPORT_TEST_RENAME_FALLBACK"] == "1"
    private static let reachedCount = Mutex(0)

    /// Stops the process here when the crash test asked for `point` (and this is the time it named).
    public static func reached(_ point: StopPoint) {
        guard let stop = stopAt, stop.point == point else { return }
        let time = reachedCount.withLock { count in
            count += 1
            return count
        }
        if time == stop.time { Syscalls.stopSelf() }
    }
}
