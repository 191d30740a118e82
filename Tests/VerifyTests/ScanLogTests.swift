import Credentials
import Foundation
import PassportTestSupport
import Testing
@testable import Verify

@Suite("Scan log, exports and clone detection")
struct ScanLogTests {
    let fixture = Fixture()

    @Test("the second scan of a serial, a day later, is SEEN BEFORE; lot codes and failures never are")
    func seenBefore() throws {
        let log = try ScanLog(path: ":memory:")
        let code = fixture.code(serial: "000042")
        #expect(try fixture.verifier(scanLog: log).verify(code).kind == .genuine)
        let verifier = try fixture.verifier(now: Fixture.now.addingTimeInterval(86_400), scanLog: log)
        let second = verifier.verify(code)
        #expect(second.kind == .seenBefore)
        #expect(second.earlierScans == .init(count: 1, first: "2026-11-05T10:00:00Z", last: "2026-11-05T10:00:00Z", shops: ["shop-a"]))
        #expect(second.reason == "serial 000042 of lot N2026S was already scanned once (first 2026-11-05T10:00:00Z, at shop-a): this label may be a copy — check the item")
        #expect(verifier.verify(code).earlierScans?.count == 2)
        let lot = "https://oliveto.example/01/08012345000012/10/L2026A"
        #expect(verifier.verify(lot).kind == .genuine)
        #expect(verifier.verify(lot).kind == .genuine)
        let forged = code.replacingOccurrences(of: "000042", with: "000043")
        #expect(verifier.verify(forged).kind == .tampered)
        #expect(verifier.verify(fixture.code(serial: "000043")).kind == .genuine)
        let scans = try log.scans()
        #expect(scans.map(\.verdict) == ["GENUINE", "SEEN_BEFORE", "SEEN_BEFORE", "GENUINE", "GENUINE", "TAMPERED", "GENUINE"])
        #expect(scans[3].unitsIssued == 1200)
        #expect(scans[0].issuer == "did:web:oliveto.example")
    }

    @Test("scanned again at the same shop within ten minutes is the same sale; later, or elsewhere, SEEN BEFORE")
    func sameSale() throws {
        let log = try ScanLog(path: ":memory:")
        let code = fixture.code(serial: "000042")
        func scan(after seconds: TimeInterval, at shop: String = "shop-a") throws -> Verdict {
            try fixture.verifier(now: Fixture.now.addingTimeInterval(seconds), scanLog: log, shop: shop).verify(code)
        }
        #expect(try scan(after: 0).kind == .genuine)
        let again = try scan(after: 5)
        #expect(again.kind == .genuine)
        #expect(again.earlierScans == nil)
        #expect(again.reason.contains("serial 000042 · Oliveto · scanned again here at 10:00"), "\(again.reason)")
        #expect(!again.reason.contains("copy"))
        #expect(again.checks.last == .init("scan log", .passed, "scanned again here at 10:00: the same sale, not a copy"))
        #expect(try scan(after: 600).kind == .genuine)   // ten minutes after the first scan: still the same sale
        let later = try scan(after: 601)
        #expect(later.kind == .seenBefore)
        #expect(later.earlierScans?.count == 3)
        let elsewhere = try fixture.verifier(scanLog: log, shop: "shop-b").verify(fixture.code(serial: "000043"))
        #expect(elsewhere.kind == .genuine)
        #expect(try scan(after: 30, at: "shop-b").kind == .seenBefore)
        let otherUnit = try fixture.verifier(now: Fixture.now.addingTimeInterval(30), scanLog: log).verify(fixture.code(serial: "000043"))
        #expect(otherUnit.kind == .seenBefore, "scanned at shop-b first, then here")
        // In time order: 000042 and 000043 at 10:00:00, 000042 at :05, both at :30, 000042 at 10:10:00 and 10:10:01.
        #expect(try log.scans().map(\.verdict) == ["GENUINE", "GENUINE", "GENUINE", "SEEN_BEFORE", "SEEN_BEFORE", "GENUINE", "SEEN_BEFORE"])
    }

    @Test("a scan log that cannot be opened is an error naming the file")
    func unusable() throws {
        let folder = try TemporaryFolder()
        let path = folder.appending("scans.sqlite").path
        try Data("this is not a database, just text that fills the header".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: VerifyError.self) { _ = try ScanLog(path: path) }
        do { _ = try ScanLog(path: path) } catch {
            #expect(error.description.hasPrefix("The scan log \(path) cannot be used: file is not a database"))
        }
    }

