import Foundation

/// A run of serial numbers such as "000100-000199": the serials to print for a serialized batch.
///
/// Serials keep the width of the first one (leading zeros), so they sort as text too.
public struct SerialRange: Sendable, Hashable, CustomStringConvertible {
    /// The first serial's number and how many follow it (itself included).
    public let first: Int
    public let count: Int
    /// Digits per serial, zero-padded.
    public let width: Int

    /// `count` serials from `first`, zero-padded to `width` digits.
    public init(first: Int, count: Int, width: Int = 1) throws(LabelError) {
        guard first >= 0, count >= 1 else {
            throw .invalidRequest("A serial range needs a first serial of 0 or more and at least one serial.")
        }
        guard first <= Int.max - count else { throw .invalidRequest("The serial range is too large.") }
        self.first = first
        self.count = count
        self.width = max(width, 1)
    }

    /// Parses "100-199", "000100-000199" or a single serial "000100". Both ends are included.
    public init(parsing text: String) throws(LabelError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let low = Int(parts[0]), let high = Int(parts[parts.count - 1]) else {
            throw .invalidRequest("'\(text)' is not a serial range; write it like 000001-000500.")
        }
        guard high >= low else {
            throw .invalidRequest("The serial range '\(text)' ends before it starts.")
        }
        try self.init(first: low, count: high - low + 1, width: parts[0].count)
    }

    /// The serial of label `index` (0-based) as printed.
    public subscript(index: Int) -> String {
        let digits = String(first + index)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    public var last: String { self[count - 1] }

    public var description: String { count == 1 ? self[0] : "\(self[0])–\(last)" }
}

extension LabelRunRequest {
    /// The date in `SOURCE_DATE_EPOCH` (seconds since 1970), the reproducible-builds convention
    /// for a fixed document date; nil when it is not set or not a number.
    public static func sourceDateEpoch(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Date? {
        guard let text = environment["SOURCE_DATE_EPOCH"], let seconds = Int64(text) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
