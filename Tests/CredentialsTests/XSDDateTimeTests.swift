import Foundation
import PassportTestSupport
import Testing
@testable import Credentials

@Suite("XML Schema dateTime")
struct XSDDateTimeTests {
    @Test("accepted forms", arguments: [
        ("2026-01-01T00:00:00Z", 1_767_225_600.0),
        ("2026-01-01T00:00:00.5Z", 1_767_225_600.5),
        ("2026-01-01T00:00:00.123456789Z", 1_767_225_600.123456789),
        ("2026-01-01T01:00:00+01:00", 1_767_225_600.0),
        ("2025-12-31T19:00:00-05:00", 1_767_225_600.0),
        ("2026-01-01t00:00:00z", 1_767_225_600.0),
        ("2025-12-31T24:00:00Z", 1_767_225_600.0),
        ("2024-02-29T12:00:00Z", 1_709_208_000.0),
        ("1970-01-01T00:00:00Z", 0.0),
        ("1969-12-31T23:59:59Z", -1.0),
    ])
    func accepted(_ text: String, _ seconds: Double) throws {
        let date = try #require(XSDDateTime.date(from: text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 1e-6, "\(text)")
    }

    @Test("refused forms", arguments: [
        "", "2026-01-01", "2026-1-01T00:00:00Z", "2026-13-01T00:00:00Z", "2025-02-29T00:00:00Z",
        "2026-04-31T00:00:00Z", "2026-01-01T25:00:00Z", "2026-01-01T24:00:01Z", "2026-01-01T00:60:00Z",
        "2026-01-01T00:00:00+1:00", "2026-01-01T00:00:00+0100", "2026-01-01T00:00:00.Z",
        "2026-01-01T00:00:00Zjunk", "26-01-01T00:00:00Z", "02026-01-01T00:00:00Z", "next tuesday",
        "2026-01-01T00:00:00", "2026-01-01 00:00:00Z",
    ])
    func refused(_ text: String) {
        #expect(XSDDateTime.date(from: text) == nil, "\(text)")
    }

    @Test("agrees with Foundation's ISO 8601 formatter over a wide range")
    func agreesWithFoundation() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var generator = SeededGenerator(state: 2026)
        for _ in 0..<2000 {
            // 1900 … 2200
            let seconds = Double(Int.random(in: -2_208_988_800...7_258_118_400, using: &generator))
            let date = Date(timeIntervalSince1970: seconds)
            let ours = XSDDateTime.string(from: date)
            #expect(ours == formatter.string(from: date))
            #expect(XSDDateTime.date(from: ours) == date)
            #expect(formatter.date(from: ours) == date)
        }
    }
}