    @Test("CSV export round-trips, quoting what needs quoting")
    func csv() throws {
        let records = [
            ScanRecord(scannedAt: "2026-11-05T10:00:00Z", shop: "Bottega \"Da Rita\", Siena", verdict: "GENUINE",
                       issuer: "did:web:oliveto.example", gtin: "08012345000029", lot: "N2026S", serial: "000042", unitsIssued: 1),
            ScanRecord(scannedAt: "2026-11-05T11:00:00Z", shop: "line\nbreak", verdict: "GENUINE", issuer: "",
                       gtin: "08012345000012", lot: "L2026A", serial: "", unitsIssued: nil),
        ]
        let text = ScanCSV.text(records)
        #expect(text.hasPrefix("scanned_at,shop,verdict,issuer,gtin,lot,serial,units_issued\r\n2026-11-05T10:00:00Z,\"Bottega \"\"Da Rita\"\", Siena\",GENUINE,"))
        #expect(try ScanCSV.records(from: text, path: "a.csv") == records)
    }

    @Test("bad CSV is refused with the line at fault")
    func badCSV() {
        let header = ScanCSV.columns.joined(separator: ",") + "\n"
        let cases: [(String, VerifyError)] = [
            ("", .invalidScanExport(path: "x.csv", line: 1, reason: "the file is empty")),
            ("a,b\n", .invalidScanExport(path: "x.csv", line: 1, reason: "the header must be scanned_at,shop,verdict,issuer,gtin,lot,serial,units_issued")),
            (header + "2026-11-05T10:00:00Z,s,GENUINE,i,g,l\n", .invalidScanExport(path: "x.csv", line: 2, reason: "expected 8 fields, found 6")),
            (header + "2026-11-05T10:00:00Z,s,GENUINE,i,g,l,1,many\n", .invalidScanExport(path: "x.csv", line: 2, reason: "units_issued 'many' is not a whole number")),
            (header + "2026-11-05T10:00:00Z,\"open,GENUINE\n", .invalidScanExport(path: "x.csv", line: 2, reason: "a quoted field is not closed")),
            (header + "\n2026-11-05T10:00:00Z,\"s\"x,GENUINE,i,g,l,1,1\n", .invalidScanExport(path: "x.csv", line: 3, reason: "text follows a closing quote")),
        ]
        for (text, error) in cases {
            #expect(throws: error) { _ = try ScanCSV.records(from: text, path: "x.csv") }
        }
    }

    @Test("merging shops' logs finds serials seen in two shops and lot codes seen more than units issued")
    func cloneReport() {
        func scan(_ at: String, _ shop: String, _ serial: String, lot: String = "N2026S", verdict: String = "GENUINE", units: Int = 1) -> ScanRecord {
            ScanRecord(scannedAt: at, shop: shop, verdict: verdict, issuer: "did:web:oliveto.example",
                       gtin: "08012345000029", lot: lot, serial: serial, unitsIssued: units)
        }
        let shopA = [scan("2026-11-05T10:00:00Z", "shop-a", "000042"), scan("2026-11-06T10:00:00Z", "shop-a", "000042", verdict: "SEEN_BEFORE"),
                     scan("2026-11-05T10:00:00Z", "shop-a", "000001"),
                     scan("2026-11-05T12:00:00Z", "shop-a", "", lot: "L1", units: 2), scan("2026-11-05T12:01:00Z", "shop-a", "", lot: "L1", units: 2)]
        let shopB = [scan("2026-11-07T09:00:00Z", "shop-b", "000042"), scan("2026-11-07T09:05:00Z", "shop-b", "000001", verdict: "TAMPERED"),
                     scan("2026-11-07T12:00:00Z", "shop-b", "", lot: "L1", units: 2)]
        let report = CloneReport(merging: [shopA, shopB, shopA])
        #expect(report.scans.count == 8)
        #expect(report.shops == ["shop-a", "shop-b"])
        #expect(report.sharedSerials.count == 1)
        #expect(report.sharedSerials.first?.serial == "000042")
        #expect(report.sharedSerials.first?.shops.map(\.scans) == [2, 1])
        #expect(report.oversighted == [.init(gtin: "08012345000029", lot: "L1", scans: 3, unitsIssued: 2)])
        #expect(report.lines == [
            "Merged 8 scans from 2 shops (shop-a, shop-b).",
            "Serials seen in more than one shop (possible copies):",
            "  GTIN 08012345000029 lot N2026S serial 000042: shop-a (2×, first 2026-11-05T10:00:00Z), shop-b (1×, first 2026-11-07T09:00:00Z)",
            "Lot codes scanned more often than units were issued (possible copies):",
            "  GTIN 08012345000029 lot L1: 3 genuine scans, 2 units issued",
        ])
        #expect(CloneReport(merging: [shopA]).isClean)
    }
}
