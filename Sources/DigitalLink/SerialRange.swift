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

    /// The last unit number (equal to `first - 1` for an empty range).
    public var last: Int { first + count - 1 }

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
