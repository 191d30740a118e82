public import DigitalLink
public import Foundation

/// XML Schema `dateTime` values as VCDM 2.0 uses them (`validFrom`, `validUntil`):
/// `2026-01-01T00:00:00Z`, `2026-01-01T00:00:00.250Z`, `2026-01-01T01:00:00+01:00`.
///
/// Pure arithmetic (proleptic Gregorian calendar), no `Calendar` or formatter objects, so it
/// is fast, thread-safe and independent of the machine's locale and time zone.
public enum XSDDateTime {
    /// Reads a dateTime with its time zone, as VCDM 2.0 requires. Accepts fractional seconds of any
    /// length, `Z` or a `±hh:mm` offset, lowercase `t`/`z` (RFC 3339), and `24:00:00` (end of day).
    /// Returns `nil` for anything else: a missing zone, a space for `T`, impossible dates like
    /// February 30.
    public static func date(from text: String) -> Date? {
        var scanner = DigitScanner(Array(text.utf8))
        // Date: at least 4-digit year, then -MM-DD.
        guard let (year, yearDigits) = scanner.number(minDigits: 4, maxDigits: 9), yearDigits >= 4,
              !(yearDigits > 4 && scanner.bytes.first == UInt8(ascii: "0")),
              scanner.consume("-"), let month = scanner.fixed(2), scanner.consume("-"), let day = scanner.fixed(2),
              (1...12).contains(month), (1...CalendarDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        guard scanner.consume("T") || scanner.consume("t"),
              let hour = scanner.fixed(2), scanner.consume(":"), let minute = scanner.fixed(2),
              scanner.consume(":"), let second = scanner.fixed(2) else { return nil }
        var fraction = 0.0
        if scanner.consume(".") {
            let start = scanner.position
            guard let _ = scanner.number(minDigits: 1, maxDigits: 64) else { return nil }
            let digits = String(decoding: scanner.bytes[start..<scanner.position], as: UTF8.self)
            fraction = Double("0." + digits) ?? 0
        }
        let endOfDay = hour == 24 && minute == 0 && second == 0 && fraction == 0
        guard (hour < 24 || endOfDay), minute < 60, second <= 60 else { return nil }
        var offsetSeconds = 0
        if scanner.consume("Z") || scanner.consume("z") {
            offsetSeconds = 0
        } else if let sign = scanner.sign() {
            guard let offsetHours = scanner.fixed(2), scanner.consume(":"), let offsetMinutes = scanner.fixed(2),
                  offsetHours <= 23, offsetMinutes < 60 else { return nil }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        } else {
            return nil
        }
        guard scanner.atEnd else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Writes a date as `YYYY-MM-DDThh:mm:ssZ` in UTC, dropping any fraction of a second.
    public static func string(from date: Date) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secondOfDay = total - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = String(year)
        let paddedYear = String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText
        return "\(paddedYear)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
    }

    /// `YYYY-MM-DDT00:00:00Z`: the first instant of a day records speak of (UTC).
    public static func startOfDay(_ day: CalendarDate) -> String { "\(day)T00:00:00Z" }

    /// `YYYY-MM-DDT23:59:59Z`: the last whole second of a day (UTC).
    public static func endOfDay(_ day: CalendarDate) -> String { "\(day)T23:59:59Z" }

    /// The UTC day of a dateTime, or the day a plain `YYYY-MM-DD` names; nil for anything else.
    public static func day(ofDayOrDateTime text: String) -> CalendarDate? {
        CalendarDate(text) ?? date(from: text).map(CalendarDate.init(containing:))
    }

    /// Days from 1970-01-01 to the given civil date (H. Hinnant's algorithm).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        CalendarDate.daysSince1970(year: year, month: month, day: day)
    }

    /// The civil date of a day count since 1970-01-01 (inverse of `daysSinceEpoch`).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let date = CalendarDate(daysSince1970: days)
        return (date.year, date.month, date.day)
    }
}

/// Reads ASCII digits and punctuation from a byte array, front to back.
private struct DigitScanner {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }

    mutating func consume(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue, position < bytes.count, bytes[position] == ascii else { return false }
        position += 1
        return true
    }

    /// +1 for `+`, -1 for `-`, nil otherwise.
    mutating func sign() -> Int? {
        if consume("+") { return 1 }
        if consume("-") { return -1 }
        return nil
    }

    /// Reads `minDigits...maxDigits` digits; the value (capped at 9 significant digits) and digit count.
    mutating func number(minDigits: Int, maxDigits: Int) -> (Int, Int)? {
        var value = 0
        var count = 0
        while position < bytes.count, count < maxDigits,
              (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            if count < 9 { value = value * 10 + Int(bytes[position] - UInt8(ascii: "0")) }
            position += 1
            count += 1
        }
        return count >= minDigits ? (value, count) : nil
    }

    /// Reads exactly `digits` digits.
    mutating func fixed(_ digits: Int) -> Int? {
        let start = position
        guard let (value, count) = number(minDigits: digits, maxDigits: digits), count == digits else {
            position = start
            return nil
        }
        return value
    }
}
