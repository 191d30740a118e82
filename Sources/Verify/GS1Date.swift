import Credentials
import Foundation

/// Calendar days as `YYYY-MM-DD` text, which compares correctly as a string, and the GS1
/// `YYMMDD` dates codes carry (AI 15 best before, AI 17 expiry).
enum GS1Date {
    /// `YYYY-MM-DD` for a `YYMMDD` value; `DD` = `00` means the last day of the month.
    /// The century follows the GS1 General Specifications (7.12): the year lies within 49 years
    /// before and 50 years after `now`.
    static func day(from value: String, now: Date) -> String? {
        let digits = Array(value.utf8)
        guard digits.count == 6, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return nil
        }
        func number(_ index: Int) -> Int { Int(digits[index] - 48) * 10 + Int(digits[index + 1] - 48) }
        let twoDigitYear = number(0), month = number(2)
        var day = number(4)
        let currentYear = Int(today(now).prefix(4)) ?? 2000
        let currentCentury = currentYear / 100 * 100
        let difference = twoDigitYear - currentYear % 100
        var year = currentCentury + twoDigitYear
        if difference >= 51 { year -= 100 } else if difference <= -50 { year += 100 }
        func text(_ day: Int) -> String { String(format: "%04d-%02d-%02d", year, month, day) }
        func exists(_ day: Int) -> Bool { XSDDateTime.date(from: text(day) + "T00:00:00Z") != nil }
        if day == 0 { day = (28...31).last(where: exists) ?? 0 }
        return exists(day) ? text(day) : nil
    }

    /// The UTC calendar day of `date`, `YYYY-MM-DD`.
    static func today(_ date: Date) -> String { String(XSDDateTime.string(from: date).prefix(10)) }

    /// The calendar day of an XML Schema dateTime or a plain `YYYY-MM-DD` text, if it is one.
    static func day(ofDateText text: String) -> String? {
        if let date = XSDDateTime.date(from: text) { return today(date) }
        if let date = XSDDateTime.date(from: text + "T00:00:00Z") { return today(date) }
        return nil
    }
}
