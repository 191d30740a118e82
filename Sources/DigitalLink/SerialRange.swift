/// The serial numbers (AI 21) issued for a batch: `prefix` then `first`…`first + count - 1`,
/// each zero-padded to `digits` digits (`S` + 000001 … 000300).
///
/// Records, labels, the site and the verification bundle all number units this one way.
public struct SerialRange: Sendable, Hashable {
    public var prefix: String
    public var first: Int
    public var count: Int
    public var digits: Int

    public init(prefix: String, first: Int, count: Int, digits: Int) {
        self.prefix = prefix
        self.first = first
        self.count = count
        self.digits = digits
    }

    /// The largest unit number a serial may carry: 18 digits, the most `digits` allows.
    public static let maximumNumber = 999_999_999_999_999_999

    /// The last unit number (equal to `first - 1` for an empty range). Never traps: a range that
    /// `problem(first:count:digits:)` refuses saturates at `Int.max`/`Int.min` instead.
    public var last: Int {
        let (sum, overflow) = first.addingReportingOverflow(count)
        if overflow { return count > 0 ? Int.max : Int.min }
        return sum == Int.min ? sum : sum - 1
    }

    /// What is wrong with a range read from a record or a bundle, checked before any arithmetic on
    /// it: `first` and the last number within 0…`maximumNumber`, `count` at least 0, `digits` 1…18.
    public static func problem(first: Int, count: Int, digits: Int) -> String? {
        if !(1...18).contains(digits) { return "digits must be 1 to 18, not \(digits)" }
        if !(0...maximumNumber).contains(first) { return "first must be 0 to \(maximumNumber), not \(first)" }
        if count < 0 { return "count must not be negative" }
        if count > maximumNumber - first + 1 {
            return "the last serial number, \(first) + \(count) - 1, is beyond \(maximumNumber)"
        }
        return nil
    }

    /// The serial text of unit number `number`.
    public func serial(_ number: Int) -> String {
        let digitsText = String(number)
        let padding = max(0, digits - digitsText.count)
        return prefix + String(repeating: "0", count: padding) + digitsText
    }

    /// Whether `serial` is one of the serials of this range, written exactly as issued.
    public func contains(_ serial: String) -> Bool { number(of: serial) != nil }

    /// The unit number a serial text stands for, if it lies in this range.
    public func number(of serial: String) -> Int? {
        guard serial.hasPrefix(prefix) else { return nil }
        let rest = serial.dropFirst(prefix.count)
        guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isNumber }),
              let number = Int(rest), serial == self.serial(number),
              number >= first, number - first < count else { return nil }
        return number
    }
}
