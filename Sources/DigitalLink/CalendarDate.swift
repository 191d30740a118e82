public import Foundation

/// A day in the proleptic Gregorian calendar, written `YYYY-MM-DD` in records.
///
/// Records speak of days (harvest, bottling, best before), not instants, so no time zone applies.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Parses `YYYY-MM-DD`; nil when the text is not a real day.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// A day from its parts; nil for impossible days such as 2025-02-29.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The UTC day that contains `date`.
    public init(containing date: Date) {
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        self = CalendarDate(daysSince1970: days)
    }

    /// The day `days` after 1970-01-01 (negative for earlier days).
    public init(daysSince1970 days: Int) {
        // Howard Hinnant's civil-from-days algorithm.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    /// Days since 1970-01-01.
    public var daysSince1970: Int { CalendarDate.daysSince1970(year: year, month: month, day: day) }

    /// Days since 1970-01-01 of a proleptic Gregorian date given by parts (not checked to be real),
    /// after Howard Hinnant's days-from-civil algorithm.
    public static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Midnight UTC at the start of this day.
    public var startDate: Date { Date(timeIntervalSince1970: Double(daysSince1970) * 86_400) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: CalendarDate) -> Int { other.daysSince1970 - daysSince1970 }

    /// `2026-10-14`. Written without `String(format:)`, which cost a site page 5% of its time.
    public var description: String {
        Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2)
    }

    /// GS1 `YYMMDD` form used by application identifiers 11, 13, 15, 16, 17.
    public var gs1YYMMDD: String {
        Self.padded(year % 100, 2) + Self.padded(month, 2) + Self.padded(day, 2)
    }

    /// `value` in decimal with leading zeros to `width` digits, as `%0<width>d` writes it.
    private static func padded(_ value: Int, _ width: Int) -> String {
        guard value >= 0 else { return String(format: "%0\(width)d", value) }
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Reads a GS1 `YYMMDD` date (AI 11, 13, 15, 16, 17) as scanned on `today`.
    ///
    /// The century follows the GS1 General Specifications (7.12): the year lies within 49 years
    /// before and 50 years after `today`. `DD` = `00` means the last day of the month.
    public init?(gs1YYMMDD value: some StringProtocol, today: CalendarDate) {
        let digits = Array(value.utf8)
        guard digits.count == 6, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return nil
        }
        func number(_ index: Int) -> Int { Int(digits[index] - 48) * 10 + Int(digits[index + 1] - 48) }
        let twoDigitYear = number(0), month = number(2), day = number(4)
        let difference = twoDigitYear - today.year % 100
        var year = today.year / 100 * 100 + twoDigitYear
        if difference >= 51 { year -= 100 } else if difference <= -50 { year += 100 }
        guard (1...12).contains(month) else { return nil }
        self.init(year: year, month: month, day: day == 0 ? CalendarDate.daysIn(month: month, year: year) : day)
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Days in `month` of `year` (proleptic Gregorian).
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = CalendarDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a YYYY-MM-DD day: \(text)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
