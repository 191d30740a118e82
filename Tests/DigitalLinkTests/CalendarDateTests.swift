import DigitalLink
import Testing

@Suite("Calendar days and GS1 dates")
struct CalendarDateTests {
    let today = CalendarDate(year: 2026, month: 10, day: 26)!

    @Test("GS1 dates: YYMMDD with the sliding century, day 00 is the month's last day")
    func gs1Dates() {
        func day(_ text: String) -> String? { CalendarDate(gs1YYMMDD: text, today: today)?.description }
        #expect(day("270630") == "2027-06-30")
        #expect(day("240200") == "2024-02-29")
        #expect(day("250200") == "2025-02-28")
        #expect(day("990101") == "1999-01-01")
        #expect(day("751231") == "2075-12-31")
        #expect(day("761231") == "2076-12-31")
        #expect(day("771231") == "1977-12-31")
        #expect(day("261331") == nil)
        #expect(day("260231") == nil)
        #expect(day("260001") == nil)
        #expect(day("26023") == nil)
        #expect(day("26-2-3") == nil)
        #expect(CalendarDate(year: 2027, month: 6, day: 30)?.gs1YYMMDD == "270630")
    }

    @Test("YYYY-MM-DD: real days only")
    func days() {
        #expect(CalendarDate("2024-02-29")?.description == "2024-02-29")
        #expect(CalendarDate("2025-02-29") == nil)
        #expect(CalendarDate("2025-2-01") == nil)
        #expect(CalendarDate("２０２５-01-01") == nil)
        #expect(CalendarDate(daysSince1970: 0).description == "1970-01-01")
        #expect(CalendarDate("2026-10-26")?.daysSince1970 == 20_752)
    }
}
